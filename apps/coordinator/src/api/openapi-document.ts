/**
 * The OpenAPI document without a running coordinator, for docs and client generation
 * (for example `docs/openapi.json`). Routes are registered but never called.
 */
import { RosterError } from "@roster/engine";
import type { CoordinatorServices } from "./coordinator-services.js";
import { createApiServer } from "./create-api-server.js";

export async function buildOpenApiDocument(
  options: { readonly publicUrl?: string } = {},
): Promise<Record<string, unknown>> {
  const unavailable = new Proxy({} as CoordinatorServices, {
    get: (_target, property) => () =>
      Promise.reject(
        new RosterError(
          "InternalError",
          `Service ${String(property)} is not available while generating the OpenAPI document.`,
        ),
      ),
  });
  const app = await createApiServer(unavailable, options);
  try {
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}
