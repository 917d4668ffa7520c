/**
 * The planner: given a worker that is in scope (or has left it) and what the directory
 * holds, decide the operations. Creates write every mapping; updates write only what
 * changed against the baseline (the link's exported state when there is one, so an
 * unchanged worker costs no directory read; otherwise the entry as read). Operations
 * come in the order the agent applies them: create/update, move, rename,
 * enable/disable, references.
 */
import { resolveExpression, type CompiledExpression, type UniquenessChecker } from "../expressions/compile.js";
import {
  IGNORE_ATTRIBUTE_FLOW,
  IGNORE_OBJECT_FLOW,
  type EvalContext,
  type ExpressionOutcome,
  type FlowSignal,
} from "../expressions/types.js";
import type { CompiledProvisioningConfig } from "./compile-config.js";
import {
  decisionIssue,
  issueFromError,
  NEW_ENTRY_ANCHOR,
  REDACTED,
  type DecisionIssue,
  type DeferredReference,
  type ModifiedProperty,
  type ProvisioningAction,
  type ReservedValue,
} from "./decision.js";
import type { DirectoryOperation, DirectoryValue } from "./directory-operations.js";
import { recordBuilder, type RecordBuilder } from "./attribute-record.js";
import { NO_REFERENCES, parseAccountDisabled, withChanges, type Baseline } from "./baseline.js";
import {
  isPending,
  isPromiseLike,
  type DirectoryView,
  type ExportedState,
  type MaybePromise,
} from "./directory-view.js";
import { sameDn } from "./dn.js";
import {
  applyMappingRules,
  evaluateMappingRaw,
  sameDirectoryValue,
  toDirectoryValue,
  type CompiledMapping,
  type Operation,
} from "./mapping-evaluation.js";

/** Names of the pseudo-attributes in modified properties and in TargetEntry.attributes. */
const ACCOUNT_DISABLED = "accountDisabled";
const PARENT_DN = "parentDistinguishedName";
const CN = "cn";

export interface PlanContext {
  readonly config: CompiledProvisioningConfig;
  readonly ctx: EvalContext;
  readonly directory: DirectoryView;
  /** Record the SelectUniqueValue candidates tried (Plan.uniqueValueTrace), for a full trace. */
  readonly traceCandidates: boolean;
}

export interface Plan {
  readonly action: ProvisioningAction;
  readonly operations: readonly DirectoryOperation[];
  readonly modifiedProperties: readonly ModifiedProperty[];
  readonly deferredReferences: readonly DeferredReference[];
  readonly reservedValues: readonly ReservedValue[];
  readonly newExportedState: ExportedState | null;
  readonly error: DecisionIssue | null;
  readonly skipReason: DecisionIssue | null;
  readonly notes: readonly DecisionIssue[];
  /** One line for the action step. */
  readonly description: string;
  /** The entry acted on, for the trace: the new DN for a create, else the anchor. */
  readonly target: string | null;
  /** SelectUniqueValue candidates tried, in order, for the trace (when PlanContext.traceCandidates). */
  readonly uniqueValueTrace: readonly UniqueValueAttempt[];
}

export interface UniqueValueAttempt {
  readonly attribute: string;
  /** "[Redact]" when the expression redacts. */
  readonly value: string;
  readonly taken: boolean;
}

/**
 * Most lists of a plan stay empty (notes, deferred references; everything on NoChange):
 * they start as one shared frozen empty array and get their own on the first entry.
 */
const NONE: readonly never[] = Object.freeze([]);

function appended<T>(list: readonly T[], item: T): readonly T[] {
  if (list === NONE) return [item];
  (list as T[]).push(item);
  return list;
}

class PlanBuilder {
  action: ProvisioningAction = "NoChange";
  operations: readonly DirectoryOperation[] = NONE;
  modifiedProperties: readonly ModifiedProperty[] = NONE;
  deferredReferences: readonly DeferredReference[] = NONE;
  reservedValues: readonly ReservedValue[] = NONE;
  notes: readonly DecisionIssue[] = NONE;
  uniqueValueTrace: readonly UniqueValueAttempt[] = NONE;
  target: string | null = null;

