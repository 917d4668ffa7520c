/**
 * The HR simulator server: Workday SOAP, the scenario and fault-injection API under /sim, and
 * (when present) SuccessFactors OData, on one fastify instance over one store. Optionally seeds
 * a generated tenant when the store is empty.
 */
import Fastify, { type FastifyBaseLogger } from "fastify";
import type { DatabaseOptions } from "@roster/store";
import { FaultInjector, type FaultSettingsInput } from "../faults/fault-config.js";
import { generateWorkers } from "../generator/generate-workers.js";
import { tenantToday } from "../model/tenant-time.js";
import { ScenarioDriver } from "../scenarios/scenario-driver.js";
import { openHrSimStore, type HrSimStore } from "../store/worker-store.js";
import { registerWorkdayRoutes } from "../workday/workday-route.js";
import { DEFAULT_REFERENCE_IDS, type ReferenceIds } from "../workday/writeback.js";
import type { Credentials } from "./credentials.js";
import { registerSimRoutes } from "./sim-routes.js";
import { registerSuccessFactorsRoutes } from "../successfactors/successfactors-route.js";

export interface HrSimServerOptions {
  readonly database: DatabaseOptions;
  /** Workday ISU (`user@tenant`) / SuccessFactors API user and password; bearer tokens for SF. */
  readonly credentials: Credentials;
  /** Workday tenant name in /ccx/service/{tenant}/…. */
  readonly tenant: string;
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Seed this many generated workers when the store is empty. */
  readonly workers?: number;
  readonly seed?: number;
  /** Reference date of the generated tenant (default: today). */
  readonly referenceDate?: string;
  readonly faults?: FaultSettingsInput;
  readonly referenceIds?: Partial<ReferenceIds>;
  readonly now?: () => number;
  /** A pino logger; default none. Credentials and bodies are never logged. */
  readonly logger?: FastifyBaseLogger;
}

export interface HrSimServer {
  /** Base URL, e.g. http://127.0.0.1:40123. */
  readonly url: string;
  readonly store: HrSimStore;
  readonly faults: FaultInjector;
  readonly scenarios: ScenarioDriver;
  close(): Promise<void>;
}

export async function createHrSimServer(options: HrSimServerOptions): Promise<HrSimServer> {
  const now = options.now ?? Date.now;
  const store = await openHrSimStore(options.database);
  try {
    if (options.workers !== undefined && options.workers > 0 && (await store.countWorkers()) === 0) {
      await store.seed(
        generateWorkers({ count: options.workers, seed: options.seed ?? 1, referenceDate: options.referenceDate ?? tenantToday(now()) }),
      );
    }
    const faults = new FaultInjector(options.faults ?? {}, options.seed ?? 1);
    const scenarios = new ScenarioDriver(store, now);
    const app = Fastify({
      // An aborted import can leave a keep-alive connection behind; closing must not wait for it.
      forceCloseConnections: true,
      ...(options.logger === undefined ? { logger: false } : { loggerInstance: options.logger }),
      bodyLimit: 20 * 1024 * 1024,
    });
    app.addContentTypeParser(["text/xml", "application/soap+xml", "application/xml"], { parseAs: "string" }, (_request, body, done) => {
      done(null, body);
    });
    registerWorkdayRoutes(app, {
      store,
      tenant: options.tenant,
      credentials: options.credentials,
      faults,
      referenceIds: { ...DEFAULT_REFERENCE_IDS, ...options.referenceIds },
      now,
    });
    registerSuccessFactorsRoutes(app, { store, credentials: options.credentials, faults, now });
    registerSimRoutes(app, { store, faults, scenarios });
    const address = await app.listen({ host: options.host ?? "127.0.0.1", port: options.port ?? 0 });
    let closing: Promise<void> | undefined;
    return {
      url: address,
      store,
      faults,
      scenarios,
      close() {
        closing ??= app.close().then(() => store.close());
        return closing;
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
