/**
 * The envelope of a PerPerson collection page: `{"d": {"results": [ … ], "__next": "…"}}`.
 * Persons are left as parsed JSON; each is checked on its own by the extractor, so one bad
 * person never spoils the page. A page without a results array is a failure of the whole call.
 */
import { SuccessFactorsError } from "../errors/successfactors-error.js";

export interface PersonPage {
  readonly results: readonly unknown[];
  /** Absolute or relative URL of the next page, when there is one. */
  readonly next: string | undefined;
}

export function readPersonPage(body: unknown, operation: string): PersonPage {
  const d = (body as { d?: unknown } | null)?.d;
  const results = Array.isArray(d) ? d : (d as { results?: unknown } | null | undefined)?.results;
  if (!Array.isArray(results)) {
    throw new SuccessFactorsError(
      "data",
      "UnprocessableEntity",
      `SuccessFactors answered ${operation} with JSON that has no d.results array`,
      { operation },
    );
  }
  const next = (d as { __next?: unknown }).__next;
  if (next !== undefined && next !== null && (typeof next !== "string" || next === "")) {
    throw new SuccessFactorsError(
      "data",
      "UnprocessableEntity",
      `SuccessFactors answered ${operation} with a d.__next that is not a URL`,
      { operation },
    );
  }
  return { results, next: typeof next === "string" ? next : undefined };
}
