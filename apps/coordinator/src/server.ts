/**
 * Starts a whole coordinator: the database (PGlite in a data directory, or PostgreSQL by
 * URL) with its migrations, the agent registry and hub, the Coordinator, and one HTTP server
 * carrying the REST API and the agents' WebSocket endpoint.
 */
import type { AddressInfo } from "node:net";
import { openDatabase } from "@roster/store";
import pino, { type Logger } from "pino";
import { AgentHub, type AgentHubOptions } from "./agents/agent-hub.js";
import { attachAgentEndpoint } from "./agents/agent-endpoint.js";
import { AgentRegistry } from "./agents/agent-registry.js";
import { createCoordinatorLogger } from "./agents/coordinator-logger.js";
import { createApiServer } from "./api/create-api-server.js";
import { Coordinator, type CoordinatorOptions } from "./coordinator.js";
import { migrateCoordinatorStore } from "./store/coordinator-migrations.js";
import type { CoordinatorDatabase } from "./store/coordinator-schema.js";

export interface CoordinatorServerOptions {
  /** PostgreSQL URL (DATABASE_URL); wins over dataDir. */
  readonly databaseUrl?: string;
  /** PGlite data directory (default: in memory). */
  readonly dataDir?: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly publicUrl?: string;
  readonly logger?: Logger;
  readonly hub?: Partial<Omit<AgentHubOptions, "registry" | "logger">>;
  /** Cycle and worker tuning passed to the Coordinator. */
  readonly coordinator?: Partial<Omit<CoordinatorOptions, "db" | "hub" | "registry" | "logger">>;
  /** Schedule the started jobs at once (default true). */
  readonly startScheduler?: boolean;
}

export interface CoordinatorServer {
  readonly url: string;
  readonly port: number;
  readonly coordinator: Coordinator;
  readonly hub: AgentHub;
  readonly registry: AgentRegistry;
  readonly databaseTarget: string;
  close(): Promise<void>;
}

export async function startCoordinatorServer(options: CoordinatorServerOptions = {}): Promise<CoordinatorServer> {
  const logger = options.logger ?? pino({ level: "silent" });
  const database = await openDatabase<CoordinatorDatabase>(
    options.databaseUrl !== undefined && options.databaseUrl !== ""
      ? { url: options.databaseUrl }
      : options.dataDir !== undefined
        ? { dataDir: options.dataDir }
        : { memory: true },
  );
  let stage = "migrations";
  try {
    await migrateCoordinatorStore(database.db as never);
    stage = "services";
    const registry = new AgentRegistry(database.db, { logger });
    const hub = new AgentHub({ registry, logger, ...options.hub });
    const coordinator = new Coordinator({
      db: database.db,
      hub,
      registry,
      logger,
      ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
      ...options.coordinator,
    });
    const app = await createApiServer(coordinator, {
      logger,
      ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
    });
    await app.ready();
    const endpoint = attachAgentEndpoint(hub, app.server);
    await app.listen({ host: options.host ?? "127.0.0.1", port: options.port ?? 0 });
    const address = app.server.address() as AddressInfo;
    const url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
    if (options.startScheduler !== false) await coordinator.start();
    logger.info({ url, database: database.target }, "coordinator listening");
    let closed: Promise<void> | null = null;
    return {
      url,
      port: address.port,
      coordinator,
      hub,
      registry,
      databaseTarget: database.target,
      close() {
        closed ??= (async () => {
          await coordinator.close();
          endpoint.detach();
          await hub.close();
          await app.close();
          await database.close();
        })();
        return closed;
      },
    };
  } catch (error) {
    await database.close();
    logger.error({ err: error, stage }, "coordinator could not start");
    throw error;
  }
}

export { createCoordinatorLogger };