  operation(operation: DirectoryOperation): void {
    this.operations = appended(this.operations, operation);
  }

  reserved(attribute: string, value: string): void {
    this.reservedValues = appended(this.reservedValues, { attribute, value });
  }

  tried(attempt: UniqueValueAttempt): void {
    this.uniqueValueTrace = appended(this.uniqueValueTrace, attempt);
  }

  deferReference(attribute: string, sourceAnchorValue: string): void {
    this.deferredReferences = appended(this.deferredReferences, { attribute, sourceAnchorValue });
    this.notes = appended(
      this.notes,
      decisionIssue(
        "ReferenceUnresolved",
        `${attribute} refers to worker ${sourceAnchorValue}, who has no directory account yet; it is set once that account exists.`,
      ),
    );
  }

  /** Entries in modifiedProperties; the array may be longer while it has room reserved. */
  private modifiedCount = 0;

  /** Room for `capacity` modified properties at once (a create lists every mapping): no regrowing. */
  reserveModified(capacity: number): void {
    if (this.modifiedCount === 0) this.modifiedProperties = new Array<ModifiedProperty>(capacity);
  }

  modified(
    name: string,
    oldValue: DirectoryValue | null | undefined,
    newValue: DirectoryValue | null,
    redacted: boolean,
  ): void {
    const old = oldValue ?? null;
    const property: ModifiedProperty = {
      name,
      oldValue: redacted && old !== null ? REDACTED : old,
      newValue: redacted && newValue !== null ? REDACTED : newValue,
    };
    const list = this.modifiedProperties;
    if (this.modifiedCount < list.length) (list as ModifiedProperty[])[this.modifiedCount] = property;
    else this.modifiedProperties = appended(list, property);
    this.modifiedCount++;
  }

  done(action: ProvisioningAction, description: string, newExportedState: ExportedState | null): Plan {
    return this.finish(action, description, newExportedState, null, null);
  }

  fail(error: DecisionIssue): Plan {
    return this.finish(this.action, error.message, null, error, null);
  }

  skip(reason: DecisionIssue, action: ProvisioningAction = "Skip"): Plan {
    // A skipped worker exports nothing, so nothing listed as modified and no reservation either.
    this.operations = NONE;
    this.modifiedProperties = NONE;
    this.modifiedCount = 0;
    this.reservedValues = NONE;
    this.deferredReferences = NONE;
    this.notes = NONE;
    return this.finish(action, reason.message, null, null, reason);
  }

  /** NoChange: nothing to export, but deferred references and the state to remember are kept. */
  inSync(reason: DecisionIssue, newExportedState: ExportedState | null): Plan {
    return this.finish("NoChange", reason.message, newExportedState, null, reason);
  }

  private finish(
    action: ProvisioningAction,
    description: string,
    newExportedState: ExportedState | null,
    error: DecisionIssue | null,
    skipReason: DecisionIssue | null,
  ): Plan {
    // Room reserved but not used is cut off (in place).
    if (this.modifiedProperties.length > this.modifiedCount) {
      if (this.modifiedCount === 0) this.modifiedProperties = NONE;
      else (this.modifiedProperties as ModifiedProperty[]).length = this.modifiedCount;
    }
    return {
      action,
      operations: this.operations,
      modifiedProperties: this.modifiedProperties,
      deferredReferences: this.deferredReferences,
      reservedValues: this.reservedValues,
      newExportedState,
      error,
      skipReason,
      notes: this.notes,
      description,
      target: this.target,
      uniqueValueTrace: this.uniqueValueTrace,
    };
  }
}

const flagText = (disabled: boolean): string => (disabled ? "True" : "False");

function mappingLabel(m: CompiledMapping): string {
  return `mapping to "${m.target}" (mappings[${m.index}])`;
}

function firstText(value: DirectoryValue): string {
  return typeof value === "string" ? value : (value[0] ?? "");
}

