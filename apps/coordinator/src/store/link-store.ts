/**
 * The source↔target links of every job: read one or many by source anchor (each cycle),
 * by matching value, or many at once by what references name (SuccessFactors manager
 * references by personIdExternal), write them in batches at the end of a page, page
 * through a job's links, and drop them all when a job restarts with "break links".
 */
import { type ExportedState, type LinkState, RosterError } from "@roster/engine";
import { type Kysely, type Selectable, insertInBatches, jsonb, keysetPages, sql } from "@roster/store";
import type { LinksAndLogsDatabase, LinksTable } from "./links-and-logs-schema.js";

export interface StoredLink {
  readonly jobId: string;
  readonly sourceAnchor: string;
  readonly sourceMatchingValue: string | null;
  readonly targetAnchor: string;
  readonly targetDn: string | null;
  readonly inScope: boolean;
  readonly exportedState: ExportedState | null;
  readonly updatedAt: Date;
}

/** A link to write; `updatedAt` defaults to the store's clock. */
export type LinkInput = Omit<StoredLink, "updatedAt"> & { readonly updatedAt?: Date };

export interface LinkStoreOptions {
  readonly now?: () => Date;
}

export interface LinkPageOptions {
  readonly pageSize?: number;
  /** Resume after this source anchor (the last one already seen). */
  readonly afterSourceAnchor?: string;
}

const DEFAULT_BATCH_SIZE = 500;
/** Values per lookup statement: keeps the bind-parameter count far below PostgreSQL's 65,535. */
const LOOKUP_CHUNK = 1000;

export class LinkStore {
  readonly #db: Kysely<LinksAndLogsDatabase>;
  readonly #now: () => Date;

  constructor(db: Kysely<LinksAndLogsDatabase>, options: LinkStoreOptions = {}) {
    this.#db = db;
    this.#now = options.now ?? (() => new Date());
  }

  async get(jobId: string, sourceAnchor: string): Promise<StoredLink | null> {
    const row = await this.#db
      .selectFrom("roster_links")
      .selectAll()
      .where("job_id", "=", jobId)
      .where("source_anchor", "=", sourceAnchor)
      .executeTakeFirst();
    return row === undefined ? null : linkFromRow(row);
  }

  /** The link whose worker has this matching value; two such links is a DuplicateSourceEntries error. */
  async getByMatchingValue(jobId: string, matchingValue: string): Promise<StoredLink | null> {
    const rows = await this.#db
      .selectFrom("roster_links")
      .selectAll()
      .where("job_id", "=", jobId)
      .where("source_matching_value", "=", matchingValue)
      .limit(2)
      .execute();
    if (rows.length > 1) {
      throw new RosterError(
        "DuplicateSourceEntries",
        `Job "${jobId}": more than one linked worker has source matching value "${matchingValue}" (source anchors ${rows
          .map((row) => `"${row.source_anchor}"`)
          .join(", ")}).`,
        { jobId, field: "sourceMatchingValue", value: matchingValue },
      );
    }
    const row = rows[0];
    return row === undefined ? null : linkFromRow(row);
  }

  /**
   * The links of these source anchors (one statement per 1,000 anchors); anchors without a
   * link are absent from the map.
   */
  async getMany(jobId: string, sourceAnchors: Iterable<string>): Promise<Map<string, StoredLink>> {
    const found = new Map<string, StoredLink>();
    for (const chunk of chunksOf(distinctText(sourceAnchors, "sourceAnchors"), LOOKUP_CHUNK)) {
      const rows = await this.#db
        .selectFrom("roster_links")
        .selectAll()
        .where("job_id", "=", jobId)
        .where("source_anchor", "in", chunk)
        .execute();
      for (const row of rows) found.set(row.source_anchor, linkFromRow(row));
    }
    return found;
  }

