/**
 * The simulator's own API: POST /sim/scenarios/{kind} plays a business process, GET/PUT/DELETE
 * /sim/faults reads, changes and clears fault injection, GET /sim/health reports the worker count.
 */
import type { FastifyInstance } from "fastify";
import { ZodError } from "zod";
import type { FaultInjector } from "../faults/fault-config.js";
import { ScenarioError, type ScenarioDriver } from "../scenarios/scenario-driver.js";
import type { HrSimStore } from "../store/worker-store.js";

export interface SimRouteOptions {
  readonly store: HrSimStore;
  readonly faults: FaultInjector;
  readonly scenarios: ScenarioDriver;
}

const KINDS = ["hire", "update", "terminate", "rehire", "convert", "leave"] as const;
type Kind = (typeof KINDS)[number];

export function registerSimRoutes(app: FastifyInstance, options: SimRouteOptions): void {
  app.get("/sim/health", async () => ({ status: "ok", workers: await options.store.countWorkers() }));

  app.post<{ Params: { kind: string } }>("/sim/scenarios/:kind", async (request, reply) => {
    const kind = request.params.kind as Kind;
    if (!KINDS.includes(kind)) {
      return reply.code(404).send({ error: `Unknown scenario "${request.params.kind}"; use one of ${KINDS.join(", ")}.` });
    }
    try {
      const result = await options.scenarios[kind](request.body ?? {});
      return reply.code(200).send(result);
    } catch (error) {
      if (error instanceof ScenarioError) return reply.code(error.status).send({ error: error.message });
      throw error;
    }
  });

  app.get("/sim/faults", async () => options.faults.current());
  app.put("/sim/faults", async (request, reply) => {
    try {
      options.faults.update(request.body ?? {});
      return options.faults.current();
    } catch (error) {
      if (error instanceof ZodError) {
        const issue = error.issues[0]!;
        return reply.code(400).send({ error: `Invalid fault settings: ${issue.path.join(".") || "(body)"} ${issue.message}` });
      }
      throw error;
    }
  });
  app.delete("/sim/faults", async () => {
    options.faults.reset();
    return options.faults.current();
  });
}
