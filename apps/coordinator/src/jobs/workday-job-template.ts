/**
 * A ready-to-use Workday → directory job: the built-in Workday→AD mapping set and the
 * Workday writeback set, with the OU layout of a given directory (one OU per city under
 * OU=Users, the rest in a default OU). The demo, the end-to-end tests and the benchmark
 * start from it; administrators start from `roster config defaults` and edit.
 */
import { quoteString, workdayToActiveDirectory, workdayWriteback } from "@roster/engine";
import type { JobDefinitionInput } from "./job-definition.js";

export interface WorkdayJobTemplateOptions {
  readonly name?: string;
  /** https://host/ccx/service/{tenant}/Human_Resources/v34.0 */
  readonly endpoint: string;
  readonly username: string;
  readonly password: string;
  readonly domain: string;
  /** The directory's base DN, e.g. dc=roster,dc=test. */
  readonly baseDn: string;
  /** UPN suffix, e.g. roster.test. */
  readonly upnDomain: string;
  /** Cities with their own OU (OU=<city>,OU=Users,<baseDn>). */
  readonly cities?: readonly string[];
  readonly pageSize?: number;
  readonly intervalMs?: number;
  readonly deletionThreshold?: number;
  readonly writeback?: boolean;
}

export const DEFAULT_TEMPLATE_CITIES = ["Seattle", "New York", "Chicago", "München", "London"] as const;

/** The OUs the template's mappings put accounts in (create them before the first cycle). */
export function templateOus(baseDn: string, cities: readonly string[] = DEFAULT_TEMPLATE_CITIES): string[] {
  return [`OU=Users,${baseDn}`, ...cities.map((city) => `OU=${escapeRdnValue(city)},OU=Users,${baseDn}`)];
}

export function workdayJobTemplate(options: WorkdayJobTemplateOptions): JobDefinitionInput {
  const cities = options.cities ?? DEFAULT_TEMPLATE_CITIES;
  const defaultContainer = `OU=Users,${options.baseDn}`;
  const provisioning = workdayToActiveDirectory({ upnDomain: options.upnDomain, defaultContainer });
  const switchCases = cities
    .map((city) => `, ${quoteString(city)}, ${quoteString(`OU=${escapeRdnValue(city)},OU=Users,${options.baseDn}`)}`)
    .join("");
  // Some tenants leave Preferred_Name_Data out for workers without a preferred name: fall back to the legal name.
  const name = 'Coalesce([PreferredNameData], Join(" ", [FirstName], [LastName]))';
  const mappings = provisioning.mappings.map((mapping) => {
    if (mapping.target === "parentDistinguishedName") {
      return {
        ...mapping,
        type: "Expression" as const,
        expression: `Switch([Municipality], ${quoteString(defaultContainer)}${switchCases})`,
      };
    }
    if (mapping.target === "displayName" && mapping.type === "Direct") {
      const { source: _source, ...rest } = mapping;
      return { ...rest, type: "Expression" as const, expression: name };
    }
    // Pre-hires: Workday hands a future hire over as of the hire date (Active = 1); the account stays disabled (hours:
    // DateDiff truncates, so "d" would already read 0 on the day before)
    // until that day and the incremental cycle that sees the hire take effect enables it.
    if (mapping.target === "accountDisabled") {
      return {
        ...mapping,
        type: "Expression" as const,
        expression: 'Switch([Active], "True", "1", IIF(DateDiff("h", Now(), CDate([StatusHireDate])) > 0, "True", "False"), "0", "True")',
      };
    }
    // Common names exhaust the three documented UPN candidates: a fourth one carries the WorkerID.
    if (mapping.target === "userPrincipalName" && mapping.type === "Expression" && mapping.expression.trimEnd().endsWith(")")) {
      const open = mapping.expression.trimEnd().slice(0, -1);
      const withId = `Join("@", Join(".", [FirstName], [LastName], [WorkerID]), ${quoteString(options.upnDomain)})`;
      return { ...mapping, expression: `${open}, ${withId})` };
    }
    // The Workday user name can be shared (a conversion keeps it): the second account gets its WorkerID appended.
    if (mapping.target === "sAMAccountName" && mapping.type === "Expression") {
      const sam = mapping.expression;
      return { ...mapping, expression: `SelectUniqueValue(${sam}, Mid(Join("", Mid(${sam}, 1, 12), [WorkerID]), 1, 20))` };
    }
    // Two workers with the same name in one OU would collide on the RDN: the second gets its WorkerID appended.
    if (mapping.target === "cn" && mapping.type === "Direct") {
      const { source: _source, ...rest } = mapping;
      return {
        ...rest,
        type: "Expression" as const,
        apply: "OnlyOnCreate" as const,
        expression: `SelectUniqueValue(${name}, Join(" ", ${name}, [WorkerID]))`,
      };
    }
    return mapping;
  });
  return {
    name: options.name ?? "Workday to directory",
    source: {
      type: "workday",
      connection: {
        endpoint: options.endpoint,
        username: options.username,
        password: options.password,
        ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
      },
    },
    domain: options.domain,
    provisioning: { ...provisioning, mappings },
    ...(options.writeback === false ? {} : { writeback: workdayWriteback() }),
    schedule: { intervalMs: options.intervalMs ?? 40 * 60_000 },
    safety: { accidentalDeletions: { enabled: true, threshold: options.deletionThreshold ?? 500 } },
  };
}

/** RFC 4514 escaping of an RDN value (the few characters city names could contain). */
function escapeRdnValue(value: string): string {
  return value
    .replace(/[,+"\\<>;=]/g, (c) => `\\${c}`)
    .replace(/^[ #]/, (c) => `\\${c}`)
    .replace(/ $/, "\\ ");
}
