/**
 * A streaming serialiser for the object trees the renderers build (the XMLBuilder convention:
 * "@_name" attributes, "#text" text, arrays for repeated elements). Pages of workers are the hot
 * path of a benchmark import; this writer does one pass with no per-node allocation beyond the
 * output parts, several times faster than the general-purpose builder.
 */

const NEEDS_ESCAPE = /[&<>"\r\n\t]/;
const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\r": "&#xd;",
  "\n": "&#xa;",
  "\t": "&#x9;",
};
const ESCAPE_ALL = /[&<>"\r\n\t]/g;
const escapeChar = (char: string): string => ESCAPES[char]!;

export function escapeXml(value: string): string {
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPE_ALL, escapeChar) : value;
}

/** Appends `<name …>…</name>` for `value` (an element tree, a text, or an array of either). */
function writeElement(parts: string[], name: string, value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) writeElement(parts, name, item);
    return;
  }
  if (value === undefined || value === null) return;
  if (typeof value !== "object") {
    const text = String(value);
    parts.push(text === "" ? `<${name}/>` : `<${name}>${escapeXml(text)}</${name}>`);
    return;
  }
  const tree = value as Record<string, unknown>;
  let open = `<${name}`;
  let hasContent = false;
  for (const key in tree) {
    if (key.charCodeAt(0) === 64 /* @ */ && key.charCodeAt(1) === 95 /* _ */) {
      const attribute = tree[key];
      if (attribute !== undefined) open += ` ${key.slice(2)}="${escapeXml(String(attribute))}"`;
    } else {
      hasContent = true;
    }
  }
  if (!hasContent) {
    parts.push(`${open}/>`);
    return;
  }
  parts.push(`${open}>`);
  for (const key in tree) {
    if (key.charCodeAt(0) === 64 && key.charCodeAt(1) === 95) continue;
    const child = tree[key];
    if (key === "#text") parts.push(escapeXml(String(child)));
    else writeElement(parts, key, child);
  }
  parts.push(`</${name}>`);
}

/** Serialises a document: `root` maps the root element name to its content. */
export function writeXmlDocument(root: Record<string, unknown>): string {
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  for (const name in root) writeElement(parts, name, root[name]);
  return parts.join("");
}
