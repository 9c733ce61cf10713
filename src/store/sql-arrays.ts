// PostgreSQL array literals, passed as one parameter and cast (`${textArray(keys)}::text[]`):
// Drizzle would spread a JavaScript array into a list of parameters.

/** Texts, each quoted and escaped. */
export const textArray = (values: readonly string[]): string => `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
