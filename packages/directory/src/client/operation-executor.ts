/**
 * Carries out the engine's DirectoryOperations with AD semantics. An operation on an existing
 * account reads it by anchor (so a vanished account is InvalidAnchor, and only real
 * differences are written), then sends the smallest change.
 *
 * Where the server supports the write controls (see entry-controls.ts) two round trips become
 * one: a create gets its anchor back from the add itself (Post-Read), and an update of plain
 * attributes of an account whose DN is remembered is a single modify that asserts the anchor
 * and reports the values it replaced (Pre-Read), from which `changed` is decided. Such an
 * update replaces every attribute it names, also those that already hold the wanted values.
 */
import { ERROR_CODES, RosterError, type DirectoryOperation, type DirectoryOperationKind, type DirectoryValue, type ErrorCode } from "@roster/engine";
import { Attribute, Change, type Entry } from "ldapts";
import { encodeUnicodePwd, generateInitialPassword } from "../ad/initial-password.js";
import {
  UAC_NORMAL_ACCOUNT,
  parseUserAccountControl,
  withAccountDisabled,
} from "../ad/user-account-control.js";
import { childDn, dnEquals, formatRdn, parseDn, splitDn } from "../dn/distinguished-name.js";
import { describeFailure, ldapResultCode, type FailureDescription } from "../errors/ldap-error-mapping.js";
import { request, StepFailure, type ClientContext } from "./client-context.js";
import { ASSERTION_FAILED, AssertionControl, EntryReadControl, POST_READ_CONTROL, PRE_READ_CONTROL } from "./entry-controls.js";
import { entryValues } from "./target-entry.js";
import { assertAttributeName, checkedValues, isPseudoAttribute, isWellFormedText } from "./value-checks.js";

export interface AppliedResult {
  readonly status: "applied";
  readonly kind: DirectoryOperationKind;
  readonly anchor: string;
  readonly dn: string;
  /** False when the directory already matched and nothing was written. */
  readonly changed: boolean;
}

export interface FailedResult {
  readonly status: "failed";
  readonly kind: DirectoryOperationKind;
  readonly errorCode: ErrorCode;
  readonly message: string;
  readonly retryable: boolean;
  /** LDAP result code, when the server answered (absent for transport errors and checks made before sending). */
  readonly ldapCode?: number;
  /** Set when the account exists despite the failure (e.g. created but could not be enabled). */
  readonly anchor?: string;
  readonly dn?: string;
}

export type OperationResult = AppliedResult | FailedResult;

const UAC = "userAccountControl";
/** ldapts' debug log (NODE_DEBUG=ldapts) prints every request, the add carrying unicodePwd included. */
const LDAPTS_DEBUG_LOGGING = /\bldapts\b/i.test(process.env["NODE_DEBUG"] ?? "");
const NO_ATTRIBUTES = ["1.1"];

export async function executeOperation(ctx: ClientContext, op: DirectoryOperation): Promise<OperationResult> {
  const kind = (op as { kind?: unknown } | null)?.kind;
  try {
    switch (op.kind) {
      case "create":
        return await create(ctx, op);
      case "update":
        return await update(ctx, op);
      case "enable":
      case "disable":
        return await setDisabled(ctx, op.kind, op.anchor, op.kind === "disable");
      case "move":
        return await move(ctx, op);
      case "rename":
        return await rename(ctx, op);
      case "setReference":
        return await setReference(ctx, op);
      case "delete":
        return await remove(ctx, op);
      default:
        return failed(String(kind) as DirectoryOperationKind, {
          errorCode: "NotImplemented",
          message: `directory operation "${String(kind)}" is not supported`,
          retryable: false,
        });
    }
  } catch (error) {
    if (error instanceof StepFailure) return failed(op.kind, error.failure, error.partial);
    return failed(op.kind, describeFailure(error, { subject: `${String(kind)} operation`, missingObject: "object" }));
  }
}

// --- create ------------------------------------------------------------------------------

