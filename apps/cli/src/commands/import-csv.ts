/**
 * `roster import csv FILE --job ID`: streams a CSV file, turns each row into a SCIM User and
 * posts them as SCIM BulkRequests to the job's bulkUpload endpoint, in file order, at most
 * --batch-size (≤ 50) operations per request. Rows that cannot be turned into a user are
 * reported with their line and column and left out; the rest of the file goes on.
 * Exit code: 0 all rows uploaded, 1 some rows or requests failed, 2 nothing could be done.
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import type { Writable } from "node:stream";
import { RosterError } from "@roster/engine";
import { Presets, SingleBar } from "cli-progress";
import { Command } from "commander";
import { type CsvError, parse } from "csv-parse";
import { type PostOptions, postBulkRequest } from "./bulk-upload-client.js";
import {
  type ColumnMapping,
  type CompiledMapping,
  type RowError,
  compileMapping,
  rowToScimUser,
} from "./csv-scim-mapping.js";

/** Entra's (and Roster's) limit of operations per bulk request. */
export const MAX_OPERATIONS_PER_REQUEST = 50;
/** Below the coordinator's 1 MiB body limit, with room for the envelope. */
const MAX_REQUEST_BYTES = 1_000_000;
const BULK_REQUEST_URN = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
/** Row errors kept for printing after the progress bar; beyond that they are only counted. */
const MAX_BUFFERED_ERRORS = 200;

export interface ImportCsvOptions {
  readonly job: string;
  readonly url?: string;
  readonly token?: string;
  readonly batchSize?: string | number;
  readonly mapping?: string;
}