/** Evaluates a non-SelectUniqueValue mapping with the mapping-level rules; throws on evaluation errors. */
function evaluateForOperation(
  m: CompiledMapping,
  ctx: EvalContext,
  operation: Operation,
): DirectoryValue | null | undefined | typeof IGNORE_OBJECT_FLOW {
  return applyMappingRules(m, evaluateMappingRaw(m, ctx), operation);
}

interface UniqueValue {
  readonly mapping: CompiledMapping;
  readonly raw: DirectoryValue | null | FlowSignal;
  readonly redacted: boolean;
}

const NO_UNIQUE_VALUES: readonly UniqueValue[] = Object.freeze([]);

/**
 * The directory's isTaken for SelectUniqueValue, recording the candidates tried for
 * the trace. One per create, passed to the expression engine as an object (no closures).
 */
class RecordingUniquenessChecker implements UniquenessChecker {
  constructor(
    private readonly plan: PlanContext,
    private readonly builder: PlanBuilder,
  ) {}

  isTaken(attribute: string, value: string): MaybePromise<boolean> {
    const answer = this.plan.directory.isTaken(attribute, value);
    // The candidate's own redaction: the expression engine has just evaluated it into ctx.
    const shown = this.plan.ctx.redacted ? REDACTED : value;
    if (!isPromiseLike(answer)) return this.record(attribute, shown, answer);
    return Promise.resolve(answer).then((taken) => this.record(attribute, shown, taken));
  }

  private record(attribute: string, value: string, taken: boolean): boolean {
    this.builder.tried({ attribute, value, taken });
    return taken;
  }
}

/**
 * Resolves the SelectUniqueValue mappings (by the expression engine, against
 * `isTaken`), recording the candidates tried for the trace. Synchronous while the
 * directory answers synchronously. Throws (or rejects with) what evaluation throws.
 */
function resolveUniqueValues(plan: PlanContext, builder: PlanBuilder): MaybePromise<UniqueValue[]> {
  // Without a trace of the candidates the directory answers the expression engine directly.
  const checker = plan.traceCandidates ? new RecordingUniquenessChecker(plan, builder) : plan.directory;
  return uniqueValuesFrom(plan, checker, 0, []);
}

function uniqueValuesFrom(
  plan: PlanContext,
  checker: UniquenessChecker,
  start: number,
  values: UniqueValue[],
): MaybePromise<UniqueValue[]> {
  const mappings = plan.config.uniqueValueMappings;
  for (let i = start; i < mappings.length; i++) {
    const m = mappings[i] as CompiledMapping;
    const outcome = resolveExpression(m.expression as CompiledExpression, plan.ctx, {
      operation: "create",
      targetAttribute: m.target,
      applyMapping: m.apply,
      uniqueness: checker,
    });
    if (isPending(outcome)) {
      return outcome.then((settled) => {
        values.push(uniqueValue(m, settled));
        return uniqueValuesFrom(plan, checker, i + 1, values);
      });
    }
    values.push(uniqueValue(m, outcome));
  }
  return values;
}

function uniqueValueOf(unique: readonly UniqueValue[], mapping: CompiledMapping): UniqueValue {
  for (const u of unique) if (u.mapping === mapping) return u;
  throw new Error(`No unique value was resolved for the ${mappingLabel(mapping)}`);
}

function uniqueValue(mapping: CompiledMapping, outcome: ExpressionOutcome): UniqueValue {
  let raw: DirectoryValue | null | FlowSignal;
  if (outcome.kind === "noFlow") raw = IGNORE_ATTRIBUTE_FLOW;
  else if (outcome.kind === "skipObject") raw = IGNORE_OBJECT_FLOW;
  else raw = toDirectoryValue(outcome.value);
  return { mapping, raw, redacted: outcome.kind === "value" && outcome.redacted };
}

// ---------------------------------------------------------------------------------------
// Create

/**
 * Plans a create. Synchronous unless a SelectUniqueValue mapping or a reference needs
 * the directory asynchronously.
 */
