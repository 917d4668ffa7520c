/**
 * Connector attribute records → the engine's Attributes: null values are left out, lists and
 * scalars kept as they are. Runs once per worker on the import hot path.
 */
import type { Attributes, Scalar } from "@roster/engine";

type ConnectorValue = string | number | boolean | null | readonly (string | number | boolean)[];

/**
 * Records built key by key through a constructor keep V8's fast in-object layout for more keys
 * than an object literal (~22 attributes per worker); the prototype is Object.prototype.
 */
function AttributeRecord(): void {}
AttributeRecord.prototype = Object.prototype;
const AttributeRecordConstructor = AttributeRecord as unknown as new () => Record<string, Scalar | readonly Scalar[]>;

/** The non-null values of `values`, leaving out the names in `omit` (attributes read only for display). */
export function toEngineAttributes(
  values: Readonly<Record<string, ConnectorValue>>,
  omit: ReadonlySet<string> | undefined,
): Attributes {
  const attributes = new AttributeRecordConstructor();
  for (const name in values) {
    const value = values[name];
    if (value === null || value === undefined || omit?.has(name)) continue;
    attributes[name] = value;
  }
  return attributes;
}

/** The first candidate (a list of attribute names, joined with a space) that gives non-empty text. */
export function displayNameOf(
  values: Readonly<Record<string, ConnectorValue>>,
  candidates: readonly (readonly string[])[],
): string | null {
  for (const names of candidates) {
    let text = "";
    for (const name of names) {
      const value = values[name];
      if (typeof value !== "string" || value.trim() === "") continue;
      text = text === "" ? value.trim() : `${text} ${value.trim()}`;
    }
    if (text !== "") return text;
  }
  return null;
}

/** `mapped` plus the display attributes the source offers, without duplicates; the display-only ones apart. */
export function withDisplayAttributes(
  mapped: readonly string[],
  display: readonly string[],
  available: ReadonlySet<string>,
): { readonly names: readonly string[]; readonly displayOnly: ReadonlySet<string> } {
  const wanted = new Set(mapped);
  const displayOnly = new Set<string>();
  for (const name of display) {
    if (!wanted.has(name) && available.has(name)) {
      wanted.add(name);
      displayOnly.add(name);
    }
  }
  return { names: [...wanted], displayOnly };
}
