/**
 * Puts the hub on an HTTP server: WebSocket upgrades on one path go to the hub (for
 * example on fastify's `app.server`), or a small standalone server for tests and for a
 * coordinator that runs the agent endpoint on its own port.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { Server as HttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { PROTOCOL_LIMITS } from "@roster/protocol";
import { WebSocketServer } from "ws";
import type { AgentHub } from "./agent-hub.js";

export const AGENT_ENDPOINT_PATH = "/api/v1/agents/connect";

export interface AttachedEndpoint {
  readonly path: string;
  /** Stops taking upgrades (the hub's sessions are closed by hub.close()). */
  detach(): void;
}

/** Routes WebSocket upgrades for `path` on `server` to the hub; other paths are left to other listeners. */
export function attachAgentEndpoint(
  hub: AgentHub,
  server: Server | HttpsServer,
  path: string = AGENT_ENDPOINT_PATH,
): AttachedEndpoint {
  // A frame over the protocol's message limit closes the connection (1009) before it is buffered whole.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: PROTOCOL_LIMITS.maxMessageBytes });
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (pathOf(request) !== path) {
      // Nobody else handles upgrades: refuse instead of leaving the socket hanging.
      if (server.listenerCount("upgrade") === 1) socket.destroy();
      return;
    }
    socket.on("error", () => socket.destroy());
    sockets.handleUpgrade(request, socket, head, (websocket) => hub.accept(websocket, request));
  };
  server.on("upgrade", onUpgrade);
  return {
    path,
    detach() {
      server.off("upgrade", onUpgrade);
      sockets.close();
    },
  };
}

export interface StandaloneEndpoint {
  /** ws://host:port/path for agents. */
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** A plain HTTP server that only serves the agent endpoint (404 for everything else). */
export async function listenAgentEndpoint(
  hub: AgentHub,
  options: { readonly host?: string; readonly port?: number; readonly path?: string } = {},
): Promise<StandaloneEndpoint> {
  const host = options.host ?? "127.0.0.1";
  const path = options.path ?? AGENT_ENDPOINT_PATH;
  const server = createServer((_request, response) => {
    response.statusCode = 404;
    response.end();
  });
  const attached = attachAgentEndpoint(hub, server, path);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://${host.includes(":") ? `[${host}]` : host}:${port}${path}`,
    server,
    async close() {
      attached.detach();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function pathOf(request: IncomingMessage): string {
  const url = request.url ?? "/";
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}
