// Live screens cannot take the collector down: each account and the server as a whole have a cap
// on open streams, and a client that stops reading is dropped once a bounded backlog builds up,
// instead of the server buffering every alert for it.
import { once } from 'node:events';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MAX_UNSENT_BYTES } from '../../server/staff/live-screens.ts';
import { capturedLog, LOCATIONS, staffEngines, type StaffClient } from '../support/staff.ts';
import { useStaffCollector } from '../support/staff-suite.ts';

/** Opens the stream and keeps it open until `close`; resolves once the headers are in. */
async function openStream(url: string, who: StaffClient) {
  const abort = new AbortController();
  const res = await fetch(`${url}/staff/api/stream`, {
    headers: { cookie: who.cookie },
    signal: abort.signal,
  });
  return { res, close: () => abort.abort() };
}

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(`staff live screens on ${engine.name}`, () => {
    const log = capturedLog();
    const main = [LOCATIONS.main.location];
    const { c, staff } = useStaffCollector(
      {
        postgresUrl: engine.postgresUrl,
        logger: log.logger,
        staff: { streamLimits: { perUser: 2, total: 3 } },
      },
      { dana: ['staff', main], mo: 'manager', otto: ['staff', main] },
      ['dana', 'mo', 'otto'],
    );

    it('caps the live screens per account and in all', async () => {
      const first = await openStream(c.url, staff.dana);
      const second = await openStream(c.url, staff.dana);
      const third = await openStream(c.url, staff.dana);
      expect([first.res.status, second.res.status]).toEqual([200, 200]);
      expect(third.res.status).toBe(429);
      expect(third.res.headers.get('retry-after')).toBe('30');
      expect(await third.res.json()).toMatchObject({ error: 'too_many_screens' });

      const mos = await openStream(c.url, staff.mo);
      expect(mos.res.status).toBe(200);
      const ottos = await openStream(c.url, staff.otto);
      expect(ottos.res.status).toBe(503);
      expect(ottos.res.headers.get('retry-after')).toBe('30');

      // A closed screen frees its place.
      first.close();
      await expect
        .poll(async () => {
          const retry = await openStream(c.url, staff.otto);
          retry.close();
          return retry.res.status;
        })
        .toBe(200);
      second.close();
      mos.close();
    });

    it('drops a screen that stops reading instead of buffering alerts for it', async () => {
      const port = Number(new URL(c.url).port);
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => {}); // a reset after the drop is as good as an end
      socket.write(
        `GET /staff/api/stream HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${staff.mo.cookie}\r\n\r\n`,
      );
      // The headers and the snapshot arrive; from here on the client reads nothing.
      await once(socket, 'readable');
      const alert = await c.seedAlert('main', { answer: { comment: 'A long story. ' } });
      const big = { ...alert, comment: 'x'.repeat(100_000) };
      let published = 0;
      const dropped = () => log.text().includes('"reason":"slow"');
      // Loopback sockets buffer a few MiB in the kernel before the server's own queue grows.
      for (let i = 0; i < 500 && !dropped(); i++) {
        // Straight to the hub, ids past any the table holds: only the volume matters here.
        c.hub.publish({ type: 'update', alert: big, seq: 1_000_000 + i });
        published += big.comment.length;
        await new Promise((r) => setImmediate(r));
      }
      // Delivery waits for each batch's session check, so the drop may come after the loop.
      await expect.poll(dropped, { timeout: 10_000 }).toBe(true);
      let received = 0;
      socket.on('data', (chunk: Buffer) => (received += chunk.length));
      socket.resume();
      await once(socket, 'close');
      // At least the backlog the server threw away never arrived (less the events' framing).
      expect(published - received).toBeGreaterThan(MAX_UNSENT_BYTES / 2);
    });
  });
}
