/**
 * Which source attributes a configuration reads, so a connector fetches only those (Workday's
 * Response_Group and XPath list, SuccessFactors' attribute list and $expand, the directory
 * attributes an agent exports for writeback).
 *
 * Provisioning: Direct sources, every [Attr] inside expressions (SelectUniqueValue rules
 * included), scoping clause attributes and the source anchor attribute. Writeback: the
 * directory attributes its mappings read.
 */
import type { WritebackConfig } from "../config/provisioning-config.js";
import { RosterError } from "../errors/error-codes.js";
import { collectAttributes } from "../expressions/ast.js";
import { parseExpression } from "../expressions/parser.js";
import type { CompiledProvisioningConfig } from "./compile-config.js";

/**
 * Attribute names in first-seen order (anchor first for provisioning), without duplicates.
 * Names are kept exactly as written: source attributes are looked up case-sensitively.
 * A writeback expression that does not parse is an InvalidExpression error naming its mapping.
 */
export function sourceAttributesOf(config: CompiledProvisioningConfig | WritebackConfig): string[] {
  const names = new Set<string>();
  if (isCompiledProvisioning(config)) {
    names.add(config.sourceAnchorAttribute);
    for (const mapping of config.mappings) {
      if (mapping.source !== null) names.add(mapping.source);
      if (mapping.expression !== null) for (const name of mapping.expression.attributes) names.add(name);
    }
    for (const filter of config.scopingFilters) for (const clause of filter.clauses) names.add(clause.attribute);
    return [...names];
  }
  config.mappings.forEach((mapping, index) => {
    if (mapping.type === "Direct") names.add(mapping.source);
    else if (mapping.type === "Expression") {
      for (const name of expressionAttributes(mapping.expression, index, mapping.target)) names.add(name);
    }
  });
  return [...names];
}

function isCompiledProvisioning(
  config: CompiledProvisioningConfig | WritebackConfig,
): config is CompiledProvisioningConfig {
  return "sourceAnchorAttribute" in config;
}

function expressionAttributes(expression: string, index: number, target: string): string[] {
  try {
    return collectAttributes(parseExpression(expression));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RosterError(
      "InvalidExpression",
      `Writeback mapping "${target}" (mappings[${index}].expression) does not parse: ${reason}`,
      { path: `mappings[${index}].expression`, target },
      { cause: error },
    );
  }
}
