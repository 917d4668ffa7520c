/**
 * Validation of a job definition when it is saved: the job schema (connectors' schemas
 * included), then the engine's compiler on the provisioning configuration and a compile of
 * every writeback expression, so one save reports every problem with its path, e.g.
 * `provisioning.mappings[3].expression (1:14): …`.
 */
import { type ConfigIssue, compileExpression, compileProvisioningConfig, RosterError } from "@roster/engine";
import type { z } from "zod";
import { type JobDefinition, jobDefinitionSchema } from "./job-definition.js";

export interface JobDefinitionIssue {
  /** Path in the job definition: "provisioning.mappings[3].expression", "(root)" for the whole. */
  readonly path: string;
  readonly message: string;
  /** Position inside an expression (1-based), for expression errors. */
  readonly line?: number;
  readonly column?: number;
}

export type JobValidationResult =
  | { readonly ok: true; readonly definition: JobDefinition }
  | { readonly ok: false; readonly issues: readonly JobDefinitionIssue[] };

/** Every problem of a job definition, or the parsed definition (defaults filled in). */
export function validateJobDefinition(input: unknown): JobValidationResult {
  const issues: JobDefinitionIssue[] = [];
  collectNonJsonValues(input, "", issues, 0);

  const parsed = jobDefinitionSchema.safeParse(input);
  const rawProvisioning = isObject(input) ? input["provisioning"] : undefined;
  const compileProvisioning = isObject(rawProvisioning);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // The engine's compiler reports the provisioning schema's issues itself (with expression positions).
      if (compileProvisioning && issue.path[0] === "provisioning") continue;
      issues.push(zodIssue(issue));
    }
  }
  if (compileProvisioning) {
    const compiled = compileProvisioningConfig(rawProvisioning);
    if (!compiled.ok) for (const issue of compiled.errors) issues.push(prefixed("provisioning", issue));
  }
  const rawWriteback = isObject(input) ? input["writeback"] : undefined;
  if (isObject(rawWriteback)) issues.push(...writebackIssues(rawWriteback));

  if (issues.length > 0 || !parsed.success) return { ok: false, issues: dedupe(issues) };
  return { ok: true, definition: parsed.data };
}

/** The parsed definition, or RosterError("InvalidConfiguration") listing every issue with its path. */
export function parseJobDefinitionOrThrow(input: unknown, what: string): JobDefinition {
  const result = validateJobDefinition(input);
  if (result.ok) return result.definition;
  throw invalidJobDefinition(what, result.issues);
}

export function invalidJobDefinition(what: string, issues: readonly JobDefinitionIssue[]): RosterError {
  const lines = issues.map((issue) => `  ${formatJobIssue(issue)}`);
  return new RosterError("InvalidConfiguration", `${what} is not valid:\n${lines.join("\n")}`, {
    object: what,
    issues: issues.map((issue) => ({ ...issue })),
  });
}

/** "provisioning.mappings[3].expression (1:14): message" */
export function formatJobIssue(issue: JobDefinitionIssue): string {
  const position = issue.line !== undefined ? ` (${issue.line}:${issue.column ?? 1})` : "";
  return `${issue.path}${position}: ${issue.message}`;
}

/** Writeback mappings: each expression compiles, and no HR field is written by two mappings. */
function writebackIssues(writeback: Record<string, unknown>): JobDefinitionIssue[] {
  const issues: JobDefinitionIssue[] = [];
  const mappings = writeback["mappings"];
  if (!Array.isArray(mappings)) return issues;
  const targets = new Map<string, number>();
  mappings.forEach((mapping: unknown, index) => {
    if (!isObject(mapping)) return;
    const path = `writeback.mappings[${index}]`;
    const target = typeof mapping["target"] === "string" ? mapping["target"] : "?";
    if (typeof mapping["target"] === "string") {
      const key = target.toLowerCase();
      const first = targets.get(key);
      if (first !== undefined) {
        issues.push({
          path: `${path}.target`,
          message: `HR field "${target}" is already written back by writeback.mappings[${first}].`,
        });
      } else targets.set(key, index);
    }
    const expression = mapping["expression"];
    if (mapping["type"] !== "Expression" || typeof expression !== "string" || expression === "") return;
    try {
      compileExpression(expression);
    } catch (error) {
      const details = error instanceof RosterError ? error.details : {};
      const line = details["line"];
      const column = details["column"];
      issues.push({
        path: `${path}.expression`,
        message: `Expression written back to "${target}": ${error instanceof Error ? error.message : String(error)}`,
        ...(typeof line === "number" ? { line } : {}),
        ...(typeof column === "number" ? { column } : {}),
      });
    }
  });
  return issues;
}

/** Definitions are stored as JSON: a function (e.g. a getToken callback) or a bigint cannot be. */
function collectNonJsonValues(value: unknown, path: string, issues: JobDefinitionIssue[], depth: number): void {
  if (depth > 64) {
    issues.push({ path: path || "(root)", message: "is nested too deeply" });
    return;
  }
  switch (typeof value) {
    case "function":
    case "symbol":
    case "bigint":
      issues.push({ path: path || "(root)", message: `a ${typeof value} cannot be stored in a job definition` });
      return;
    case "number":
      if (!Number.isFinite(value)) issues.push({ path: path || "(root)", message: "must be a finite number" });
      return;
    case "object":
      if (value === null) return;
      if (Array.isArray(value)) {
        value.forEach((item, index) => {
          collectNonJsonValues(item, `${path}[${index}]`, issues, depth + 1);
        });
        return;
      }
      for (const [key, item] of Object.entries(value)) {
        collectNonJsonValues(item, path === "" ? key : `${path}.${key}`, issues, depth + 1);
      }
      return;
    default:
      return;
  }
}

function prefixed(prefix: string, issue: ConfigIssue): JobDefinitionIssue {
  return {
    path: issue.path === "(root)" || issue.path === "" ? prefix : `${prefix}.${issue.path}`,
    message: issue.message,
    ...(issue.line !== undefined ? { line: issue.line } : {}),
    ...(issue.column !== undefined ? { column: issue.column } : {}),
  };
}

function zodIssue(issue: z.core.$ZodIssue): JobDefinitionIssue {
  let path = "";
  for (const key of issue.path) {
    if (typeof key === "number") path += `[${key}]`;
    else path += path === "" ? String(key) : `.${String(key)}`;
  }
  return { path: path === "" ? "(root)" : path, message: issue.message };
}

function dedupe(issues: readonly JobDefinitionIssue[]): JobDefinitionIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = formatJobIssue(issue);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