async function create(ctx: ClientContext, op: Extract<DirectoryOperation, { kind: "create" }>): Promise<OperationResult> {
  const { config, profile } = ctx;
  const parentDn = checkedParentDn(op.parentDn, `create "${op.cn}"`);
  checkedValues("cn", requireText(op.cn, "cn", `create under "${parentDn}"`), ctx.limits, `create under "${parentDn}"`);
  const dn = childDn("CN", op.cn, parentDn);
  const subject = `create "${dn}"`;

  const written: Record<string, DirectoryValue | null> = {};
  const attributes: Attribute[] = [];
  let objectClasses: readonly string[] = config.userObjectClasses;
  let uacBase = UAC_NORMAL_ACCOUNT;
  for (const [name, value] of Object.entries(requireRecord(op.attributes, "attributes", subject))) {
    const lower = name.toLowerCase();
    if (isPseudoAttribute(name) || lower === "cn") continue; // the operation's own fields decide these
    assertAttributeName(name, subject);
    const values = checkedValues(name, value, ctx.limits, subject);
    if (values.length === 0) continue;
    if (lower === "objectclass") objectClasses = values;
    else if (lower === "useraccountcontrol") uacBase = parseUserAccountControl(values) ?? invalidUac(subject, values[0]!);
    else {
      written[name] = value;
      attributes.push(new Attribute({ type: name, values: [...values] }));
    }
  }

  const withPassword = config.initialPasswordEnabled;
  if (withPassword && !config.secure && !config.unsafeAllowPasswordWithoutTls) {
    throw new RosterError(
      "InvalidConfiguration",
      `${subject}: refusing to send the initial password (unicodePwd) over an unencrypted connection to ${config.url}; use ldaps:// or tls.startTls`,
    );
  }
  if (withPassword && LDAPTS_DEBUG_LOGGING) {
    throw new RosterError(
      "InvalidConfiguration",
      `${subject}: refusing to send the initial password while NODE_DEBUG includes "ldapts" (its debug log would print the request)`,
    );
  }
  // With a password, the account is added disabled and enabled once the password is in place.
  const addDisabled = withPassword || op.accountDisabled !== false;
  attributes.push(
    new Attribute({ type: "objectClass", values: [...objectClasses] }),
    new Attribute({ type: "cn", values: [op.cn] }),
    new Attribute({ type: UAC, values: [String(withAccountDisabled(uacBase, addDisabled))] }),
  );
  if (withPassword) {
    const password = generateInitialPassword(config.initialPassword.length, {
      sAMAccountName: firstText(op.attributes, "sAMAccountName"),
      displayName: firstText(op.attributes, "displayName") ?? op.cn,
    });
    attributes.push(new Attribute({ type: "unicodePwd", values: [encodeUnicodePwd(password)] }));
  }

  const postRead = (await ctx.writeControls()).postRead
    ? new EntryReadControl(POST_READ_CONTROL, [profile.anchorAttribute, UAC], profile.bufferAttributes)
    : undefined;
  await request(ctx, { subject, missingObject: "parent", sentValues: { ...written, cn: op.cn } }, (client) => client.add(dn, attributes, postRead));

  let created = postRead?.entry;
  if (created === undefined || profile.anchorOf(created) === undefined) created = await readBack(ctx, dn, subject);
  const anchor = profile.anchorOf(created);
  if (anchor === undefined) {
    throw new StepFailure(
      { errorCode: "InternalServerError", message: `${subject}: created, but its ${profile.anchorAttribute} could not be read`, retryable: true },
      { dn: created.dn },
    );
  }
  ctx.anchorDns.set(anchor, created.dn);
  if (withPassword && op.accountDisabled === false) {
    try {
      await writeDisabledBit(ctx, created, false, subject);
    } catch (error) {
      const failure = error instanceof StepFailure ? error.failure : describeFailure(error, { subject, missingObject: "object" });
      throw new StepFailure({ ...failure, message: `${failure.message} (the account was created disabled)` }, { anchor, dn: created.dn });
    }
  }
  return applied("create", anchor, created.dn, true);
}

async function readBack(ctx: ClientContext, dn: string, subject: string): Promise<Entry> {
  const result = await request(ctx, { subject: `${subject} (reading it back)`, missingObject: "object" }, (client) =>
    client.search(dn, { scope: "base", attributes: [ctx.profile.anchorAttribute, UAC], explicitBufferAttributes: ctx.profile.bufferAttributes }),
  );
  const entry = result.searchEntries[0];
  if (entry === undefined) {
    throw new StepFailure({ errorCode: "InternalServerError", message: `${subject}: created, but it cannot be read back`, retryable: true }, { dn });
  }
  return entry;
}

