/**
 * References (manager) that waited for their target: a report whose manager had no account
 * yet when it was processed. A later pass pages through them, resolves what it can and
 * removes those; one row per (job, referring worker, attribute), the newest value winning.
 */
import { RosterError } from "@roster/engine";
import { type Kysely, insertInBatches, keysetPages, sql } from "@roster/store";
import type { CoordinatorDatabase } from "../store/coordinator-schema.js";
import type { PendingReference, PendingReferenceStore } from "./contracts.js";
import { chunks, requireText } from "./store-input.js";

type ReferenceKey = Pick<PendingReference, "jobId" | "sourceAnchor" | "attribute">;

/** Keys per DELETE statement. */
const KEYS_PER_DELETE = 10_000;

export class SqlPendingReferenceStore implements PendingReferenceStore {
  readonly #db: Kysely<CoordinatorDatabase>;

  constructor(db: Kysely<CoordinatorDatabase>) {
    this.#db = db;
  }

  async add(references: readonly PendingReference[]): Promise<void> {
    // PostgreSQL rejects one upsert touching a row twice: the last reference for a key wins.
    const unique = new Map<string, PendingReference>();
    references.forEach((reference, index) => {
      checkKey(reference, index);
      requireText(reference.referencedValue, `Pending reference ${index + 1}`, "referencedValue");
      unique.set(keyOf(reference), reference);
    });
    const rows = [...unique.values()].map((reference) => ({
      job_id: reference.jobId,
      source_anchor: reference.sourceAnchor,
      attribute: reference.attribute,
      referenced_value: reference.referencedValue,
    }));
    await insertInBatches(this.#db, "roster_pending_references", rows, {
      modify: (query) =>
        query.onConflict((conflict) =>
          conflict
            .columns(["job_id", "source_anchor", "attribute"])
            .doUpdateSet({ referenced_value: sql.ref("excluded.referenced_value") }),
        ),
    });
  }

  async remove(references: readonly ReferenceKey[]): Promise<void> {
    const unique = new Map<string, ReferenceKey>();
    references.forEach((reference, index) => {
      checkKey(reference, index);
      unique.set(keyOf(reference), reference);
    });
    const byJob = new Map<string, ReferenceKey[]>();
    for (const key of unique.values()) {
      const keys = byJob.get(key.jobId) ?? [];
      keys.push(key);
      byJob.set(key.jobId, keys);
    }
    for (const [jobId, keys] of byJob) {
      for (const chunk of chunks(keys, KEYS_PER_DELETE)) {
        // Two array parameters, whatever the chunk size (a long row-value IN list misbehaves on PGlite).
        const anchors = chunk.map((key) => key.sourceAnchor);
        const attributes = chunk.map((key) => key.attribute);
        await this.#db
          .deleteFrom("roster_pending_references")
          .where("job_id", "=", jobId)
          .where(
            sql<boolean>`(source_anchor, attribute) in (select * from unnest(cast(${anchors} as text[]), cast(${attributes} as text[])))`,
          )
          .execute();
      }
    }
  }

  async *pages(jobId: string, pageSize: number): AsyncGenerator<PendingReference[]> {
    const query = this.#db.selectFrom("roster_pending_references").selectAll().where("job_id", "=", jobId);
    for await (const page of keysetPages(query, {
      keys: [{ column: "source_anchor" }, { column: "attribute" }],
      pageSize,
    })) {
      yield page.map((row) => ({
        jobId: row.job_id,
        sourceAnchor: row.source_anchor,
        attribute: row.attribute,
        referencedValue: row.referenced_value,
      }));
    }
  }

  async clearJob(jobId: string): Promise<void> {
    await this.#db.deleteFrom("roster_pending_references").where("job_id", "=", jobId).execute();
  }
}

function checkKey(reference: ReferenceKey, index: number): void {
  const what = `Pending reference ${index + 1}`;
  if (typeof reference !== "object" || reference === null) {
    throw new RosterError("InvalidRequest", `${what} is not an object.`, { object: "pending reference", index });
  }
  requireText(reference.jobId, what, "jobId");
  requireText(reference.sourceAnchor, `${what} (job "${reference.jobId}")`, "sourceAnchor");
  requireText(reference.attribute, `${what} (source anchor "${reference.sourceAnchor}")`, "attribute", 256);
}

function keyOf(reference: ReferenceKey): string {
  return `${reference.jobId}\u0000${reference.sourceAnchor}\u0000${reference.attribute}`;
}
