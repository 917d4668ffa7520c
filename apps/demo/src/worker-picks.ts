/** Which workers the demo's HR changes touch, chosen from the accounts the initial cycle created. */
import { RosterError } from "@roster/engine";
import type { LogRecord } from "./demo-api.js";

export interface WorkerPicks {
  /** Moved to another city. */
  readonly move: LogRecord;
  readonly moveTo: { readonly locationId: string; readonly city: string };
  /** Terminated. */
  readonly terminate: LogRecord;
  /** Manager of the new hire. */
  readonly manager: LogRecord;
}

/** Chooses distinct workers the initial cycle created: the first (the top of the tree) manages the hire, a Seattle one moves, the last one leaves. */
export function pickWorkers(created: readonly LogRecord[]): WorkerPicks {
  // Terminated workers get a disabled account; the story needs active ones.
  const usable = created.filter((record) => record.sourceIdentity.id !== null && isEnabledAccount(record));
  if (usable.length < 3) {
    throw new RosterError("InternalError", `The initial cycle created ${usable.length} enabled accounts; the demo needs at least 3 (raise --workers).`, {});
  }
  const manager = usable[0]!;
  const terminate = usable[usable.length - 1]!;
  const middle = usable.slice(1, -1);
  const move = middle.find((record) => cityOf(record) === "Seattle") ?? middle[0]!;
  const moveTo = cityOf(move) === "London" ? { locationId: "LOC_SEA_01", city: "Seattle" } : { locationId: "LOC_LON_01", city: "London" };
  return { move, moveTo, terminate, manager };
}

function isEnabledAccount(record: LogRecord): boolean {
  const disabled = record.modifiedProperties.find((property) => property.name === "accountDisabled")?.newValue;
  return disabled === undefined || disabled === null || String(disabled).toLowerCase() === "false";
}

/** The city OU the create put the account in ("Seattle" for OU=Seattle,OU=Users,…), if any. */
function cityOf(record: LogRecord): string | null {
  const parent = record.modifiedProperties.find((property) => property.name === "parentDistinguishedName")?.newValue;
  if (typeof parent !== "string") return null;
  const match = /^OU=([^,]+),OU=Users,/i.exec(parent);
  return match?.[1] ?? null;
}