// --- update ------------------------------------------------------------------------------

async function update(ctx: ClientContext, op: Extract<DirectoryOperation, { kind: "update" }>): Promise<OperationResult> {
  let subject = `update of ${ctx.profile.anchorAttribute} ${String(op.anchor)}`;
  const regular = new Map<string, readonly string[]>();
  let disabled: boolean | undefined;
  let newParentDn: string | undefined;
  let newCn: string | undefined;
  for (const [name, value] of Object.entries(requireRecord(op.changes, "changes", subject))) {
    const lower = name.toLowerCase();
    if (lower === "accountdisabled") disabled = parseBoolean(value, subject);
    else if (lower === "parentdistinguishedname") newParentDn = checkedParentDn(requireText(value, name, subject), subject);
    else if (lower === "cn") newCn = requireText(value, name, subject);
    else {
      assertAttributeName(name, subject);
      regular.set(name, checkedValues(name, value, ctx.limits, subject));
    }
  }

  if (disabled === undefined && newParentDn === undefined && newCn === undefined && regular.size > 0) {
    const done = await updateAtRememberedDn(ctx, op.anchor, regular, op.changes);
    if (done !== undefined) return done;
  }

  const wanted = [...regular.keys()];
  if (disabled !== undefined) wanted.push(UAC);
  const { anchor, entry } = await findByAnchor(ctx, op.anchor, wanted, subject);
  let dn = entry.dn;
  subject = `update "${dn}"`;

  const changes: Change[] = [];
  for (const [name, values] of regular) {
    const current = entryValues(entry, name);
    if (values.length === 0) {
      if (current.length > 0) changes.push(new Change({ operation: "delete", modification: new Attribute({ type: name, values: [] }) }));
    } else if (!sameValues(current, values)) {
      changes.push(new Change({ operation: "replace", modification: new Attribute({ type: name, values: [...values] }) }));
    }
  }
  let changed = false;
  if (changes.length > 0) {
    await request(ctx, { subject, missingObject: "object", sentValues: op.changes }, (client) => client.modify(dn, changes));
    changed = true;
  }
  if (disabled !== undefined) changed = (await writeDisabledBit(ctx, entry, disabled, subject)) || changed;
  if (newCn !== undefined) {
    const renamed = await renameEntry(ctx, anchor, dn, newCn, subject);
    dn = renamed.dn;
    changed = renamed.changed || changed;
  }
  if (newParentDn !== undefined) {
    const moved = await moveEntry(ctx, anchor, dn, newParentDn, subject);
    dn = moved.dn;
    changed = moved.changed || changed;
  }
  return applied("update", anchor, dn, changed);
}

/**
 * The update as one modify to the DN remembered for the anchor, asserting the anchor (so a DN
 * that another account took since cannot be written) and reading the replaced values back
 * (Pre-Read) to tell whether anything changed. undefined: no remembered DN, no controls, or
 * the account is no longer there; the caller looks it up by anchor.
 */
async function updateAtRememberedDn(
  ctx: ClientContext,
  anchorInput: unknown,
  regular: ReadonlyMap<string, readonly string[]>,
  sentValues: Readonly<Record<string, DirectoryValue | null>>,
): Promise<AppliedResult | undefined> {
  const anchor = typeof anchorInput === "string" ? ctx.profile.canonicalAnchor(anchorInput) : undefined;
  if (anchor === undefined) return undefined;
  const dn = ctx.anchorDns.get(anchor);
  if (dn === undefined || !(await ctx.writeControls()).preReadWithAssertion) return undefined;

  const names = [...regular.keys()];
  // Replace with no values removes the attribute, and is no error when it is absent.
  const changes = names.map((name) => new Change({ operation: "replace", modification: new Attribute({ type: name, values: [...regular.get(name)!] }) }));
  const preRead = new EntryReadControl(PRE_READ_CONTROL, names, ctx.profile.bufferAttributes);
  const assertion = new AssertionControl(ctx.profile.anchorFilter(anchor));
  try {
    await ctx.pool.run((client) => client.modify(dn, changes, [assertion, preRead]));
  } catch (error) {
    const code = ldapResultCode(error);
    if (code === ASSERTION_FAILED || code === 32 || code === 10) {
      // Moved, renamed or deleted behind this client's back: forget the DN and look the anchor up.
      ctx.anchorDns.delete(anchor);
      return undefined;
    }
    throw new StepFailure(describeFailure(error, { subject: `update "${dn}"`, missingObject: "object", sentValues }));
  }
  const before = preRead.entry;
  // A server that sent no Pre-Read answer cannot tell us; report the write.
  const changed = before === undefined || names.some((name) => !sameValues(entryValues(before, name), regular.get(name)!));
  return applied("update", anchor, dn, changed);
}

