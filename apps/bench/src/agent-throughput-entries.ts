/**
 * The accounts the directory-write benchmark creates and the change it makes to each, as plain
 * records, so the raw ldapts run and the agent run write exactly the same payload.
 */
import type { DirectoryOperation } from "@roster/engine";
import type { OperationRequest } from "@roster/protocol";

/** What the agent adds for an account (the directory client's default userObjectClasses). */
export const BENCH_OBJECT_CLASSES: readonly string[] = ["top", "person", "organizationalPerson", "user"];
/** userAccountControl of an enabled normal account: the agent adds it for accountDisabled false. */
export const ENABLED_ACCOUNT_CONTROL = "512";

/** The two attributes every update replaces, with values no create uses (so each update writes). */
export const UPDATED_VALUES: Readonly<Record<string, string>> = {
  title: "Senior Analyst",
  description: "Revised by the benchmark",
};

export interface BenchAccount {
  readonly cn: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/**
 * Account `index` of a run; `prefix` (one letter) keeps the raw and agent accounts apart, since
 * the test server enforces unique sAMAccountName and userPrincipalName across the tree.
 */
export function benchAccount(prefix: string, index: number): BenchAccount {
  const number = String(index).padStart(6, "0");
  const sAMAccountName = `${prefix}${number}`;
  return {
    cn: `Bench ${prefix.toUpperCase()} ${number}`,
    attributes: {
      sn: `Surname${number}`,
      givenName: `Given${number}`,
      displayName: `Given${number} Surname${number}`,
      sAMAccountName,
      userPrincipalName: `${sAMAccountName}@roster.test`,
      employeeID: `${prefix}-${number}`,
      mail: `${sAMAccountName}@roster.test`,
      title: "Analyst",
      description: "Created by the benchmark",
    },
  };
}

export function createRequest(key: string, parentDn: string, account: BenchAccount): OperationRequest {
  const operation: DirectoryOperation = {
    kind: "create",
    parentDn,
    cn: account.cn,
    attributes: account.attributes,
    accountDisabled: false,
  };
  return { idempotencyKey: key, operation };
}

export function updateRequest(key: string, anchor: string): OperationRequest {
  return { idempotencyKey: key, operation: { kind: "update", anchor, changes: UPDATED_VALUES } };
}