  /**
   * The links that references (manager) name, in batches: a value names the link whose
   * source anchor it is, else the link whose source matching value it is (SuccessFactors
   * refers to managers by personIdExternal). Values naming no link are absent from the map.
   * A value that is the matching value of several links (and no link's anchor) is a
   * DuplicateSourceEntries error listing every such value in `details.values`, after the
   * whole input has been looked at: a caller can drop those values and ask again.
   */
  async findReferenced(jobId: string, values: Iterable<string>): Promise<Map<string, StoredLink>> {
    const found = new Map<string, StoredLink>();
    /** Values matched through source_matching_value only, with every link that holds them. */
    const byMatching = new Map<string, StoredLink[]>();
    for (const chunk of chunksOf(distinctText(values, "values"), LOOKUP_CHUNK)) {
      const rows = await this.#db
        .selectFrom("roster_links")
        .selectAll()
        .where("job_id", "=", jobId)
        .where((eb) => eb.or([eb("source_anchor", "in", chunk), eb("source_matching_value", "in", chunk)]))
        .execute();
      const chunkValues = new Set(chunk);
      for (const row of rows) {
        const stored = linkFromRow(row);
        if (chunkValues.has(row.source_anchor)) found.set(row.source_anchor, stored);
        const matching = row.source_matching_value;
        if (matching !== null && chunkValues.has(matching)) {
          const holders = byMatching.get(matching);
          if (holders === undefined) byMatching.set(matching, [stored]);
          else holders.push(stored);
        }
      }
    }
    const ambiguous: string[] = [];
    for (const [value, holders] of byMatching) {
      if (found.has(value)) continue; // an anchor match wins
      if (holders.length === 1) found.set(value, holders[0]!);
      else ambiguous.push(value);
    }
    if (ambiguous.length > 0) {
      const shown = ambiguous.slice(0, 10).map((value) => `"${value}"`);
      throw new RosterError(
        "DuplicateSourceEntries",
        `Job "${jobId}": more than one linked worker has source matching value ${shown.join(", ")}${
          ambiguous.length > shown.length ? ` and ${ambiguous.length - shown.length} more` : ""
        }; a reference to ${ambiguous.length === 1 ? "it" : "them"} is ambiguous.`,
        { jobId, field: "sourceMatchingValue", values: ambiguous },
      );
    }
    return found;
  }

