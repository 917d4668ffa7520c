import { REDACTED } from "@roster/engine";
import { describe, expect, it } from "vitest";
import { SF_TOKEN, WORKDAY_PASSWORD, successFactorsJob, workdayJob } from "../state/test-support/job-fixtures.js";
import {
  redactDetails,
  redactedSecretPaths,
  redactJobDefinition,
  restoreRedactedSecrets,
} from "./redact-definition.js";

describe("job definition redaction", () => {
  it("replaces each secret by [Redact] without touching the input", () => {
    const input = workdayJob();
    const redacted = redactJobDefinition(input);
    expect(JSON.stringify(redacted)).not.toContain(WORKDAY_PASSWORD);
    expect(redacted.source).toMatchObject({ connection: { password: REDACTED, username: "isu@acme" } });
    expect(input.source).toMatchObject({ connection: { password: WORKDAY_PASSWORD } });
    // Objects off the secret paths are shared, not copied.
    expect(redacted.provisioning).toBe(input.provisioning);

    const sf = redactJobDefinition(successFactorsJob());
    expect(JSON.stringify(sf)).not.toContain(SF_TOKEN);
    expect(redactedSecretPaths(sf)).toEqual([["source", "connection", "auth", "token"]]);
  });

  it("restores placeholders from the stored definition and names those it cannot restore", () => {
    const stored = workdayJob();
    const edited = { ...redactJobDefinition(stored), name: "Renamed" };
    const restored = restoreRedactedSecrets(edited, stored);
    expect(restored.missing).toEqual([]);
    expect(restored.definition).toEqual({ ...stored, name: "Renamed" });

    const switched = restoreRedactedSecrets(redactJobDefinition(successFactorsJob()), stored);
    expect(switched.missing).toEqual(["source.connection.auth.token"]);
  });

  it("redacts secret-looking keys at any depth of free-form details", () => {
    const details = { tokenId: "t1", nested: [{ password: "p", ok: 1 }], auth: { Token: "x", token: null } };
    expect(redactDetails(details)).toEqual({
      tokenId: "t1",
      nested: [{ password: REDACTED, ok: 1 }],
      auth: { Token: REDACTED, token: null },
    });
  });
});