export interface ImportCsvIo {
  readonly stdout: Writable;
  readonly stderr: Writable & { readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly post?: PostOptions;
}

export interface ImportSummary {
  rows: number;
  uploaded: number;
  rowErrors: number;
  requests: number;
  failedRequests: number;
  failedRows: number;
}

interface Batch {
  operations: string[];
  externalIds: Set<string>;
  bytes: number;
  firstLine: number;
  lastLine: number;
}

export function importCsvCommand(): Command {
  return new Command("csv")
    .description("Upload workers from a CSV file to an API-driven inbound job (SCIM bulk upload)")
    .argument("<file>", "the CSV file; the first line names the columns")
    .requiredOption("--job <id>", "the job to upload to")
    .option("--url <url>", "the coordinator's URL (default: $ROSTER_URL)")
    .option("--token <token>", "an administrator token (default: $ROSTER_TOKEN)")
    .option(
      "--batch-size <n>",
      `operations per bulk request, 1 to ${MAX_OPERATIONS_PER_REQUEST}`,
      String(MAX_OPERATIONS_PER_REQUEST),
    )
    .option(
      "--mapping <file>",
      'JSON object: CSV column → SCIM attribute path (null ignores a column), e.g. {"Worker ID": "externalId"}',
    )
    .action(async (file: string, options: ImportCsvOptions) => {
      process.exitCode = await runImportCsv(file, options, {
        stdout: process.stdout,
        stderr: process.stderr,
        env: process.env,
      });
    });
}

/** Runs the import; resolves with the exit code. Never throws for bad input. */
export async function runImportCsv(file: string, options: ImportCsvOptions, io: ImportCsvIo): Promise<number> {
  let settings: Settings;
  try {
    settings = await resolveSettings(file, options, io.env);
  } catch (error) {
    io.stderr.write(`error: ${messageOf(error)}\n`);
    return 2;
  }
  const summary: ImportSummary = { rows: 0, uploaded: 0, rowErrors: 0, requests: 0, failedRequests: 0, failedRows: 0 };
  const bar = io.stderr.isTTY === true ? startBar(io.stderr, settings.fileBytes) : null;
  const buffered: string[] = [];
  const report = (text: string): void => {
    if (bar === null) io.stderr.write(`${text}\n`);
    else if (buffered.length < MAX_BUFFERED_ERRORS) buffered.push(text);
  };
  const reportRow = (error: RowError): void => {
    summary.rowErrors++;
    report(`${file}: line ${error.line}${error.column === null ? "" : `, column "${error.column}"`}: ${error.message}`);
  };

  let batch = emptyBatch();
  const send = async (): Promise<void> => {
    if (batch.operations.length === 0) return;
    const current = batch;
    batch = emptyBatch();
    const body = `{"schemas":["${BULK_REQUEST_URN}"],"Operations":[${current.operations.join(",")}],"failOnErrors":null}`;
    const result = await postBulkRequest(settings.target, body, io.post);
    summary.requests++;
    if (result.ok) {
      summary.uploaded += current.operations.length;
    } else {
      summary.failedRequests++;
      summary.failedRows += current.operations.length;
      report(
        `${file}: lines ${current.firstLine}–${current.lastLine} (${current.operations.length} rows) were not accepted: ${result.message}`,
      );
    }
  };

  let fatal: string | null = null;
  try {
    const parser = createReadStream(file).pipe(
      parse({
        bom: true,
        info: true,
        relax_column_count: true,
        skip_empty_lines: true,
        skip_records_with_error: true,
        on_skip: (error: CsvError | undefined) => {
          if (error !== undefined) reportRow({ line: lineOf(error), column: null, message: error.message });
          return undefined;
        },
      }),
    );
    let mapping: CompiledMapping | null = null;
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number; bytes: number };
    }>) {
      const line = startLine(record, info.lines);
      if (mapping === null) {
        mapping = compileMapping(record, settings.mapping);
        if (mapping.unmapped.length > 0) {
          report(`${file}: ignoring columns without a mapping: ${mapping.unmapped.map((c) => `"${c}"`).join(", ")}`);
        }
        continue;
      }
      summary.rows++;
      const row = rowToScimUser(mapping, record, line);
      if (!row.ok) {
        for (const error of row.errors) reportRow(error);
      } else {
        const operation = JSON.stringify({ method: "POST", bulkId: row.externalId, path: "/Users", data: row.user });
        const bytes = Buffer.byteLength(operation) + 1;
        // A worker twice in one request would repeat its bulkId: the later row goes in the next request.
        if (
          batch.externalIds.has(row.externalId) ||
          batch.operations.length >= settings.batchSize ||
          (batch.operations.length > 0 && batch.bytes + bytes > MAX_REQUEST_BYTES)
        ) {
          await send();
        }
        if (batch.operations.length === 0) batch.firstLine = line;
        batch.operations.push(operation);
        batch.externalIds.add(row.externalId);
        batch.bytes += bytes;
        batch.lastLine = info.lines;
      }
      bar?.update(info.bytes, progressPayload(summary));
    }
    await send();
    if (mapping === null) fatal = `${file} has no header line`;
  } catch (error) {
    fatal = messageOf(error);
  } finally {
    bar?.update(settings.fileBytes, progressPayload(summary));
    bar?.stop();
  }
  for (const text of buffered) io.stderr.write(`${text}\n`);
  if (bar !== null && summary.rowErrors + summary.failedRequests > buffered.length) {
    io.stderr.write(`(${summary.rowErrors + summary.failedRequests - buffered.length} more problems not shown)\n`);
  }
  if (fatal !== null) io.stderr.write(`error: ${fatal}\n`);
  io.stdout.write(`${summaryText(file, settings.target.jobId, summary)}\n`);
  if (fatal !== null && summary.uploaded === 0) return 2;
  return fatal !== null || summary.rowErrors > 0 || summary.failedRequests > 0 ? 1 : 0;
}

interface Settings {
  readonly target: { readonly url: string; readonly token: string; readonly jobId: string };
  readonly batchSize: number;
  readonly mapping: ColumnMapping;
  readonly fileBytes: number;
}

