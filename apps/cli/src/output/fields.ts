/** "Label:  value" blocks with aligned values, for show-style output. */

export type Field = readonly [label: string, value: string];

/** One line per field, values aligned after the longest label; ends with a newline. */
export function formatFields(fields: readonly Field[], indent = ""): string {
  const width = fields.reduce((max, [label]) => Math.max(max, label.length + 1), 0);
  return fields.map(([label, value]) => `${indent}${`${label}:`.padEnd(width)}  ${value}\n`).join("");
}
