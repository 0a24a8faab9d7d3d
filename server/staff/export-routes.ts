// GET /staff/api/export.csv and .xlsx: the answers a filter selects, as a file streamed page by page
// (server/reports/pages.ts), so a year of answers never sits in memory. Staff export only their
// own locations: naming another one is refused (403), never answered with an empty file that
// would read as "no answers there". Contact details are personal data: only an admin who asks
// (contact=1) gets them, and every export is logged with who asked for what (never the rows).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { FinalStatus } from '../../shared/answer.ts';
import { LanguageCode } from '../../shared/survey.ts';
import { HttpError, parseBody } from '../errors.ts';
import {
  exportCells,
  exportHeader,
  exportQuery,
  type Cell,
  type ExportRow,
  type ExportScope,
} from '../reports/answer-export.ts';
import { BOM, csvLine } from '../reports/csv.ts';
import { readPages } from '../reports/pages.ts';
import { xlsxChunks } from '../reports/xlsx.ts';
import { LocalDate } from '../../shared/report-filter.ts';
import { listOf } from '../reports/filter.ts';
import { placesInScope } from '../reports/places.ts';
import type { StaffContext } from './context.ts';
import { requireIdentity } from './guard.ts';
import type { StaffUser } from './users.ts';

const ExportQuery = z
  .strictObject({
    from: LocalDate.optional(),
    to: LocalDate.optional(),
    locations: listOf(
      z.coerce.number().int().positive().max(2_147_483_647),
      'location ids',
    ).optional(),
    touchpoints: listOf(
      z.coerce.number().int().positive().max(2_147_483_647),
      'touchpoint ids',
    ).optional(),
    language: listOf(LanguageCode, 'language codes').optional(),
    status: listOf(FinalStatus, '"complete" and "partial"').optional(),
    repeats: z
      .literal('include', 'only "include" (possible repeats are left out by default)')
      .optional(),
    contact: z.literal('1', 'only "1" (an admin asking for contact details)').optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'from is after to',
    path: ['from'],
  });
type ExportQuery = z.infer<typeof ExportQuery>;

const forbidden = (message: string) => new HttpError(403, 'forbidden', message);

/** The locations (with zones) and touchpoints the query names, checked against who asks. */
async function scopeOf(ctx: StaffContext, user: StaffUser, q: ExportQuery): Promise<ExportScope> {
  const { places } = await placesInScope(
    ctx.storage.db,
    user,
    { locations: q.locations, touchpoints: q.touchpoints },
    'export',
  );
  if (q.contact && user.role !== 'admin')
    throw forbidden('only an admin may export contact details (contact=1)');
  return {
    locations: places.map((l) => ({ id: l.id, timeZone: l.timeZone })),
    days: { from: q.from, to: q.to },
    filter: {
      ...(q.touchpoints && { touchpointIds: q.touchpoints }),
      ...(q.language && { languages: q.language }),
      ...(q.status && { statuses: q.status }),
      includeRepeats: q.repeats === 'include',
    },
    withContact: q.contact === '1',
  };
}

/** The export's cells a page at a time; the first page is read before the reply starts. */
async function cellPages(ctx: StaffContext, scope: ExportScope): Promise<AsyncGenerator<Cell[][]>> {
  const pages = readPages<ExportRow>(ctx.storage, exportQuery(ctx.storage, scope));
  const cells = exportCells(ctx.storage, scope);
  // A query or connection that fails does so here, as a 500, not as a cut-off 200.
  const first = await pages.next();
  async function* all(): AsyncGenerator<Cell[][]> {
    try {
      for (let page = first; !page.done; page = await pages.next()) yield await cells(page.value);
    } finally {
      await pages.return(undefined);
    }
  }
  return all();
}

async function* csvChunks(header: string[], pages: AsyncIterable<Cell[][]>) {
  yield BOM + csvLine(header);
  for await (const rows of pages) yield rows.map(csvLine).join('');
}

const FORMATS = {
  csv: { type: 'text/csv; charset=utf-8', chunks: csvChunks },
  xlsx: {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    chunks: xlsxChunks,
  },
};

function fileName(q: ExportQuery, format: keyof typeof FORMATS): string {
  return `lastword-answers${q.from ? `-from-${q.from}` : ''}${q.to ? `-to-${q.to}` : ''}.${format}`;
}

export function exportRoutes(app: FastifyInstance, ctx: StaffContext): void {
  for (const format of ['csv', 'xlsx'] as const)
    app.get(`/staff/api/export.${format}`, async (request: FastifyRequest, reply: FastifyReply) => {
      const who = requireIdentity(request);
      const q = parseBody(ExportQuery, request.query);
      const scope = await scopeOf(ctx, who.user, q);
      request.log.info(
        {
          event: 'answers_export',
          userId: who.user.id,
          format,
          filter: q,
          contact: scope.withContact,
        },
        scope.withContact ? 'answers exported with contact details' : 'answers exported',
      );
      const { type, chunks } = FORMATS[format];
      const body = Readable.from(chunks(exportHeader(scope), await cellPages(ctx, scope)), {
        objectMode: false,
      });
      return reply
        .header('content-type', type)
        .header('content-disposition', `attachment; filename="${fileName(q, format)}"`)
        .send(body);
    });
}
