/**
 * The HrSource for a job's source definition: Workday, SuccessFactors, or the API-driven
 * inbound source (built by the caller, which owns its upload queue).
 */
import { RosterError } from "@roster/engine";
import type { JobSource } from "../jobs/job-definition.js";
import type { HrSource } from "./hr-source.js";
import type { HrSourceLogger } from "./hr-source-options.js";
import { createSuccessFactorsSource } from "./successfactors-source.js";
import { createWorkdaySource } from "./workday-source.js";

export interface CreateHrSourceOptions {
  /** Source attributes the job's provisioning configuration reads (engine: sourceAttributesOf). */
  readonly mappedAttributes?: readonly string[];
  readonly logger?: HrSourceLogger;
  /** Builds the API-driven inbound source (type "api"). */
  readonly apiSource?: () => HrSource;
  /** Replaces global fetch for the connectors (tests, proxies). */
  readonly fetch?: typeof fetch;
}

/** Throws RosterError("InvalidConfiguration") for a connection or attribute list that cannot work. */
export function createHrSource(source: JobSource, options: CreateHrSourceOptions = {}): HrSource {
  const connectorOptions = {
    ...(options.mappedAttributes === undefined ? {} : { mappedAttributes: options.mappedAttributes }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  };
  switch (source.type) {
    case "workday":
      return createWorkdaySource(source.connection, connectorOptions);
    case "successfactors":
      return createSuccessFactorsSource(source.connection, connectorOptions);
    case "api":
      if (options.apiSource === undefined) {
        throw new RosterError(
          "InvalidConfiguration",
          "The job's source is API-driven inbound, but no API source was provided to createHrSource",
          { field: "source.type" },
        );
      }
      return options.apiSource();
  }
}