export function planCreate(plan: PlanContext): MaybePromise<Plan> {
  const builder = new PlanBuilder();
  builder.action = "Create";
  if (!plan.config.actions.create) {
    return builder.skip(
      decisionIssue(
        "ActionDisabled",
        "No directory entry matches this worker, and creating entries is switched off in the target object actions.",
      ),
    );
  }
  if (plan.config.uniqueValueMappings.length === 0) return buildCreate(plan, builder, NO_UNIQUE_VALUES);
  let unique: MaybePromise<readonly UniqueValue[]>;
  try {
    unique = resolveUniqueValues(plan, builder);
  } catch (error) {
    return builder.fail(issueFromError(error, "Choosing a unique value"));
  }
  if (!isPending(unique)) return buildCreate(plan, builder, unique);
  return Promise.resolve(unique).then(
    (resolved) => buildCreate(plan, builder, resolved),
    (error: unknown) => builder.fail(issueFromError(error, "Choosing a unique value")),
  );
}

/** Where each mapping's value goes in a create's attribute record, and the record's builder; one per configuration. */
interface CreateLayout {
  /** By position in config.mappings: the attribute's position in the record, or -1. */
  readonly slots: readonly number[];
  readonly size: number;
  readonly build: RecordBuilder<DirectoryValue>;
}

const createLayouts = new WeakMap<CompiledProvisioningConfig, CreateLayout>();

function createLayoutOf(config: CompiledProvisioningConfig): CreateLayout {
  let layout = createLayouts.get(config);
  if (layout === undefined) {
    const names: string[] = [];
    const slots = config.mappings.map((m) => (m.role === "attribute" ? names.push(m.target) - 1 : -1));
    layout = { slots, size: names.length, build: recordBuilder<DirectoryValue>(names) };
    createLayouts.set(config, layout);
  }
  return layout;
}

function buildCreate(plan: PlanContext, builder: PlanBuilder, unique: readonly UniqueValue[]): MaybePromise<Plan> {
  const { config, ctx } = plan;
  const layout = createLayoutOf(config);
  // The attribute values by record position; the record is built from them at the end.
  const values = new Array<DirectoryValue | undefined>(layout.size);
  // Every attribute, cn, the parent, accountDisabled and the references.
  builder.reserveModified(layout.size + 3 + config.referenceMappings.length);
  const mappings = config.mappings;
  let cn: string | null = null;
  let parent: string | null = null;
  let disabled: boolean | null = null;
  let current: CompiledMapping | null = null;
  try {
    for (let k = 0; k < mappings.length; k++) {
      const m = mappings[k] as CompiledMapping;
      current = m;
      const role = m.role;
      if (role === "objectFilter" || role === "reference") continue;
      let value: DirectoryValue | null | undefined | typeof IGNORE_OBJECT_FLOW;
      let redacted: boolean;
      if (m.selectUniqueValue) {
        const resolved = uniqueValueOf(unique, m);
        value = applyMappingRules(m, resolved.raw, "create");
        redacted = resolved.redacted;
        if (typeof value === "string") builder.reserved(m.target, value);
      } else {
        value = evaluateForOperation(m, ctx, "create");
        redacted = ctx.redacted;
      }
      if (value === IGNORE_OBJECT_FLOW) return builder.skip(objectFlowIgnored(m));
      if (value === undefined || value === null) continue;
      if (role === "attribute") {
        values[layout.slots[k] as number] = value;
        builder.modified(m.target, null, value, redacted);
      } else if (role === "cn") {
        cn = firstText(value);
      } else if (role === "parentDistinguishedName") {
        parent = firstText(value);
      } else {
        disabled = parseAccountDisabled(value);
        if (disabled === null) return builder.fail(invalidAccountDisabled(m, value, redacted));
      }
    }
  } catch (error) {
    return builder.fail(
      issueFromError(error, `Evaluating the ${current === null ? "mappings" : mappingLabel(current)}`),
    );
  }

  if (config.parentDistinguishedName === null) parent = config.defaultContainer;
  if (cn === null || cn === "" || parent === null || parent === "") {
    const missing: string[] = [];
    if (cn === null || cn === "") missing.push("cn (the mapping yields no value and has no default value)");
    if (parent === null || parent === "") {
      missing.push(
        config.parentDistinguishedName === null
          ? "parentDistinguishedName (not mapped, and no default container is configured)"
          : "parentDistinguishedName (the mapping yields no value and has no default value)",
      );
    }
    return builder.fail(
      decisionIssue("MandatoryFieldsMissing", `Cannot create the account: no value for ${missing.join(" and ")}.`),
    );
  }
  const attributes = layout.build(values);
  // Unmapped (or no value): created disabled, the safe default for a new account.
  const accountDisabled = disabled ?? true;
  builder.target = `CN=${cn},${parent}`;
  builder.modified(CN, null, cn, false);
  builder.modified(PARENT_DN, null, parent, false);
  builder.modified(ACCOUNT_DISABLED, null, flagText(accountDisabled), false);
  builder.operation({ kind: "create", parentDn: parent, cn, attributes, accountDisabled });

  const created: CreatedEntry = { attributes, cn, parent, accountDisabled };
  const references = planReferences(plan, builder, NEW_ENTRY_ANCHOR, null, "create");
  if (isPending(references)) return references.then((settled) => finishCreate(builder, created, settled));
  return finishCreate(builder, created, references);
}

