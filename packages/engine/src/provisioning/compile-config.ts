/**
 * Validation and compilation of a job's provisioning configuration, done once when the
 * job is saved: a bad expression or scoping clause is reported here, with its path and
 * position, never at worker 50,000. Every problem is collected, not just the first.
 *
 * The compiled form is what the planner runs: expressions compiled, regexes translated,
 * mappings sorted into their roles, matching attributes in precedence order.
 */
import type { z } from "zod";
import {
  provisioningConfigSchema,
  type AttributeMapping,
  type ProvisioningConfig,
} from "../config/provisioning-config.js";
import { RosterError, type ErrorCode } from "../errors/error-codes.js";
import { compileExpression, type CompiledExpression } from "../expressions/compile.js";
import type { CompiledMapping, MappingRole } from "./mapping-evaluation.js";
import { compileScopingFilters, type CompiledScopingFilter } from "./scoping.js";

export interface ConfigIssue {
  readonly code: ErrorCode;
  /** Where in the configuration, e.g. "mappings[3].expression" or "scopingFilters[0].clauses[1].value". */
  readonly path: string;
  readonly message: string;
  /** Position inside an expression (1-based), for expression errors. */
  readonly line?: number;
  readonly column?: number;
}

export interface CompiledProvisioningConfig {
  /** The parsed configuration, defaults applied. */
  readonly config: ProvisioningConfig;
  /** Every mapping, in configuration order. */
  readonly mappings: readonly CompiledMapping[];
  /** Matching mappings, precedence 1 first. Never empty. */
  readonly matchingMappings: readonly CompiledMapping[];
  /** Ordinary attributes (role "attribute"), in configuration order. */
  readonly attributeMappings: readonly CompiledMapping[];
  readonly referenceMappings: readonly CompiledMapping[];
  /** Mappings whose expression is SelectUniqueValue (resolved against the directory on create). */
  readonly uniqueValueMappings: readonly CompiledMapping[];
  readonly accountDisabled: CompiledMapping | null;
  readonly parentDistinguishedName: CompiledMapping | null;
  readonly cn: CompiledMapping | null;
  readonly objectFilter: CompiledMapping | null;
  readonly scopingFilters: readonly CompiledScopingFilter[];
  readonly sourceAnchorAttribute: string;
  readonly defaultContainer: string | null;
  readonly actions: { readonly create: boolean; readonly update: boolean; readonly delete: boolean };
  readonly skipOutOfScopeDeletions: boolean;
}

export type CompileConfigResult =
  | { readonly ok: true; readonly config: CompiledProvisioningConfig }
  | { readonly ok: false; readonly errors: readonly ConfigIssue[] };

const PSEUDO_ROLES: ReadonlyMap<string, MappingRole> = new Map<string, MappingRole>([
  ["accountdisabled", "accountDisabled"],
  ["parentdistinguishedname", "parentDistinguishedName"],
  ["cn", "cn"],
  ["objectfilter", "objectFilter"],
]);

const BOOLEAN_TEXT = /^(true|false)$/i;