function sameValues(current: readonly string[], desired: readonly string[]): boolean {
  if (current.length !== desired.length) return false;
  if (desired.length === 1) return current[0] === desired[0];
  const remaining = new Set(current);
  return desired.every((value) => remaining.delete(value));
}

// --- enable / disable --------------------------------------------------------------------

async function setDisabled(ctx: ClientContext, kind: "enable" | "disable", anchorInput: string, disabled: boolean): Promise<OperationResult> {
  const subject = `${kind} of ${ctx.profile.anchorAttribute} ${String(anchorInput)}`;
  const { anchor, entry } = await findByAnchor(ctx, anchorInput, [UAC], subject);
  const changed = await writeDisabledBit(ctx, entry, disabled, `${kind} "${entry.dn}"`);
  return applied(kind, anchor, entry.dn, changed);
}

/** Read-modify-write of ACCOUNTDISABLE; returns whether anything was written. */
async function writeDisabledBit(ctx: ClientContext, entry: Entry, disabled: boolean, subject: string): Promise<boolean> {
  const current = parseUserAccountControl(entryValues(entry, UAC));
  if (current === undefined && ctx.profile.dialect === "ad") {
    throw new StepFailure({
      errorCode: "InsufficientAccessRights",
      message: `${subject}: userAccountControl of "${entry.dn}" cannot be read`,
      retryable: false,
    });
  }
  // The ad-lite OpenLDAP schema has no default: an entry without the attribute is an enabled normal account.
  const base = current ?? UAC_NORMAL_ACCOUNT;
  const next = withAccountDisabled(base, disabled);
  if (current !== undefined && next === current) return false;
  const change = new Change({ operation: "replace", modification: new Attribute({ type: UAC, values: [String(next)] }) });
  await request(ctx, { subject, missingObject: "object" }, (client) => client.modify(entry.dn, change));
  return true;
}

// --- move / rename -----------------------------------------------------------------------

async function move(ctx: ClientContext, op: Extract<DirectoryOperation, { kind: "move" }>): Promise<OperationResult> {
  const subject = `move of ${ctx.profile.anchorAttribute} ${String(op.anchor)}`;
  const newParentDn = checkedParentDn(op.newParentDn, subject);
  const { anchor, entry } = await findByAnchor(ctx, op.anchor, NO_ATTRIBUTES, subject);
  const moved = await moveEntry(ctx, anchor, entry.dn, newParentDn, `move "${entry.dn}"`);
  return applied("move", anchor, moved.dn, moved.changed);
}

async function moveEntry(ctx: ClientContext, anchor: string, dn: string, newParentDn: string, subject: string): Promise<{ dn: string; changed: boolean }> {
  const { rdn, parentDn } = splitDn(dn);
  if (dnEquals(parentDn, newParentDn)) return { dn, changed: false };
  // The RDN is re-serialised with Roster's escaping, which ldapts' modifyDN splits correctly.
  const newDn = formatRdn(rdn) + "," + newParentDn;
  // Whatever the outcome, the remembered DN may be wrong until the account is seen again.
  ctx.anchorDns.delete(anchor);
  try {
    await ctx.pool.run((client) => client.modifyDN(dn, newDn));
  } catch (error) {
    const code = ldapResultCode(error);
    const parentMissing = (code === 32 || code === 10) && !(await entryExists(ctx, newParentDn));
    throw new StepFailure(describeFailure(error, { subject: `${subject} to "${newParentDn}"`, missingObject: parentMissing ? "parent" : "object" }));
  }
  ctx.anchorDns.set(anchor, newDn);
  return { dn: newDn, changed: true };
}

async function entryExists(ctx: ClientContext, dn: string): Promise<boolean> {
  try {
    const result = await ctx.pool.run((client) => client.search(dn, { scope: "base", attributes: NO_ATTRIBUTES }));
    return result.searchEntries.length > 0;
  } catch (error) {
    if (ldapResultCode(error) === 32 || ldapResultCode(error) === 10) return false;
    throw error;
  }
}

