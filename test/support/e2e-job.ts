/**
 * The Workday job the end-to-end tests run: the template, with names that stay unique when two
 * workers share a name. The template takes cn from the worker's name (two "Kim Lee" in one city
 * OU collide) and sAMAccountName from HR's UserID (which the UPN writeback overwrites, so a later
 * hire can be given a UserID an existing account still holds); both fall back to a Worker ID suffix.
 * The UPN rule's three candidates run out for a fourth "John Smith" (large generated tenants):
 * it gets a last candidate with the Worker ID.
 */
import type { JobDefinitionInput } from "@roster/coordinator";

const NAME = 'Coalesce([PreferredNameData], Join(" ", [FirstName], [LastName]))';
export const UNIQUE_CN = `SelectUniqueValue(${NAME}, Join(" ", ${NAME}, [WorkerID]))`;

export function uniqueSamAccountName(templateExpression: string): string {
  return `SelectUniqueValue(${templateExpression}, Join("-", Mid(${templateExpression}, 1, 10), [WorkerID]))`;
}

type Mapping = JobDefinitionInput["provisioning"]["mappings"][number];

/** The definition with unique cn and sAMAccountName rules, and `replace` applied to every other mapping. */
export function withUniqueNames(definition: JobDefinitionInput, replace: (mapping: Mapping) => Mapping = (m) => m): JobDefinitionInput {
  const mappings = definition.provisioning.mappings.map((mapping): Mapping => {
    if (mapping.target === "cn") return { type: "Expression", expression: UNIQUE_CN, target: "cn", apply: "OnlyOnCreate" };
    if (mapping.target === "sAMAccountName" && mapping.type === "Expression") {
      return { ...mapping, expression: uniqueSamAccountName(mapping.expression) };
    }
    if (mapping.target === "userPrincipalName" && mapping.type === "Expression" && mapping.expression.endsWith(")")) {
      const last = 'Join("@", Join(".", [FirstName], [LastName], [WorkerID]), "roster.test")';
      return { ...mapping, expression: `${mapping.expression.slice(0, -1)}, ${last})` };
    }
    return replace(mapping);
  });
  return { ...definition, provisioning: { ...definition.provisioning, mappings } };
}
