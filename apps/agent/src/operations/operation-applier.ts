/**
 * Applies one directory operation so that applying it again, here or on another agent, is
 * harmless. The directory client already converges update, enable, disable, move, rename
 * and setReference (it reads the entry and writes only what differs; `changed: false`
 * becomes alreadyApplied here). What it cannot know is whether an existing entry is the
 * result of an earlier attempt of the same create, so that is decided here:
 *
 * - a create whose DN is taken, or which this agent may have half-applied before a crash,
 *   looks for the account by DN and then by its identity attributes (employeeID,
 *   sAMAccountName). An entry whose identity agrees is this create's account: its attributes
 *   and enabled state are converged and it is reported alreadyApplied with its anchor and DN.
 *   An entry of someone else keeps the original conflict.
 * - a delete of an entry that is already gone is alreadyApplied.
 */
import { childDn, dnEquals } from "@roster/directory";
import { ERROR_CODES, RosterError, type DirectoryOperation, type DirectoryValue, type TargetEntry } from "@roster/engine";
import { PROTOCOL_LIMITS, type OperationFailure, type OperationResult } from "@roster/protocol";
import type { AgentDirectory, DirectoryExecution } from "./agent-directory.js";

type CreateOperation = Extract<DirectoryOperation, { kind: "create" }>;

export interface ApplyContext {
  /** The ledger shows an earlier attempt without a final result: it may be half-applied. */
  readonly recovering: boolean;
}

/** Attributes a create sets that cannot be converged with an update afterwards. */
const NOT_CONVERGED = new Set([
  "cn",
  "name",
  "objectclass",
  "useraccountcontrol",
  "unicodepwd",
  "userpassword",
  "accountdisabled",
  "parentdistinguishedname",
  "distinguishedname",
]);

const WHITESPACE_RUN = /\s+/g;

/** How directories compare caseIgnoreMatch values (employeeID, sAMAccountName). */
function matchKey(value: string): string {
  return value.replace(WHITESPACE_RUN, " ").trim().toLowerCase();
}

function firstValue(value: DirectoryValue | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === "string" ? value : value[0];
}

function attributeValue(attributes: Readonly<Record<string, DirectoryValue | null | undefined>>, name: string): string | undefined {
  const direct = attributes[name];
  if (direct !== undefined) return firstValue(direct);
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(attributes)) if (key.toLowerCase() === wanted) return firstValue(value);
  return undefined;
}

type ExistingAccount =
  | { readonly kind: "none" }
  | { readonly kind: "same"; readonly entry: TargetEntry }
  | { readonly kind: "other"; readonly entry: TargetEntry; readonly reason: string }
  | { readonly kind: "ambiguous"; readonly attribute: string; readonly value: string; readonly count: number };

export class OperationApplier {
  constructor(
    private readonly directory: AgentDirectory,
    private readonly identityAttributes: readonly string[],
  ) {}

  async apply(idempotencyKey: string, operation: DirectoryOperation, context: ApplyContext): Promise<OperationResult> {
    if (operation.kind === "create") return this.create(idempotencyKey, operation, context);
    const execution = await this.directory.execute(operation);
    if (execution.status === "applied") {
      return success(idempotencyKey, execution.changed ? "applied" : "alreadyApplied", execution.anchor, operation.kind === "delete" ? undefined : execution.dn);
    }
    if (operation.kind === "delete" && execution.errorCode === "InvalidAnchor") {
      // Deleted earlier (by this agent before a crash, by another agent, or by an administrator).
      return success(idempotencyKey, "alreadyApplied", operation.anchor, undefined);
    }
    return failure(idempotencyKey, execution);
  }

  private async create(key: string, operation: CreateOperation, context: ApplyContext): Promise<OperationResult> {
    if (context.recovering) {
      const existing = await this.findExistingAccount(operation, context);
      if (existing.kind === "same") return this.convergeExisting(key, operation, existing.entry);
      if (existing.kind === "ambiguous") return ambiguousFailure(key, existing, `create "${operation.cn}" under "${operation.parentDn}"`);
    }
    const execution = await this.directory.execute(operation);
    if (execution.status === "applied") return success(key, "applied", execution.anchor, execution.dn);
    if (!isAlreadyExists(execution)) return failure(key, execution);

    const existing = await this.findExistingAccount(operation, context);
    switch (existing.kind) {
      case "same":
        return this.convergeExisting(key, operation, existing.entry);
      case "other":
        return failure(key, { ...execution, errorCode: "EntryConflict", message: `${execution.message}; ${existing.reason}`, retryable: false });
      case "ambiguous":
        return ambiguousFailure(key, existing, execution.message);
      case "none":
        return failure(key, execution);
    }
  }

