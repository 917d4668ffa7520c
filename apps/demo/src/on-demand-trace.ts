/** An on-demand provisioning result as readable text: outcome, each step with its details, the modified properties. */
import { formatPropertyChange } from "./change-report.js";
import type { OnDemandResult, ProvisioningStep } from "./demo-api.js";
import { formatFields } from "./readable-values.js";

const STEP_TITLES: Readonly<Record<string, string>> = {
  testConnection: "Test connection",
  import: "Import the worker from the HR source",
  scope: "Decide whether the worker is in scope",
  match: "Match the worker with a directory entry",
  action: "Perform the action",
};

export function formatOnDemandTrace(result: OnDemandResult): string {
  const parts = [
    formatFields([
      ["Worker", result.workerId],
      ["Outcome", `${result.action} (${result.status})`],
      ["Entry", result.target.dn ?? "-"],
      ["Anchor", result.target.anchor ?? "-"],
    ]),
  ];
  // The connection test is reported only when it fails, so the step numbers follow what came back.
  if (!result.steps.some((step) => step.step === "testConnection")) parts.push("  (Step 1, test connection, passed: it is listed only when it fails.)\n");
  for (const step of result.steps) parts.push(formatStep(step));
  if (result.modifiedProperties.length > 0) {
    parts.push(`\n  Modified properties:\n${result.modifiedProperties.map((property) => `    ${formatPropertyChange(property)}\n`).join("")}`);
  } else {
    parts.push("\n  Modified properties: none\n");
  }
  const log = result.logRecord;
  if (log.errorCode !== null) {
    const fields: [string, string][] = [["Error", log.errorCode]];
    if (log.additionalDetails !== null) fields.push(["Details", log.additionalDetails]);
    if (log.recommendedAction !== null) fields.push(["Recommended action", log.recommendedAction]);
    parts.push(`\n${formatFields(fields)}`);
  }
  parts.push(`\n  Change id ${log.changeId}: the same record is in the provisioning logs.\n`);
  return parts.join("");
}

function formatStep(step: ProvisioningStep): string {
  const number = Object.keys(STEP_TITLES).indexOf(step.step) + 1;
  const title = STEP_TITLES[step.step] ?? step.step;
  const lines = [`\n  ${number > 0 ? `${number}. ` : ""}${title}: ${step.status}\n`];
  if (step.description !== "") lines.push(`     ${step.description}\n`);
  const details = Object.entries(step.details);
  if (details.length > 0) lines.push(formatFields(details, "       "));
  return lines.join("");
}
