// The collector the fleet API test files share, one per engine and file: the two kiosks and an
// admin (with whoever else the file names) signed in, on the file's own hand-moved clock, and the
// calls those tests make with it: a kiosk's heartbeat, the Kiosks list, one kiosk's page.
import { expect } from 'vitest';
import { instantOf } from '../../shared/local-time.ts';
import { FleetHistoryReply, FleetListReply, type FleetKiosk } from '../../shared/fleet-api.ts';
import type { HeartbeatRequest } from '../../shared/protocol.ts';
import { call, heartbeat } from './collector.ts';
import { LOCATIONS } from './staff.ts';
import { useStaffCollector, type StaffAccounts } from './staff-suite.ts';

export const ZONE = 'Europe/Berlin';
export const MIN = 60_000;
/** Monday 2026-11-23, 11:00 in Berlin: where each file's clock starts, for each engine. */
export const START = instantOf('2026-11-23', ZONE, 11, 0).getTime();
export const MAIN = LOCATIONS.main.kioskId;
export const OUTLET = LOCATIONS.outlet.kioskId;

/** Call it in the engine's describe block; `now` is the file's clock, which its tests move. */
export function useFleetCollector<Name extends string = never>(
  engine: { postgresUrl?: string | undefined },
  now: () => Date,
  others: StaffAccounts = {},
  signIn: Name[] = [],
) {
  const { c, staff } = useStaffCollector<'ada' | Name>(
    { now, postgresUrl: engine.postgresUrl },
    { ada: 'admin', ...others },
    ['ada', ...signIn],
  );
  const beat = (kioskId: string, over: Partial<HeartbeatRequest> = {}) =>
    call({ url: c.url, token: c.tokens[kioskId]! }, 'POST', '/v1/heartbeat', {
      ...heartbeat(kioskId, now()),
      ...over,
    });
  const list = async () => {
    const r = await staff.ada.call('GET', '/staff/api/kiosks');
    expect(r.status).toBe(200);
    return FleetListReply.parse(r.body);
  };
  /** One kiosk in full, as its own page reads it. */
  const kiosk = async (id: string): Promise<FleetKiosk> => {
    const r = await staff.ada.call('GET', `/staff/api/kiosks/${id}/history`);
    expect(r.status).toBe(200);
    return FleetHistoryReply.parse(r.body).kiosk;
  };
  return { c, staff, beat, list, kiosk };
}
