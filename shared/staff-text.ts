// Text from a staff request that reaches a query or a row, in its own file so that every staff
// contract (staff-api.ts, follow-up-api.ts) can use it without importing one another in a circle.
import { z } from 'zod';

/**
 * PostgreSQL text cannot hold U+0000 and no one types it, so a string with one is refused like
 * any other bad field.
 */
export const StaffText = () =>
  z.string().refine((s) => !s.includes('\u0000'), 'must not contain NUL (U+0000)');
