/**
 * Migration 0004_inbound and BulkUploadService on PGlite and PostgreSQL: accepted requests are
 * stored in one transaction with the flattened users, refused ones store nothing and carry the
 * SCIM error, and the status reads back what was stored.
 */
import { RosterError } from "@roster/engine";
import { sql } from "@roster/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobRecord } from "../state/contracts.js";
import { STORE_BACKENDS, type StoreBackend } from "../store/test-support/store-backends.js";
import { type BulkUploadAcceptedEvent, BulkUploadService, bulkRejectionOf } from "./bulk-upload-service.js";
import { flattenScimUser } from "./flatten-scim-user.js";
import type { InboundDatabase } from "./inbound-schema.js";
import { bulkOf, exampleBulkRequest, minimalOperation } from "./test-support/bulk-request-fixtures.js";
import { bulkBody, DEPARTMENT, TestClock } from "./test-support/inbound-fixtures.js";
import { scimUserSchema } from "./scim-user-schema.js";

const SCIM = "application/scim+json";
const JOB = "API2AD.0123abcd.5d1f0c6e-8d1a-4b52-9c1e-1f2a3b4c5d6e";

function sequentialIds(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

async function rejection(promise: Promise<unknown>): Promise<RosterError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the upload to be refused");
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RosterError);
  return error as RosterError;
}