/** What a create writes, for the exported state. */
interface CreatedEntry {
  readonly attributes: Record<string, DirectoryValue>;
  readonly cn: string;
  readonly parent: string;
  readonly accountDisabled: boolean;
}

function finishCreate(builder: PlanBuilder, created: CreatedEntry, references: ReferencePlan): Plan {
  if (references.issue !== null) return skipOrFail(builder, references.issue);
  const { cn, parent, accountDisabled } = created;
  // The exported attributes are the create's own object: no copy.
  const state: ExportedState = {
    attributes: created.attributes,
    cn,
    parentDistinguishedName: parent,
    accountDisabled,
    // On create a reference is only ever set, never cleared, so the changes hold no null: they are the references.
    references: references.changes === null ? NO_REFERENCES : (references.changes as Record<string, string>),
  };
  return builder.done(
    "Create",
    `Create the account CN=${cn} in ${parent}${accountDisabled ? " (disabled)" : ""}.`,
    state,
  );
}

// ---------------------------------------------------------------------------------------
// Update

/**
 * Plans the update of an existing entry. `anchor` is the linked or matched entry;
 * `newLink` asks for the exported state even when nothing changed (a first match).
 */
export function planUpdate(
  plan: PlanContext,
  anchor: string,
  baseline: Baseline,
  newLink: boolean,
): MaybePromise<Plan> {
  const { config, ctx } = plan;
  const builder = new PlanBuilder();
  builder.target = anchor;
  let changes: Record<string, DirectoryValue | null> | null = null;
  let move: string | null = null;
  let rename: string | null = null;
  let disable: boolean | null = null; // true = disable, false = enable, null = leave
  let current: CompiledMapping | null = null;
  try {
    for (const m of config.mappings) {
      const role = m.role;
      if (m.onlyOnCreate || role === "objectFilter" || role === "reference") continue;
      current = m;
      const value = evaluateForOperation(m, ctx, "update");
      if (value === IGNORE_OBJECT_FLOW) return builder.skip(objectFlowIgnored(m));
      if (value === undefined) continue;
      const redacted = ctx.redacted;
      if (role === "attribute") {
        const old = baseline.attribute(m.target);
        if (value === null ? old === null || old === undefined : sameDirectoryValue(value, old)) continue;
        changes ??= {};
        changes[m.target] = value;
        builder.modified(m.target, old, value, redacted);
        continue;
      }
      if (value === null) continue; // pseudo-attributes cannot be cleared
      const text = firstText(value);
      if (role === "accountDisabled") {
        const wanted = parseAccountDisabled(text);
        if (wanted === null) return builder.fail(invalidAccountDisabled(m, value, redacted));
        const was = baseline.accountDisabled;
        if (was === wanted) continue;
        disable = wanted;
        builder.modified(ACCOUNT_DISABLED, was === null ? null : flagText(was), flagText(wanted), false);
      } else if (role === "parentDistinguishedName") {
        const old = baseline.parentDistinguishedName;
        if (text === "" || (old !== null && sameDn(text, old))) continue;
        move = text;
        builder.modified(PARENT_DN, old, text, redacted);
      } else if (role === "cn") {
        const old = baseline.cn;
        if (text === "" || old === text) continue;
        rename = text;
        builder.modified(CN, old, text, redacted);
      }
    }
  } catch (error) {
    return builder.fail(
      issueFromError(error, `Evaluating the ${current === null ? "mappings" : mappingLabel(current)}`),
    );
  }

  if (changes !== null) builder.operation({ kind: "update", anchor, changes });
  if (move !== null) builder.operation({ kind: "move", anchor, newParentDn: move });
  if (rename !== null) builder.operation({ kind: "rename", anchor, newCn: rename });
  if (disable !== null) builder.operation(disable ? { kind: "disable", anchor } : { kind: "enable", anchor });

  const planned: UpdateChanges = { changes, move, rename, disable };
  const references = planReferences(plan, builder, anchor, baseline, "update");
  if (isPending(references)) {
    return references.then((settled) => finishUpdate(plan, builder, anchor, baseline, newLink, planned, settled));
  }
  return finishUpdate(plan, builder, anchor, baseline, newLink, planned, references);
}

