import { chmod, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCredentialFile, writeCredentialFile } from "./credential-file.js";

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "roster-credential-"));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("credential file", () => {
  it("is written with mode 0600 (whatever the umask) and read back", async () => {
    const path = join(directory, "nested", "credential.json");
    const previous = process.umask(0o000);
    try {
      await writeCredentialFile(path, { agentId: "agent-1", credential: "c".repeat(32) });
    } finally {
      process.umask(previous);
    }
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readCredentialFile(path)).toEqual({ agentId: "agent-1", credential: "c".repeat(32) });
  });

  it("tells the operator to register when the file is missing", async () => {
    await expect(readCredentialFile(join(directory, "none.json"))).rejects.toThrow(/run `roster-agent register/);
  });

  it("refuses a file other users can read", async () => {
    const path = join(directory, "credential.json");
    await writeCredentialFile(path, { agentId: "agent-1", credential: "c".repeat(32) });
    await chmod(path, 0o644);
    await expect(readCredentialFile(path)).rejects.toThrow(/accessible by other users \(mode 644\); run `chmod 600/);
  });

  it("names the bad field of a damaged file", async () => {
    const path = join(directory, "credential.json");
    await writeFile(path, JSON.stringify({ agentId: "agent-1", credential: "short" }), { mode: 0o600 });
    await expect(readCredentialFile(path)).rejects.toThrow(/invalid \(field credential\)/);
  });
});
