/**
 * The Workday job the end-to-end tests run: the template as it is (its cn, sAMAccountName and UPN
 * rules already fall back to the Worker ID when two workers share a name or an HR user name), with
 * `replace` applied to the other mappings a test wants to change.
 */
import type { JobDefinitionInput } from "@roster/coordinator";

type Mapping = JobDefinitionInput["provisioning"]["mappings"][number];

const NAME_RULES: ReadonlySet<string> = new Set(["cn", "sAMAccountName", "userPrincipalName"]);

/** The definition with `replace` applied to every mapping except the name rules. */
export function withUniqueNames(definition: JobDefinitionInput, replace: (mapping: Mapping) => Mapping = (m) => m): JobDefinitionInput {
  const mappings = definition.provisioning.mappings.map((mapping): Mapping => (NAME_RULES.has(mapping.target) ? mapping : replace(mapping)));
  return { ...definition, provisioning: { ...definition.provisioning, mappings } };
}
