import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { StoreError } from "../errors/store-error.js";
import { findPostgresBinDir } from "./postgres-binaries.js";

const root = mkdtempSync(join(tmpdir(), "roster-pgbin-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fakeBinDir(path: string, names = ["initdb", "pg_ctl", "postgres"]): string {
  mkdirSync(path, { recursive: true });
  for (const name of names) {
    writeFileSync(join(path, name), "#!/bin/sh\n");
    chmodSync(join(path, name), 0o755);
  }
  return path;
}

describe("findPostgresBinDir", () => {
  it("prefers ROSTER_PG_BIN, then the newest Debian version, then PATH", () => {
    const debian = join(root, "debian");
    fakeBinDir(join(debian, "9", "bin"));
    const newest = fakeBinDir(join(debian, "15", "bin"));
    const onPath = fakeBinDir(join(root, "path-bin"));
    const explicit = fakeBinDir(join(root, "explicit"));
    expect(findPostgresBinDir({ PATH: onPath, ROSTER_PG_BIN: explicit }, debian)).toBe(explicit);
    expect(findPostgresBinDir({ PATH: onPath }, debian)).toBe(newest);
    expect(findPostgresBinDir({ PATH: `/nonexistent:${onPath}` }, join(root, "none"))).toBe(onPath);
  });

  it("skips directories missing one of the binaries", () => {
    const partial = fakeBinDir(join(root, "partial"), ["pg_ctl"]);
    const complete = fakeBinDir(join(root, "complete"));
    expect(findPostgresBinDir({ PATH: `${partial}:${complete}` }, join(root, "none"))).toBe(complete);
  });

  it("fails with the apt package to install when nothing is found", () => {
    let error: unknown;
    try {
      findPostgresBinDir({ PATH: join(root, "empty") }, join(root, "none"));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toContain(
      'Install the Debian package "postgresql" (apt-get install -y postgresql)',
    );
  });
});
