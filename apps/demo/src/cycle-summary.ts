/** The summary printed after a cycle, and the "where to look" block with the commands to try. */
import type { CycleRecord, WritebackCounts } from "./demo-api.js";
import { formatCount, formatDuration, formatFields } from "./readable-values.js";

/** How long a cycle took (to `now` while it runs). */
export function cycleDurationMs(cycle: Pick<CycleRecord, "startedAt" | "finishedAt">, now: number): number {
  const end = cycle.finishedAt === null ? now : Date.parse(cycle.finishedAt);
  return end - Date.parse(cycle.startedAt);
}

export function formatCycleSummary(cycle: CycleRecord, writebacks: WritebackCounts, now: number): string {
  const c = cycle.counts;
  const ms = cycleDurationMs(cycle, now);
  const updated = c.updated + c.enabled + c.moved;
  const rate = ms > 0 && cycle.processed > 0 ? ` (${formatCount(Math.round((cycle.processed / ms) * 1000))} workers/s)` : "";
  const fields: [string, string][] = [
    ["Created", formatCount(c.created)],
    ["Updated", `${formatCount(updated)}${updatedNote(cycle)}`],
    ["Disabled", formatCount(c.disabled)],
    ["Skipped", `${formatCount(c.skipped)}${c.skipped > 0 ? " (out of scope, e.g. terminated before they had an account)" : ""}`],
    ["Failed", formatCount(c.failed)],
  ];
  if (c.noChange > 0) fields.push(["Unchanged", formatCount(c.noChange)]);
  if (c.escrowed > 0) fields.push(["Escrowed", `${formatCount(c.escrowed)} (retried in later cycles)`]);
  if (c.staged > 0) fields.push(["Staged", `${formatCount(c.staged)} (above the accidental-deletion threshold)`]);
  fields.push(["Writebacks", formatWritebacks(c.writebacks, writebacks)], ["Time", `${formatDuration(ms)}${rate}`]);
  const header = `${capitalise(cycle.kind)} cycle ${cycle.state}: ${formatCount(cycle.processed)} workers processed`;
  const error = cycle.error === null ? "" : `  Error: ${cycle.error}\n`;
  return `${header}\n${formatFields(fields)}${error}`;
}

/** "812 queued by this cycle; HR has 800 done, 12 pending". */
export function formatWritebacks(queued: number, state: WritebackCounts): string {
  const parts = [`${formatCount(state.done)} done`];
  if (state.pending > 0) parts.push(`${formatCount(state.pending)} pending`);
  if (state.failed > 0) parts.push(`${formatCount(state.failed)} failed`);
  return `${formatCount(queued)} queued by this cycle (e-mail and user name back to Workday); ${parts.join(", ")}`;
}

export interface WhereToLook {
  readonly coordinatorUrl: string;
  readonly adminToken: string;
  readonly jobId: string;
  readonly exampleWorkerId: string;
  readonly ldap: { readonly url: string; readonly bindDn: string; readonly password: string; readonly baseDn: string };
  readonly hrSimUrl: string;
}

export function formatWhereToLook(where: WhereToLook): string {
  const { coordinatorUrl: url, jobId } = where;
  const auth = `-H "Authorization: Bearer $ROSTER_TOKEN"`;
  return [
    "Where to look",
    formatFields([
      ["REST API", `${url}/api/v1 (OpenAPI document: ${url}/api/v1/openapi.json, metrics: ${url}/metrics)`],
      ["Admin token", where.adminToken],
      ["Job", jobId],
      ["OpenLDAP", `${where.ldap.url} (bind ${where.ldap.bindDn}, password ${where.ldap.password})`],
      ["hr-sim", `${where.hrSimUrl} (Workday SOAP and the scenario API under /sim)`],
    ]).trimEnd(),
    "",
    "  Try (in another terminal):",
    `    export ROSTER_URL=${url} ROSTER_TOKEN=${where.adminToken}`,
    `    curl -s ${auth} $ROSTER_URL/api/v1/jobs/${jobId}/status`,
    `    curl -s ${auth} "$ROSTER_URL/api/v1/logs?jobId=${jobId}&workerId=${where.exampleWorkerId}"`,
    `    npx roster status ${jobId}`,
    `    npx roster logs --job ${jobId} --action update --limit 20`,
    `    npx roster provision ${where.exampleWorkerId} --job ${jobId}`,
    `    ldapsearch -x -H ${where.ldap.url} -D "${where.ldap.bindDn}" -w '${where.ldap.password}' -b "OU=Users,${where.ldap.baseDn}" "(employeeID=${where.exampleWorkerId})"`,
    "",
  ].join("\n");
}

function updatedNote(cycle: CycleRecord): string {
  const c = cycle.counts;
  const notes: string[] = [];
  if (c.moved > 0) notes.push(`${formatCount(c.moved)} moved to another OU`);
  if (c.enabled > 0) notes.push(`${formatCount(c.enabled)} enabled again`);
  // An initial cycle creates managers and reports in any order: references wait for the manager's account.
  if (cycle.kind === "initial" && c.updated > 0) notes.push("manager references set once the manager's account existed");
  return notes.length === 0 ? "" : ` (${notes.join("; ")})`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
