// The read API for BI and CRM tools over real HTTP on both engines: tokens scoped to locations
// (another location 403 naming it, an unknown or revoked token 401), answers in pages that add up
// to every answer once, updated_since pulling only what changed since (a new answer, and one
// whose comment was removed by an erasure), bad parameters 400 naming them, a rate limit per
// token, and every reply valid against the OpenAPI document the collector serves.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerUpload } from '../../shared/protocol.ts';
import { ApiAnswersPage, type ApiAnswer } from '../../shared/read-api.ts';
import { createApiToken, revokeApiToken } from '../../server/api/tokens.ts';
import { forgetPerson } from '../../server/privacy/person.ts';
import { postAnswers } from '../support/kiosk-answers.ts';
import { LOCATIONS, staffEngines } from '../support/staff.ts';
import { useStaffCollector } from '../support/staff-suite.ts';

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();
// The collector's clock: moved a minute ahead to read what was just received, as the API holds
// back answers received within its settle time (SETTLE_MS).
let ahead = 0;
const now = () => new Date(Date.now() + ahead);

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(`read API on ${engine.name}`, () => {
    const { c } = useStaffCollector({ postgresUrl: engine.postgresUrl, now }, {});
    const tokens = { all: '', main: '', revoked: '', busy: '' };
    const seqs: Record<string, number> = {};
    let validate: (path: string, status: number, body: unknown) => string[];

    const post = async (where: keyof typeof LOCATIONS, list: Partial<AnswerUpload>[]) => {
      const { kioskId } = LOCATIONS[where];
      const firstSeq = (seqs[kioskId] ?? 0) + 1;
      seqs[kioskId] = firstSeq + list.length - 1;
      return (await postAnswers(c, where, list, firstSeq)).map((a) => a.id);
    };

    const get = async (token: string, path: string) => {
      const r = await fetch(`${c.url}${path}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      const body: unknown = await r.json();
      expect(validate(path.split('?')[0]!, r.status, body)).toEqual([]);
      return { status: r.status, body, headers: r.headers };
    };
    /** Every answer the token gets, page by page. */
    const pull = async (token: string, query = '', later = 60_000) => {
      ahead = later;
      const all: ApiAnswer[] = [];
      let cursor: string | null = null;
      do {
        const r = await get(
          token,
          `/api/v1/answers?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        const page = ApiAnswersPage.parse(r.body);
        all.push(...page.answers);
        cursor = page.nextCursor;
      } while (cursor);
      ahead = 0;
      return all;
    };

    const ids = { a: '', b: '', c: '', d: '' };
    let mainId = 0;
    let outletId = 0;
    beforeAll(async () => {
      const doc = (await (await fetch(`${c.url}/api/openapi.json`)).json()) as {
        openapi: string;
        components: { schemas: Record<string, object> };
        paths: Record<string, { get: { responses: Record<string, { content?: object }> } }>;
      };
      expect(doc.openapi).toBe('3.1.0');
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      (addFormats as unknown as (a: Ajv2020) => void)(ajv);
      ajv.addSchema({ $id: 'doc', components: doc.components });
      validate = (path, status, body) => {
        const response = doc.paths[path]?.get.responses[String(status)];
        if (!response) return [`${path} answers ${status}, which the document does not list`];
        const ref = (response.content as { 'application/json': { schema: { $ref: string } } })[
          'application/json'
        ].schema.$ref;
        const check = ajv.getSchema(`doc${ref}`)!;
        return check(body)
          ? []
          : (check.errors ?? []).map(
              (e: { instancePath: string; message?: string }) => `${e.instancePath} ${e.message}`,
            );
      };
      const at = new Date();
      tokens.all = await createApiToken(c.storage, 'bi', 'all', at);
      tokens.main = await createApiToken(c.storage, 'crm-main', [LOCATIONS.main.location], at);
      tokens.revoked = await createApiToken(c.storage, 'old', 'all', at);
      tokens.busy = await createApiToken(c.storage, 'busy', 'all', at);
      await revokeApiToken(c.storage, 'old', at);
      [ids.a, ids.b, ids.c] = (await post('main', [
        {
          finalizedAt: ago(3),
          comment: 'Fine',
          contact: { consentVersion: 'v1', name: 'Ada', email: 'ada@example.org' },
        },
        { finalizedAt: ago(2) },
        { finalizedAt: ago(1), smiley: 1 },
      ])) as [string, string, string];
      [ids.d] = (await post('outlet', [{ finalizedAt: ago(1) }])) as [string];
      const places = await c.storage.db.selectFrom('locations').select(['id', 'name']).execute();
      mainId = places.find((p) => p.name === LOCATIONS.main.location)!.id;
      outletId = places.find((p) => p.name === LOCATIONS.outlet.location)!.id;
    });

    it('gives each token its own locations, every answer once across pages', async () => {
      const everything = await pull(tokens.all);
      expect(everything.map((a) => a.id).sort()).toEqual([ids.a, ids.b, ids.c, ids.d].sort());
      const mine = await pull(tokens.main);
      expect(mine.map((a) => a.id).sort()).toEqual([ids.a, ids.b, ids.c].sort());
      expect(mine[0]).toMatchObject({ location: { id: mainId, name: LOCATIONS.main.location } });
      const refused = await get(tokens.main, `/api/v1/answers?location=${outletId}`);
      expect(refused.status).toBe(403);
      expect((refused.body as { message: string }).message).toContain('"Outlet"');
      const locations = await get(tokens.main, '/api/v1/locations');
      expect(locations.body).toMatchObject({
        locations: [
          {
            id: mainId,
            name: LOCATIONS.main.location,
            touchpoints: [{ name: LOCATIONS.main.touchpoint }],
          },
        ],
      });
    });

    it('refuses a missing, unknown or revoked token with 401', async () => {
      for (const token of ['', 'x'.repeat(43), tokens.revoked]) {
        const r = await get(token, '/api/v1/answers');
        expect(r.status).toBe(401);
        expect(r.headers.get('www-authenticate')).toBe('Bearer');
      }
    });

    it('pulls only what changed since the last pull', async () => {
      const first = await pull(tokens.all);
      const since = first
        .map((a) => a.updatedAt)
        .sort()
        .at(-1)!;
      const [e] = await post('outlet', [{ finalizedAt: ago(0.5) }]);
      // Just received: held back until it has surely settled behind any slower batch.
      expect((await pull(tokens.all, '', 0)).map((a) => a.id)).not.toContain(e);
      await forgetPerson(c.storage, { email: 'ada@example.org' }, new Date());
      const changed = (
        await pull(tokens.all, `&updated_since=${encodeURIComponent(since)}`)
      ).filter((a) => a.updatedAt > since);
      expect(changed.map((a) => a.id).sort()).toEqual([ids.a, e].sort());
      expect(changed.find((a) => a.id === ids.a)).toMatchObject({ comment: null });
      expect(changed.find((a) => a.id === ids.a)!.redactedAt).not.toBeNull();
    });

    it('answers bad parameters with 400 naming them', async () => {
      for (const [query, field] of [
        ['updated_since=yesterday', 'updated_since'],
        ['limit=0', 'limit'],
        ['limit=5000', 'limit'],
        ['location=main', 'location'],
        ['location=9999', 'location'],
        ['cursor=abc', 'cursor'],
        ['colour=red', 'colour'],
      ]) {
        const r = await get(tokens.all, `/api/v1/answers?${query}`);
        expect(r.status, query).toBe(400);
        expect((r.body as { message: string }).message, query).toContain(field);
      }
    });

    it('limits each token’s rate on its own', async () => {
      const replies = await Promise.all(
        Array.from({ length: 40 }, () => get(tokens.busy, '/api/v1/locations')),
      );
      const limited = replies.filter((r) => r.status === 429);
      expect(limited.length).toBeGreaterThan(0);
      expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await get(tokens.main, '/api/v1/locations')).status).toBe(200);
    });
  });
}
