// The rows of an answer export (CSV now, any tabular format later): which answers, in which
// order, and each one as the cells a manager reads. Times are given twice, in UTC and in the
// local time of the location the answer was given at (with its offset, so the hour a fall-back
// repeats is still told apart); reasons by their labels in the survey version the answer was
// asked with, in the language it was answered in. Contact details are personal data: they are
// only among the columns when the caller (an admin who asked) says so.
import { sql, type CompiledQuery } from 'kysely';
import type { Contact } from '../../shared/answer.ts';
import type { Storage } from '../db/open.ts';
import { fromJson, toFlag, toIso } from '../db/values.ts';
import { reasonLabelsOf } from '../kiosk-api/surveys.ts';
import { reportAnswers, type AnswerFilter } from './answers.ts';
import { LocalClock } from './local-clock.ts';
import { atPlacesWithin, type Place } from './places.ts';

export interface ExportScope {
  /** The locations to export (already checked against who asks), with their zones. */
  locations: readonly Pick<Place, 'id' | 'timeZone'>[];
  /** Local days, both included, at each answer's own location ("YYYY-MM-DD"); open when left out. */
  days: { from?: string | undefined; to?: string | undefined };
  filter: Omit<AnswerFilter, 'locationIds' | 'from' | 'to'>;
  withContact: boolean;
}

export type Cell = string | number | null;

const COLUMNS = [
  'Answer ID',
  'Answered (UTC)',
  'Answered (local time)',
  'Received (UTC)',
  'Received (local time)',
  'Time zone',
  'Location',
  'Touchpoint',
  'Survey version',
  'Language',
  'Status',
  'Smiley (1-5)',
  'NPS (0-10)',
  'CES (1-7)',
  'Reasons',
  'Comment',
  'Talk now',
  'Possible repeat',
];
const CONTACT_COLUMNS = ['Contact name', 'Contact phone', 'Contact e-mail', 'Consent version'];

export function exportHeader(scope: ExportScope): string[] {
  return scope.withContact ? [...COLUMNS, ...CONTACT_COLUMNS] : COLUMNS;
}

/** The export's query, oldest answer first (ties by id, so the order is total). */
export function exportQuery(storage: Storage, scope: ExportScope) {
  const { days } = scope;
  return reportAnswers(storage.db, scope.filter)
    .innerJoin('locations', 'locations.id', 'answers.location_id')
    .leftJoin('touchpoints', 'touchpoints.id', 'answers.touchpoint_id')
    .where(atPlacesWithin(scope.locations, () => days))
    .select([
      'answers.id',
      'answers.finalized_at',
      'answers.received_at',
      'locations.time_zone',
      'locations.name as location',
      'touchpoints.name as touchpoint',
      'answers.survey_version',
      'answers.survey_id',
      'answers.language',
      'answers.status',
      'answers.smiley',
      'answers.nps',
      'answers.ces',
      'answers.reasons',
      'answers.comment',
      'answers.talk_now',
      'answers.possible_repeat',
    ])
    .$if(scope.withContact, (q) => q.select('answers.contact'))
    .$if(!scope.withContact, (q) => q.select(sql<null>`null`.as('contact')))
    .orderBy('answers.finalized_at')
    .orderBy('answers.id')
    .compile();
}

export type ExportRow = ReturnType<typeof exportQuery> extends CompiledQuery<infer R> ? R : never;

/** Turns a page of export rows into cells; keeps each survey's reason labels once read. */
export function exportCells(storage: Storage, scope: ExportScope) {
  const labels = new Map<string, Map<string, string>>();
  const clock = new LocalClock();
  const key = (row: ExportRow) => `${row.survey_id} ${row.language}`;
  /** The labels of every survey and language on the page, read before its rows are written. */
  const readLabels = async (rows: ExportRow[]) => {
    for (const row of rows)
      if (row.survey_id !== null && !labels.has(key(row)))
        labels.set(key(row), await reasonLabelsOf(storage, row.survey_id, row.language));
  };
  const cellsOf = (row: ExportRow): Cell[] => {
    const answered = new Date(toIso(row.finalized_at)!);
    const received = new Date(toIso(row.received_at)!);
    const names = labels.get(key(row));
    const reasons = fromJson<string[]>(row.reasons).map((id) => names?.get(id) ?? id);
    const cells: Cell[] = [
      row.id,
      answered.toISOString(),
      clock.iso(answered, row.time_zone),
      received.toISOString(),
      clock.iso(received, row.time_zone),
      row.time_zone,
      row.location,
      row.touchpoint,
      row.survey_version,
      row.language,
      row.status,
      row.smiley,
      row.nps,
      row.ces,
      reasons.join('; '),
      row.comment,
      toFlag(row.talk_now) ? 'yes' : 'no',
      toFlag(row.possible_repeat) ? 'yes' : 'no',
    ];
    if (!scope.withContact) return cells;
    const contact = row.contact === null ? null : fromJson<Contact>(row.contact);
    return [
      ...cells,
      contact?.name ?? null,
      contact?.phone ?? null,
      contact?.email ?? null,
      contact?.consentVersion ?? null,
    ];
  };
  return async (rows: ExportRow[]): Promise<Cell[][]> => {
    await readLabels(rows);
    return rows.map(cellsOf);
  };
}