interface UpdateChanges {
  readonly changes: Record<string, DirectoryValue | null> | null;
  readonly move: string | null;
  readonly rename: string | null;
  readonly disable: boolean | null;
}

function finishUpdate(
  plan: PlanContext,
  builder: PlanBuilder,
  anchor: string,
  baseline: Baseline,
  newLink: boolean,
  planned: UpdateChanges,
  references: ReferencePlan,
): Plan {
  if (references.issue !== null) return skipOrFail(builder, references.issue);
  const { config } = plan;
  const { changes, move, rename, disable } = planned;
  const action: ProvisioningAction =
    disable === true
      ? "Disable"
      : disable === false
        ? "Enable"
        : move !== null
          ? "Move"
          : rename !== null
            ? "Rename"
            : builder.operations.length > 0
              ? "Update"
              : "NoChange";

  if (action !== "NoChange" && !config.actions.update) {
    return builder.skip(
      decisionIssue(
        "ActionDisabled",
        `The account ${anchor} needs changes, but updating entries is switched off in the target object actions.`,
      ),
    );
  }

  // The state to remember: the baseline with every change applied; null when it stays as stored.
  let state: ExportedState | null = null;
  if (builder.operations.length > 0 || newLink || baseline.fromDirectory) {
    const previous = baseline.state(config);
    state =
      builder.operations.length === 0
        ? previous
        : {
            attributes: changes === null ? previous.attributes : withChanges(previous.attributes, changes),
            cn: rename ?? previous.cn,
            parentDistinguishedName: move ?? previous.parentDistinguishedName,
            accountDisabled: disable ?? previous.accountDisabled,
            references:
              references.changes === null ? previous.references : withChanges(previous.references, references.changes),
          };
  }
  if (action === "NoChange") {
    // Deferred references and their notes stay: they are retried later.
    return builder.inSync(
      decisionIssue("EntrySynchronizationSkipped", `The account ${anchor} is already in sync: nothing to export.`),
      state,
    );
  }
  return builder.done(action, describeUpdate(action, anchor, builder), state);
}

function describeUpdate(action: ProvisioningAction, anchor: string, builder: PlanBuilder): string {
  const names = builder.modifiedProperties.map((p) => p.name).join(", ");
  switch (action) {
    case "Disable":
      return `Disable the account ${anchor}${names ? ` (changing ${names})` : ""}.`;
    case "Enable":
      return `Enable the account ${anchor}${names ? ` (changing ${names})` : ""}.`;
    case "Move":
      return `Move the account ${anchor} (changing ${names}).`;
    case "Rename":
      return `Rename the account ${anchor} (changing ${names}).`;
    default:
      return `Update the account ${anchor}: ${names}.`;
  }
}

interface ReferencePlan {
  /** Reference attribute → new anchor (null: cleared), for the exported state. */
  readonly changes: Record<string, string | null> | null;
  /** ObjectFlowIgnored (a skip) or an error. */
  readonly issue: DecisionIssue | null;
}

