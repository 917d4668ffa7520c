import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import { formatStatementShares, normalizeStatement, SqlTimer, statementOf } from "./sql-timer.js";

const encoder = new TextEncoder();

function message(type: string, ...parts: string[]): Uint8Array {
  const body = encoder.encode(parts.map((part) => `${part}\u0000`).join(""));
  const bytes = new Uint8Array(5 + body.length);
  bytes[0] = type.charCodeAt(0);
  new DataView(bytes.buffer).setInt32(1, 4 + body.length);
  bytes.set(body, 5);
  return bytes;
}

describe("statementOf", () => {
  it("reads the SQL of Parse and Query messages and nothing else", () => {
    expect(statementOf(message("P", "stmt1", "select $1"))).toBe("select $1");
    expect(statementOf(message("P", "", "select 2"))).toBe("select 2");
    expect(statementOf(message("Q", "select 3"))).toBe("select 3");
    expect(statementOf(message("B", "", ""))).toBeUndefined();
  });
});

describe("normalizeStatement", () => {
  it("folds whitespace and parameter lists so one shape is one line", () => {
    expect(normalizeStatement("select *\n  from t where id in ($1, $2, $3)")).toBe("select * from t where id in ($…)");
    expect(normalizeStatement("insert into t (a, b) values ($1, $2), ($3, $4), ($5, $6)")).toBe("insert into t (a, b) values ($…), …");
    expect(normalizeStatement("x".repeat(500))).toHaveLength(160);
  });
});

describe("SqlTimer", () => {
  it("times the statements a PGlite database runs, per statement, until uninstalled", async () => {
    const db = new PGlite();
    const timer = new SqlTimer();
    timer.install();
    try {
      await db.query("create table t (id int)");
      for (let i = 0; i < 3; i++) await db.query("insert into t values ($1)", [i]);
      const shares = timer.take();
      const insert = shares.find((share) => share.statement === "insert into t values ($1)");
      expect(insert?.database).toBe("in-memory (hr-sim)");
      expect(insert?.calls).toBeGreaterThanOrEqual(3);
      expect(insert?.ms).toBeGreaterThan(0);
      expect(timer.take()).toEqual([]);
      expect(formatStatementShares("t", shares)).toContain("insert into t values ($1)");
    } finally {
      timer.uninstall();
    }
    await db.query("select 1");
    expect(timer.take()).toEqual([]);
    await db.close();
  }, 60_000);
});
