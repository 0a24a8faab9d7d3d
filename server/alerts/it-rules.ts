// Where IT alerts about kiosks go (issue 12 §2): which kiosk statuses page IT, on which channels,
// whether a recovery is told and whether a kiosk still down is told again. Kept apart from the
// staff rules: a location's routing may hold an `it` section naming its own channels (rules.ts),
// and the IT default (`set-it-routing`, it-routing-store.ts) serves every location without one,
// since IT is usually one team for the whole fleet. Parsed as strictly as the staff routing.
import { z } from 'zod';
import { FLEET_STATUSES } from '../../shared/fleet-api.ts';

/** Every status but ok. */
export const IT_STATUSES = FLEET_STATUSES.filter((s) => s !== 'ok');
export type ItStatus = (typeof IT_STATUSES)[number];

export const ItRules = z.strictObject({
  /** Channel names (of the same routing's `channels`) told about every change. */
  notify: z
    .array(z.string())
    .min(1, 'name at least one channel')
    .max(20)
    .refine((n) => new Set(n).size === n.length, 'each channel once'),
  /** The statuses that page IT; a kiosk in another one counts as ok. Default: all of them. */
  statuses: z
    .array(z.enum(IT_STATUSES as [ItStatus, ...ItStatus[]]))
    .min(1, 'name at least one status, or leave statuses out for all')
    .default([...IT_STATUSES]),
  /** Tell the channels when a kiosk is back (ok again). */
  recovered: z.boolean().default(true),
  /** Tell again while a kiosk stays down, every so many open minutes; never when left out. */
  remindEveryMinutes: z
    .int()
    .min(15)
    .max(7 * 24 * 60)
    .optional(),
});
export type ItRules = z.infer<typeof ItRules>;