/**
 * References (manager): the value is the referenced worker's source anchor. Resolved →
 * setReference after the create/update; unresolved → deferred with a note. On update
 * only a changed reference is set. Synchronous while resolveReference answers
 * synchronously.
 */
function planReferences(
  plan: PlanContext,
  builder: PlanBuilder,
  anchor: string,
  baseline: Baseline | null,
  operation: Operation,
): MaybePromise<ReferencePlan> {
  if (plan.config.referenceMappings.length === 0) return NO_REFERENCE_CHANGES;
  return referencesFrom(plan, builder, anchor, baseline, operation, 0, null);
}

const NO_REFERENCE_CHANGES: ReferencePlan = Object.freeze({ changes: null, issue: null });

function referencesFrom(
  plan: PlanContext,
  builder: PlanBuilder,
  anchor: string,
  baseline: Baseline | null,
  operation: Operation,
  start: number,
  changesSoFar: Record<string, string | null> | null,
): MaybePromise<ReferencePlan> {
  const mappings = plan.config.referenceMappings;
  let changes = changesSoFar;
  for (let i = start; i < mappings.length; i++) {
    const m = mappings[i]!;
    if (operation === "update" && m.onlyOnCreate) continue;
    let value: DirectoryValue | null | undefined | typeof IGNORE_OBJECT_FLOW;
    let answer: MaybePromise<string | null>;
    try {
      value = evaluateForOperation(m, plan.ctx, operation);
      if (value === IGNORE_OBJECT_FLOW) return { changes: null, issue: objectFlowIgnored(m) };
      if (value === undefined) continue;
      const old = baseline === null ? null : baseline.reference(m.target);
      if (value === null) {
        if (old === null) continue;
        builder.operation({ kind: "setReference", anchor, attribute: m.target, targetAnchor: null });
        builder.modified(m.target, old, null, false);
        changes ??= {};
        changes[m.target] = null;
        continue;
      }
      const key = firstText(value);
      if (key === "") continue;
      answer = plan.directory.resolveReference(key, m.target);
      if (isPromiseLike(answer)) {
        const pending = answer;
        const soFar = changes;
        return Promise.resolve(pending).then(
          (resolved) => {
            const next = recordReference(builder, anchor, baseline, m, key, resolved, soFar);
            return referencesFrom(plan, builder, anchor, baseline, operation, i + 1, next);
          },
          (error: unknown) => ({ changes: null, issue: issueFromError(error, `Resolving the ${mappingLabel(m)}`) }),
        );
      }
      changes = recordReference(builder, anchor, baseline, m, key, answer, changes);
    } catch (error) {
      return { changes: null, issue: issueFromError(error, `Resolving the ${mappingLabel(m)}`) };
    }
  }
  return changes === null ? NO_REFERENCE_CHANGES : { changes, issue: null };
}

/** A resolved reference becomes a setReference when it changed; an unresolved one is deferred. */
function recordReference(
  builder: PlanBuilder,
  anchor: string,
  baseline: Baseline | null,
  m: CompiledMapping,
  key: string,
  resolved: string | null,
  changes: Record<string, string | null> | null,
): Record<string, string | null> | null {
  if (resolved === null) {
    builder.deferReference(m.target, key);
    return changes;
  }
  const old = baseline === null ? null : baseline.reference(m.target);
  if (resolved === old) return changes;
  builder.operation({ kind: "setReference", anchor, attribute: m.target, targetAnchor: resolved });
  builder.modified(m.target, old, resolved, false);
  const next = changes ?? {};
  next[m.target] = resolved;
  return next;
}

// ---------------------------------------------------------------------------------------
// Leaving scope

