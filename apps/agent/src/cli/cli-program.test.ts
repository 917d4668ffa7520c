import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeCoordinator } from "../test-support/fake-coordinator.js";
import { runCli } from "./cli-program.js";

let directory: string;
let out: string;
let err: string;
const io = {
  out: (text: string) => {
    out += text;
  },
  err: (text: string) => {
    err += text;
  },
};
const cli = (...args: string[]) => runCli(["node", "roster-agent", ...args], io);

async function writeConfig(coordinatorUrl = "wss://coordinator.example.com/agent"): Promise<string> {
  const path = join(directory, "config.json");
  await writeFile(
    path,
    JSON.stringify({
      coordinator: { url: coordinatorUrl },
      stateDir: "./state",
      domains: [{ name: "roster.test", directory: { url: "ldap://127.0.0.1:1", bindDn: "cn=admin,dc=roster,dc=test", password: "secret-password", baseDn: "dc=roster,dc=test", dialect: "openldap" } }],
    }),
  );
  return path;
}

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "roster-cli-"));
  out = "";
  err = "";
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("roster-agent command line", () => {
  it("prints help and exits 0", async () => {
    expect(await cli("--help")).toBe(0);
    expect(out).toContain("register");
    expect(out).toContain("install");
  });

  it("exits 78 with one line naming the problem when the config is invalid", async () => {
    const path = join(directory, "config.json");
    await writeFile(path, JSON.stringify({ coordinator: { url: "http://x" }, stateDir: "/tmp/x", domains: [] }));
    expect(await cli("run", "--config", path)).toBe(78);
    expect(err).toMatch(/^roster-agent: InvalidConfiguration: the agent config .*config\.json is invalid: coordinator\.url: must be a ws:\/\/ or wss:\/\/ URL; domains: list at least one domain\n$/);
  });

  it("tells the operator to register first when there is no credential", async () => {
    expect(await cli("run", "--config", await writeConfig())).toBe(78);
    expect(err).toMatch(/Unauthorized: the agent has no credential yet .* run `roster-agent register/);
  });

  it("registers with a token file and stores the credential next to the state", async () => {
    const coordinator = await FakeCoordinator.start();
    try {
      const config = await writeConfig(coordinator.url);
      const tokenFile = join(directory, "token");
      await writeFile(tokenFile, `${coordinator.registrationToken}\n`);
      expect(await cli("register", "--config", config, "--token-file", tokenFile)).toBe(0);
      const credentialFile = join(directory, "state", "credential.json");
      expect(out).toContain(`credential stored in ${credentialFile}`);
      expect((await stat(credentialFile)).mode & 0o777).toBe(0o600);
      expect(out + err).not.toContain(coordinator.registrationToken);
    } finally {
      await coordinator.stop();
    }
  });

  it("installs a systemd unit at the given path without starting anything", async () => {
    const config = await writeConfig();
    const unitPath = join(directory, "units", "roster-agent.service");
    expect(await cli("install", "--config", config, "--unit-path", unitPath, "--user", "svc-roster", "--group", "svc-roster")).toBe(0);
    const unit = await readFile(unitPath, "utf8");
    expect(unit).toContain(`run --config ${config}`);
    expect(unit).toContain(`ReadWritePaths=${join(directory, "state")}`);
    expect(unit).toContain("User=svc-roster");
    expect(await cli("install", "--config", config, "--unit-path", unitPath)).toBe(78);
    expect(err).toContain("already exists; pass --force");
  });
});
