/** JobStore on PGlite and PostgreSQL: validation, versions, redaction, secret round trip, restart, cycles, audit. */
import { HEALTHY_JOB_STATE, REDACTED, RosterError } from "@roster/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobDefinitionInput } from "../jobs/job-definition.js";
import { LinkStore } from "../store/link-store.js";
import type { CoordinatorDatabase } from "../store/coordinator-schema.js";
import { STORE_BACKENDS, type StoreBackend } from "../store/test-support/store-backends.js";
import { type StateStores, createStateStores } from "./state-stores.js";
import { SF_TOKEN, WORKDAY_PASSWORD, successFactorsJob, workdayJob } from "./test-support/job-fixtures.js";

async function rosterError(promise: Promise<unknown>): Promise<RosterError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RosterError) return error;
    throw error;
  }
  throw new Error("expected a RosterError");
}

for (const [name, open] of STORE_BACKENDS) {
  describe(`JobStore on ${name}`, () => {
    let backend: StoreBackend<CoordinatorDatabase>;
    let stores: StateStores;
    let clock = new Date("2026-03-01T00:00:00Z");
    const tick = (ms = 1_000) => {
      clock = new Date(clock.getTime() + ms);
      return clock;
    };

    beforeAll(async () => {
      backend = await open<CoordinatorDatabase>();
      stores = createStateStores(backend.db, { now: () => clock });
    }, 120_000);
    afterAll(async () => backend?.close());

    it("creates a job with a generated or given id, stopped and waiting for an initial cycle", async () => {
      const job = await stores.jobs.create(workdayJob(), "alice");
      expect(job.jobId).toMatch(/^job_[A-Za-z0-9_-]{16}$/);
      expect(job).toMatchObject({
        version: 1,
        runState: "stopped",
        needsInitialCycle: true,
        watermark: null,
        quarantine: HEALTHY_JOB_STATE,
        createdAt: clock,
        updatedAt: clock,
      });
      expect(job.definitionInput).toEqual(workdayJob());
      expect(job.definition.schedule.intervalMs).toBe(40 * 60_000);
      expect(await stores.jobs.get(job.jobId)).toEqual(job);

      const named = await stores.jobs.create(successFactorsJob(), "alice", "sf-main");
      expect(named.jobId).toBe("sf-main");
      expect((await stores.jobs.list()).map((j) => j.jobId)).toEqual(expect.arrayContaining([job.jobId, "sf-main"]));
      expect((await rosterError(stores.jobs.create(workdayJob(), "alice", "sf-main"))).code).toBe("VersionConflict");
      expect((await rosterError(stores.jobs.create(workdayJob(), "alice", "bad id!"))).code).toBe("InvalidRequest");
      expect(await stores.jobs.get("missing")).toBeNull();
    });

    it("rejects an invalid definition naming every path", async () => {
      const base = workdayJob();
      const input = {
        ...base,
        provisioning: {
          ...base.provisioning,
          mappings: [...base.provisioning.mappings, { type: "Expression", expression: "Join(", target: "title" }],
        },
        schedule: { intervalMs: 5 },
      } as JobDefinitionInput;
      const error = await rosterError(stores.jobs.create(input, "alice", "invalid-1"));
      expect(error.code).toBe("InvalidConfiguration");
      expect(error.message).toContain("provisioning.mappings[3].expression");
      expect(error.message).toContain("schedule.intervalMs");
      expect(await stores.jobs.get("invalid-1")).toBeNull();
    });

    it("refuses a [Redact] placeholder on create, naming the field", async () => {
      const input = workdayJob({
        source: {
          type: "workday",
          connection: { endpoint: "https://wd.example.com/ccx/service/acme", username: "isu@acme", password: REDACTED },
        },
      });
      const error = await rosterError(stores.jobs.create(input, "alice", "placeholder"));
      expect(error.code).toBe("InvalidConfiguration");
      expect(error.message).toContain("source.connection.password");
    });

    it("updates with versions: conflicts, initial-cycle triggers, no-op updates and missing jobs", async () => {
      const job = await stores.jobs.create(workdayJob(), "alice", "versions");
      await stores.jobs.completeCycle("versions", tick());
      expect((await stores.jobs.get("versions"))!.needsInitialCycle).toBe(false);

      tick();
      const renamed = await stores.jobs.update("versions", workdayJob({ name: "Renamed" }), "bob", 1);
      expect(renamed).toMatchObject({ version: 2, needsInitialCycle: false, updatedAt: clock });
      expect(renamed.definition.name).toBe("Renamed");

      const stale = await rosterError(stores.jobs.update("versions", workdayJob({ name: "Stale" }), "bob", 1));
      expect(stale.code).toBe("VersionConflict");
      expect(stale.message).toContain("version 2");

      const same = await stores.jobs.update("versions", workdayJob({ name: "Renamed" }), "bob");
      expect(same.version).toBe(2);

      const base = workdayJob();
      const remapped = await stores.jobs.update(
        "versions",
        workdayJob({
          name: "Renamed",
          provisioning: { ...base.provisioning, mappings: base.provisioning.mappings.slice(0, 2) },
        }),
        "bob",
        2,
      );
      expect(remapped).toMatchObject({ version: 3, needsInitialCycle: true });

      const missing = await rosterError(stores.jobs.update("nope", workdayJob(), "bob"));
      expect(missing.code).toBe("NotFound");
      expect(missing.message).toContain('"nope"');
      expect(job.version).toBe(1);
    });

    it("exports with secrets redacted and imports the export back keeping the stored secret", async () => {
      await stores.jobs.create(workdayJob(), "alice", "roundtrip");
      const exported = await stores.jobs.exportDefinition("roundtrip");
      expect(JSON.stringify(exported)).not.toContain(WORKDAY_PASSWORD);
      expect(exported!.source).toMatchObject({ connection: { password: REDACTED } });

      const edited = { ...exported!, description: "edited after export" };
      const imported = await stores.jobs.update("roundtrip", edited, "bob", 1);
      expect(imported.version).toBe(2);
      expect(imported.definitionInput.source).toMatchObject({ connection: { password: WORKDAY_PASSWORD } });
      expect(imported.definition.description).toBe("edited after export");
      expect(imported.needsInitialCycle).toBe(true);
      // Export → import without edits changes nothing: no new version, no audit entry.
      const again = await stores.jobs.update("roundtrip", (await stores.jobs.exportDefinition("roundtrip"))!, "bob");
      expect(again.version).toBe(2);
      expect((await stores.jobs.audit("roundtrip")).map((entry) => entry.action)).toEqual(["update", "create"]);

      // A placeholder where the stored job has no secret cannot be restored.
      const switched = redactedSf();
      const error = await rosterError(stores.jobs.update("roundtrip", switched, "bob"));
      expect(error.code).toBe("InvalidConfiguration");
      expect(error.message).toContain("source.connection.auth.token");
      expect(await stores.jobs.exportDefinition("missing")).toBeNull();
    });

    it("keeps secrets out of the audit log and lists changed keys for updates", async () => {
      await stores.jobs.create(successFactorsJob(), "alice", "audited");
      tick();
      await stores.jobs.update("audited", successFactorsJob({ name: "New name", description: "x" }), "bob");
      tick();
      await stores.jobs.setRunState("audited", "running", "carol");
      await stores.jobs.appendAudit({
        jobId: "audited",
        actor: "system",
        action: "stagedAllowed",
        details: { count: 3, auth: { token: SF_TOKEN } },
      });
      const entries = await stores.jobs.audit("audited");
      expect(entries.map((entry) => entry.action)).toEqual(["stagedAllowed", "start", "update", "create"]);
      expect(entries[2]).toMatchObject({ actor: "bob", details: { version: 2, changed: ["description", "name"] } });
      expect(entries[1]!.details).toEqual({ from: "stopped", to: "running" });
      expect(JSON.stringify(entries)).not.toContain(SF_TOKEN);
      expect(JSON.stringify(entries[3]!.details)).toContain(REDACTED);
      const older = await stores.jobs.audit("audited", { before: entries[1]!.at, limit: 1 });
      expect(older.map((entry) => entry.action)).toEqual(["update"]);
      expect((await rosterError(stores.jobs.audit("audited", { limit: 0 }))).code).toBe("InvalidRequest");
    });

    it("completes cycles, but a resync requested after the cycle began survives its completion", async () => {
      await stores.jobs.create(workdayJob(), "alice", "cycles");
      const through = tick();
      await stores.jobs.completeCycle("cycles", through);
      expect(await stores.jobs.get("cycles")).toMatchObject({ watermark: through, needsInitialCycle: false });

      const startedAt = tick();
      tick();
      await stores.jobs.update("cycles", workdayJob({ domain: "other.example.com" }), "bob");
      await stores.jobs.completeCycle("cycles", startedAt);
      expect(await stores.jobs.get("cycles")).toMatchObject({ watermark: startedAt, needsInitialCycle: true });
      expect((await rosterError(stores.jobs.completeCycle("nope", through))).code).toBe("NotFound");
    });

    it("quarantines, disables after four weeks, and restart clears state but keeps links and cycles", async () => {
      await stores.jobs.create(workdayJob(), "alice", "restart-keep");
      await stores.jobs.setRunState("restart-keep", "running", "alice");
      await stores.jobs.completeCycle("restart-keep", tick());
      await seedJobState("restart-keep");

      const quarantined = {
        status: "quarantined",
        reason: "EncounteredQuarantineException",
        seriesBeganAt: clock.getTime(),
        currentBeganAt: clock.getTime(),
        failedCycles: 1,
      } as const;
      await stores.jobs.setQuarantine("restart-keep", quarantined);
      await stores.jobs.setQuarantine("restart-keep", { ...quarantined, failedCycles: 2 });
      await stores.jobs.setQuarantine("restart-keep", {
        status: "disabled",
        reason: quarantined.reason,
        seriesBeganAt: quarantined.seriesBeganAt,
        disabledAt: clock.getTime(),
      });
      expect(await stores.jobs.get("restart-keep")).toMatchObject({
        runState: "disabled",
        quarantine: { status: "disabled" },
      });
      const quarantineAudits = (await stores.jobs.audit("restart-keep")).filter(
        (entry) => entry.action === "quarantine",
      );
      expect(quarantineAudits.map((entry) => entry.details["to"])).toEqual(["disabled", "quarantined"]);

      tick();
      const restarted = await stores.jobs.restart("restart-keep", { breakLinks: false }, "alice");
      expect(restarted).toMatchObject({
        watermark: null,
        needsInitialCycle: true,
        quarantine: HEALTHY_JOB_STATE,
        runState: "running",
      });
      expect(await stores.escrow.count("restart-keep")).toBe(0);
      expect(await stores.staged.countPending("restart-keep")).toBe(0);
      expect(await collect(stores.pendingReferences.pages("restart-keep", 10))).toEqual([]);
      expect(await stores.cycles.list("restart-keep")).toHaveLength(1);
      expect(await links().get("restart-keep", "wid-1")).not.toBeNull();
      expect((await stores.jobs.audit("restart-keep", { limit: 1 }))[0]).toMatchObject({
        action: "restart",
        details: { breakLinks: false, linksRemoved: 0, escrow: 1, staged_actions: 1, pending_references: 1 },
      });
      expect((await rosterError(stores.jobs.restart("nope", { breakLinks: false }, "alice"))).code).toBe("NotFound");
    });

    it("restart with breakLinks also removes the job's links, and only that job's", async () => {
      await stores.jobs.create(workdayJob(), "alice", "restart-break");
      await seedJobState("restart-break");
      await seedJobState("bystander");
      const restarted = await stores.jobs.restart("restart-break", { breakLinks: true }, "alice");
      expect(restarted.runState).toBe("stopped");
      expect(await links().get("restart-break", "wid-1")).toBeNull();
      expect(await links().get("bystander", "wid-1")).not.toBeNull();
      expect(await stores.escrow.count("bystander")).toBe(1);
      expect((await stores.jobs.audit("restart-break", { limit: 1 }))[0]!.details).toMatchObject({ linksRemoved: 1 });
    });

    it("deletes a job with its state, keeping the audit trail", async () => {
      await stores.jobs.create(workdayJob(), "alice", "doomed");
      await seedJobState("doomed");
      expect(await stores.jobs.delete("doomed", "alice")).toBe(true);
      expect(await stores.jobs.get("doomed")).toBeNull();
      expect(await stores.cycles.list("doomed")).toEqual([]);
      expect(await stores.escrow.count("doomed")).toBe(0);
      expect(await links().get("doomed", "wid-1")).toBeNull();
      expect((await stores.jobs.audit("doomed")).map((entry) => entry.action)).toEqual(["delete", "create"]);
      expect(await stores.jobs.delete("doomed", "alice")).toBe(false);
      expect((await rosterError(stores.jobs.setRunState("doomed", "running", "alice"))).code).toBe("NotFound");
    });

    function links(): LinkStore {
      return new LinkStore(backend.db);
    }

    /** One row of every job-scoped kind (cycle, escrow, staged action, pending reference, link). */
    async function seedJobState(jobId: string): Promise<void> {
      const cycle = await stores.cycles.start({ jobId, kind: "initial", through: clock, from: null });
      await stores.cycles.finish(cycle.cycleId, "completed", cycle.counts);
      await stores.escrow.recordFailure({
        jobId,
        sourceAnchor: "wid-2",
        workerId: "w2",
        errorCode: "Timeout",
        at: clock,
      });
      await stores.staged.add([
        {
          jobId,
          cycleId: cycle.cycleId,
          sourceAnchor: "wid-1",
          workerId: "w1",
          displayName: "One",
          kind: "disable",
          targetAnchor: "guid-1",
          payload: {},
        },
      ]);
      await stores.pendingReferences.add([
        { jobId, sourceAnchor: "wid-1", attribute: "manager", referencedValue: "wid-2" },
      ]);
      await links().upsert([
        {
          jobId,
          sourceAnchor: "wid-1",
          sourceMatchingValue: "w1",
          targetAnchor: "guid-1",
          targetDn: null,
          inScope: true,
          exportedState: null,
        },
      ]);
    }
  });
}

function redactedSf(): JobDefinitionInput {
  const input = successFactorsJob();
  return {
    ...input,
    source: {
      type: "successfactors",
      connection: { host: "api4.successfactors.com", auth: { type: "bearer", token: REDACTED } },
    },
  };
}

async function collect<T>(pages: AsyncGenerator<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}