async function rename(ctx: ClientContext, op: Extract<DirectoryOperation, { kind: "rename" }>): Promise<OperationResult> {
  const subject = `rename of ${ctx.profile.anchorAttribute} ${String(op.anchor)}`;
  const newCn = requireText(op.newCn, "cn", subject);
  const { anchor, entry } = await findByAnchor(ctx, op.anchor, NO_ATTRIBUTES, subject);
  const renamed = await renameEntry(ctx, anchor, entry.dn, newCn, `rename "${entry.dn}"`);
  return applied("rename", anchor, renamed.dn, renamed.changed);
}

async function renameEntry(ctx: ClientContext, anchor: string, dn: string, newCn: string, subject: string): Promise<{ dn: string; changed: boolean }> {
  checkedValues("cn", newCn, ctx.limits, subject);
  const { rdn, parentDn } = splitDn(dn);
  const own = rdn[0]!;
  if (rdn.length === 1 && own.value === newCn) return { dn, changed: false };
  const newDn = childDn(own.type, newCn, parentDn);
  ctx.anchorDns.delete(anchor);
  await request(ctx, { subject: `${subject} to "${newDn}"`, missingObject: "object", sentValues: { cn: newCn } }, (client) =>
    client.modifyDN(dn, newDn),
  );
  ctx.anchorDns.set(anchor, newDn);
  return { dn: newDn, changed: true };
}

// --- references --------------------------------------------------------------------------

async function setReference(ctx: ClientContext, op: Extract<DirectoryOperation, { kind: "setReference" }>): Promise<OperationResult> {
  let subject = `set ${String(op.attribute)} of ${ctx.profile.anchorAttribute} ${String(op.anchor)}`;
  assertAttributeName(requireText(op.attribute, "attribute", subject), subject);
  const { anchor, entry } = await findByAnchor(ctx, op.anchor, [op.attribute], subject);
  subject = `set ${op.attribute} of "${entry.dn}"`;
  const current = entryValues(entry, op.attribute);

  if (op.targetAnchor === null) {
    if (current.length === 0) return applied("setReference", anchor, entry.dn, false);
    const clear = new Change({ operation: "delete", modification: new Attribute({ type: op.attribute, values: [] }) });
    await request(ctx, { subject, missingObject: "object" }, (client) => client.modify(entry.dn, clear));
    return applied("setReference", anchor, entry.dn, true);
  }

  let target: Entry;
  try {
    target = (await findByAnchor(ctx, op.targetAnchor, NO_ATTRIBUTES, subject)).entry;
  } catch (error) {
    if (error instanceof StepFailure && error.failure.errorCode === "InvalidAnchor") {
      throw new StepFailure(
        { ...unresolved(`${subject}: the referenced account (${ctx.profile.anchorAttribute} ${op.targetAnchor}) does not exist`) },
        { anchor, dn: entry.dn },
      );
    }
    throw error;
  }
  if (current.length === 1 && dnEquals(current[0]!, target.dn)) return applied("setReference", anchor, entry.dn, false);
  const replace = new Change({ operation: "replace", modification: new Attribute({ type: op.attribute, values: [target.dn] }) });
  await request(ctx, { subject, missingObject: "object", sentValues: { [op.attribute]: target.dn } }, (client) => client.modify(entry.dn, replace));
  return applied("setReference", anchor, entry.dn, true);
}

function unresolved(message: string): FailureDescription {
  return { errorCode: "ReferenceUnresolved", message, retryable: ERROR_CODES.ReferenceUnresolved.retryable };
}

// --- delete ------------------------------------------------------------------------------

async function remove(ctx: ClientContext, op: Extract<DirectoryOperation, { kind: "delete" }>): Promise<OperationResult> {
  const subject = `delete of ${ctx.profile.anchorAttribute} ${String(op.anchor)}`;
  const { anchor, entry } = await findByAnchor(ctx, op.anchor, NO_ATTRIBUTES, subject);
  ctx.anchorDns.delete(anchor);
  await request(ctx, { subject: `delete "${entry.dn}"`, missingObject: "object" }, (client) => client.del(entry.dn));
  return applied("delete", anchor, entry.dn, true);
}

// --- shared ------------------------------------------------------------------------------