async function resolveSettings(file: string, options: ImportCsvOptions, env: ImportCsvIo["env"]): Promise<Settings> {
  const jobId = typeof options.job === "string" ? options.job.trim() : "";
  if (jobId === "") throw usage("--job must name the job to upload to");
  const url = options.url ?? env["ROSTER_URL"];
  if (url === undefined || url === "") throw usage("no coordinator URL: pass --url or set ROSTER_URL");
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    throw usage(`--url ${JSON.stringify(url)} is not a URL`);
  }
  if (parsedUrl.protocol !== "http:" && parsedUrl.protocol !== "https:")
    throw usage(`--url must be http or https, got ${parsedUrl.protocol}`);
  const token = options.token ?? env["ROSTER_TOKEN"];
  if (token === undefined || token === "") throw usage("no token: pass --token or set ROSTER_TOKEN");
  const batchSize = Number(options.batchSize ?? MAX_OPERATIONS_PER_REQUEST);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_OPERATIONS_PER_REQUEST) {
    throw usage(
      `--batch-size must be an integer from 1 to ${MAX_OPERATIONS_PER_REQUEST}, got ${JSON.stringify(String(options.batchSize))}`,
    );
  }
  const mapping = options.mapping === undefined ? {} : await readMapping(options.mapping);
  let fileBytes: number;
  try {
    fileBytes = (await stat(file)).size;
  } catch (error) {
    throw usage(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? messageOf(error)}`);
  }
  return { target: { url, token, jobId }, batchSize, mapping, fileBytes };
}

async function readMapping(path: string): Promise<ColumnMapping> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw usage(`cannot read the mapping file ${path}: ${(error as NodeJS.ErrnoException).code ?? messageOf(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw usage(`mapping file ${path} is not valid JSON: ${messageOf(error)}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw usage(`mapping file ${path} must hold a JSON object of CSV column → SCIM attribute path`);
  }
  for (const [column, target] of Object.entries(value)) {
    if (target !== null && typeof target !== "string") {
      throw usage(
        `mapping file ${path}, column "${column}": the value must be a SCIM attribute path (a string) or null`,
      );
    }
  }
  return value as ColumnMapping;
}

function usage(message: string): RosterError {
  return new RosterError("InvalidRequest", message);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function emptyBatch(): Batch {
  return { operations: [], externalIds: new Set(), bytes: 0, firstLine: 0, lastLine: 0 };
}

/** info.lines is the line a record ends on; a quoted field may span lines. */
function startLine(record: readonly string[], endLine: number): number {
  let breaks = 0;
  for (const field of record) {
    for (let at = field.indexOf("\n"); at !== -1; at = field.indexOf("\n", at + 1)) breaks++;
  }
  return endLine - breaks;
}

function lineOf(error: CsvError): number {
  const lines = error["lines"];
  return typeof lines === "number" ? lines : 0;
}

function startBar(stream: Writable, total: number): SingleBar {
  const bar = new SingleBar(
    {
      stream: stream as NodeJS.WriteStream,
      format: "Importing |{bar}| {percentage}% | {rows} rows | {uploaded} uploaded | {problems} problems",
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  bar.start(
    Math.max(1, total),
    0,
    progressPayload({ rows: 0, uploaded: 0, rowErrors: 0, requests: 0, failedRequests: 0, failedRows: 0 }),
  );
  return bar;
}

function progressPayload(summary: ImportSummary): Record<string, number> {
  return { rows: summary.rows, uploaded: summary.uploaded, problems: summary.rowErrors + summary.failedRequests };
}

function summaryText(file: string, jobId: string, summary: ImportSummary): string {
  const parts = [
    `${summary.uploaded} uploaded in ${summary.requests - summary.failedRequests} request${summary.requests - summary.failedRequests === 1 ? "" : "s"}`,
    `${summary.rowErrors} row error${summary.rowErrors === 1 ? "" : "s"}`,
  ];
  if (summary.failedRequests > 0) {
    parts.push(
      `${summary.failedRequests} request${summary.failedRequests === 1 ? "" : "s"} refused (${summary.failedRows} rows)`,
    );
  }
  return `${file} → job ${jobId}: ${summary.rows} rows read; ${parts.join(", ")}.`;
}
