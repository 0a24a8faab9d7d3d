// A staff alert as the router would have made it, for tests that build channel messages or send
// them without a collector: an urgent talk-now request at Desk 2, open, unless told otherwise.
import type { StaffAlert } from '../../shared/staff-api.ts';

export function staffAlert(over: Partial<StaffAlert> = {}): StaffAlert {
  return {
    id: 'a1',
    kioskId: 'desk-2',
    location: 'Main store',
    touchpoint: 'Desk 2',
    kind: 'talk_now',
    priority: 'urgent',
    createdAt: '2026-11-23T09:00:00.000Z',
    receivedAt: '2026-11-23T09:00:00.000Z',
    late: false,
    waiting: true,
    reasons: [],
    aggregateCount: 0,
    status: 'open',
    ...over,
  };
}