/** Reads the account with this anchor (and `attributes`); a missing account is InvalidAnchor. */
async function findByAnchor(
  ctx: ClientContext,
  anchorInput: unknown,
  attributes: readonly string[],
  subject: string,
): Promise<{ anchor: string; entry: Entry }> {
  const { profile } = ctx;
  const anchor = typeof anchorInput === "string" ? profile.canonicalAnchor(anchorInput) : undefined;
  if (anchor === undefined) {
    throw new StepFailure({
      errorCode: "InvalidAnchor",
      message: `${subject}: "${String(anchorInput)}" is not a valid ${profile.anchorAttribute}`,
      retryable: false,
    });
  }
  const { base, options } = profile.anchorLookup(anchor, await ctx.domainRoot());
  const requested = attributes === NO_ATTRIBUTES ? [profile.anchorAttribute] : [...attributes, profile.anchorAttribute];
  const result = await request(ctx, { subject, missingObject: "object" }, (client) =>
    client.search(base, { ...options, attributes: requested, explicitBufferAttributes: profile.bufferAttributes }),
  );
  const entry = result.searchEntries[0];
  if (entry === undefined) {
    ctx.anchorDns.delete(anchor);
    throw new StepFailure({
      errorCode: "InvalidAnchor",
      message: `${subject}: no object with ${profile.anchorAttribute} ${anchor} exists`,
      retryable: false,
    });
  }
  ctx.anchorDns.set(anchor, entry.dn);
  return { anchor, entry };
}

function checkedParentDn(value: unknown, subject: string): string {
  const text = requireText(value, "parentDistinguishedName", subject).trim();
  try {
    if (parseDn(text).length === 0) throw new Error("the root DN cannot hold accounts");
  } catch (error) {
    throw new RosterError("InvalidAttributeSyntax", `${subject}: parentDistinguishedName: ${(error as Error).message}`, {
      attribute: "parentDistinguishedName",
    });
  }
  return text;
}

function requireText(value: unknown, field: string, subject: string): string {
  if (typeof value !== "string" || value.length === 0 || !isWellFormedText(value)) {
    throw new RosterError("InvalidAttributeSyntax", `${subject}: ${field} must be a non-empty string`, { attribute: field });
  }
  return value;
}

function requireRecord(value: unknown, field: string, subject: string): Readonly<Record<string, DirectoryValue | null>> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new RosterError("InvalidAttributeSyntax", `${subject}: ${field} must be an object of attribute values`, { field });
  }
  return value as Readonly<Record<string, DirectoryValue | null>>;
}

const TRUE_TEXT = /^true$/i;
const FALSE_TEXT = /^false$/i;

function parseBoolean(value: DirectoryValue | null, subject: string): boolean {
  if (typeof value === "string" && TRUE_TEXT.test(value)) return true;
  if (typeof value === "string" && FALSE_TEXT.test(value)) return false;
  throw new RosterError(
    "HybridSynchronizationActiveDirectoryInvalidParameter",
    `${subject}: accountDisabled must be "True" or "False", not ${JSON.stringify(value)}`,
    { attribute: "accountDisabled" },
  );
}

function invalidUac(subject: string, value: string): never {
  throw new RosterError("InvalidAttributeSyntax", `${subject}: userAccountControl "${value}" is not a number`, { attribute: UAC });
}

function firstText(attributes: Readonly<Record<string, DirectoryValue | null>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(attributes)) {
    if (key.toLowerCase() !== wanted) continue;
    return typeof value === "string" ? value : (value?.[0] ?? undefined);
  }
  return undefined;
}

function applied(kind: DirectoryOperationKind, anchor: string, dn: string, changed: boolean): AppliedResult {
  return { status: "applied", kind, anchor, dn, changed };
}

function failed(
  kind: DirectoryOperationKind,
  failure: FailureDescription,
  partial: { readonly anchor?: string; readonly dn?: string } = {},
): FailedResult {
  return {
    status: "failed",
    kind,
    errorCode: failure.errorCode,
    message: failure.message,
    retryable: failure.retryable,
    ...(failure.ldapCode === undefined ? {} : { ldapCode: failure.ldapCode }),
    ...(partial.anchor === undefined ? {} : { anchor: partial.anchor }),
    ...(partial.dn === undefined ? {} : { dn: partial.dn }),
  };
}
