// zod compiles fast parsers with `new Function` unless told not to, and merely probing for that
// trips the renderer CSP (script-src 'self', no 'unsafe-eval'). Import this before any module
// that builds a zod schema.
import { config } from 'zod';

config({ jitless: true });
