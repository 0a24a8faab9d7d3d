// Follow-ups to customers over real HTTP, a real SMTP sink and a loopback SMS gateway, on SQLite
// and (with LASTWORD_TEST_PG_URL) PostgreSQL: consent enforced, a redacted answer refused, the
// other location's customer refused, the limits, the status logged sent and failed, a retry after
// a gateway's 503, and the text out of the log and gone with the customer's contact.
import { afterAll, describe, expect, it } from 'vitest';
import { CommentsReply } from '../../shared/staff-api.ts';
import { FollowUpDraft, SendFollowUpReply } from '../../shared/follow-up-api.ts';
import { writeTransaction } from '../../server/db/open.ts';
import { forgetPerson, personRecord } from '../../server/privacy/person.ts';
import { redactAnswers } from '../../server/privacy/redact.ts';
import { redactExpired } from '../../server/privacy/retention.ts';
import { answer, call } from '../support/collector.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { contact, SECRET, useFollowUpCollector } from '../support/follow-up-suite.ts';
import { LOCATIONS, staffEngines } from '../support/staff.ts';
import { startWebhookSink } from '../support/webhook-sink.ts';

const smtp = await startSmtpSink();
const gateway = await startWebhookSink();
afterAll(async () => {
  await smtp.close();
  await gateway.close();
});

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(`follow-ups on ${engine.name}`, () => {
    const { c, staff, log, tag, idle, draft, send, email, followUpsOf } = useFollowUpCollector(
      engine,
      { smtp, gateway },
    );

    it('e-mails a consenting customer once, in their language, and logs it as sent', async () => {
      const to = `ada-${tag}-1@example.test`;
      const a = await c.seedAlert('main', {
        answer: { language: 'et', contact: contact(tag, { email: to }) },
      });
      const d = FollowUpDraft.parse((await draft(staff.dana, a.id)).body);
      expect(d.language).toBe('et');
      expect(d.channels).toEqual(['email', 'sms']);
      const apology = d.templates.find((t) => t.id === 'apology')!;
      expect(apology.text).toContain('Lugupeetud Ada');
      expect(apology.text).toContain('Dana, Main store');
      const text = `${apology.text}\nEdited by Dana FOLLOWUP-TEXT-${tag}`;
      const res = await send(staff.dana, { ...email(a.id, text), subject: 'Hello from Main' });
      expect(res.status).toBe(202);
      expect(SendFollowUpReply.parse(res.body).followUp).toMatchObject({
        status: 'queued',
        sentBy: 'Dana',
        channel: 'email',
      });
      await idle();
      const mails = smtp.mails.filter((m) => m.to.includes(to));
      expect(mails).toHaveLength(1);
      expect(mails[0]!.raw).toContain(`FOLLOWUP-TEXT-${tag}`);
      expect(mails[0]!.raw).toContain('Subject: Hello from Main');
      expect(await followUpsOf(staff.dana, a.id)).toEqual([
        expect.objectContaining({ status: 'sent', sentBy: 'Dana', attempts: 1, error: null }),
      ]);
      // Neither the address nor the text reaches the collector's log.
      expect(log.text()).toContain('follow-up sent');
      expect(log.text()).not.toContain(to);
      expect(log.text()).not.toContain(`FOLLOWUP-TEXT-${tag}`);
    });

    it('refuses a customer who gave no consent, and one whose contact was redacted', async () => {
      const none = await c.seedAlert('main');
      for (const res of [
        await draft(staff.dana, none.id),
        await send(staff.dana, email(none.id)),
      ]) {
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({
          message: expect.stringContaining('did not ask to be contacted'),
        });
      }
      const gone = await c.seedAlert('main', { answer: { contact: contact(tag) } });
      const answerId = (
        await c.storage.db
          .selectFrom('staff_alerts')
          .select('answer_id')
          .where('id', '=', gone.id)
          .executeTakeFirstOrThrow()
      ).answer_id!;
      await writeTransaction(c.storage, (trx) => redactAnswers(trx, [answerId], new Date()));
      const res = await send(staff.dana, email(gone.id));
      expect(res.status).toBe(410);
      expect(res.body).toMatchObject({ message: expect.stringContaining('removed for privacy') });
      expect((await draft(staff.dana, gone.id)).status).toBe(410);
      await idle();
      expect(smtp.mails.filter((m) => m.to.includes(`ada-${tag}@example.test`))).toHaveLength(0);
    });

    it('refuses another location’s customer (403) and names bad fields (400)', async () => {
      const a = await c.seedAlert('main', { answer: { contact: contact(tag) } });
      const res = await send(staff.otto, email(a.id));
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ message: expect.stringContaining('Main store') });
      expect((await draft(staff.otto, a.id)).status).toBe(403);
      const bad = await send(staff.dana, {
        alertId: a.id,
        channel: 'fax',
        template: 'x',
        text: '',
      });
      expect(bad.status).toBe(400);
      const message = (bad.body as { message: string }).message;
      for (const field of ['channel', 'template', 'text']) expect(message).toContain(field);
      expect(
        (await send(staff.dana, { channel: 'email', template: 'thanks', text: 'Hi' })).status,
      ).toBe(400);
      expect((await draft(staff.dana, 'no-such-alert')).status).toBe(404);
    });

    it('allows one follow-up per customer a day unless a manager sends it, and N an hour', async () => {
      const a = await c.seedAlert('main', {
        answer: { contact: contact(tag, { email: `once-${tag}@example.test` }) },
      });
      expect((await send(staff.sami, email(a.id))).status).toBe(202);
      const again = await send(staff.sami, email(a.id));
      expect(again.status).toBe(429);
      expect(again.body).toMatchObject({
        message: expect.stringContaining('one follow-up per customer a day'),
      });
      expect(again.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await send(staff.mo, email(a.id))).status).toBe(202);
      // ulla: three customers in the hour, then the account's limit.
      for (let i = 0; i < 3; i++) {
        const b = await c.seedAlert('main', {
          answer: { contact: contact(tag, { email: `hour-${i}-${tag}@example.test` }) },
        });
        expect((await send(staff.ulla, email(b.id))).status).toBe(202);
      }
      const b = await c.seedAlert('main', { answer: { contact: contact(tag) } });
      const over = await send(staff.ulla, email(b.id));
      expect(over.status).toBe(429);
      expect(over.body).toMatchObject({ message: expect.stringContaining('in the last hour') });
      await idle();
      expect(smtp.mails.filter((m) => m.to.includes(`once-${tag}@example.test`))).toHaveLength(2);
    });

    it('lets one of several sends to one customer at the same moment through', async () => {
      const a = await c.seedAlert('main', {
        answer: { contact: contact(tag, { email: `race-${tag}@example.test` }) },
      });
      // Five clicks of two colleagues at once on one customer: one follow-up.
      const once = await Promise.all(
        [staff.dana, staff.lea, staff.dana, staff.lea, staff.dana].map((who) =>
          send(who, email(a.id)),
        ),
      );
      expect(once.map((r) => r.status).sort()).toEqual([202, 429, 429, 429, 429]);
      await idle();
      expect(smtp.mails.filter((m) => m.to.includes(`race-${tag}@example.test`))).toHaveLength(1);
    });

    it('texts through the SMS gateway, retrying after a 503, and logs a 400 as failed', async () => {
      const a = await c.seedAlert('main', {
        answer: { contact: contact(tag, { phone: `+372 5123 4${tag.length}67` }) },
      });
      const before = gateway.received.length;
      gateway.script([503]);
      const text = `SMS-TEXT-${tag}`;
      expect(
        (await send(staff.mo, { alertId: a.id, channel: 'sms', template: 'thanks', text })).status,
      ).toBe(202);
      await idle();
      const got = gateway.received.slice(before);
      expect(got).toHaveLength(2);
      for (const r of got) {
        expect(r.path).toBe('/sms');
        expect(r.headers.authorization).toBe(`Bearer ${SECRET}`);
        expect(JSON.parse(r.body)).toEqual({ to: `+372 5123 4${tag.length}67`, text });
      }
      expect(await followUpsOf(staff.mo, a.id)).toEqual([
        expect.objectContaining({ channel: 'sms', status: 'sent', attempts: 2 }),
      ]);
      gateway.script([400]);
      const b = await c.seedAlert('main', { answer: { contact: contact(tag) } });
      expect(
        (await send(staff.mo, { alertId: b.id, channel: 'sms', template: 'thanks', text })).status,
      ).toBe(202);
      await idle();
      expect(await followUpsOf(staff.mo, b.id)).toEqual([
        expect.objectContaining({ status: 'failed', error: 'HTTP 400', attempts: 1 }),
      ]);
      expect(log.text()).not.toContain('5123 4');
      expect(log.text()).not.toContain(text);
    });

    it('shows the texts in a person’s export and removes them when they are forgotten', async () => {
      const to = `forget-${tag}@example.test`;
      const a = await c.seedAlert('main', { answer: { contact: contact(tag, { email: to }) } });
      expect((await send(staff.lea, email(a.id, `FORGET-ME-${tag}`))).status).toBe(202);
      await idle();
      const held = await personRecord(c.storage, { email: to });
      expect(held.followUps).toEqual([
        expect.objectContaining({ channel: 'email', status: 'sent', text: `FORGET-ME-${tag}` }),
      ]);
      const done = await forgetPerson(c.storage, { email: to }, new Date());
      expect(done.followUps).toBe(1);
      const after = await personRecord(c.storage, { email: to });
      expect(after.followUps).toEqual([]);
      const row = await c.storage.db
        .selectFrom('follow_ups')
        .select(['body', 'subject', 'redacted_at', 'status'])
        .where('answer_id', '=', held.followUps[0]!.answerId)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ body: null, subject: null, status: 'sent' });
      expect(row.redacted_at).not.toBeNull();
    });

    it('loses every follow-up text with its answer’s contact when the retention period ends', async () => {
      const a = await c.seedAlert('main', { answer: { contact: contact(tag) } });
      expect((await send(staff.lea, email(a.id, `RETAINED-${tag}`))).status).toBe(202);
      await idle();
      const held = () =>
        c.storage.db.selectFrom('follow_ups').select('id').where('body', 'is not', null).execute();
      expect((await held()).length).toBeGreaterThan(0);
      const later = new Date(Date.now() + 3 * 24 * 60 * 60_000);
      await redactExpired(c.storage, { afterDays: 1, now: later, batchSize: 2 });
      expect(await held()).toEqual([]);
    });

    it('follows up from the comment feed by answer id, and the feed shows it', async () => {
      const k = LOCATIONS.main;
      const to = `feed-${tag}@example.test`;
      const withContact = answer(k.kioskId, 10_001, {
        smiley: 2,
        comment: `Slow checkout ${tag}`,
        contact: contact(tag, { email: to }),
      });
      const without = answer(k.kioskId, 10_002, { smiley: 2, comment: `No contact ${tag}` });
      const stored = await call(
        { url: c.url, token: c.tokens[k.kioskId]! },
        'POST',
        '/v1/answers',
        {
          kioskId: k.kioskId,
          sentAt: new Date().toISOString(),
          answers: [withContact, without],
        },
      );
      expect(stored.status).toBe(200);
      const feed = async () =>
        CommentsReply.parse((await staff.dana.call('GET', '/staff/api/comments?limit=100')).body)
          .comments;
      const before = await feed();
      expect(before.find((x) => x.answerId === withContact.id)?.contactable).toBe(true);
      expect(before.find((x) => x.answerId === without.id)).not.toHaveProperty('contactable');
      const q = `/staff/api/follow-ups/draft?answerId=${withContact.id}`;
      expect((await staff.otto.call('GET', q)).status).toBe(403);
      expect(FollowUpDraft.parse((await staff.dana.call('GET', q)).body).channels).toContain(
        'email',
      );
      const noConsent = { answerId: without.id, channel: 'email', template: 'thanks', text: 'Hi' };
      expect((await send(staff.dana, noConsent)).status).toBe(409);
      const res = await send(staff.dana, {
        answerId: withContact.id,
        channel: 'email',
        template: 'thanks',
        text: 'Thank you, Ada',
      });
      expect(res.status).toBe(202);
      await idle();
      expect(smtp.mails.filter((m) => m.to.includes(to))).toHaveLength(1);
      const after = (await feed()).find((x) => x.answerId === withContact.id)!;
      expect(after.followUps).toEqual([
        expect.objectContaining({ status: 'sent', sentBy: 'Dana', channel: 'email' }),
      ]);
    });
  });
}