for (const [name, open] of STORE_BACKENDS) {
  describe(`bulk upload service on ${name}`, () => {
    let backend: StoreBackend<InboundDatabase>;
    const clock = new TestClock("2026-03-02T09:00:00.000Z");

    beforeAll(async () => {
      backend = await open<InboundDatabase>();
    }, 120_000);
    afterAll(async () => backend?.close());

    const countRows = async (jobId: string): Promise<{ requests: number; records: number }> => {
      const requests = await backend.db
        .selectFrom("roster_bulk_requests")
        .select(sql<number>`count(*)::integer`.as("n"))
        .where("job_id", "=", jobId)
        .executeTakeFirstOrThrow();
      const records = await backend.db
        .selectFrom("roster_inbound_records")
        .select(sql<number>`count(*)::integer`.as("n"))
        .where("job_id", "=", jobId)
        .executeTakeFirstOrThrow();
      return { requests: requests.n, records: records.n };
    };

    it("creates the inbound tables with their indexes", async () => {
      const columns = await sql<{ table_name: string; column_name: string }>`
        select table_name, column_name from information_schema.columns
        where table_name in ('roster_bulk_requests', 'roster_inbound_records') order by table_name, ordinal_position`.execute(
        backend.db,
      );
      const byTable = (table: string) =>
        columns.rows.filter((row) => row.table_name === table).map((row) => row.column_name);
      expect(byTable("roster_bulk_requests")).toEqual([
        "request_id",
        "job_id",
        "received_at",
        "actor",
        "operation_count",
        "fail_on_errors",
        "failures",
        "stopped",
      ]);
      expect(byTable("roster_inbound_records")).toEqual(
        expect.arrayContaining([
          "sequence",
          "request_id",
          "operation_index",
          "external_id",
          "attributes",
          "received_at",
          "status",
        ]),
      );
      const indexes = await sql<{ indexname: string }>`
        select indexname from pg_indexes where tablename = 'roster_inbound_records' order by indexname`.execute(
        backend.db,
      );
      expect(indexes.rows.map((row) => row.indexname)).toEqual(
        expect.arrayContaining(["roster_inbound_records_received_idx", "roster_inbound_records_worker_idx"]),
      );
      await expect(
        sql`insert into roster_bulk_requests (request_id, job_id, received_at, actor, operation_count) values ('chk', 'j', now(), 'a', 1);
            `.execute(backend.db),
      ).resolves.toBeDefined();
      await expect(
        sql`insert into roster_inbound_records (request_id, operation_index, job_id, bulk_id, attributes, received_at, status)
            values ('chk', 0, 'j', 'b', '{}'::jsonb, now(), 'done')`.execute(backend.db),
      ).rejects.toThrow();
      await sql`delete from roster_bulk_requests where request_id = 'chk'`.execute(backend.db);
    });

    it("accepts a request with 202, stores the flattened users and reads the same status back", async () => {
      const events: BulkUploadAcceptedEvent[] = [];
      const service = new BulkUploadService(backend.db, {
        now: clock.now,
        newRequestId: sequentialIds("accept"),
        onAccepted: (event) => {
          events.push(event);
        },
      });
      const receipt = await service.accept(
        JOB,
        JSON.stringify(exampleBulkRequest()),
        `${SCIM}; charset=utf-8`,
        "hr-feed",
      );
      expect(receipt.httpStatus).toBe(202);
      expect(receipt.requestId).toBe("accept-1");
      expect(receipt.location).toBe(`/api/v1/jobs/${encodeURIComponent(JOB)}/bulkUpload/accept-1`);
      expect(receipt.status).toMatchObject({
        requestId: "accept-1",
        jobId: JOB,
        receivedAt: "2026-03-02T09:00:00.000Z",
        operationCount: 2,
        failOnErrors: null,
        failures: 0,
        stopped: false,
      });
      expect(receipt.status.operations).toEqual([
        { index: 0, bulkId: "W-21045", externalId: "21045", status: "queued" },
        { index: 1, bulkId: "W-C-00881", externalId: "C-00881", status: "queued" },
      ]);
      expect(events).toEqual([{ jobId: JOB, requestId: "accept-1", queued: 2 }]);
      expect(await service.status(JOB, "accept-1")).toEqual(receipt.status);

      const records = await backend.db
        .selectFrom("roster_inbound_records")
        .select(["external_id", "display_name", "attributes"])
        .where("request_id", "=", "accept-1")
        .orderBy("operation_index")
        .execute();
      const users = exampleBulkRequest().Operations.map((operation) => scimUserSchema.parse(operation["data"]));
      expect(records).toEqual([
        { external_id: "21045", display_name: "Jo Rivera", attributes: flattenScimUser(users[0]!) },
        { external_id: "C-00881", display_name: "Lee Chen", attributes: flattenScimUser(users[1]!) },
      ]);
      const request = await backend.db
        .selectFrom("roster_bulk_requests")
        .select(["actor", "operation_count"])
        .where("request_id", "=", "accept-1")
        .executeTakeFirstOrThrow();
      expect(request).toEqual({ actor: "hr-feed", operation_count: 2 });
    });

    it("refuses invalid requests with the SCIM error and stores nothing", async () => {
      const job = "job-invalid";
      const service = new BulkUploadService(backend.db, { now: clock.now, maxOperations: 3 });

      const wrongType = await rejection(
        service.accept(job, bulkBody([{ externalId: "1", department: "A" }]), "application/json", "t"),
      );
      expect(wrongType.code).toBe("InvalidRequest");
      expect(wrongType.message).toContain(`Bulk upload to job "${job}": Content-Type must be "application/scim+json"`);
      expect(bulkRejectionOf(wrongType)).toEqual({
        httpStatus: 400,
        scimError: {
          schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
          status: "400",
          scimType: "invalidSyntax",
          detail: 'Content-Type must be "application/scim+json"; got "application/json"',
        },
      });

      const tooMany = await rejection(
        service.accept(job, bulkOf([0, 1, 2, 3].map((n) => minimalOperation(n))), SCIM, "t"),
      );
      expect(bulkRejectionOf(tooMany)?.httpStatus).toBe(413);
      expect(tooMany.message).toContain("the maximum is 3 per request");

      const duplicate = await rejection(
        service.accept(
          job,
          bulkBody([
            { externalId: "1", department: "A", bulkId: "x" },
            { externalId: "2", department: "B", bulkId: "x" },
          ]),
          SCIM,
          "t",
        ),
      );
      expect(duplicate.details).toMatchObject({ operationIndex: 1, field: "bulkId", httpStatus: 400, jobId: job });
      expect(bulkRejectionOf(duplicate)?.scimError.scimType).toBe("invalidValue");

      const wrongMethod = await rejection(
        service.accept(job, bulkOf([{ ...minimalOperation(1), method: "DELETE" }]), SCIM, "t"),
      );
      expect(wrongMethod.details).toMatchObject({ operationIndex: 0, field: "method" });

      const notJson = await rejection(service.accept(job, "{", SCIM, "t"));
      expect(bulkRejectionOf(notJson)?.scimError.detail).toMatch(/^The request body is not valid JSON/);

      const blankJob = await rejection(
        service.accept(" ", bulkBody([{ externalId: "1", department: "A" }]), SCIM, "t"),
      );
      expect(blankJob.message).toContain("jobId must be a non-empty string");
      expect(bulkRejectionOf(blankJob)).toBeNull();

      expect(await countRows(job)).toEqual({ requests: 0, records: 0 });
    });

    it("fails an operation without externalId at once and applies failOnErrors to the rest", async () => {
      const service = new BulkUploadService(backend.db, { now: clock.now, newRequestId: sequentialIds("noext") });
      const lenient = await service.accept(
        JOB,
        bulkBody([
          { externalId: "7", department: "A" },
          { department: "B", bulkId: "anon" },
          { externalId: "  ", department: "C" },
        ]),
        SCIM,
        "t",
      );
      expect(lenient.status.operations.map((operation) => [operation.externalId, operation.status])).toEqual([
        ["7", "queued"],
        [null, "failure"],
        [null, "failure"],
      ]);
      expect(lenient.status.failures).toBe(2);
      const failed = (await service.status(JOB, lenient.requestId)).operations[1]!;
      expect(failed.errorInformation).toMatchObject({ errorCode: "SourceRecordInvalid", errorCategory: "failure" });
      expect(failed.errorInformation!.additionalDetails).toContain(
        'Operations[1] (bulkId "anon"): data.externalId is missing',
      );

      const strict = await service.accept(
        JOB,
        bulkBody([{ department: "A" }, { externalId: "8", department: "B" }, { externalId: "9", department: "C" }], 1),
        SCIM,
        "t",
      );
      const stored = await service.status(JOB, strict.requestId);
      expect(stored).toEqual(strict.status);
      expect(stored.stopped).toBe(true);
      expect(stored.operations.map((operation) => [operation.status, operation.skipReason])).toEqual([
        ["failure", undefined],
        ["skipped", "failOnErrorsReached"],
        ["skipped", "failOnErrorsReached"],
      ]);
    });

    it("answers NotFound for unknown requests and checks the job when a job store is given", async () => {
      const service = new BulkUploadService(backend.db, { now: clock.now, newRequestId: sequentialIds("jobs") });
      await service.accept("job-a", bulkBody([{ externalId: "1", department: "A" }]), SCIM, "t");
      expect((await rejection(service.status("job-a", "nope"))).code).toBe("NotFound");
      // A request is only visible under its own job.
      expect((await rejection(service.status("job-b", "jobs-1"))).code).toBe("NotFound");

      const jobs = {
        get: async (jobId: string) =>
          jobId === "workday-job"
            ? ({ definition: { source: { type: "workday" } } } as unknown as JobRecord)
            : jobId === "api-job"
              ? ({ definition: { source: { type: "api" } } } as unknown as JobRecord)
              : null,
      };
      const checked = new BulkUploadService(backend.db, { now: clock.now, jobs });
      const body = bulkBody([{ externalId: "1", department: "A" }]);
      const missing = await rejection(checked.accept("ghost", body, SCIM, "t"));
      expect(missing.code).toBe("NotFound");
      expect(missing.message).toBe('Job "ghost" does not exist.');
      const wrongSource = await rejection(checked.accept("workday-job", body, SCIM, "t"));
      expect(wrongSource.code).toBe("InvalidRequest");
      expect(wrongSource.details["field"]).toBe("source.type");
      await expect(checked.accept("api-job", body, SCIM, "t")).resolves.toMatchObject({ httpStatus: 202 });
      expect(await countRows("workday-job")).toEqual({ requests: 0, records: 0 });
    });

    it("runs onAccepted after the request is durable and reports its failure without refusing the upload", async () => {
      const job = "job-notify";
      const seen: { queued: number; stored: number }[] = [];
      const errors: unknown[] = [];
      let fail = false;
      const service = new BulkUploadService(backend.db, {
        now: clock.now,
        onAccepted: async (event) => {
          const failThis = fail;
          const stored = await service.status(event.jobId, event.requestId);
          seen.push({ queued: event.queued, stored: stored.operations.length });
          if (failThis) throw new Error("cycle trigger broke");
        },
        onAcceptedError: (error) => errors.push(error),
      });
      await service.accept(
        job,
        bulkBody([
          { externalId: "1", department: "A" },
          { externalId: "2", department: "B" },
        ]),
        SCIM,
        "t",
      );
      fail = true;
      const second = await service.accept(job, bulkBody([{ externalId: "3", department: "C" }]), SCIM, "t");
      await expect.poll(() => seen.length).toBe(2);
      await expect.poll(() => errors.length).toBe(1);
      expect((errors[0] as Error).message).toBe("cycle trigger broke");
      expect(seen).toEqual([
        { queued: 2, stored: 2 },
        { queued: 1, stored: 1 },
      ]);
      expect((await service.status(job, second.requestId)).operations[0]!.status).toBe("queued");
    });

    it("stores a request atomically: a failing record insert leaves no request behind", async () => {
      const job = "job-atomic";
      await sql`create function roster_test_refuse_boom() returns trigger language plpgsql as $$
        begin
          if new.bulk_id = 'boom' then raise exception 'refused by test trigger'; end if;
          return new;
        end $$`.execute(backend.db);
      await sql`create trigger roster_test_refuse_boom before insert on roster_inbound_records
        for each row execute function roster_test_refuse_boom()`.execute(backend.db);
      try {
        const service = new BulkUploadService(backend.db, { now: clock.now, newRequestId: () => "atomic-1" });
        await expect(
          service.accept(
            job,
            bulkBody([
              { externalId: "1", department: "A" },
              { externalId: "2", department: "B", bulkId: "boom" },
            ]),
            SCIM,
            "t",
          ),
        ).rejects.toThrow(/refused by test trigger/);
        expect(await countRows(job)).toEqual({ requests: 0, records: 0 });
      } finally {
        await sql`drop trigger roster_test_refuse_boom on roster_inbound_records`.execute(backend.db);
        await sql`drop function roster_test_refuse_boom()`.execute(backend.db);
      }
    });

    it("keeps custom extension values and department per stored record", async () => {
      const service = new BulkUploadService(backend.db, { now: clock.now });
      const receipt = await service.accept(
        "job-attrs",
        bulkBody([{ externalId: "42", department: "Finance" }]),
        SCIM,
        "t",
      );
      const record = await backend.db
        .selectFrom("roster_inbound_records")
        .select(["attributes", "received_at"])
        .where("request_id", "=", receipt.requestId)
        .executeTakeFirstOrThrow();
      expect(record.attributes[DEPARTMENT]).toBe("Finance");
      expect(record.attributes["externalId"]).toBe("42");
      expect(record.received_at.toISOString()).toBe(receipt.status.receivedAt);
    });
  });
}
