import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { installSystemdUnit, systemdUnit } from "./systemd-unit.js";

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "roster-unit-"));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const base = {
  command: ["/usr/bin/node", "/opt/roster agent/bin/roster-agent.js", "run", "--config", "/etc/roster-agent/config.json"],
  user: "roster-agent",
  group: "roster-agent",
  writablePaths: ["/var/lib/roster-agent"],
};

describe("systemd unit", () => {
  it("runs the agent unprivileged, restarts on failure but not on exit 78, and may write only its state", () => {
    const unit = systemdUnit(base);
    expect(unit).toContain('ExecStart=/usr/bin/node "/opt/roster agent/bin/roster-agent.js" run --config /etc/roster-agent/config.json');
    expect(unit).toContain("User=roster-agent");
    expect(unit).toContain("Restart=on-failure");
    expect(unit).toContain("RestartPreventExitStatus=78");
    expect(unit).toContain("ProtectSystem=strict");
    expect(unit).toContain("ReadWritePaths=/var/lib/roster-agent");
    expect(unit).toContain("WantedBy=multi-user.target");
  });

  it("rejects an invalid account name", () => {
    expect(() => systemdUnit({ ...base, user: "root; rm -rf /" })).toThrow(/--user "root; rm -rf \/" is not a valid account name/);
  });

  it("writes the file at the given path and refuses to overwrite without force", async () => {
    const unitPath = join(directory, "systemd", "roster-agent.service");
    await installSystemdUnit({ ...base, unitPath, force: false });
    expect(await readFile(unitPath, "utf8")).toContain("[Service]");
    expect((await stat(unitPath)).mode & 0o777).toBe(0o644);
    await expect(installSystemdUnit({ ...base, unitPath, force: false })).rejects.toThrow(/already exists; pass --force/);
    await writeFile(unitPath, "old");
    await installSystemdUnit({ ...base, user: "svc", group: "svc", unitPath, force: true });
    expect(await readFile(unitPath, "utf8")).toContain("User=svc");
  });
});
