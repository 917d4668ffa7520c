/**
 * Diagnostic for the in-process stack: times every statement PGlite executes, per database
 * (hr-sim's in-memory one vs the coordinator's on disk), because a CPU profile cannot tell whose
 * query the PGlite/wasm time belongs to. It wraps PGlite's synchronous protocol entry point
 * (execProtocolRawSync, where the wasm work happens) and attributes each call to the statement
 * of the last Parse or Query message that database received.
 */
import { PGlite } from "@electric-sql/pglite";

export interface StatementShare {
  readonly database: string;
  readonly statement: string;
  readonly calls: number;
  readonly ms: number;
}

interface Tally {
  calls: number;
  ms: number;
}

const PARSE = 0x50; // 'P'
const QUERY = 0x51; // 'Q'
const decoder = new TextDecoder();

/** The SQL of a Parse or Query message at the start of `bytes`, else undefined. */
export function statementOf(bytes: Uint8Array): string | undefined {
  const type = bytes[0];
  if (type !== PARSE && type !== QUERY) return undefined;
  let start = 5;
  if (type === PARSE) {
    const nameEnd = bytes.indexOf(0, start);
    if (nameEnd < 0) return undefined;
    start = nameEnd + 1;
  }
  const end = bytes.indexOf(0, start);
  return decoder.decode(bytes.subarray(start, end < 0 ? bytes.length : end));
}

/** One line per statement shape: whitespace collapsed, parameter lists and literals folded. */
export function normalizeStatement(sql: string): string {
  return sql
    .replace(/\s+/g, " ")
    .replace(/\$\d+(?:\s*,\s*\$\d+)+/g, "$…")
    .replace(/\(\$…\)(?:\s*,\s*\(\$…\))+/g, "($…), …")
    .replace(/\((?:\$\d+\s*,\s*)*\$\d+\)(?:\s*,\s*\((?:\$\d+\s*,\s*)*\$\d+\))+/g, "(…), …")
    .trim()
    .slice(0, 160);
}

export class SqlTimer {
  readonly #tallies = new Map<string, Tally>();
  readonly #current = new WeakMap<object, string>();
  /** Statement texts repeat: normalize each once (this runs inside every query). */
  readonly #normalized = new Map<string, string>();
  #original: ((this: PGlite, bytes: Uint8Array) => Uint8Array) | undefined;

  install(): void {
    if (this.#original !== undefined) return;
    const prototype = PGlite.prototype as unknown as { execProtocolRawSync: (this: PGlite, bytes: Uint8Array) => Uint8Array };
    const original = prototype.execProtocolRawSync;
    this.#original = original;
    const tallies = this.#tallies;
    const current = this.#current;
    const normalized = this.#normalized;
    prototype.execProtocolRawSync = function timed(this: PGlite, bytes: Uint8Array): Uint8Array {
      const sql = statementOf(bytes);
      if (sql !== undefined) {
        let shape = normalized.get(sql);
        if (shape === undefined) {
          shape = normalizeStatement(sql);
          if (normalized.size < 10_000) normalized.set(sql, shape);
        }
        current.set(this, shape);
      }
      const started = performance.now();
      try {
        return original.call(this, bytes);
      } finally {
        const dataDir = (this as unknown as { dataDir?: string }).dataDir;
        const database = dataDir === undefined || dataDir.startsWith("memory://") ? "in-memory (hr-sim)" : "on disk (coordinator)";
        const key = `${database}\u0000${current.get(this) ?? "(other)"}`;
        const tally = tallies.get(key) ?? { calls: 0, ms: 0 };
        tally.calls++;
        tally.ms += performance.now() - started;
        tallies.set(key, tally);
      }
    };
  }

  uninstall(): void {
    if (this.#original === undefined) return;
    (PGlite.prototype as unknown as { execProtocolRawSync: unknown }).execProtocolRawSync = this.#original;
    this.#original = undefined;
  }

  /** The shares since the last take, largest first; clears the tallies. */
  take(): StatementShare[] {
    const shares = [...this.#tallies].map(([key, tally]) => {
      const [database, statement] = key.split("\u0000") as [string, string];
      return { database, statement, calls: tally.calls, ms: tally.ms };
    });
    this.#tallies.clear();
    return shares.sort((a, b) => b.ms - a.ms);
  }
}

export function formatStatementShares(title: string, shares: readonly StatementShare[], top = 15): string {
  const total = new Map<string, number>();
  for (const share of shares) total.set(share.database, (total.get(share.database) ?? 0) + share.ms);
  return [
    `${title}: ${[...total].map(([database, ms]) => `${database} ${(ms / 1000).toFixed(1)} s`).join(", ")}`,
    ...shares
      .slice(0, top)
      .map((s) => `  ${(s.ms / 1000).toFixed(2).padStart(7)} s  ${String(s.calls).padStart(7)} calls  ${s.database.padEnd(21)}  ${s.statement}`),
  ].join("\n");
}
