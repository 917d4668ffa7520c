/**
 * The schema type of a database handle that is not tied to one schema: migrations,
 * fixtures, helpers. kysely's own Migration API uses Kysely<any> for this; `unknown`
 * would reject every table name.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above — the one place the store spells it.
export type AnySchema = any;
