import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RosterError } from "@roster/engine";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadAgentConfig, parseAgentConfig } from "./agent-config.js";

const validInput = () => ({
  coordinator: { url: "wss://coordinator.example.com/agent" },
  stateDir: "/var/lib/roster-agent",
  domains: [
    {
      name: "contoso.com",
      directory: {
        url: "ldaps://dc1.contoso.com",
        bindDn: "CN=svc-roster,OU=Service,DC=contoso,DC=com",
        passwordFile: "/etc/roster-agent/ldap-password",
        baseDn: "DC=contoso,DC=com",
      },
    },
  ],
});

function errorOf(run: () => unknown): RosterError {
  try {
    run();
  } catch (error) {
    if (error instanceof RosterError) return error;
    throw error;
  }
  throw new Error("expected a RosterError");
}

describe("parseAgentConfig", () => {
  it("fills in defaults and derives the credential file from the state directory", () => {
    const config = parseAgentConfig(validInput());
    expect(config).toMatchObject({
      concurrency: 8,
      maxInFlight: 64,
      credentialFile: "/var/lib/roster-agent/credential.json",
      coordinator: { rejectUnauthorized: true },
      reconcile: { identityAttributes: ["employeeID", "sAMAccountName"] },
      ledger: { retentionDays: 7 },
    });
    expect(config.domains[0]!.directory).toMatchObject({ dialect: "ad", tls: { rejectUnauthorized: true, startTls: false } });
  });

  it("resolves relative paths against the config file's folder", () => {
    const input = validInput();
    input.stateDir = "state";
    input.domains[0]!.directory.passwordFile = "secrets/ldap";
    const config = parseAgentConfig(input, "test", "/etc/roster-agent");
    expect(config.stateDir).toBe("/etc/roster-agent/state");
    expect(config.credentialFile).toBe("/etc/roster-agent/state/credential.json");
    expect(config.domains[0]!.directory.passwordFile).toBe("/etc/roster-agent/secrets/ldap");
  });

  const DELETE = Symbol("delete");
  it.each([
    ["a missing coordinator", "coordinator", DELETE, "coordinator:"],
    ["an http coordinator URL", "coordinator.url", "https://x.example.com", "coordinator.url: must be a ws:// or wss:// URL"],
    ["an empty domain list", "domains", [], "domains: list at least one domain"],
    ["a missing bind DN", "domains.0.directory.bindDn", DELETE, "domains[0].directory.bindDn"],
    ["both password and passwordFile", "domains.0.directory.password", "x", "domains[0].directory.password: give exactly one"],
    ["an unknown dialect", "domains.0.directory.dialect", "novell", "domains[0].directory.dialect"],
    ["startTls on ldaps", "domains.0.directory.tls", { startTls: true }, "domains[0].directory.tls.startTls"],
    ["a zero concurrency", "concurrency", 0, "concurrency:"],
    ["a misspelt field", "concurency", 4, 'Unrecognized key: "concurency"'],
    ["a second domain of the same name", "domains.1", { ...validInput().domains[0], name: "CONTOSO.com" }, 'domains[1].name: domain "CONTOSO.com" is listed twice'],
    ["a reversed reconnect range", "reconnect", { initialDelayMs: 5000, maxDelayMs: 100 }, "reconnect.maxDelayMs"],
  ])("rejects %s with an error naming the field", (_label, path, value, expected) => {
    const input: Record<string, unknown> = validInput();
    const parts = path.split(".");
    const last = parts.pop()!;
    let target = input;
    for (const part of parts) target = target[part] as Record<string, unknown>;
    if (value === DELETE) delete target[last];
    else target[last] = value;
    const error = errorOf(() => parseAgentConfig(input, "the agent config /etc/roster-agent/config.json"));
    expect(error.code).toBe("InvalidConfiguration");
    expect(error.message).toContain("the agent config /etc/roster-agent/config.json is invalid");
    expect(error.message).toContain(expected);
  });
});

describe("loadAgentConfig", () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), "roster-config-"));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("reads a JSON file", async () => {
    const path = join(directory, "config.json");
    await writeFile(path, JSON.stringify({ ...validInput(), stateDir: "./state" }));
    const config = await loadAgentConfig(path);
    expect(config.stateDir).toBe(join(directory, "state"));
  });

  it("names the file when it is missing or not JSON", async () => {
    await expect(loadAgentConfig(join(directory, "absent.json"))).rejects.toThrow(/cannot read the agent config .*absent\.json/);
    const path = join(directory, "broken.json");
    await writeFile(path, "{ coordinator: ");
    await expect(loadAgentConfig(path)).rejects.toThrow(/broken\.json is not valid JSON/);
  });
});