/** Parses, validates and compiles a configuration (JSON as saved, or a ProvisioningConfig). */
export function compileProvisioningConfig(input: unknown): CompileConfigResult {
  const parsed = provisioningConfigSchema.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.map(zodIssue);
    // Still report expression errors, so one save shows every problem.
    errors.push(...expressionIssuesOfRawInput(input));
    return { ok: false, errors };
  }
  const config = parsed.data;
  const issues: ConfigIssue[] = [];
  const referenceTargets = new Set(config.referenceAttributes.map((a) => a.toLowerCase()));

  const mappings: CompiledMapping[] = [];
  const targetsSeen = new Map<string, number>();
  const precedencesSeen = new Map<number, number>();
  config.mappings.forEach((mapping, index) => {
    const path = `mappings[${index}]`;
    const targetKey = mapping.target.toLowerCase();
    const role: MappingRole =
      PSEUDO_ROLES.get(targetKey) ?? (referenceTargets.has(targetKey) ? "reference" : "attribute");

    const firstWithTarget = targetsSeen.get(targetKey);
    if (firstWithTarget !== undefined) {
      issues.push(
        configIssue(
          `${path}.target`,
          `Target attribute "${mapping.target}" is already mapped by mappings[${firstWithTarget}].`,
        ),
      );
    } else targetsSeen.set(targetKey, index);

    let expression: CompiledExpression | null = null;
    if (mapping.type === "Expression") {
      expression = compileMappingExpression(mapping.expression, `${path}.expression`, mapping.target, issues);
    }
    const selectUniqueValue = expression?.selectUniqueValue === true;

    if (mapping.matchingPrecedence !== undefined) {
      checkMatchingMapping(mapping, role, selectUniqueValue, path, issues);
      const first = precedencesSeen.get(mapping.matchingPrecedence);
      if (first !== undefined) {
        issues.push(
          configIssue(
            `${path}.matchingPrecedence`,
            `Matching precedence ${mapping.matchingPrecedence} of "${mapping.target}" is already used by mappings[${first}]; precedences must be unique.`,
          ),
        );
      } else precedencesSeen.set(mapping.matchingPrecedence, index);
    }
    if (selectUniqueValue && mapping.apply !== "OnlyOnCreate") {
      issues.push(
        configIssue(
          `${path}.apply`,
          `"${mapping.target}" uses SelectUniqueValue, which only works when the mapping is applied only on object creation (apply "OnlyOnCreate").`,
        ),
      );
    }
    if (role === "accountDisabled") {
      if (mapping.type === "Constant" && !BOOLEAN_TEXT.test(mapping.value)) {
        issues.push(configIssue(`${path}.value`, `accountDisabled must be "True" or "False", not "${mapping.value}".`));
      }
      if (mapping.defaultValue !== undefined && !BOOLEAN_TEXT.test(mapping.defaultValue)) {
        issues.push(
          configIssue(
            `${path}.defaultValue`,
            `The default value of accountDisabled must be "True" or "False", not "${mapping.defaultValue}".`,
          ),
        );
      }
    }

    mappings.push({
      index,
      target: mapping.target,
      type: mapping.type,
      role,
      source: mapping.type === "Direct" ? mapping.source : null,
      constant: mapping.type === "Constant" ? mapping.value : null,
      expression,
      selectUniqueValue,
      apply: mapping.apply,
      onlyOnCreate: mapping.apply === "OnlyOnCreate",
      defaultValue: mapping.defaultValue ?? null,
      matchingPrecedence: mapping.matchingPrecedence ?? null,
      flowNullValues: mapping.flowNullValues,
    });
  });

  const matchingMappings = mappings
    .filter((m) => m.matchingPrecedence !== null)
    .sort((a, b) => (a.matchingPrecedence as number) - (b.matchingPrecedence as number));
  if (matchingMappings.length === 0) {
    issues.push(
      configIssue(
        "mappings",
        "No mapping is a matching attribute: give at least one mapping a matchingPrecedence (for example WorkerID → employeeID, precedence 1).",
      ),
    );
  }

  const scoping = compileScopingFilters(config.scopingFilters);
  for (const issue of scoping.issues)
    issues.push({ code: "InvalidScopingFilter", path: issue.path, message: issue.message });

  if (issues.length > 0) return { ok: false, errors: issues };

  const byRole = (role: MappingRole) => mappings.find((m) => m.role === role) ?? null;
  return {
    ok: true,
    config: {
      config,
      mappings,
      matchingMappings,
      attributeMappings: mappings.filter((m) => m.role === "attribute"),
      referenceMappings: mappings.filter((m) => m.role === "reference"),
      uniqueValueMappings: mappings.filter((m) => m.selectUniqueValue),
      accountDisabled: byRole("accountDisabled"),
      parentDistinguishedName: byRole("parentDistinguishedName"),
      cn: byRole("cn"),
      objectFilter: byRole("objectFilter"),
      scopingFilters: scoping.filters,
      sourceAnchorAttribute: config.sourceAnchorAttribute,
      defaultContainer: config.defaultContainer ?? null,
      actions: config.targetObjectActions,
      skipOutOfScopeDeletions: config.skipOutOfScopeDeletions,
    },
  };
}

