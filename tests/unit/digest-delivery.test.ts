// The weekly digest as subscribers get it, on SQLite and PostgreSQL: a real collector on
// loopback with a clock the test moves, a real SMTP sink, the results fixture's answers. Nothing
// goes out before Monday 08:00 at the location, each subscriber then gets that week once however
// often the collector ticks or restarts, a digest missed while the collector was down goes out at
// its next start, the unsubscribe link works without an account, and no mail carries a contact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { updateStaffUser } from '../../server/staff/users.ts';
import { seedResultsFixture } from '../support/results-fixture.ts';
import { readMail, startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { LOCATIONS, loginAs, PASSWORD_WORK_MS, staffEngines } from '../support/staff.ts';
import { useStaffCollector } from '../support/staff-suite.ts';

const PUBLIC = 'https://feedback.example.com';
const MAIN = LOCATIONS.main.location;
const OUTLET = LOCATIONS.outlet.location;

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(`the weekly digest by e-mail on ${engine.name}`, () => {
    // Monday 9 November 2026, 07:30 in Berlin (UTC+1): the week of 2 November is not due yet.
    const clock = { now: new Date('2026-11-09T06:30:00.000Z') };
    let sink: SmtpSink;
    const smtp = {
      host: '127.0.0.1',
      port: 0,
      from: 'Lastword <digest@example.com>',
      allowPlaintext: true,
    };
    const { c, staff } = useStaffCollector(
      {
        postgresUrl: engine.postgresUrl,
        now: () => clock.now,
        digest: { smtp, publicUrl: `${PUBLIC}/`, everyMs: 3_600_000 },
      },
      { mona: 'manager', sam: ['staff', [MAIN]], leaver: ['staff', [MAIN]] },
      ['mona', 'sam', 'leaver'],
    );
    let ids: Record<string, number>;
    const sent = () => sink.mails.map((m) => ({ to: m.to, mail: readMail(m.raw) }));
    const settle = () => c.app.alerts.idle();
    const deliveries = () =>
      c.storage.db
        .selectFrom('digest_deliveries')
        .innerJoin('digest_subscribers', 'digest_subscribers.id', 'digest_deliveries.subscriber_id')
        .select(['digest_subscribers.email', 'status', 'error', 'week'])
        .orderBy('digest_subscribers.email')
        .execute();

    beforeAll(async () => {
      sink = await startSmtpSink();
      smtp.port = sink.port;
      ids = await seedResultsFixture(c);
      // Comments on two of the fixture's Berlin answers: the figures stay as the fixture says.
      const at = (iso: string) =>
        sql<boolean>`finalized_at = ${c.storage.engine === 'postgres' ? new Date(iso) : iso}`;
      await c.storage.db
        .updateTable('answers')
        .set({ comment: 'Lovely people! Call me on +49 170 1234567 or mail anna@example.org' })
        .where(at('2026-11-02T08:15:00.000Z'))
        .execute();
      await c.storage.db
        .updateTable('answers')
        .set({ comment: '<b>Waited</b> 20 minutes & nobody came' })
        .where(at('2026-11-02T11:10:00.000Z'))
        .execute();
      for (const [who, email] of [
        ['sam', 'sam@example.com'],
        ['leaver', 'leaver@example.com'],
      ] as const) {
        const r = await staff[who].call('PUT', '/staff/api/digest/subscriptions/mine', {
          location: ids[MAIN],
          email,
        });
        expect(r.status, JSON.stringify(r.body)).toBe(204);
      }
      const added = await staff.mona.call('POST', '/staff/api/digest/subscribers', {
        location: ids[MAIN],
        email: 'Team-Lead@Example.com',
      });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
      await updateStaffUser(c.storage, 'leaver', { disabled: true });
    }, 60_000);
    afterAll(async () => sink?.close());

    it('sends nothing before Monday 08:00 at the location', async () => {
      // The week before was claimed at start, when nobody had subscribed yet.
      expect(await c.app.digests.tick()).toEqual([]);
      await settle();
      expect(sink.mails).toEqual([]);
    });

    it('at 08:00 in Berlin, mails the week to each subscriber once, skipping a disabled account', async () => {
      clock.now = new Date('2026-11-09T07:00:00.000Z');
      // New York's 08:00 is five hours later: only the Berlin store is due.
      expect(await c.app.digests.tick()).toEqual([
        { locationId: ids[MAIN], week: '2026-11-02', subscribers: 3 },
      ]);
      await settle();
      expect(
        sent()
          .map((m) => m.to)
          .sort(),
      ).toEqual([['sam@example.com'], ['team-lead@example.com']]);
      expect(await deliveries()).toEqual([
        {
          email: 'leaver@example.com',
          status: 'skipped',
          error: 'account disabled',
          week: '2026-11-02',
        },
        { email: 'sam@example.com', status: 'sent', error: null, week: '2026-11-02' },
        { email: 'team-lead@example.com', status: 'sent', error: null, week: '2026-11-02' },
      ]);
    });

    it("holds the week's figures, comments without contacts, escaped HTML and working links", () => {
      const { mail } = sent()[0]!;
      expect(mail.subject).toBe(`${MAIN}: your week 2 Nov – 8 Nov 2026`);
      // The fixture's Berlin figures: 7 answers, 4 happy; the week before 1 answer, unhappy.
      expect(mail.text).toContain('Answers: 7 (week before: 1)');
      expect(mail.text).toContain('Happy: 57.1% (week before: 0%)');
      expect(mail.text).toMatch(/Waiting time: 2 \(/);
      expect(mail.text).toContain(
        'Lovely people! Call me on [contact removed] or mail [contact removed]',
      );
      for (const part of [mail.text, mail.html]) {
        expect(part).not.toContain('1234567');
        expect(part).not.toContain('anna@example.org');
      }
      expect(mail.html).toContain('&lt;b&gt;Waited&lt;/b&gt; 20 minutes &amp; nobody came');
      expect(mail.html).not.toContain('<b>Waited');
      expect(mail.text).toContain(
        `Poster for the staff room: ${PUBLIC}/staff/digest?location=${ids[MAIN]}&week=2026-11-02`,
      );
      expect(mail.header('List-Unsubscribe')).toMatch(
        new RegExp(`^<${PUBLIC}/digest/unsubscribe/[\\w-]{32}>$`),
      );
      expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    });

    it('sends no week twice: another tick, a restart', async () => {
      expect(await c.app.digests.tick()).toEqual([]);
      await c.restart();
      expect(await c.app.digests.tick()).toEqual([]);
      await settle();
      expect(sink.mails).toHaveLength(2);
    });

    it(
      'sends a digest missed while the collector was down at its next start',
      async () => {
        // Signed in again: the clock has moved past the first session's idle limit.
        const mona = await loginAs(c.url, 'mona');
        const r = await mona.call('PUT', '/staff/api/digest/subscriptions/mine', {
          location: ids[OUTLET],
          email: 'mona@example.com',
        });
        expect(r.status).toBe(204);
        // Down from before New York's Monday 08:00 (13:00 UTC) until Tuesday.
        await c.app.close();
        clock.now = new Date('2026-11-10T15:00:00.000Z');
        await c.restart();
        await expect.poll(() => sink.mails.length, { timeout: 20_000 }).toBe(3);
        const { to, mail } = sent()[2]!;
        expect(to).toEqual(['mona@example.com']);
        expect(mail.subject).toBe(`${OUTLET}: your week 2 Nov – 8 Nov 2026`);
      },
      PASSWORD_WORK_MS,
    );

    it(
      'unsubscribes from the link without an account, after a confirmation a link scanner cannot give',
      async () => {
        const link = readMail(sink.mails.find((m) => m.to[0] === 'sam@example.com')!.raw)
          .header('List-Unsubscribe')!
          .slice(1, -1)
          .replace(PUBLIC, c.url);
        const page = await fetch(link);
        expect(page.status).toBe(200);
        expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
        const html = await page.text();
        expect(html).toContain(
          'sam@example.com gets the weekly digest of <strong>Main store</strong>',
        );
        // Opening the link changed nothing.
        const sam = await loginAs(c.url, 'sam');
        const subscribed = await sam.call(
          'GET',
          `/staff/api/digest/subscriptions?location=${ids[MAIN]}`,
        );
        expect(subscribed.body).toEqual({ mine: { email: 'sam@example.com' }, all: null });
        // A mail client's one-click unsubscribe (RFC 8058).
        const done = await fetch(link, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'List-Unsubscribe=One-Click',
        });
        expect(done.status).toBe(200);
        expect(await done.text()).toContain('will no longer get the weekly digest');
        expect((await fetch(link)).status).toBe(404);
        const after = await sam.call(
          'GET',
          `/staff/api/digest/subscriptions?location=${ids[MAIN]}`,
        );
        expect(after.body).toEqual({ mine: null, all: null });

        // The next Monday 08:00 in Berlin: the team lead still gets it, Sam does not.
        clock.now = new Date('2026-11-16T07:00:00.000Z');
        await c.app.digests.tick();
        await settle();
        expect(sink.mails.slice(3).map((m) => m.to)).toEqual([['team-lead@example.com']]);
      },
      PASSWORD_WORK_MS,
    );
  });
}
