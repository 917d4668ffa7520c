/** Opening the WebSocket to the coordinator, with the agent's TLS settings and size limit. */
import { readFile } from "node:fs/promises";
import { RosterError } from "@roster/engine";
import { PROTOCOL_LIMITS } from "@roster/protocol";
import { WebSocket } from "ws";

export interface CoordinatorEndpoint {
  readonly url: string;
  /** PEM CA certificate(s) to trust for wss://. */
  readonly ca?: string | undefined;
  readonly rejectUnauthorized: boolean;
  readonly handshakeTimeoutMs: number;
}

export function openCoordinatorSocket(endpoint: CoordinatorEndpoint): WebSocket {
  return new WebSocket(endpoint.url, {
    handshakeTimeout: endpoint.handshakeTimeoutMs,
    // A frame larger than the protocol allows closes the connection before it is buffered.
    maxPayload: PROTOCOL_LIMITS.maxMessageBytes,
    perMessageDeflate: false,
    rejectUnauthorized: endpoint.rejectUnauthorized,
    ...(endpoint.ca === undefined ? {} : { ca: endpoint.ca }),
  });
}

export async function readCaFile(path: string | undefined): Promise<string | undefined> {
  if (path === undefined) return undefined;
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new RosterError("InvalidConfiguration", `coordinator.caFile: cannot read "${path}": ${(error as Error).message}`, {
      field: "coordinator.caFile",
    });
  }
}

/** This host's name as the protocol allows it (printable ASCII, no spaces). */
export function protocolHostname(hostname: string): string {
  const cleaned = hostname.replace(/[^\x21-\x7e]/g, "-").slice(0, 255);
  return cleaned === "" ? "unknown-host" : cleaned;
}
