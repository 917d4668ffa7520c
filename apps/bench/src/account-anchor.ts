/**
 * The anchors (objectGUIDs) of the accounts the benchmark creates, by number: the
 * benchmark keeps the number and makes the text only when something asks for it.
 */
export function accountAnchor(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}
