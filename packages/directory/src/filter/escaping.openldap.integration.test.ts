import fc from "fast-check";
import type { Client } from "ldapts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childDn, parseDn } from "../dn/distinguished-name.js";
import { startOpenLdap, type OpenLdapServer } from "../test-support/openldap-server.js";
import { anyText } from "../test-support/arbitraries.js";
import { rawClient } from "../test-support/raw-client.js";
import { equalityFilter } from "./filter-value-escape.js";

let server: OpenLdapServer;
let client: Client;
let sequence = 0;

beforeAll(async () => {
  server = await startOpenLdap();
  client = rawClient(server.url);
  await client.bind(server.bindDn, server.password);
});

afterAll(async () => {
  await client?.unbind();
  await server?.stop();
});

const NASTY = ["*", "a*b", "(x)", ")(uid=*", "a\\b", "\\2a", "Smith, Jr.", "Lee+Chen", "#1", "O'Brien", "Åsa Öberg", "trail ", "= <>;\""];

/** Adds a user whose cn and description both hold `value`; returns its DN as the server reports it. */
async function addUser(value: string): Promise<string> {
  const id = `u${++sequence}`;
  const dn = childDn("CN", value, `ou=Users,${server.baseDn}`);
  await client.add(dn, { objectClass: ["top", "person", "organizationalPerson", "user"], cn: value, sn: id, description: value, uid: id });
  const { searchEntries } = await client.search(server.baseDn, { filter: equalityFilter("uid", id), attributes: ["cn"] });
  expect(searchEntries).toHaveLength(1);
  return searchEntries[0]!.dn;
}

describe("escaping against a real slapd", () => {
  it.each(NASTY)("a string filter for %j matches exactly that entry", async (value) => {
    const marker = `${value}|${sequence}`;
    await addUser(marker);
    const { searchEntries } = await client.search(server.baseDn, { filter: equalityFilter("description", marker), attributes: ["description"] });
    expect(searchEntries.map((entry) => entry["description"])).toEqual([marker]);
  });

  it("a value of * is not a wildcard", async () => {
    await addUser("*");
    await addUser("star-neighbour");
    const { searchEntries } = await client.search(server.baseDn, { filter: equalityFilter("cn", "*"), attributes: ["cn"] });
    expect(searchEntries.map((entry) => entry["cn"])).toEqual(["*"]);
  });

  it("random values round-trip through DN escaping and filter escaping (property)", async () => {
    // Unique prefix: caseIgnoreMatch folds case and spaces, so other entries must not collide.
    const value = anyText({ minLength: 1, maxLength: 24 })
      .filter((s) => !/[\u0000-\u001f\u007f]/.test(s) && s.trim() !== "");
    await fc.assert(
      fc.asyncProperty(value, async (random) => {
        const stored = `p${sequence + 1}:${random}`;
        const dn = await addUser(stored);
        expect(parseDn(dn)[0]![0]!.value).toBe(stored);
        const { searchEntries } = await client.search(server.baseDn, { filter: equalityFilter("description", stored), attributes: ["description"] });
        expect(searchEntries.map((entry) => entry.dn)).toEqual([dn]);
        expect(searchEntries[0]!["description"]).toBe(stored);
      }),
      { numRuns: 40 },
    );
  });
});
