/**
 * Server paging: follows `d.__next` until it is absent, one page at a time. While the caller
 * works through a page, the next one is already being fetched, so at most two pages are held
 * whatever the tenant's size. Stopping early (break, return, an error) aborts that prefetch.
 */
import { SuccessFactorsError } from "../errors/successfactors-error.js";
import type { PersonPage } from "../response/person-page.js";

export interface FetchedPage {
  readonly page: PersonPage;
  /** 1-based. */
  readonly number: number;
  readonly url: string;
}

export type PageFetcher = (url: string, number: number, signal: AbortSignal) => Promise<PersonPage>;

export async function* streamPages(
  firstUrl: string,
  fetchPage: PageFetcher,
  resolveNext: (next: string, current: string) => string,
  signal: AbortSignal | undefined,
  operation: string,
): AsyncGenerator<FetchedPage> {
  const stop = new AbortController();
  const linked = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  const seen = new Set<string>([firstUrl]);
  let url = firstUrl;
  let number = 1;
  let pending: Promise<PersonPage> | undefined = fetchPage(url, number, linked);
  try {
    while (pending !== undefined) {
      const page: PersonPage = await pending;
      pending = undefined;
      let nextUrl: string | undefined;
      if (page.next !== undefined) {
        nextUrl = resolveNext(page.next, url);
        if (seen.has(nextUrl)) {
          throw new SuccessFactorsError(
            "data",
            "UnprocessableEntity",
            `SuccessFactors sent a d.__next for ${operation} page ${number} that repeats an earlier page; stopping so the import does not loop`,
            { operation, page: number },
          );
        }
        seen.add(nextUrl);
        pending = fetchPage(nextUrl, number + 1, linked);
        // Observed here so an abandoned prefetch never becomes an unhandled rejection.
        pending.catch(() => undefined);
      }
      yield { page, number, url };
      if (nextUrl === undefined) return;
      url = nextUrl;
      number++;
    }
  } finally {
    stop.abort();
  }
}
