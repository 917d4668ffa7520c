/**
 * Fault injection, per endpoint ("workday", "successfactors"): added latency, a rate of HTTP
 * 500/503 or SOAP faults, refused credentials, truncated bodies, malformed worker records and a
 * pending business process blocking writeback. Set through /sim/faults or CLI flags; validated
 * with zod. Random draws use a seeded PRNG so a run is reproducible.
 */
import { z } from "zod";
import { Prng } from "../generator/prng.js";

export const endpointFaultsSchema = z
  .object({
    /** Extra milliseconds before every answer. */
    latencyMs: z.int().min(0).max(600_000).default(0),
    /** Fraction of requests answered with an error instead. */
    errorRate: z.number().min(0).max(1).default(0),
    /** What an injected error is: HTTP 500, HTTP 503 (maintenance) or a SOAP processing fault. */
    errorKind: z.enum(["http500", "http503", "soapFault"]).default("http503"),
    /** Every request is refused as if the credentials were wrong. */
    authFailure: z.boolean().default(false),
    /** Fraction of successful responses cut off half-way. */
    truncateRate: z.number().min(0).max(1).default(0),
    /** Fraction of workers rendered without their Worker ID. */
    missingWorkerIdRate: z.number().min(0).max(1).default(0),
    /** Fraction of workers with oversize values (title, ID). */
    oversizeRate: z.number().min(0).max(1).default(0),
    /** Writeback fails with "pending business process". */
    pendingBusinessProcess: z.boolean().default(false),
  })
  .strict();

export type EndpointFaults = z.output<typeof endpointFaultsSchema>;
export type EndpointFaultsInput = z.input<typeof endpointFaultsSchema>;

export const faultSettingsSchema = z
  .object({
    workday: endpointFaultsSchema.default(endpointFaultsSchema.parse({})),
    successfactors: endpointFaultsSchema.default(endpointFaultsSchema.parse({})),
  })
  .strict();

export type FaultSettingsInput = z.input<typeof faultSettingsSchema>;
export type Endpoint = "workday" | "successfactors";

export type InjectedFault =
  | { readonly kind: "none" }
  | { readonly kind: "auth" }
  | { readonly kind: "error"; readonly error: EndpointFaults["errorKind"] };

export class FaultInjector {
  private settings: z.output<typeof faultSettingsSchema>;
  private readonly prng: Prng;

  constructor(input: FaultSettingsInput = {}, seed = 1) {
    this.settings = faultSettingsSchema.parse(input);
    this.prng = new Prng(seed);
  }

  /** Replaces the settings of the endpoints given; throws a zod error on bad input. */
  update(input: unknown): void {
    const partial = z.object({ workday: endpointFaultsSchema.optional(), successfactors: endpointFaultsSchema.optional() }).strict().parse(input);
    this.settings = {
      workday: partial.workday ?? this.settings.workday,
      successfactors: partial.successfactors ?? this.settings.successfactors,
    };
  }

  reset(): void {
    this.settings = faultSettingsSchema.parse({});
  }

  current(): z.output<typeof faultSettingsSchema> {
    return this.settings;
  }

  of(endpoint: Endpoint): EndpointFaults {
    return this.settings[endpoint];
  }

  async delay(endpoint: Endpoint): Promise<void> {
    const ms = this.settings[endpoint].latencyMs;
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** What, if anything, to inject for this request. */
  draw(endpoint: Endpoint): InjectedFault {
    const faults = this.settings[endpoint];
    if (faults.authFailure) return { kind: "auth" };
    if (faults.errorRate > 0 && this.prng.next() < faults.errorRate) return { kind: "error", error: faults.errorKind };
    return { kind: "none" };
  }

  /** Cuts a body in half when the truncation draw says so. */
  maybeTruncate(endpoint: Endpoint, body: string): string {
    const rate = this.settings[endpoint].truncateRate;
    return rate > 0 && this.prng.next() < rate ? body.slice(0, Math.floor(body.length / 2)) : body;
  }
}
