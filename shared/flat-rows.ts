// A strict check for a long list of flat rows (each a plain object of primitives), as zod's
// would be but far cheaper: every row is walked once against a table of plain predicates. A
// zod object schema per row ran cold in each fresh staff page (compiled parsers are off under
// its CSP), and at 5,000 kiosks checking the rows took over ten times as long as parsing their
// JSON. Used through `flatRows`, a zod schema, so a contract stays one zod schema in shared/.
import { z } from 'zod';

interface Field<T, O extends boolean = boolean> {
  ok: (v: unknown) => v is T;
  /** What a good value is, for the problem's message. */
  expected: string;
  optional: O;
}

/** A field every row has. */
export const required = <T>(ok: (v: unknown) => v is T, expected: string): Field<T, false> => ({
  ok,
  expected,
  optional: false,
});
/** A field a row may leave out (never null). */
export const optional = <T>(
  ok: (v: unknown) => v is T,
  expected: string,
): Field<T | undefined, true> => ({
  ok: ok as (v: unknown) => v is T | undefined,
  expected,
  optional: true,
});

type Fields = Record<string, Field<unknown>>;
type Value<F> = F extends Field<infer T> ? T : never;
type OptionalKeys<S extends Fields> = {
  [K in keyof S]: S[K]['optional'] extends true ? K : never;
}[keyof S];
/** The row a table of fields describes. */
export type RowOf<S extends Fields> = {
  [K in Exclude<keyof S, OptionalKeys<S>>]: Value<S[K]>;
} & { [K in OptionalKeys<S>]?: Exclude<Value<S[K]>, undefined> };

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
export const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
export const isOneOf =
  <T extends string>(values: readonly T[]) =>
  (v: unknown): v is T =>
    values.includes(v as T);
export const isListOf =
  <T>(ok: (v: unknown) => v is T) =>
  (v: unknown): v is T[] =>
    Array.isArray(v) && v.length > 0 && v.every(ok);

/**
 * An array of rows with exactly `fields` (no others, none missing but the optional ones), each
 * value as its predicate says; a problem is reported at its row and field, as zod would.
 */
export function flatRows<S extends Fields>(fields: S) {
  const names = Object.keys(fields);
  return z
    .custom<RowOf<S>[]>((v) => Array.isArray(v), { message: 'expected an array' })
    .superRefine((rows, ctx) => {
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i] as Record<string, unknown>;
        if (typeof row !== 'object' || row === null || Array.isArray(row)) {
          ctx.addIssue({ code: 'custom', path: [i], message: 'expected an object' });
          return;
        }
        for (const key in row)
          if (!Object.hasOwn(fields, key)) {
            ctx.addIssue({ code: 'custom', path: [i, key], message: 'unknown field' });
            return;
          }
        for (const key of names) {
          const f = fields[key]!;
          const v = row[key];
          if (v === undefined ? !f.optional : !f.ok(v)) {
            ctx.addIssue({ code: 'custom', path: [i, key], message: `expected ${f.expected}` });
            return;
          }
        }
      }
    });
}
