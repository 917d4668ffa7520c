/**
 * The benchmark's Workday job: the template with identifier rules that stay unique at 100,000
 * generated workers. The template's cn (the worker's name) collides for namesakes in one OU and
 * its UPN has only three candidates (first.last, f.last, fi.last), so at scale thousands of
 * workers fail and are retried every cycle, which measures error handling instead of the
 * pipeline. Each rule gets a last candidate that carries the Worker ID, unless it has one
 * already (newer templates do), so the transformation is idempotent.
 */
import type { JobDefinitionInput } from "@roster/coordinator";

type Mapping = JobDefinitionInput["provisioning"]["mappings"][number];

const NAME = 'Coalesce([PreferredNameData], Join(" ", [FirstName], [LastName]))';

/** A SelectUniqueValue(…) expression with one more candidate appended. */
export function withLastCandidate(expression: string, candidate: string): string {
  const trimmed = expression.trim();
  if (trimmed.startsWith("SelectUniqueValue(") && trimmed.endsWith(")")) return `${trimmed.slice(0, -1)}, ${candidate})`;
  return `SelectUniqueValue(${trimmed}, ${candidate})`;
}

export function withUniqueIdentifiers(definition: JobDefinitionInput, upnDomain: string): JobDefinitionInput {
  const mappings = definition.provisioning.mappings.map((mapping): Mapping => {
    if (mapping.type !== "Expression" || mapping.expression.includes("[WorkerID]")) return mapping;
    switch (mapping.target) {
      case "cn":
        return { ...mapping, expression: withLastCandidate(mapping.expression, `Join(" ", ${NAME}, [WorkerID])`) };
      case "userPrincipalName":
        return {
          ...mapping,
          expression: withLastCandidate(mapping.expression, `Join("@", Join(".", [FirstName], [LastName], [WorkerID]), "${upnDomain}")`),
        };
      case "sAMAccountName":
        // SelectUniqueValue must stay the top-level call: only a plain rule is reused inside Mid.
        return mapping.expression.trim().startsWith("SelectUniqueValue(")
          ? { ...mapping, expression: withLastCandidate(mapping.expression, 'Mid(Join("-", "u", [WorkerID]), 1, 20)') }
          : { ...mapping, expression: withLastCandidate(mapping.expression, `Mid(Join("-", Mid(${mapping.expression}, 1, 10), [WorkerID]), 1, 20)`) };
      default:
        return mapping;
    }
  });
  return { ...definition, provisioning: { ...definition.provisioning, mappings } };
}
