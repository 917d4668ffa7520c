/**
 * The baselines of the directory-write benchmark: the same adds and modifies sent straight with
 * ldapts (alone, and with the reads the agent's directory client adds to each), spread over the
 * same number of connections with the same number in flight as the agent uses; plus the count
 * searches that verify a run.
 */
import { rawClient } from "@roster/directory/test-support";
import { Attribute, Change, EqualityFilter, type Client } from "ldapts";
import {
  BENCH_OBJECT_CLASSES,
  ENABLED_ACCOUNT_CONTROL,
  UPDATED_VALUES,
  type BenchAccount,
} from "./agent-throughput-entries.js";

export interface RawConnections {
  readonly clients: readonly Client[];
  close(): Promise<void>;
}

/** Opens and binds `count` connections before any timing starts. */
export async function openRawConnections(
  url: string,
  bindDn: string,
  password: string,
  count: number,
): Promise<RawConnections> {
  const clients: Client[] = [];
  const close = async () => {
    await Promise.all(clients.map((client) => client.unbind().catch(() => undefined)));
  };
  try {
    for (let i = 0; i < count; i++) {
      const client = rawClient(url);
      clients.push(client);
      await client.bind(bindDn, password);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { clients, close };
}

/**
 * Runs task(0 … count-1) with `inFlight` of them running at once; in-flight slot `s` always uses
 * connection `s % clients.length`, so every connection carries the same share, as in the agent's pool.
 */
export async function runPipelined(
  clients: readonly Client[],
  count: number,
  inFlight: number,
  task: (client: Client, index: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const lane = async (slot: number) => {
    const client = clients[slot % clients.length]!;
    while (next < count) {
      const index = next++;
      await task(client, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, (_, slot) => lane(slot)));
}

export function accountDn(account: BenchAccount, parentDn: string): string {
  // Bench cns hold only letters, digits and spaces: nothing to escape.
  return `cn=${account.cn},${parentDn}`;
}

/** The add the agent's directory client sends for a create of `account` (accountDisabled false). */
export function addAttributes(account: BenchAccount): Attribute[] {
  const attributes: Attribute[] = [];
  for (const [type, value] of Object.entries(account.attributes))
    attributes.push(new Attribute({ type, values: [value] }));
  attributes.push(
    new Attribute({ type: "objectClass", values: [...BENCH_OBJECT_CLASSES] }),
    new Attribute({ type: "cn", values: [account.cn] }),
    new Attribute({ type: "userAccountControl", values: [ENABLED_ACCOUNT_CONTROL] }),
  );
  return attributes;
}

/** The modify the agent's directory client sends for the benchmark's update: two replaces. */
export function updateChanges(): Change[] {
  return Object.entries(UPDATED_VALUES).map(
    ([type, value]) => new Change({ operation: "replace", modification: new Attribute({ type, values: [value] }) }),
  );
}

/**
 * The read the agent's directory client makes after an add, for the new entry's anchor:
 * a base search for entryUUID and userAccountControl. Returns the entryUUID.
 */
export async function readBackAnchor(client: Client, dn: string): Promise<string> {
  const { searchEntries } = await client.search(dn, { scope: "base", attributes: ["entryUUID", "userAccountControl"] });
  const anchor = searchEntries[0]?.entryUUID;
  if (typeof anchor !== "string")
    throw new Error(`agent bench: "${dn}" was added but its entryUUID cannot be read back`);
  return anchor;
}

/** The read the agent's directory client makes before an update: the entry by entryUUID, with the attributes it may change. */
export async function lookupByAnchor(client: Client, baseDn: string, anchor: string): Promise<string> {
  const { searchEntries } = await client.search(baseDn, {
    scope: "sub",
    filter: new EqualityFilter({ attribute: "entryUUID", value: anchor }),
    attributes: [...Object.keys(UPDATED_VALUES), "entryUUID"],
  });
  const entry = searchEntries[0];
  if (entry === undefined) throw new Error(`agent bench: no entry with entryUUID ${anchor}`);
  return entry.dn;
}

/** Creates an organizational unit for one side of the run. */
export async function addOrganizationalUnit(client: Client, name: string, parentDn: string): Promise<string> {
  const dn = `ou=${name},${parentDn}`;
  await client.add(dn, [
    new Attribute({ type: "objectClass", values: ["organizationalUnit"] }),
    new Attribute({ type: "ou", values: [name] }),
  ]);
  return dn;
}

/** Accounts under `parentDn` (one level) that match `filter`. */
export async function countAccounts(client: Client, parentDn: string, filter = "(objectClass=user)"): Promise<number> {
  const { searchEntries } = await client.search(parentDn, { scope: "one", filter, attributes: ["1.1"] });
  return searchEntries.length;
}

/** The filter that matches an account after the benchmark's update. */
export function updatedFilter(): string {
  const parts = Object.entries(UPDATED_VALUES).map(([type, value]) => `(${type}=${value})`);
  return `(&(objectClass=user)${parts.join("")})`;
}
