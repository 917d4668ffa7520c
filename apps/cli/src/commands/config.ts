/**
 * `roster config schema | defaults <set-id> | validate <file>`: configuration files as
 * JSON. Validation uses the engine's own compiler, so the CLI accepts exactly what a job
 * would, and points every issue at its line:column in the file.
 */
import { readFile } from "node:fs/promises";
import type { Writable } from "node:stream";
import {
  compileExpression,
  compileProvisioningConfig,
  DEFAULT_MAPPING_SETS,
  isDefaultMappingSetId,
  provisioningConfigJsonSchema,
  RosterError,
  writebackConfigJsonSchema,
  writebackConfigSchema,
} from "@roster/engine";
import { JsonLocations, LineIndex, type JsonPath, type TextPosition } from "../json-locations.js";

export function runConfigSchema(options: { readonly writeback?: boolean }, output: Writable): number {
  const schema = options.writeback === true ? writebackConfigJsonSchema() : provisioningConfigJsonSchema();
  output.write(`${JSON.stringify(schema, null, 2)}\n`);
  return 0;
}

export function runConfigDefaults(setId: string, output: Writable, errorOutput: Writable): number {
  if (!isDefaultMappingSetId(setId)) {
    errorOutput.write(
      `Unknown default mapping set "${setId}". Known sets: ${Object.keys(DEFAULT_MAPPING_SETS).join(", ")}\n`,
    );
    return 1;
  }
  output.write(`${JSON.stringify(DEFAULT_MAPPING_SETS[setId].create(), null, 2)}\n`);
  return 0;
}

/** One problem found in a configuration file. */
export interface FileIssue {
  readonly code: string;
  /** "mappings[3].expression", or "(root)". */
  readonly path: string;
  readonly message: string;
  /** In the file. */
  readonly position: TextPosition;
}

export async function runConfigValidate(
  file: string,
  options: { readonly writeback?: boolean },
  output: Writable,
): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    output.write(`${file}: cannot read the file: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const issues = validateConfigText(text, options.writeback === true ? "writeback" : "provisioning");
  if (issues.length === 0) {
    output.write(`${file}: valid ${options.writeback === true ? "writeback" : "provisioning"} configuration\n`);
    return 0;
  }
  for (const issue of issues) {
    output.write(
      `${file}:${issue.position.line}:${issue.position.column}  ${issue.path}  ${issue.code}: ${issue.message}\n`,
    );
  }
  output.write(`${issues.length} issue${issues.length === 1 ? "" : "s"} found\n`);
  return 1;
}

/** Every issue of a configuration file's text, each located in the text. */
export function validateConfigText(rawText: string, kind: "provisioning" | "writeback"): FileIssue[] {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText; // a BOM is not JSON
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return [jsonSyntaxIssue(text, error)];
  }
  const locations = new JsonLocations(text);
  const rawIssues = kind === "provisioning" ? provisioningIssues(parsed) : writebackIssues(parsed);
  return rawIssues.map((issue) => {
    const path = parsePath(issue.path);
    const position =
      issue.line !== undefined
        ? locations.positionInString(path, expressionOffset(valueAt(parsed, path), issue.line, issue.column ?? 1))
        : locations.positionOf(path);
    return { code: issue.code, path: issue.path, message: issue.message, position };
  });
}

interface RawIssue {
  readonly code: string;
  readonly path: string;
  readonly message: string;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
}

function provisioningIssues(parsed: unknown): RawIssue[] {
  const result = compileProvisioningConfig(parsed);
  return result.ok ? [] : [...result.errors];
}

/** Writeback configs have no planner yet: the schema, then every expression. */
function writebackIssues(parsed: unknown): RawIssue[] {
  const result = writebackConfigSchema.safeParse(parsed);
  if (!result.success) {
    return result.error.issues.map((issue) => ({
      code: "InvalidConfiguration",
      path: formatPath(issue.path),
      message: issue.message,
    }));
  }
  const issues: RawIssue[] = [];
  result.data.mappings.forEach((mapping, index) => {
    if (mapping.type !== "Expression") return;
    try {
      compileExpression(mapping.expression);
    } catch (error) {
      const details = error instanceof RosterError ? error.details : {};
      issues.push({
        code: error instanceof RosterError ? error.code : "InvalidExpression",
        path: `mappings[${index}].expression`,
        message: `Expression mapped to "${mapping.target}": ${error instanceof Error ? error.message : String(error)}`,
        line: typeof details.line === "number" ? details.line : undefined,
        column: typeof details.column === "number" ? details.column : undefined,
      });
    }
  });
  return issues;
}

function jsonSyntaxIssue(text: string, error: unknown): FileIssue {
  const message = error instanceof Error ? error.message : String(error);
  // V8 names the offending offset: "... in JSON at position 42 (line 3 column 7)".
  const at = /at position (\d+)/.exec(message);
  const position = at?.[1] !== undefined ? new LineIndex(text).positionAt(Number(at[1])) : { line: 1, column: 1 };
  return { code: "InvalidConfiguration", path: "(root)", message: `Not valid JSON: ${message}`, position };
}

/** "mappings[3].expression" → ["mappings", 3, "expression"]; "(root)" → []. */
export function parsePath(path: string): JsonPath {
  if (path === "(root)" || path === "") return [];
  const parts: (string | number)[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    parts.push(match[2] !== undefined ? Number(match[2]) : (match[1] as string));
  }
  return parts;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) out += typeof key === "number" ? `[${key}]` : out === "" ? String(key) : `.${String(key)}`;
  return out === "" ? "(root)" : out;
}

function valueAt(root: unknown, path: JsonPath): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** Offset in `expression` of a 1-based line:column (lines end at \n, \r\n or a lone \r, as the lexer counts). */
function expressionOffset(expression: unknown, line: number, column: number): number {
  if (typeof expression !== "string") return 0;
  let offset = 0;
  for (let current = 1; current < line && offset < expression.length; offset++) {
    const c = expression.charCodeAt(offset);
    if (c === 10 || (c === 13 && expression.charCodeAt(offset + 1) !== 10)) current++;
  }
  return Math.min(offset + column - 1, expression.length);
}
