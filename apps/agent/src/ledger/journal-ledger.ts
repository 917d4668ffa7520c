/**
 * The agent's durable IdempotencyLedger: an append-only journal of JSON lines in the state
 * directory. Before an operation touches the directory a "started" line is made durable, and
 * its result is made durable before it is sent, so after a crash the agent knows which keys it
 * completed (answer again, never re-apply) and which it may have half-applied (reconcile).
 *
 * Appends are group-committed: lines appended in the same turn of the event loop, and every
 * line appended while a write runs, go out together in the next single durable write, so
 * concurrent operations share the cost of durability. The journal is opened with O_DSYNC
 * where the platform has it, so that write is durable when it returns (one system call
 * instead of write + fdatasync); elsewhere each write is followed by fdatasync.
 * The journal is compacted (one line per live key, expired keys dropped) on open and again
 * whenever it has grown well past the live state.
 */
import { constants } from "node:fs";
import { mkdir, open, readFile, rename, type FileHandle } from "node:fs/promises";
import { dirname, join } from "node:path";
import { RosterError } from "@roster/engine";
import { operationResultSchema, type IdempotencyLedger, type OperationResult } from "@roster/protocol";

export const LEDGER_FILE_NAME = "idempotency-ledger.jsonl";

/** What the ledger knows about one key. No result: the operation was started and may be half-applied. */
export interface LedgerEntry {
  readonly result?: OperationResult;
  /** Milliseconds since the epoch of the last line written for the key. */
  readonly at: number;
}

export interface JournalLedgerOptions {
  /** The agent's state directory; created (0700) when missing. */
  readonly directory: string;
  /** Keys untouched for longer are dropped at compaction. */
  readonly retentionMs: number;
  readonly now?: () => number;
  /** Compact online once the journal holds this many lines more than live keys (default 50,000). */
  readonly compactAfterExtraLines?: number;
}

export interface LedgerOpenReport {
  readonly entries: number;
  readonly startedWithoutResult: number;
  readonly expired: number;
  /** Lines that could not be read (a torn last line after a crash, or damage). */
  readonly unreadableLines: number;
}

interface JournalLine {
  readonly k: string;
  readonly t: number;
  readonly s?: "started";
  readonly r?: OperationResult;
}

interface PendingLine {
  readonly text: string;
  readonly onDurable: () => void;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export class JournalLedger implements IdempotencyLedger {
  private pending: PendingLine[] = [];
  private flushing: Promise<void> | undefined;
  private linesInFile: number;
  /** Set after a failed write: the file may end in a partial line, so the next write starts a fresh one. */
  private needsLineBreak = false;
  private closed = false;

  private constructor(
    private readonly path: string,
    private handle: FileHandle,
    private readonly entries: Map<string, LedgerEntry>,
    private readonly options: Required<Omit<JournalLedgerOptions, "now">> & { readonly now: () => number },
    readonly openReport: LedgerOpenReport,
  ) {
    this.linesInFile = entries.size;
  }

  /** Reads the journal (tolerating a torn last line), compacts it, and opens it for appending. */
  static async open(options: JournalLedgerOptions): Promise<JournalLedger> {
    const now = options.now ?? Date.now;
    const settings = {
      directory: options.directory,
      retentionMs: options.retentionMs,
      compactAfterExtraLines: options.compactAfterExtraLines ?? 50_000,
      now,
    };
    await mkdir(options.directory, { recursive: true, mode: 0o700 });
    const path = join(options.directory, LEDGER_FILE_NAME);
    const { entries, unreadableLines } = await readJournal(path);

    const oldest = now() - options.retentionMs;
    let expired = 0;
    let startedWithoutResult = 0;
    for (const [key, entry] of entries) {
      if (entry.at < oldest) {
        entries.delete(key);
        expired += 1;
      } else if (entry.result === undefined) {
        startedWithoutResult += 1;
      }
    }
    await writeCompacted(path, entries);
    const handle = await openForAppend(path);
    return new JournalLedger(path, handle, entries, settings, {
      entries: entries.size,
      startedWithoutResult,
      expired,
      unreadableLines,
    });
  }

  /** Everything the ledger knows about the key, or undefined when it never saw it. */
  lookup(idempotencyKey: string): LedgerEntry | undefined {
    return this.entries.get(idempotencyKey);
  }

  get(idempotencyKey: string): OperationResult | undefined {
    return this.entries.get(idempotencyKey)?.result;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Durably notes that the operation is about to be applied. Resolves once the line is on disk. */
  markStarted(idempotencyKey: string): Promise<void> {
    const at = this.options.now();
    return this.append({ k: idempotencyKey, t: at, s: "started" }, () => this.entries.set(idempotencyKey, { at }));
  }

  /** Durably records the result. Resolves once the line is on disk; only then may the result be sent. */
  record(idempotencyKey: string, result: OperationResult): Promise<void> {
    const at = this.options.now();
    return this.append({ k: idempotencyKey, t: at, r: result }, () => this.entries.set(idempotencyKey, { result, at }));
  }

  /** Waits for pending lines, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flushing;
    await this.handle.close();
  }

  /** Queues a line; `onDurable` updates the in-memory state once the line is on disk, before anyone is told. */
  private append(line: JournalLine, onDurable: () => void): Promise<void> {
    if (this.closed) {
      return Promise.reject(new RosterError("InternalError", `the idempotency ledger ${this.path} is closed`));
    }
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ text: `${JSON.stringify(line)}\n`, onDurable, resolve, reject });
      // Started on the next turn, so the lines of operations finishing together share the first write.
      this.flushing ??= new Promise<void>((started) => setImmediate(started)).then(() => this.flushLoop());
    });
  }

  private async flushLoop(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      let text = "";
      for (const line of batch) text += line.text;
      if (this.needsLineBreak) text = `\n${text}`;
      try {
        await this.handle.write(text);
        if (SYNCED_WRITES === undefined) await this.handle.datasync();
        this.needsLineBreak = false;
        this.linesInFile += batch.length;
        for (const line of batch) {
          line.onDurable();
          line.resolve();
        }
      } catch (error) {
        this.needsLineBreak = true;
        const failure = new RosterError(
          "InternalError",
          `cannot write the idempotency ledger ${this.path}: ${(error as Error).message}`,
          {},
          { cause: error },
        );
        for (const line of batch) line.reject(failure);
        continue;
      }
      if (this.linesInFile - this.entries.size > this.options.compactAfterExtraLines) await this.compactNow();
    }
    this.flushing = undefined;
  }

  /** Rewrites the journal from the live state; runs inside the flush loop, so no append interleaves. */
  private async compactNow(): Promise<void> {
    const oldest = this.options.now() - this.options.retentionMs;
    for (const [key, entry] of this.entries) if (entry.at < oldest) this.entries.delete(key);
    try {
      await writeCompacted(this.path, this.entries);
      const next = await openForAppend(this.path);
      await this.handle.close();
      this.handle = next;
      this.linesInFile = this.entries.size;
    } catch {
      // Compaction is an optimisation: the uncompacted journal stays valid.
    }
  }
}