/** Like compileProvisioningConfig, but throws RosterError("InvalidConfiguration") listing every issue. */
export function compileProvisioningConfigOrThrow(input: unknown): CompiledProvisioningConfig {
  const result = compileProvisioningConfig(input);
  if (result.ok) return result.config;
  const lines = result.errors.map(formatConfigIssue);
  throw new RosterError("InvalidConfiguration", `The provisioning configuration is not valid:\n${lines.join("\n")}`, {
    issues: result.errors,
  });
}

/** "mappings[3].expression (1:14): message" */
export function formatConfigIssue(issue: ConfigIssue): string {
  const position = issue.line !== undefined ? ` (${issue.line}:${issue.column ?? 1})` : "";
  return `${issue.path}${position}: ${issue.message}`;
}

function checkMatchingMapping(
  mapping: AttributeMapping,
  role: MappingRole,
  selectUniqueValue: boolean,
  path: string,
  issues: ConfigIssue[],
): void {
  if (role !== "attribute") {
    issues.push(
      configIssue(
        `${path}.matchingPrecedence`,
        `"${mapping.target}" is a special target (${role}) and cannot be a matching attribute.`,
      ),
    );
  }
  if (mapping.type === "None" || mapping.type === "Constant") {
    issues.push(
      configIssue(
        `${path}.matchingPrecedence`,
        `"${mapping.target}" is a ${mapping.type} mapping and cannot be a matching attribute: it would not identify a worker.`,
      ),
    );
  }
  if (selectUniqueValue) {
    issues.push(
      configIssue(
        `${path}.matchingPrecedence`,
        `"${mapping.target}" uses SelectUniqueValue, which is not allowed on a matching attribute.`,
      ),
    );
  }
}

function compileMappingExpression(
  source: string,
  path: string,
  target: string,
  issues: ConfigIssue[],
): CompiledExpression | null {
  try {
    return compileExpression(source);
  } catch (error) {
    issues.push(expressionIssue(error, path, target));
    return null;
  }
}

function expressionIssue(error: unknown, path: string, target: string): ConfigIssue {
  if (error instanceof RosterError) {
    const line = error.details["line"];
    const column = error.details["column"];
    return {
      code: error.code,
      path,
      message: `Expression mapped to "${target}": ${error.message}`,
      ...(typeof line === "number" ? { line } : {}),
      ...(typeof column === "number" ? { column } : {}),
    };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { code: "InvalidExpression", path, message: `Expression mapped to "${target}": ${text}` };
}

function expressionIssuesOfRawInput(input: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const raw = typeof input === "object" && input !== null ? (input as { mappings?: unknown }).mappings : undefined;
  if (!Array.isArray(raw)) return issues;
  raw.forEach((mapping: unknown, index) => {
    if (typeof mapping !== "object" || mapping === null) return;
    const { type, expression, target } = mapping as { type?: unknown; expression?: unknown; target?: unknown };
    if (type !== "Expression" || typeof expression !== "string" || expression === "") return;
    compileMappingExpression(
      expression,
      `mappings[${index}].expression`,
      typeof target === "string" ? target : "?",
      issues,
    );
  });
  return issues;
}

function zodIssue(issue: z.core.$ZodIssue): ConfigIssue {
  const path = formatPath(issue.path);
  const code: ErrorCode = issue.path[0] === "scopingFilters" ? "InvalidScopingFilter" : "InvalidConfiguration";
  return { code, path: path === "" ? "(root)" : path, message: issue.message };
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

function configIssue(path: string, message: string): ConfigIssue {
  return { code: "InvalidConfiguration", path, message };
}
