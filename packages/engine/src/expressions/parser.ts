/**
 * Recursive-descent parser: source text → ExprNode. Purely syntactic; function
 * names, arity and argument checks are resolved by the compiler. Every error is a
 * RosterError("InvalidExpression") with line:column and what was expected.
 */
import { MAX_EXPRESSION_LENGTH } from "../config/provisioning-config.js";
import {
  type CallNode,
  type ComparisonOperator,
  type ExprNode,
  findKeyword,
  KEYWORD_NAMES,
  type OperandNode,
} from "./ast.js";
import { describeToken, expressionError, Lexer, type Token } from "./lexer.js";

/** Calls nested deeper than this are rejected, so parsing, compiling and evaluating never exhaust the stack. */
export const MAX_NESTING_DEPTH = 200;

const ARGUMENT_END = [",", ")"] as const;
const VALUE_START = ["a function call", "an [attribute]", "a string", "a number", ...KEYWORD_NAMES] as const;

export function parseExpression(source: string): ExprNode {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw expressionError(
      source,
      MAX_EXPRESSION_LENGTH,
      `expression is ${source.length} characters long; at most ${MAX_EXPRESSION_LENGTH} are allowed`,
    );
  }
  return new Parser(source).parseWhole();
}

class Parser {
  private readonly lexer: Lexer;
  private token: Token;
  private depth = 0;

  constructor(private readonly source: string) {
    this.lexer = new Lexer(source);
    this.token = this.lexer.next();
  }

  parseWhole(): ExprNode {
    const first = this.token;
    if (first.kind === "end") throw this.error("expected an expression, found end of input", VALUE_START);
    const node = this.parseExpr("an expression");
    if (this.token.kind !== "end") {
      throw this.error(`expected end of input after the expression, found ${describeToken(this.token)}`, [
        "end of input",
      ]);
    }
    return node;
  }

  /** operand [cmpop operand]. `what` names the position for messages ("argument 2 of Join"). */
  private parseExpr(what: string): ExprNode {
    const left = this.parseOperand(what);
    if (this.token.kind !== "operator") return left;
    const operator = this.token.value as ComparisonOperator;
    this.advance();
    const right = this.parseOperand(`the right side of "${operator}"`);
    if (this.token.kind === "operator") {
      throw this.error(
        `comparisons cannot be chained: found "${this.token.value}" after the comparison ${operator}; nest IIF instead`,
        what === "an expression" ? ["end of input"] : ARGUMENT_END,
      );
    }
    return { kind: "comparison", operator, left, right, start: left.start, end: right.end };
  }

  private parseOperand(what: string): OperandNode {
    const tok = this.token;
    switch (tok.kind) {
      case "string":
        this.advance();
        return { kind: "string", value: tok.value, start: tok.start, end: tok.end };
      case "attribute":
        this.advance();
        return { kind: "attribute", name: tok.value, start: tok.start, end: tok.end };
      case "number":
        this.advance();
        return { kind: "number", radix: 10, text: tok.value, start: tok.start, end: tok.end };
      case "hex":
        this.advance();
        return { kind: "number", radix: 16, text: tok.value, start: tok.start, end: tok.end };
      case "name": {
        this.advance();
        if (this.token.kind === "(") return this.parseCall(tok);
        const keyword = findKeyword(tok.value);
        if (keyword === undefined) {
          throw expressionError(
            this.source,
            tok.start,
            `unknown word "${tok.value}": the bare words allowed are ${KEYWORD_NAMES.join(", ")}; a function call needs parentheses, a string needs double quotes and an attribute needs [brackets]`,
            KEYWORD_NAMES,
          );
        }
        return { kind: "identifier", name: keyword, start: tok.start, end: tok.end };
      }
      default:
        throw this.error(`expected ${what}, found ${describeToken(tok)}`, VALUE_START);
    }
  }

  /** Called with the name token consumed and the current token "(". */
  private parseCall(name: Token): CallNode {
    if (++this.depth > MAX_NESTING_DEPTH) {
      throw expressionError(
        this.source,
        name.start,
        `function calls are nested more than ${MAX_NESTING_DEPTH} levels deep`,
      );
    }
    this.advance();
    const args: (ExprNode | undefined)[] = [];
    if (this.token.kind !== ")") {
      for (;;) {
        const n = args.length + 1;
        const tok = this.token;
        if (tok.kind === ",") {
          args.push(undefined); // omitted position
          this.advance();
          continue;
        }
        if (tok.kind === ")") {
          args.push(undefined); // trailing omitted position after a comma
          break;
        }
        if (tok.kind === "end" || tok.kind === "operator" || tok.kind === "invalid") {
          throw this.error(
            `expected a value, "," or ")" for argument ${n} of ${name.value}, found ${describeToken(tok)}`,
            [...VALUE_START, ...ARGUMENT_END],
          );
        }
        args.push(this.parseExpr(`argument ${n} of ${name.value}`));
        const after = this.token;
        if (after.kind === ",") {
          this.advance();
          continue;
        }
        if (after.kind === ")") break;
        throw this.error(
          `expected "," or ")" after argument ${n} of ${name.value}, found ${describeToken(after)}`,
          ARGUMENT_END,
        );
      }
    }
    const end = this.token.end;
    this.advance();
    this.depth--;
    return { kind: "call", name: name.value, args, start: name.start, end };
  }

  private advance(): void {
    this.token = this.lexer.next();
  }

  private error(message: string, expected: readonly string[]): Error {
    return expressionError(this.source, this.token.start, message, expected);
  }
}
