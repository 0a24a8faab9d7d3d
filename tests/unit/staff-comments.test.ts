// The comment feed (GET /staff/api/comments) over real HTTP on both engines: answers posted as
// kiosks post them at two locations in different zones, searched by stem and prefix, narrowed by
// every filter, each comment with its scores, reasons by label, local time, place and its alert
// as staff left it; a staff member confined to their location (403 naming the other); pages that
// neither skip nor repeat while answers keep arriving; and a forgotten or expired comment gone
// from the search (and, on SQLite, its words from the index itself).
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { CommentsReply, type FeedComment } from '../../shared/staff-api.ts';
import { forgetPerson } from '../../server/privacy/person.ts';
import { redactExpired } from '../../server/privacy/retention.ts';
import { alert, call } from '../support/collector.ts';
import { ago, HOUR, useCommentsFixture } from '../support/comments-fixture.ts';
import { capturedLog, LOCATIONS, staffEngines, type StaffClient } from '../support/staff.ts';
import { useStaffCollector } from '../support/staff-suite.ts';

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(`comment feed on ${engine.name}`, () => {
    const log = capturedLog();
    const { c, staff } = useStaffCollector(
      { postgresUrl: engine.postgresUrl, logger: log.logger },
      { dana: ['staff', [LOCATIONS.main.location]], mo: 'manager' },
      ['dana', 'mo'],
    );
    const { ids, post, place } = useCommentsFixture(c);

    const feed = async (who: StaffClient, query: string) => {
      const reply = await who.call('GET', `/staff/api/comments?${query}`);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return CommentsReply.parse(reply.body);
    };
    const names = (comments: FeedComment[]) =>
      comments.map((x) => Object.keys(ids).find((k) => ids[k] === x.answerId));
    const found = async (query: string, who = staff.mo) =>
      names((await feed(who, `${query}&period=7d&limit=100`)).comments);

    it('finds comments by stem and by prefix, every word required, newest first', async () => {
      expect(await found('q=waited')).toEqual(['door', 'partial', 'queue']);
      expect(await found('q=WAI')).toEqual(['door', 'partial', 'queue']);
      expect(await found('q=waiting%20till')).toEqual(['queue']);
      expect(await found('q=j%C3%A4rjekord')).toEqual(['estonian']);
      expect(await found('q=%22lovely%22%20staff*')).toEqual(['praise']);
      expect(await found('q=nothinglikethis')).toEqual([]);
      expect(await found('')).toEqual(['door', 'estonian', 'partial', 'praise', 'queue']);
    });

    it('narrows by every filter of the shared filter', async () => {
      expect(await found(`q=wait&location=${place.outlet}`)).toEqual(['door']);
      expect(await found(`touchpoint=${place.checkout}&q=wait`)).toEqual(['partial', 'queue']);
      expect(await found('lang=et')).toEqual(['estonian']);
      expect(await found('complete=0')).toEqual(['partial']);
      expect(await found('q=waiting&repeats=include')).toEqual([
        'door',
        'repeat',
        'partial',
        'queue',
      ]);
      expect(await found('reason=wait')).toEqual(['door', 'queue']);
      expect(await found('reason=friendly&reason=staff')).toEqual(['praise', 'queue']);
      const month = await feed(staff.mo, 'q=waiting&period=30d');
      expect(names(month.comments)).toEqual(['door', 'partial', 'queue', 'old']);
      const from = ago(24 * 21).slice(0, 10);
      const to = ago(24 * 19).slice(0, 10);
      const custom = await feed(staff.mo, `period=custom&from=${from}&to=${to}`);
      expect(names(custom.comments)).toEqual(['old']);
    });

    it('shows each comment with scores, reasons by label, local time, place and its alert', async () => {
      await call({ url: c.url, token: c.tokens[LOCATIONS.main.kioskId]! }, 'POST', '/v1/alerts', {
        kioskId: LOCATIONS.main.kioskId,
        sentAt: new Date().toISOString(),
        alerts: [alert({ answerId: ids.queue!, createdAt: ago(5) })],
      });
      let alertId = '';
      await expect
        .poll(
          async () => {
            const list = (await staff.dana.call('GET', '/staff/api/alerts')).body as {
              alerts: { id: string }[];
            };
            alertId = list.alerts[0]?.id ?? '';
            return alertId;
          },
          { timeout: 20_000 },
        )
        .not.toBe('');
      const [queue] = (await feed(staff.dana, 'q=till')).comments;
      expect(queue!.alert).toEqual({ status: 'open', outcome: null });
      const resolved = await staff.dana.call('POST', `/staff/api/alerts/${alertId}/resolve`, {
        outcome: 'recovered',
      });
      expect(resolved.status).toBe(200);
      const [after] = (await feed(staff.dana, 'q=till')).comments;
      const answered = new Date(after!.answeredAt);
      expect(after).toMatchObject({
        comment: 'We were waiting forever at the till',
        location: { id: place.main, name: LOCATIONS.main.location },
        touchpoint: { id: place.checkout, name: LOCATIONS.main.touchpoint },
        smiley: 1,
        nps: 2,
        ces: 6,
        reasons: [
          { id: 'wait', label: 'Waiting time' },
          { id: 'staff', label: 'Staff' },
        ],
        alert: { status: 'resolved', outcome: 'recovered' },
      });
      // Berlin wall time with its offset, the same instant.
      expect(after!.localTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/);
      expect(new Date(after!.localTime).getTime()).toBe(
        Math.floor(answered.getTime() / 1000) * 1000,
      );
      const [praise] = (await feed(staff.dana, 'q=lovely')).comments;
      expect(praise!.alert).toBeNull();
    });

    it('keeps staff to their own locations', async () => {
      expect(await found('q=waiting', staff.dana)).toEqual(['partial', 'queue']);
      for (const query of [`location=${place.outlet}`, `touchpoint=${place.outletDoor}`]) {
        const refused = await staff.dana.call('GET', `/staff/api/comments?${query}`);
        expect(refused.status).toBe(403);
        expect((refused.body as { message: string }).message).toContain('"Outlet"');
      }
      const places = await staff.dana.call('GET', '/staff/api/places');
      expect(places.body).toEqual({
        locations: [
          {
            id: place.main,
            name: LOCATIONS.main.location,
            touchpoints: [{ id: place.checkout, name: LOCATIONS.main.touchpoint }],
          },
        ],
      });
    });
    it('answers a bad filter with 400 naming it', async () => {
      for (const [query, field] of [
        ['period=week', 'period'],
        ['period=custom&from=2026-11-01', 'to'],
        ['from=2026-11-01&to=2026-11-02', 'from'],
        ['location=abc', 'location'],
        ['location=9999', 'location'],
        ['complete=maybe', 'complete'],
        ['limit=1000', 'limit'],
        ['cursor=bm90IGEgY3Vyc29y', 'cursor'],
        ['colour=red', 'colour'],
      ]) {
        const reply = await staff.mo.call('GET', `/staff/api/comments?${query}`);
        expect(reply.status, query).toBe(400);
        expect((reply.body as { message: string }).message, query).toContain(field);
      }
    });

    it('pages newest first without skipping or repeating while answers arrive', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: CommentsReply = await feed(
          staff.mo,
          `period=30d&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...page.comments.map((x) => x.answerId));
        cursor = page.nextCursor;
        // A new comment lands above what was read; a late one from the past below the cursor.
        await post('main', [
          [`new-${pages}`, { finalizedAt: new Date().toISOString(), comment: `New ${pages}` }],
          [`late-${pages}`, { finalizedAt: ago(24 * 10), comment: `Late ${pages}` }],
        ]);
        pages++;
      } while (cursor);
      const before = ['door', 'estonian', 'partial', 'praise', 'queue', 'old'].map((n) => ids[n]);
      expect(seen.filter((id) => before.includes(id))).toEqual(before);
      expect(new Set(seen).size).toBe(seen.length);
      // Nothing newer than the first page is ever mixed into a later one.
      expect(seen).not.toContain(ids['new-0']);
    });

    it('forgets a comment from the search when the person or the retention period says so', async () => {
      await post('main', [
        [
          'zebra',
          {
            finalizedAt: ago(1),
            comment: 'Zebrafinch Quokkaville told me',
            contact: { consentVersion: 'v1', name: 'Ada', email: 'ada@example.org' },
          },
        ],
        ['okapi', { finalizedAt: ago(1), comment: 'Okapiland is far away' }],
      ]);
      expect(await found('q=zebrafinch')).toEqual(['zebra']);
      expect(await found('q=okapiland')).toEqual(['okapi']);
      await forgetPerson(c.storage, { email: 'ada@example.org' }, new Date());
      expect(await found('q=zebrafinch')).toEqual([]);
      await redactExpired(c.storage, { afterDays: 0, now: new Date(Date.now() + HOUR) });
      expect(await found('q=okapiland')).toEqual([]);
      expect(await found('')).toEqual([]);
      if (c.storage.engine === 'sqlite') {
        await sql`create virtual table if not exists temp.words using fts5vocab(main, answers_fts, row)`.execute(
          c.storage.db,
        );
        const { rows } = await sql<{ n: number }>`select count(*) as n from temp.words`.execute(
          c.storage.db,
        );
        expect(rows[0]!.n).toBe(0);
      }
    });

    it('never writes the search text to the log', () => {
      expect(log.text()).not.toMatch(/zebrafinch|okapiland|lovely/i);
    });
  });
}
