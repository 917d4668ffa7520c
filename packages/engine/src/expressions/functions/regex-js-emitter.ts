/**
 * Turns a parsed .NET regex (regex-dotnet-parser.ts) into JavaScript RegExp source.
 *
 * The output never needs the u, m or s flags: classes are explicit code-unit sets and
 * anchors are spelled out. Case-insensitivity: when every case-sensitive atom of the
 * pattern sits under (?i) the i flag is used; when (?i) / (?-i) cover only part of the
 * pattern, the insensitive atoms are spelled out as case-closed classes instead ([aA]),
 * which JavaScript (without ES2025 modifiers) cannot otherwise express. A backreference
 * in such a partial scope cannot be spelled out and is rejected.
 *
 * Two .NET constructs without a JavaScript equivalent are emulated with lookarounds:
 * class subtraction [B-[E]] becomes (?:(?!E)B), and an atomic group (?>X) becomes
 * (?=(X))\N: a lookahead does not backtrack into itself once it has matched, and the
 * backreference then consumes exactly what it captured. N is a capture that the
 * parser keeps out of the .NET group numbering, so $1, ${name} and \1 still mean the
 * user's groups.
 */
import { type CodeUnitSet, caseClosure, caseVariants, emitSet, setsEqual } from "./regex-char-sets.js";
import { type ParsedRegex, type RegexNode, RegexSyntaxError } from "./regex-dotnet-parser.js";

export interface EmittedRegex {
  readonly source: string;
  /** Use the i flag. */
  readonly ignoreCase: boolean;
}

type CaseMode = "sensitive" | "flag" | "spelled";

export function emitJavaScript(parsed: ParsedRegex): EmittedRegex {
  const mode = caseMode(parsed.root);
  const source = new Emitter(parsed, mode).node(parsed.root);
  return { source, ignoreCase: mode === "flag" };
}

function visitAtoms(node: RegexNode, visit: (atom: RegexNode) => void): void {
  switch (node.kind) {
    case "sequence":
      for (const item of node.items) visitAtoms(item, visit);
      return;
    case "alternation":
      for (const alt of node.alternatives) visitAtoms(alt, visit);
      return;
    case "group":
    case "lookaround":
    case "quantifier":
    case "atomic":
      visitAtoms(node.body, visit);
      return;
    case "subtraction":
      visitAtoms(node.base, visit);
      visitAtoms(node.excluded, visit);
      return;
    default:
      visit(node);
  }
}

/** Whether the atoms' case option matters, and how to honour it. */
function caseMode(root: RegexNode): CaseMode {
  let anyIgnoreCase = false;
  visitAtoms(root, (atom) => {
    if ((atom.kind === "char" || atom.kind === "set" || atom.kind === "backreference") && atom.ignoreCase === true) {
      anyIgnoreCase = true;
    }
  });
  if (!anyIgnoreCase) return "sensitive"; // the common case: no (?i) at all

  // Atoms whose case option makes no difference (digits, case-closed classes) are left out.
  let insensitive = false;
  let sensitive = false;
  const note = (ignoreCase: boolean): void => {
    if (ignoreCase) insensitive = true;
    else sensitive = true;
  };
  visitAtoms(root, (atom) => {
    if (atom.kind === "char" && caseVariants(atom.unit).length > 1) note(atom.ignoreCase);
    else if (atom.kind === "set" && atom.ignoreCase !== null && !isCaseClosed(atom.set)) note(atom.ignoreCase);
    else if (atom.kind === "backreference") note(atom.ignoreCase);
  });
  if (!insensitive) return "sensitive";
  return sensitive ? "spelled" : "flag";
}

function isCaseClosed(set: CodeUnitSet): boolean {
  return setsEqual(caseClosure(set), set);
}

const SYNTAX_CHARS = new Set("^$\\.*+?()[]{}|/");

function literal(unit: number): string {
  const ch = String.fromCharCode(unit);
  if (SYNTAX_CHARS.has(ch)) return `\\${ch}`;
  if (unit >= 0x20 && unit < 0x7f) return ch;
  return `\\u${unit.toString(16).padStart(4, "0")}`;
}

class Emitter {
  /** Inside a lookbehind, which JavaScript matches from right to left. */
  private backward = false;

  constructor(
    private readonly parsed: ParsedRegex,
    private readonly mode: CaseMode,
  ) {}

  node(node: RegexNode): string {
    switch (node.kind) {
      case "sequence":
        return node.items.map((item) => this.node(item)).join("");
      case "alternation":
        return node.alternatives.map((alt) => this.node(alt)).join("|");
      case "char":
        if (this.mode === "spelled" && node.ignoreCase) {
          const variants = caseVariants(node.unit);
          if (variants.length > 1) return emitSet(caseClosure([node.unit, node.unit]));
        }
        return literal(node.unit);
      case "set": {
        const set = this.mode === "spelled" && node.ignoreCase === true ? caseClosure(node.set) : node.set;
        return emitSet(set, node.negated);
      }
      case "assertion":
        return node.js;
      case "group":
        return `${node.jsIndex > 0 ? "(" : "(?:"}${this.node(node.body)})`;
      case "lookaround": {
        const saved = this.backward;
        this.backward = node.open.startsWith("(?<");
        const body = this.node(node.body);
        this.backward = saved;
        return `${node.open}${body})`;
      }
      case "subtraction":
        return `(?:(?!${this.node(node.excluded)})${this.node(node.base)})`;
      case "atomic": {
        const body = this.node(node.body);
        // Right to left, the capture must come first, so it is written last.
        return this.backward ? `(?:\\${node.captureIndex}(?<=(${body})))` : `(?:(?=(${body}))\\${node.captureIndex})`;
      }
      case "quantifier":
        return this.atom(node.body) + quantifierText(node.min, node.max, node.lazy);
      case "backreference":
        return this.backreference(node.group, node.ignoreCase);
    }
  }

  /** A node that a quantifier can follow directly. */
  private atom(node: RegexNode): string {
    const text = this.node(node);
    return node.kind === "sequence" || node.kind === "alternation" ? `(?:${text})` : text;
  }

  private backreference(group: number, ignoreCase: boolean): string {
    if (ignoreCase && this.mode === "spelled") {
      throw new RegexSyntaxError(
        "a backreference inside a (?i) scope that covers only part of the pattern cannot be translated; make the whole pattern case-insensitive",
        0,
      );
    }
    const indices = this.parsed.groups.get(group) ?? [];
    if (indices.length !== 1) {
      throw new RegexSyntaxError(
        `a backreference to group ${group}, whose name is used by several groups, cannot be translated`,
        0,
      );
    }
    // Wrapped so that a following literal digit is not read as part of the number.
    return `(?:\\${indices[0]})`;
  }
}

function quantifierText(min: number, max: number, lazy: boolean): string {
  let q: string;
  if (max === Number.POSITIVE_INFINITY) q = min === 0 ? "*" : min === 1 ? "+" : `{${min},}`;
  else if (min === 0 && max === 1) q = "?";
  else q = min === max ? `{${min}}` : `{${min},${max}}`;
  return lazy ? `${q}?` : q;
}
