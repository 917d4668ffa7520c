/** Reads of the provisioned accounts that the end-to-end assertions share. */
import type { DirectoryClient } from "@roster/directory";
import type { TargetEntry } from "@roster/engine";

export const ACCOUNT_ATTRIBUTES = [
  "employeeID",
  "cn",
  "title",
  "department",
  "manager",
  "userPrincipalName",
  "sAMAccountName",
  "givenName",
  "sn",
] as const;

/** The account of a worker, by employeeID; fails when more than one carries it. */
export async function accountOf(reader: DirectoryClient, employeeId: string): Promise<TargetEntry | undefined> {
  const found = await reader.findByMatchingAttribute("employeeID", [employeeId], { attributes: [...ACCOUNT_ATTRIBUTES] });
  const entries = found.get(employeeId) ?? [];
  if (entries.length > 1) throw new Error(`employeeID ${employeeId} is held by ${entries.length} accounts: ${entries.map((e) => e.dn).join("; ")}`);
  return entries[0];
}

/** The account of a worker, which must exist. */
export async function requireAccount(reader: DirectoryClient, employeeId: string): Promise<TargetEntry> {
  const entry = await accountOf(reader, employeeId);
  if (entry === undefined) throw new Error(`no account carries employeeID ${employeeId}`);
  return entry;
}

/** The entry with this anchor (entryUUID / objectGUID), which must exist. */
export async function entryByAnchor(reader: DirectoryClient, anchor: string): Promise<TargetEntry> {
  const found = await reader.readByAnchor([anchor], [...ACCOUNT_ATTRIBUTES]);
  const entry = [...found.values()][0];
  if (entry === undefined) throw new Error(`no entry has the anchor ${anchor}`);
  return entry;
}

/** The parent DN of a DN, lower-cased, for comparisons that ignore the server's casing. */
export function parentOf(dn: string): string {
  const comma = /(?<!\\),/.exec(dn);
  return (comma === null ? "" : dn.slice(comma.index + 1)).toLowerCase();
}

export const isDisabled = (entry: TargetEntry) => entry.attributes["accountDisabled"] === "True";
