/**
 * Canonical source text of a syntax tree: `Name(a, , b)`, `[attr]`, `"str"` with
 * `"` and `\` escaped, `&HFF`, `left = right`. Parsing the output gives back the
 * same tree (positions aside).
 */
import { RosterError } from "../errors/error-codes.js";
import type { ExprNode } from "./ast.js";
import { quoteString } from "./lexer.js";

export function printExpression(node: ExprNode): string {
  switch (node.kind) {
    case "call": {
      // Omitted positions print as nothing between the separators, as the docs write them: `Replace([x], , "re", , "", , )`.
      let out = `${node.name}(`;
      for (let i = 0; i < node.args.length; i++) {
        const arg = node.args[i];
        if (i > 0) out += ", ";
        if (arg !== undefined) out += printExpression(arg);
      }
      return `${out})`;
    }
    case "attribute":
      if (node.name.length === 0 || node.name.includes("]")) {
        throw new RosterError(
          "InvalidExpression",
          `attribute name ${JSON.stringify(node.name)} cannot be written in brackets`,
          {
            attribute: node.name,
          },
        );
      }
      return `[${node.name}]`;
    case "string":
      return quoteString(node.value);
    case "number":
      return node.radix === 16 ? `&H${node.text}` : node.text;
    case "identifier":
      return node.name;
    case "comparison":
      return `${printExpression(node.left)} ${node.operator} ${printExpression(node.right)}`;
  }
}
