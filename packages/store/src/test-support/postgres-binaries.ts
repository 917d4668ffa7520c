import { accessSync, constants, existsSync, readdirSync } from "node:fs";
import { delimiter, join } from "node:path";
import { StoreError } from "../errors/store-error.js";

const DEBIAN_ROOT = "/usr/lib/postgresql";
const VERSION_DIR = /^\d+$/;
const REQUIRED = ["initdb", "pg_ctl", "postgres"] as const;

/**
 * The directory holding initdb, pg_ctl and postgres: $ROSTER_PG_BIN, else the newest
 * /usr/lib/postgresql/<version>/bin (Debian), else the first PATH entry that has them.
 */
export function findPostgresBinDir(env: NodeJS.ProcessEnv = process.env, debianRoot: string = DEBIAN_ROOT): string {
  const candidates: string[] = [];
  if (env.ROSTER_PG_BIN) candidates.push(env.ROSTER_PG_BIN);
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot)
      .filter((name) => VERSION_DIR.test(name))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) candidates.push(join(debianRoot, version, "bin"));
  }
  for (const dir of (env.PATH ?? "").split(delimiter)) if (dir !== "") candidates.push(dir);

  for (const dir of candidates) {
    if (REQUIRED.every((name) => isExecutable(join(dir, name)))) return dir;
  }
  throw new StoreError(
    "InvalidConfiguration",
    "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found in $ROSTER_PG_BIN, " +
      `${DEBIAN_ROOT}/<version>/bin or PATH. Install the Debian package "postgresql" ` +
      "(apt-get install -y postgresql) or point ROSTER_PG_BIN at their directory.",
    { searched: candidates.slice(0, 8) },
  );
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
