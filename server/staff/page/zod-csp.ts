// zod compiles fast object parsers with `new Function` unless told not to, and merely probing for
// that trips the staff page's CSP (script-src 'self', Trusted Types, no 'unsafe-eval'). main.ts
// imports this first, before any module that builds a zod schema: the setting is read when a
// schema is made, not when it parses.
import { config } from 'zod';

config({ jitless: true });
