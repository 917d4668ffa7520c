/** Starts the API on loopback (port 0) over in-memory services, with an admin token ready. */
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { createApiServer } from "../create-api-server.js";
import { InMemoryServices } from "./in-memory-services.js";

export interface ApiTestServer {
  readonly app: FastifyInstance;
  readonly services: InMemoryServices;
  /** http://127.0.0.1:PORT */
  readonly baseUrl: string;
  /** A valid admin bearer secret (token name "test-admin"). */
  readonly token: string;
  /** fetch with the admin token; `path` starts with "/". */
  request(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startApiTestServer(
  options: { readonly logger?: Logger; readonly publicUrl?: string; readonly bodyLimitBytes?: number } = {},
): Promise<ApiTestServer> {
  const services = new InMemoryServices();
  const token = await services.seedAdminToken("test-admin");
  const app = await createApiServer(services, options);
  await app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    services,
    baseUrl,
    token,
    request(path, init = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has("authorization")) headers.set("authorization", `Bearer ${token}`);
      return fetch(baseUrl + path, { ...init, headers });
    },
    close: () => app.close(),
  };
}

/** JSON request options with the given method and body. */
export function json(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
}
