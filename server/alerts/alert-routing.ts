// From stored kiosk data to staff alerts. Runs after the ingest transaction commits, one step at
// a time (a promise chain), so an answer that arrives right after its alert sees the alert's
// row. Decisions, in order: thresholds; one staff alert per answer and kind; quiet hours (stored
// and shown, channels stay quiet); aggregation per kiosk and kind. A tap the kiosk flagged as a
// possible repeat is routed like any other: with the faces back within seconds it may be the
// next customer in the queue, so a low score folds into the kiosk's open card ("1 more low
// score") and a "talk to someone now" is never refused. The flag only keeps the answer out of
// the window rule's counts.
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { AlertUpload, AnswerUpload } from '../../shared/protocol.ts';
import type { Storage } from '../db/open.ts';
import { fromJson, toIso } from '../db/values.ts';
import type { StaffAlertKind, StaffAlertPriority } from '../../shared/staff-api.ts';
import type { AlertHub } from './hub.ts';
import { getRouting } from './routing-store.ts';
import { belowThreshold, channelsQuiet, type Routing } from './rules.ts';
import { NOT_YET_HANDLED, publishUpdate, readStaffAlert } from './store.ts';
import type { Notifier } from './notifier.ts';

export interface RouterDeps {
  storage: Storage;
  hub: AlertHub;
  notifier: Notifier;
}

interface Candidate {
  sourceAlertId: string | null;
  kioskId: string;
  kind: StaffAlertKind;
  createdAt: string;
  receivedAt: Date;
  answerId: string | null;
  scores: { smiley?: number | undefined; nps?: number | undefined; ces?: number | undefined };
}

const PRIORITY: Record<StaffAlertKind, StaffAlertPriority> = {
  talk_now: 'urgent',
  low_score: 'high',
  window: 'high',
  test: 'normal',
};

export class AlertRouting {
  private readonly deps: RouterDeps;

  constructor(deps: RouterDeps) {
    this.deps = deps;
  }

  async kioskAlerts(kioskId: string, alerts: AlertUpload[], receivedAt: Date): Promise<void> {
    for (const a of alerts) {
      const { smiley, nps, ces } = a.detail;
      await this.consider({
        sourceAlertId: a.id,
        kioskId,
        kind: a.kind,
        createdAt: a.createdAt,
        receivedAt,
        answerId: a.answerId,
        scores: { smiley, nps, ces },
      });
    }
  }

  /**
   * Kiosk alerts stored since `since` that never got routed (the process stopped between commit
   * and routing). Run at start; re-routing an alert the rules dropped drops it again.
   */
  async recover(since: Date): Promise<void> {
    const rows = await this.deps.storage.db
      .selectFrom('alerts')
      .selectAll()
      .where('received_at', '>=', since.toISOString())
      .where(
        sql<boolean>`not exists (select 1 from staff_alerts s where s.source_alert_id = cast(alerts.id as text))`,
      )
      .orderBy('received_at')
      .execute();
    for (const r of rows) {
      const upload: AlertUpload = {
        id: r.id,
        answerId: r.answer_id,
        kind: r.kind,
        createdAt: toIso(r.created_at)!,
        detail: fromJson(r.detail),
      };
      await this.kioskAlerts(r.kiosk_id, [upload], new Date(toIso(r.received_at)!));
    }
  }

  async answers(kioskId: string, answers: AnswerUpload[], receivedAt: Date): Promise<void> {
    const { storage, hub } = this.deps;
    // One look-up per batch (a reconnecting kiosk sends 500 at a time), not per answer.
    const routing = await getRouting(storage, (await this.kiosk(kioskId)).location);
    const existingRows = await storage.db
      .selectFrom('staff_alerts')
      .selectAll()
      .where('kiosk_id', '=', kioskId)
      .where(
        'answer_id',
        'in',
        answers.map((a) => a.id),
      )
      .execute();
    for (const a of answers) {
      // Reasons, comment and contact (with consent) are on the card from now on.
      for (const row of existingRows.filter((r) => r.answer_id === a.id))
        await publishUpdate(storage, hub, row.aggregated_into ?? row.id);
      if (!belowThreshold(routing, a)) continue;
      const scores = { smiley: a.smiley, nps: a.nps, ces: a.ces };
      // Thresholds can be stricter than the kiosk's own: the answer itself may be the first word.
      await this.consider({
        sourceAlertId: null,
        kioskId,
        kind: 'low_score',
        createdAt: a.finalizedAt,
        receivedAt,
        answerId: a.id,
        scores,
      });
    }
    if (answers.some((a) => !a.possibleRepeat)) await this.windowRule(kioskId, receivedAt);
  }

  private async kiosk(kioskId: string): Promise<{ location: string; touchpoint: string }> {
    return this.deps.storage.db
      .selectFrom('kiosks')
      .select(['location', 'touchpoint'])
      .where('id', '=', kioskId)
      .executeTakeFirstOrThrow();
  }

