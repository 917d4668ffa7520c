/**
 * Walks a paged Get_Workers query (Page 1..Total_Pages) as a stream. While the caller works on
 * page n, page n+1 is already being fetched, so Workday's latency overlaps with extraction and
 * provisioning; at most two pages are held at once. Stopping early aborts the pending request.
 */
import type { ExtractedPage } from "../response/extracted-page.js";

export type FetchPage = (page: number, signal: AbortSignal) => Promise<ExtractedPage>;

export async function* streamPages(
  fetchPage: FetchPage,
  pageSize: number,
  signal?: AbortSignal,
): AsyncGenerator<ExtractedPage> {
  const controller = new AbortController();
  const stopOnAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", stopOnAbort, { once: true });
  let requested = 1;
  let pending: Promise<ExtractedPage> | undefined = fetchPage(requested, controller.signal);
  try {
    while (pending !== undefined) {
      const page: ExtractedPage = await pending;
      pending = undefined;
      // Without Response_Results, a full page means there may be more.
      const more =
        page.results.length > 0 &&
        (page.totalPages !== undefined ? requested < page.totalPages : page.results.length >= pageSize);
      if (more) {
        requested++;
        pending = fetchPage(requested, controller.signal);
        // Observed here so an abandoned prefetch cannot become an unhandled rejection;
        // the next loop turn still awaits the original promise and sees its error.
        pending.catch(() => undefined);
      }
      yield page;
    }
  } finally {
    signal?.removeEventListener("abort", stopOnAbort);
    controller.abort();
  }
}
