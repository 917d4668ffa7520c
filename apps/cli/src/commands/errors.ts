/** `roster errors`: the error-code registry, as a readable list or as JSON. */
import type { Writable } from "node:stream";
import { ERROR_CODES, describeErrorCode, type ErrorCode } from "@roster/engine";

export interface ErrorsOptions {
  readonly json?: boolean;
}

export function runErrors(options: ErrorsOptions, output: Writable): number {
  const entries = (Object.keys(ERROR_CODES) as ErrorCode[]).map((code) => describeErrorCode(code));
  if (options.json === true) {
    output.write(`${JSON.stringify(entries, null, 2)}\n`);
    return 0;
  }
  const blocks = entries.map((e) =>
    [
      `${e.code}  (${e.category}${e.retryable ? ", retried" : ""})`,
      `  Reason:             ${e.reason}`,
      `  Recommended action: ${e.recommendedAction}`,
    ].join("\n"),
  );
  output.write(`${blocks.join("\n\n")}\n`);
  return 0;
}
