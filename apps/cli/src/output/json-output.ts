/** --json output: the API's answer, pretty-printed, one document per command. */
import type { Writable } from "node:stream";

export function writeJson(output: Writable, value: unknown): void {
  output.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** One compact JSON document per line (status --watch --json). */
export function writeJsonLine(output: Writable, value: unknown): void {
  output.write(`${JSON.stringify(value)}\n`);
}
