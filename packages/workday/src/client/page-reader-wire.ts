/**
 * What crosses between the connector and the page-reader thread. Structured clone keeps plain
 * data but not error classes, so errors travel as their parts and are rebuilt on arrival.
 */
import { RosterError, type ErrorCode } from "@roster/engine";
import type { AttributeDefinitions } from "../catalogue/attribute-catalogue.js";
import { WorkdayError, type WorkdayErrorKind } from "../errors/workday-error.js";
import type { ExtractionResult } from "../extraction/worker-extractor.js";
import type { ExtractedPage } from "../response/extracted-page.js";

export interface PageReadRequest {
  readonly id: number;
  /** The response body, UTF-8 (transferred, not copied). */
  readonly bytes: Uint8Array;
  readonly httpStatus: number;
  /** The call, e.g. "Get_Workers (full import) page 3". */
  readonly callOperation: string;
  /** The query, named in worker errors. */
  readonly extractOperation: string;
  readonly requestedPage: number;
  /** Identifies the extractor configuration below (the thread keeps compiled extractors by it). */
  readonly extractorKey: string;
  readonly attributes: AttributeDefinitions;
  readonly requiredAttributes: readonly string[];
  /** Scrubbed from any response text copied into an error. */
  readonly secret: string;
}

export interface WireError {
  readonly kind?: WorkdayErrorKind;
  readonly code?: ErrorCode;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

type WireResult =
  | { readonly ok: true; readonly result: ExtractionResult }
  | { readonly ok: false; readonly error: WireError; readonly hireDate: undefined };

export interface WirePage {
  readonly page: number;
  readonly totalPages: number | undefined;
  readonly totalResults: number | undefined;
  readonly results: readonly WireResult[];
}

export type PageReadReply =
  | { readonly id: number; readonly ok: true; readonly page: WirePage }
  | { readonly id: number; readonly ok: false; readonly error: WireError };

export function toWireError(error: unknown): WireError {
  if (error instanceof WorkdayError) {
    return { kind: error.kind, code: error.code, message: error.message, details: withoutKind(error.details) };
  }
  if (error instanceof RosterError) return { code: error.code, message: error.message, details: error.details };
  return { message: error instanceof Error ? error.message : String(error) };
}

export function fromWireError(wire: WireError): Error {
  if (wire.kind !== undefined && wire.code !== undefined) return new WorkdayError(wire.kind, wire.code, wire.message, wire.details);
  if (wire.code !== undefined) return new RosterError(wire.code, wire.message, wire.details ?? {});
  return new Error(wire.message);
}

export function toWirePage(page: ExtractedPage): WirePage {
  return {
    page: page.page,
    totalPages: page.totalPages,
    totalResults: page.totalResults,
    results: page.results.map((result): WireResult =>
      result.item.ok ? { ok: true, result } : { ok: false, error: toWireError(result.item.error), hireDate: undefined },
    ),
  };
}

export function fromWirePage(wire: WirePage): ExtractedPage {
  return {
    page: wire.page,
    totalPages: wire.totalPages,
    totalResults: wire.totalResults,
    results: wire.results.map((entry): ExtractionResult =>
      entry.ok ? entry.result : { item: { ok: false, error: fromWireError(entry.error) as WorkdayError }, hireDate: undefined },
    ),
  };
}

/** WorkdayError puts its kind into details; the constructor adds it again. */
function withoutKind(details: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { kind: _kind, ...rest } = details;
  return rest;
}
