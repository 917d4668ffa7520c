import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureSlapd, findExecutable, planSlapdSetup, SlapdMissingError } from "./slapd-check.js";

describe("planSlapdSetup", () => {
  it("does nothing when everything is installed", () => {
    expect(planSlapdSetup({ missing: [], isRoot: false, hasAptGet: false })).toEqual({ kind: "ready" });
  });

  it("installs slapd with ldap-utils as root with apt-get, once per package", () => {
    expect(planSlapdSetup({ missing: ["slapd", "slapadd"], isRoot: true, hasAptGet: true })).toEqual({ kind: "install", packages: ["slapd", "ldap-utils"] });
    expect(planSlapdSetup({ missing: ["openssl"], isRoot: true, hasAptGet: true })).toEqual({ kind: "install", packages: ["openssl"] });
  });

  it("names the one command to run when not root", () => {
    const plan = planSlapdSetup({ missing: ["slapd", "slapadd"], isRoot: false, hasAptGet: true });
    expect(plan.kind).toBe("instruct");
    if (plan.kind !== "instruct") return;
    expect(plan.command).toBe("sudo DEBIAN_FRONTEND=noninteractive apt-get install -y slapd ldap-utils");
    expect(plan.message).toContain("slapd, slapadd are not installed");
    expect(plan.message).toContain(`  ${plan.command}\n`);
  });

  it("points at the system's package manager without apt-get, even as root", () => {
    const plan = planSlapdSetup({ missing: ["slapd"], isRoot: true, hasAptGet: false });
    expect(plan.kind).toBe("instruct");
    if (plan.kind === "instruct") expect(plan.message).toContain("slapd is not installed");
  });
});

describe("findExecutable and ensureSlapd", () => {
  const dir = mkdtempSync(join(tmpdir(), "roster-demo-slapd-check-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("finds an executable on PATH", () => {
    writeFileSync(join(dir, "roster-demo-tool"), "#!/bin/sh\n", { mode: 0o755 });
    expect(findExecutable("roster-demo-tool", dir)).toBe(join(dir, "roster-demo-tool"));
    expect(findExecutable("roster-demo-no-such-tool", dir)).toBeNull();
  });

  it("passes where slapd is installed (this machine runs the directory tests)", async () => {
    const logged: string[] = [];
    await ensureSlapd({ log: (text) => logged.push(text), isRoot: false });
    expect(logged).toEqual([]);
  });

  it("refuses with the command to run when a tool is missing and the user is not root", async () => {
    const tools = [{ executable: "roster-demo-missing-slapd", debianPackage: "slapd" }];
    const attempt = ensureSlapd({ log: () => undefined, isRoot: false, tools, env: { PATH: dir } });
    await expect(attempt).rejects.toBeInstanceOf(SlapdMissingError);
    await expect(attempt).rejects.toThrow("roster-demo-missing-slapd is not installed");
  });

  it("as root, installs with apt-get non-interactively, updating the package lists when the first install fails", async () => {
    const record = join(dir, "apt-calls.txt");
    // A stand-in apt-get: install fails until "update" ran, then creates the missing tool.
    writeFileSync(
      join(dir, "apt-get"),
      [
        "#!/bin/sh",
        `echo "$* DEBIAN_FRONTEND=$DEBIAN_FRONTEND" >> '${record}'`,
        `if [ "$1" = update ]; then touch '${dir}/updated'; exit 0; fi`,
        `[ -f '${dir}/updated' ] || exit 100`,
        `printf '#!/bin/sh\n' > '${dir}/roster-demo-installed-slapd'; chmod +x '${dir}/roster-demo-installed-slapd'`,
        "echo Setting up slapd",
      ].join("\n"),
      { mode: 0o755 },
    );
    const logged: string[] = [];
    await ensureSlapd({
      log: (text) => logged.push(text),
      isRoot: true,
      tools: [{ executable: "roster-demo-installed-slapd", debianPackage: "slapd" }],
      // The stand-in comes first; the system directories give it touch and chmod.
      env: { PATH: `${dir}:/usr/bin:/bin` },
    });
    expect(readFileSync(record, "utf8").trim().split("\n")).toEqual([
      "install -y slapd ldap-utils DEBIAN_FRONTEND=noninteractive",
      "update DEBIAN_FRONTEND=noninteractive",
      "install -y slapd ldap-utils DEBIAN_FRONTEND=noninteractive",
    ]);
    expect(logged.join("")).toContain("Installing slapd ldap-utils with apt-get");
    expect(logged.join("")).toContain("Setting up slapd");
  });
});