  /**
   * Inserts or replaces links, `batchSize` per statement. Within a batch the last link for
   * a (job, source anchor) wins: PostgreSQL rejects one upsert touching a row twice.
   * Pass a transaction as the store's db to make the whole write atomic.
   */
  async upsert(
    links: Iterable<LinkInput> | AsyncIterable<LinkInput>,
    options: { readonly batchSize?: number } = {},
  ): Promise<number> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new RosterError(
        "InvalidRequest",
        `LinkStore.upsert option "batchSize" must be a positive integer, got ${String(batchSize)}.`,
        {
          field: "batchSize",
        },
      );
    }
    let written = 0;
    let batch = new Map<string, LinkInput>();
    const flush = async (): Promise<void> => {
      if (batch.size === 0) return;
      const now = this.#now();
      const rows = [...batch.values()].map((link) => ({
        job_id: link.jobId,
        source_anchor: link.sourceAnchor,
        source_matching_value: link.sourceMatchingValue,
        target_anchor: link.targetAnchor,
        target_dn: link.targetDn,
        in_scope: link.inScope,
        exported_state: link.exportedState === null ? null : jsonb(link.exportedState),
        updated_at: link.updatedAt ?? now,
      }));
      batch = new Map();
      const result = await insertInBatches(this.#db, "roster_links", rows, {
        batchSize: rows.length,
        modify: (query) =>
          query.onConflict((conflict) =>
            conflict.columns(["job_id", "source_anchor"]).doUpdateSet({
              source_matching_value: sql.ref("excluded.source_matching_value"),
              target_anchor: sql.ref("excluded.target_anchor"),
              target_dn: sql.ref("excluded.target_dn"),
              in_scope: sql.ref("excluded.in_scope"),
              exported_state: sql.ref<ExportedState>("excluded.exported_state"),
              updated_at: sql.ref("excluded.updated_at"),
            }),
          ),
      });
      written += result.inserted;
    };
    let index = 0;
    for await (const link of links) {
      checkLinkInput(link, index++);
      batch.set(`${link.jobId}\u0000${link.sourceAnchor}`, link);
      if (batch.size >= batchSize) await flush();
    }
    await flush();
    return written;
  }

  /** A job's links in source-anchor order, one page at a time (keyset pagination). */
  async *pages(jobId: string, options: LinkPageOptions = {}): AsyncGenerator<StoredLink[], void, undefined> {
    const query = this.#db.selectFrom("roster_links").selectAll().where("job_id", "=", jobId);
    const pages = keysetPages(query, {
      keys: [{ column: "source_anchor" }],
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
      ...(options.afterSourceAnchor === undefined ? {} : { after: [options.afterSourceAnchor] }),
    });
    for await (const page of pages) yield page.map(linkFromRow);
  }

  /** Removes every link of a job (restart with "break links"); returns how many were removed. */
  async deleteForJob(jobId: string): Promise<number> {
    const result = await this.#db.deleteFrom("roster_links").where("job_id", "=", jobId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/** The distinct values, each checked to be a non-empty string (lookups take outside input). */
function distinctText(values: Iterable<string>, field: string): string[] {
  const distinct = new Set<string>();
  let index = 0;
  for (const value of values) {
    if (typeof value !== "string" || value === "") {
      throw new RosterError("InvalidRequest", `LinkStore lookup: ${field}[${index}] must be a non-empty string.`, {
        field,
        index,
      });
    }
    distinct.add(value);
    index++;
  }
  return [...distinct];
}

function* chunksOf<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/** The engine's view of a stored link. */
export function toLinkState(link: StoredLink): LinkState {
  return { anchor: link.targetAnchor, exportedAttributes: link.exportedState, wasInScope: link.inScope };
}

function linkFromRow(row: Selectable<LinksTable>): StoredLink {
  return {
    jobId: row.job_id,
    sourceAnchor: row.source_anchor,
    sourceMatchingValue: row.source_matching_value,
    targetAnchor: row.target_anchor,
    targetDn: row.target_dn,
    inScope: row.in_scope,
    exportedState: row.exported_state,
    updatedAt: row.updated_at,
  };
}

const REQUIRED_TEXT = ["jobId", "sourceAnchor", "targetAnchor"] as const;
const OPTIONAL_TEXT = ["sourceMatchingValue", "targetDn"] as const;

function checkLinkInput(link: LinkInput, index: number): void {
  const where = `Link ${index + 1}`;
  if (typeof link !== "object" || link === null) {
    throw new RosterError("InvalidRequest", `${where} is not an object.`, { index });
  }
  for (const field of REQUIRED_TEXT) {
    const value: unknown = link[field];
    if (typeof value !== "string" || value === "") {
      throw new RosterError("InvalidRequest", `${where}: field "${field}" must be a non-empty string.`, {
        index,
        field,
      });
    }
  }
  for (const field of OPTIONAL_TEXT) {
    const value: unknown = link[field];
    if (value !== null && typeof value !== "string") {
      throw new RosterError(
        "InvalidRequest",
        `${where} (source anchor "${link.sourceAnchor}"): field "${field}" must be a string or null.`,
        {
          index,
          field,
        },
      );
    }
  }
  if (typeof link.inScope !== "boolean") {
    throw new RosterError(
      "InvalidRequest",
      `${where} (source anchor "${link.sourceAnchor}"): field "inScope" must be a boolean.`,
      {
        index,
        field: "inScope",
      },
    );
  }
  if (link.updatedAt !== undefined && !(link.updatedAt instanceof Date && !Number.isNaN(link.updatedAt.getTime()))) {
    throw new RosterError(
      "InvalidRequest",
      `${where} (source anchor "${link.sourceAnchor}"): field "updatedAt" must be a valid Date.`,
      {
        index,
        field: "updatedAt",
      },
    );
  }
}