async function readJournal(path: string): Promise<{ entries: Map<string, LedgerEntry>; unreadableLines: number }> {
  const entries = new Map<string, LedgerEntry>();
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { entries, unreadableLines: 0 };
    throw new RosterError("InvalidConfiguration", `cannot read the idempotency ledger ${path}: ${(error as Error).message}`);
  }
  let unreadableLines = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (line.trim() === "") continue;
    const parsed = parseLine(line);
    if (parsed === undefined) {
      unreadableLines += 1;
      continue;
    }
    // The last line of a key wins: "started" after a result means it was tried again (retryable failure).
    entries.set(parsed.k, parsed.r === undefined ? { at: parsed.t } : { result: parsed.r, at: parsed.t });
  }
  return { entries, unreadableLines };
}

function parseLine(line: string): JournalLine | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const { k, t, s, r } = value as Record<string, unknown>;
  if (typeof k !== "string" || k === "" || typeof t !== "number" || !Number.isFinite(t)) return undefined;
  if (s === "started" && r === undefined) return { k, t, s };
  const result = operationResultSchema.safeParse(r);
  if (!result.success || result.data.idempotencyKey !== k) return undefined;
  return { k, t, r: result.data };
}

/** Writes the live state to a temporary file, makes it durable, and renames it over the journal. */
async function writeCompacted(path: string, entries: ReadonlyMap<string, LedgerEntry>): Promise<void> {
  const temporary = `${path}.compact`;
  const handle = await open(temporary, "w", 0o600);
  try {
    const chunk: string[] = [];
    for (const [k, entry] of entries) {
      const line: JournalLine = entry.result === undefined ? { k, t: entry.at, s: "started" } : { k, t: entry.at, r: entry.result };
      chunk.push(JSON.stringify(line));
      if (chunk.length >= 1000) {
        await handle.write(`${chunk.join("\n")}\n`);
        chunk.length = 0;
      }
    }
    if (chunk.length > 0) await handle.write(`${chunk.join("\n")}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
  await syncDirectory(path);
}

/** O_DSYNC (Linux, macOS): every write is on stable storage when it returns. */
const SYNCED_WRITES: number | undefined = constants.O_DSYNC;

async function openForAppend(path: string): Promise<FileHandle> {
  if (SYNCED_WRITES === undefined) return open(path, "a", 0o600);
  return open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | SYNCED_WRITES, 0o600);
}

/** fsync of the directory makes the rename itself durable. */
async function syncDirectory(path: string): Promise<void> {
  const directory = dirname(path);
  let handle: FileHandle | undefined;
  try {
    handle = await open(directory, "r");
    await handle.sync();
  } catch {
    // Some file systems do not allow syncing a directory; the rename is still atomic.
  } finally {
    await handle?.close();
  }
}