  private async consider(c: Candidate): Promise<void> {
    const { storage } = this.deps;
    const kiosk = await this.kiosk(c.kioskId);
    const routing = await getRouting(storage, kiosk.location);
    if (c.kind === 'low_score' && !belowThreshold(routing, c.scores)) return;
    if (c.answerId) {
      const same = await storage.db
        .selectFrom('staff_alerts')
        .select('id')
        .where('answer_id', '=', c.answerId)
        .where('kind', '=', c.kind)
        .executeTakeFirst();
      if (same) return;
    }
    const priority = PRIORITY[c.kind];
    const quiet = channelsQuiet(routing, priority, c.receivedAt);
    // A storm (a prankster, a stolen token) is one card per kiosk and kind, counting the rest.
    const head =
      c.kind !== 'window' && !quiet
        ? await this.aggregationHead(c.kioskId, c.kind, routing, c.receivedAt)
        : null;
    const late =
      c.receivedAt.getTime() - Date.parse(c.createdAt) > routing.lateAfterMinutes * 60_000;
    const id = uuidv7();
    const inserted = await storage.db
      .insertInto('staff_alerts')
      .values({
        id,
        source_alert_id: c.sourceAlertId,
        kiosk_id: c.kioskId,
        location: kiosk.location,
        touchpoint: kiosk.touchpoint,
        kind: c.kind,
        priority,
        created_at: new Date(c.createdAt).toISOString(),
        received_at: c.receivedAt.toISOString(),
        late: late ? 1 : 0,
        answer_id: c.answerId,
        smiley: c.scores.smiley ?? null,
        nps: c.scores.nps ?? null,
        ces: c.scores.ces ?? null,
        ...NOT_YET_HANDLED,
        aggregated_into: head,
        suppressed: quiet ? 'quiet_hours' : head ? 'aggregated' : null,
      })
      .onConflict((oc) => oc.column('source_alert_id').doNothing())
      .returning('id')
      .execute();
    if (!inserted.length) return;
    await this.announce(id, head, quiet, routing);
  }

  /** The kiosk's alert of this kind that opened the current aggregation window, if one is open. */
  private async aggregationHead(
    kioskId: string,
    kind: StaffAlertKind,
    routing: Routing,
    at: Date,
  ): Promise<string | null> {
    const since = new Date(at.getTime() - routing.aggregationMinutes * 60_000).toISOString();
    const head = await this.deps.storage.db
      .selectFrom('staff_alerts')
      .select('id')
      .where('kiosk_id', '=', kioskId)
      .where('kind', '=', kind)
      .where('aggregated_into', 'is', null)
      .where('suppressed', 'is', null)
      .where('received_at', '>=', since)
      .orderBy('received_at', 'desc')
      .executeTakeFirst();
    return head?.id ?? null;
  }

  private async announce(
    id: string,
    head: string | null,
    quiet: boolean,
    routing: Routing,
  ): Promise<void> {
    const { storage, hub, notifier } = this.deps;
    if (head) {
      await storage.db
        .updateTable('staff_alerts')
        .set((eb) => ({ aggregate_count: eb('aggregate_count', '+', 1) }))
        .where('id', '=', head)
        .execute();
      await publishUpdate(storage, hub, head);
      return;
    }
    const alert = (await readStaffAlert(storage, id))!;
    hub.publish({ type: 'alert', alert });
    if (!quiet) notifier.notify({ alert, reason: 'initial' }, routing, routing.notify);
  }

  /** At least `percent` unhappy among ≥ minAnswers answers in the last `minutes`, once per window. */
  private async windowRule(kioskId: string, at: Date): Promise<void> {
    const { storage } = this.deps;
    const kiosk = await this.kiosk(kioskId);
    const routing = await getRouting(storage, kiosk.location);
    const w = routing.window;
    if (!w) return;
    const since = new Date(at.getTime() - w.minutes * 60_000).toISOString();
    const recent = await storage.db
      .selectFrom('answers')
      .innerJoin('kiosks', 'kiosks.id', 'answers.kiosk_id')
      .select('answers.smiley')
      .where('kiosks.location', '=', kiosk.location)
      // Device time clamped to our receive time: a kiosk whose clock runs ahead must not keep
      // its answers "recent" for ever and so outvote the unhappy ones for the whole location.
      .where('answers.finalized_at', '>=', since)
      .where('answers.received_at', '>=', since)
      .where('answers.possible_repeat', '=', 0)
      .execute();
    const unhappy = recent.filter((r) => r.smiley <= w.unhappyAtOrBelow).length;
    if (recent.length < w.minAnswers || (unhappy * 100) / recent.length < w.percent) return;
    const open = await storage.db
      .selectFrom('staff_alerts')
      .select('id')
      .where('location', '=', kiosk.location)
      .where('kind', '=', 'window')
      .where('received_at', '>=', since)
      .executeTakeFirst();
    if (open) return;
    await this.consider({
      sourceAlertId: null,
      kioskId,
      kind: 'window',
      createdAt: at.toISOString(),
      receivedAt: at,
      answerId: null,
      scores: {},
    });
  }
}