/** A linked worker that was in scope and no longer is: disabled, unless switched off. */
export function planLeaveScope(config: CompiledProvisioningConfig, anchor: string, baseline: Baseline): Plan {
  const builder = new PlanBuilder();
  builder.target = anchor;
  if (config.skipOutOfScopeDeletions) {
    return builder.skip(
      decisionIssue(
        "OutOfScopeDeletionSkipped",
        `The worker left scope; SkipOutOfScopeDeletions is set, so the account ${anchor} is not disabled.`,
      ),
    );
  }
  if (!config.actions.delete) {
    return builder.skip(
      decisionIssue(
        "ActionDisabled",
        "The worker left scope, but deleting (disabling out-of-scope accounts) is switched off in the target object actions.",
      ),
    );
  }
  const was = baseline.accountDisabled;
  if (was === true) {
    return builder.skip(
      decisionIssue(
        "EntrySynchronizationSkipped",
        `The worker is out of scope and the account ${anchor} is already disabled.`,
      ),
    );
  }
  builder.operation({ kind: "disable", anchor });
  builder.modified(ACCOUNT_DISABLED, was === null ? null : flagText(was), "True", false);
  const previous = baseline.state(config);
  const state: ExportedState = {
    attributes: previous.attributes,
    cn: previous.cn,
    parentDistinguishedName: previous.parentDistinguishedName,
    accountDisabled: true,
    references: previous.references,
  };
  return builder.done("Disable", `Disable the account ${anchor}: the worker left scope.`, state);
}

// ---------------------------------------------------------------------------------------
// Deferred references, second pass

/**
 * Resolves references deferred by earlier decisions once the referenced accounts may
 * exist (the reference pass at the end of a cycle): setReference operations for the
 * resolved ones; the rest stay deferred.
 */
export async function planReferenceResolution(
  anchor: string,
  deferred: readonly DeferredReference[],
  resolve: DirectoryView["resolveReference"],
): Promise<{
  readonly operations: DirectoryOperation[];
  readonly stillDeferred: DeferredReference[];
  /** Resolved anchors to merge into the exported state's references once the operations succeed. */
  readonly resolved: Record<string, string>;
  readonly error: DecisionIssue | null;
}> {
  const operations: DirectoryOperation[] = [];
  const stillDeferred: DeferredReference[] = [];
  const resolved: Record<string, string> = {};
  for (const ref of deferred) {
    let target: string | null;
    try {
      const answer = resolve(ref.sourceAnchorValue, ref.attribute);
      target = isPromiseLike(answer) ? await answer : answer;
    } catch (error) {
      return {
        operations: [],
        stillDeferred: [...deferred],
        resolved: {},
        error: issueFromError(error, `Resolving ${ref.attribute} = ${ref.sourceAnchorValue}`),
      };
    }
    if (target === null) stillDeferred.push(ref);
    else {
      operations.push({ kind: "setReference", anchor, attribute: ref.attribute, targetAnchor: target });
      resolved[ref.attribute] = target;
    }
  }
  return { operations, stillDeferred, resolved, error: null };
}

/** The exported state with references resolved by planReferenceResolution merged in. */
export function withResolvedReferences(
  state: ExportedState,
  resolved: Readonly<Record<string, string>>,
): ExportedState {
  return {
    attributes: state.attributes,
    cn: state.cn,
    parentDistinguishedName: state.parentDistinguishedName,
    accountDisabled: state.accountDisabled,
    references: withChanges(state.references, resolved),
  };
}

// ---------------------------------------------------------------------------------------

function objectFlowIgnored(m: CompiledMapping): DecisionIssue {
  return decisionIssue(
    "ObjectFlowIgnored",
    `The ${mappingLabel(m)} returned IgnoreObjectFlow: the worker is not provisioned now.`,
  );
}

/** IgnoreObjectFlow is a skip; anything else a failure. */
function skipOrFail(builder: PlanBuilder, issue: DecisionIssue): Plan {
  return issue.code === "ObjectFlowIgnored" ? builder.skip(issue) : builder.fail(issue);
}

function invalidAccountDisabled(m: CompiledMapping, value: DirectoryValue, redacted: boolean): DecisionIssue {
  const shown = redacted ? REDACTED : typeof value === "string" ? value : value.join(", ");
  return decisionIssue(
    "ExpressionEvaluationFailed",
    `The ${mappingLabel(m)} yielded "${shown}"; accountDisabled must be "True" or "False".`,
  );
}