  /** The account an earlier attempt of this create made, if any: by DN first, then by identity. */
  private async findExistingAccount(operation: CreateOperation, context: ApplyContext): Promise<ExistingAccount> {
    const identity = this.identityOf(operation);
    const wanted = [...new Set([...identity.map(([name]) => name), ...convergedAttributeNames(operation)])];
    const dn = childDn("CN", operation.cn, operation.parentDn);

    const byCn = await this.directory.findByMatchingAttribute("cn", [operation.cn], { attributes: wanted });
    const atDn = (byCn.get(operation.cn) ?? []).find((entry) => dnEquals(entry.dn, dn));
    if (atDn !== undefined) {
      const mismatch = identityMismatch(atDn, identity);
      if (mismatch !== undefined) return { kind: "other", entry: atDn, reason: `"${atDn.dn}" is another account (${mismatch})` };
      if (identity.length === 0 && !context.recovering) {
        return { kind: "other", entry: atDn, reason: `"${atDn.dn}" exists and the create has no identity attribute to show it is the same account` };
      }
      return { kind: "same", entry: atDn };
    }

    for (const [attribute, value] of identity) {
      const found = (await this.directory.findByMatchingAttribute(attribute, [value], { attributes: wanted })).get(value) ?? [];
      if (found.length > 1) return { kind: "ambiguous", attribute, value, count: found.length };
      const entry = found[0];
      if (entry === undefined) continue;
      const mismatch = identityMismatch(entry, identity);
      if (mismatch !== undefined) return { kind: "other", entry, reason: `"${entry.dn}" holds ${attribute} "${value}" but is another account (${mismatch})` };
      return { kind: "same", entry };
    }
    return { kind: "none" };
  }

  /** Brings an account an earlier attempt created up to what the create asked for. */
  private async convergeExisting(key: string, operation: CreateOperation, entry: TargetEntry): Promise<OperationResult> {
    const changes: Record<string, DirectoryValue | null> = {};
    for (const [name, value] of Object.entries(operation.attributes)) {
      if (!NOT_CONVERGED.has(name.toLowerCase())) changes[name] = value;
    }
    changes.accountDisabled = operation.accountDisabled ? "True" : "False";
    const execution = await this.directory.execute({ kind: "update", anchor: entry.anchor, changes });
    if (execution.status === "failed") {
      return failure(key, { ...execution, message: `the account of this create exists as "${entry.dn}", but converging it failed: ${execution.message}` });
    }
    return success(key, "alreadyApplied", execution.anchor, execution.dn);
  }

  private identityOf(operation: CreateOperation): Array<readonly [string, string]> {
    const identity: Array<readonly [string, string]> = [];
    for (const name of this.identityAttributes) {
      const value = attributeValue(operation.attributes, name);
      if (value !== undefined && value !== "") identity.push([name, value]);
    }
    return identity;
  }
}

function ambiguousFailure(key: string, existing: Extract<ExistingAccount, { kind: "ambiguous" }>, subject: string): OperationFailure {
  return failure(key, {
    errorCode: "DuplicateTargetEntries",
    message: `${subject}: ${existing.count} accounts have ${existing.attribute} "${existing.value}"`,
    retryable: false,
  });
}

function convergedAttributeNames(operation: CreateOperation): string[] {
  return Object.keys(operation.attributes).filter((name) => !NOT_CONVERGED.has(name.toLowerCase()));
}

/** Why the entry is not the account these identity values describe, or undefined when it is. */
function identityMismatch(entry: TargetEntry, identity: ReadonlyArray<readonly [string, string]>): string | undefined {
  for (const [attribute, expected] of identity) {
    const actual = attributeValue(entry.attributes, attribute);
    if (actual === undefined || matchKey(actual) !== matchKey(expected)) {
      return `its ${attribute} is ${actual === undefined ? "empty" : `"${actual}"`}, not "${expected}"`;
    }
  }
  return undefined;
}

/** The directory refused the add because something with that name or a unique value exists. */
function isAlreadyExists(execution: Extract<DirectoryExecution, { status: "failed" }>): boolean {
  if (execution.ldapCode === 68) return true;
  // Unique-value violations (OpenLDAP's unique overlay, AD's sAMAccountName) arrive as 19 or 20.
  return execution.errorCode === "Conflict" || execution.errorCode === "EntryConflict";
}

function success(idempotencyKey: string, status: "applied" | "alreadyApplied", anchor: string | undefined, dn: string | undefined): OperationResult {
  return {
    idempotencyKey,
    status,
    ...(anchor === undefined ? {} : { anchor }),
    ...(dn === undefined ? {} : { dn }),
  };
}

type FailureFields = Pick<OperationFailure, "errorCode" | "message" | "retryable"> & { readonly ldapCode?: number | undefined };

function failure(idempotencyKey: string, fields: FailureFields): OperationFailure {
  return {
    idempotencyKey,
    status: "failed",
    errorCode: fields.errorCode,
    message: clip(fields.message),
    retryable: fields.retryable,
    ...(fields.ldapCode === undefined ? {} : { ldapCode: fields.ldapCode }),
  };
}

/** Messages travel in the protocol's bounded text fields. */
function clip(text: string): string {
  return text.length <= PROTOCOL_LIMITS.maxTextLength ? text : `${text.slice(0, PROTOCOL_LIMITS.maxTextLength - 1)}…`;
}

/** A failure result for something thrown while applying (a query error, a bug). */
export function failureFromError(idempotencyKey: string, error: unknown, subject: string): OperationFailure {
  if (error instanceof RosterError) {
    const ldapCode = error.details.ldapCode;
    return failure(idempotencyKey, {
      errorCode: error.code,
      message: `${subject}: ${error.message}`,
      retryable: ERROR_CODES[error.code].retryable,
      ...(typeof ldapCode === "number" ? { ldapCode } : {}),
    });
  }
  return failure(idempotencyKey, {
    errorCode: "InternalError",
    message: `${subject}: ${error instanceof Error ? error.message : String(error)}`,
    retryable: true,
  });
}
