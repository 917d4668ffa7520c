/**
 * One agent process per state directory: two processes appending to one ledger would each
 * believe their in-memory view, and could apply a key twice. The lock file holds the owner's
 * pid; a lock left by a process that no longer runs (killed, crashed) is taken over.
 */
import { open, readFile, unlink } from "node:fs/promises";
import { join } from "node:path";
import { RosterError } from "@roster/engine";

export const LOCK_FILE_NAME = "agent.lock";

export interface StateDirLock {
  release(): Promise<void>;
}

export async function acquireStateDirLock(directory: string): Promise<StateDirLock> {
  const path = join(directory, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, "wx", 0o600);
      await handle.write(`${process.pid}\n`);
      await handle.sync();
      await handle.close();
      return { release: () => unlink(path).catch(() => undefined) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new RosterError("InvalidConfiguration", `cannot lock the state directory ${directory}: ${(error as Error).message}`, {
          field: "stateDir",
        });
      }
    }
    const owner = await lockOwner(path);
    if (owner !== undefined && owner !== process.pid && isRunning(owner)) {
      throw new RosterError(
        "InvalidConfiguration",
        `the state directory ${directory} is in use by another roster-agent (pid ${owner}); every agent needs its own stateDir`,
        { field: "stateDir", pid: owner },
      );
    }
    if (owner === process.pid) {
      throw new RosterError("InvalidConfiguration", `the state directory ${directory} is already in use by this process`, {
        field: "stateDir",
      });
    }
    await unlink(path).catch(() => undefined); // stale: its process is gone
  }
  throw new RosterError("InvalidConfiguration", `cannot lock the state directory ${directory}: another agent keeps taking it`, {
    field: "stateDir",
  });
}

async function lockOwner(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await readFile(path, "utf8")).trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
