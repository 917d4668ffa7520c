/**
 * Writeback values as the sources receive them: keyed by the target names of the writeback
 * mapping set, matched case-insensitively (like Entra's attribute names). A name the HR system
 * cannot take, or a flag that is not true/false, fails the whole writeback before anything is
 * sent: writing half of a worker's values would hide a mapping mistake.
 */

export type WritebackParse<T> =
  | { readonly ok: true; readonly request: T | null }
  | { readonly ok: false; readonly message: string };

export type WritebackFields =
  | { readonly ok: true; readonly values: ReadonlyMap<string, string> }
  | { readonly ok: false; readonly message: string };

/**
 * The values under their canonical names (those of `known`). `ignored` names are accepted and
 * dropped (the matching attribute, which identifies the worker rather than being written).
 */
export function takeWritebackValues(
  values: Readonly<Record<string, string>>,
  known: readonly string[],
  system: string,
  ignored: readonly string[] = [],
): WritebackFields {
  const canonical = new Map(known.map((name) => [name.toLowerCase(), name]));
  const skip = new Set(ignored.map((name) => name.toLowerCase()));
  const taken = new Map<string, string>();
  const unknown: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const key = name.toLowerCase();
    if (skip.has(key)) continue;
    const field = canonical.get(key);
    if (field === undefined) unknown.push(name);
    else if (typeof value !== "string") return { ok: false, message: `${name} is not text` };
    else taken.set(field, value);
  }
  if (unknown.length > 0) {
    return {
      ok: false,
      message: `${system} writeback cannot write ${unknown.map((name) => JSON.stringify(name)).join(", ")}; it takes ${known.join(", ")}`,
    };
  }
  return { ok: true, values: taken };
}

const TRUE_TEXT = new Set(["true", "1"]);
const FALSE_TEXT = new Set(["false", "0"]);

/** "true"/"false" (or 1/0, any case) as a boolean; otherwise a failure naming the field. */
export function parseFlag(text: string, field: string): boolean | { readonly ok: false; readonly message: string } {
  const lower = text.trim().toLowerCase();
  if (TRUE_TEXT.has(lower)) return true;
  if (FALSE_TEXT.has(lower)) return false;
  return { ok: false, message: `${field} must be "true" or "false", not ${JSON.stringify(text)}` };
}
