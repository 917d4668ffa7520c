/**
 * Test support: a small HR → AD configuration built from Direct/Constant mappings, and
 * helpers that run provisionWorker against an InMemoryDirectory the way a cycle would.
 */
import type { AttributeMappingInput, ProvisioningConfigInput } from "../../config/provisioning-config.js";
import type { Attributes } from "../../expressions/types.js";
import { compileProvisioningConfigOrThrow, type CompiledProvisioningConfig } from "../compile-config.js";
import type { ProvisioningDecision } from "../decision.js";
import { provisionWorker } from "../provision-worker.js";
import type { InMemoryDirectory } from "./in-memory-directory.js";

export const USERS_OU = "OU=Users,DC=contoso,DC=com";
export const FIXED_NOW = new Date("2024-05-01T12:00:00Z");

export const BASE_MAPPINGS: readonly AttributeMappingInput[] = [
  { type: "Direct", source: "WorkerID", target: "employeeID", apply: "OnlyOnCreate", matchingPrecedence: 1 },
  { type: "Direct", source: "PreferredNameData", target: "cn", apply: "OnlyOnCreate" },
  { type: "Direct", source: "FirstName", target: "givenName" },
  { type: "Direct", source: "LastName", target: "sn" },
  { type: "Direct", source: "BusinessTitle", target: "title" },
  { type: "Direct", source: "Disabled", target: "accountDisabled" },
  { type: "Direct", source: "ManagerReference", target: "manager" },
  { type: "Constant", value: "Contoso", target: "company" },
];

export function hrConfigInput(overrides: Partial<ProvisioningConfigInput> = {}): ProvisioningConfigInput {
  return {
    name: "Test HR to AD",
    sourceAnchorAttribute: "WID",
    defaultContainer: USERS_OU,
    mappings: [...BASE_MAPPINGS],
    ...overrides,
  };
}

export function hrConfig(overrides: Partial<ProvisioningConfigInput> = {}): CompiledProvisioningConfig {
  return compileProvisioningConfigOrThrow(hrConfigInput(overrides));
}

/** Base mappings with some replaced (by target) or added. */
export function withMappings(...mappings: AttributeMappingInput[]): AttributeMappingInput[] {
  const targets = new Set(mappings.map((m) => m.target.toLowerCase()));
  return [...BASE_MAPPINGS.filter((m) => !targets.has(m.target.toLowerCase())), ...mappings];
}

export function worker(overrides: Record<string, Attributes[string]> = {}): Attributes {
  return {
    WID: "wid-1001",
    WorkerID: "1001",
    PreferredNameData: "Ann Lee",
    FirstName: "Ann",
    LastName: "Lee",
    BusinessTitle: "Engineer",
    Disabled: "False",
    ...overrides,
  };
}

/** provisionWorker with the link the directory fixture holds for this worker. */
export function run(
  config: CompiledProvisioningConfig,
  w: Attributes,
  directory: InMemoryDirectory,
): Promise<ProvisioningDecision> {
  const wid = w["WID"];
  const link = typeof wid === "string" ? (directory.links.get(wid) ?? null) : null;
  return provisionWorker({ config, worker: w, link, directory, now: () => FIXED_NOW, random: () => 0.5 });
}

/** Runs and applies the operations and link update, as a cycle would. */
export async function runAndApply(
  config: CompiledProvisioningConfig,
  w: Attributes,
  directory: InMemoryDirectory,
): Promise<ProvisioningDecision> {
  const decision = await run(config, w, directory);
  directory.apply(decision);
  return decision;
}
