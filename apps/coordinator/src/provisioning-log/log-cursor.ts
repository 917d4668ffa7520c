/** Opaque page cursors for log queries: the (activity time, id) of the last record returned. */
import { RosterError } from "@roster/engine";

export type LogCursorKey = readonly [Date, string];

export function encodeLogCursor(activityDateTime: Date, id: string): string {
  return Buffer.from(JSON.stringify([activityDateTime.toISOString(), id]), "utf8").toString("base64url");
}

export function decodeLogCursor(cursor: string): LogCursorKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === "string" && typeof parsed[1] === "string") {
    const time = new Date(parsed[0]);
    if (!Number.isNaN(time.getTime())) return [time, parsed[1]];
  }
  throw new RosterError(
    "InvalidRequest",
    `Provisioning-log query field "cursor" is not a cursor returned by a previous page.`,
    {
      field: "cursor",
    },
  );
}
