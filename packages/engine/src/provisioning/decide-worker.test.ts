/**
 * The fast paths of provisioning one worker decide exactly as the general one:
 * - a directory answering synchronously gives the decision without a promise, and the
 *   same decisions as one answering through promises (SelectUniqueValue, matching,
 *   references, reading by anchor);
 * - the "summary" trace of cycles differs from the full one only in step details.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AttributeMappingInput } from "../config/provisioning-config.js";
import type { Attributes } from "../expressions/types.js";
import type { ProvisioningDecision, ProvisioningStep } from "./decision.js";
import { decideWorker, provisionWorker } from "./provision-worker.js";
import { InMemoryDirectory } from "./test-support/in-memory-directory.js";
import { FIXED_NOW, hrConfig, USERS_OU, withMappings, worker } from "./test-support/fixtures.js";
import type { TraceLevel } from "./trace.js";

const UPN: AttributeMappingInput = {
  type: "Expression",
  expression:
    'SelectUniqueValue(Join("@", Join(".", [FirstName], [LastName]), "contoso.com"), Join("@", Join(".", Mid([FirstName], 1, 1), [LastName]), "contoso.com"), Join("@", [WorkerID], "contoso.com"))',
  target: "userPrincipalName",
  apply: "OnlyOnCreate",
};
const SAM: AttributeMappingInput = {
  type: "Expression",
  expression:
    'Replace(Mid(Replace([UserID], , "([\\\\/\\\\[\\\\]:;|=,+*?<>])", , "", , ), 1, 8), , "(\\\\.)*$", , "", , )',
  target: "sAMAccountName",
  apply: "OnlyOnCreate",
};

const config = hrConfig({
  mappings: withMappings(UPN, SAM, { type: "Direct", source: "Office", target: "physicalDeliveryOfficeName" }),
  referenceAttributes: ["manager"],
});

/** One HR worker, with a few names so that unique values collide, and the odd broken field. */
const hrWorker = (index: number) =>
  fc.record({
    FirstName: fc.constantFrom("Ann", "Anna", "Bo", "Émile", ""),
    LastName: fc.constantFrom("Lee", "O'Neil", "Ng"),
    UserID: fc.constantFrom("ann.lee", "bo+ng", "a.b.c...", "[x]:y", "émile.o'neil.long"),
    BusinessTitle: fc.constantFrom("Engineer", "Manager"),
    Disabled: fc.constantFrom("False", "True", "False", "maybe"),
    Office: fc.option(fc.constantFrom("B1", "B2"), { nil: undefined }),
    manager: fc.option(fc.integer({ min: -1, max: Math.max(0, index - 1) }), { nil: undefined }),
    noWorkerId: fc.integer({ min: 0, max: 30 }).map((n) => n === 0),
  });

function toAttributes(
  fields: {
    FirstName: string;
    LastName: string;
    UserID: string;
    BusinessTitle: string;
    Disabled: string;
    Office?: string | undefined;
    manager?: number | undefined;
    noWorkerId: boolean;
  },
  index: number,
): Attributes {
  const { manager, noWorkerId, ...rest } = fields;
  return worker({
    ...rest,
    WID: `wid-${index}`,
    WorkerID: noWorkerId ? undefined : String(1000 + index),
    PreferredNameData: `${fields.FirstName} ${fields.LastName}`,
    ManagerReference: manager === undefined ? undefined : manager < 0 ? "wid-unknown" : `wid-${manager}`,
  });
}

/** Workers for two passes: as they are, then some of them changed. */
const scenario = fc
  .integer({ min: 1, max: 14 })
  .chain((count) =>
    fc.tuple(
      fc.tuple(...Array.from({ length: count }, (_, i) => hrWorker(i))),
      fc.array(fc.record({ index: fc.nat({ max: count - 1 }), title: fc.constantFrom("Lead", "Engineer") }), {
        maxLength: 5,
      }),
    ),
  )
  .map(([fields, changes]) => {
    const first = fields.map((f, i) => toAttributes(f, i));
    const second = first.map((w) => ({ ...w }));
    for (const { index, title } of changes) (second[index] as Record<string, unknown>)["BusinessTitle"] = title;
    return [first, second] as const;
  });

/** Runs the passes as a cycle would (link, apply), every decision kept. */
async function cycle(
  passes: readonly (readonly Attributes[])[],
  options: { readonly async: boolean; readonly trace: TraceLevel },
): Promise<ProvisioningDecision[]> {
  const directory = new InMemoryDirectory();
  directory.async = options.async;
  const decisions: ProvisioningDecision[] = [];
  for (const pass of passes) {
    for (const w of pass) {
      const wid = w["WID"] as string;
      const input = {
        config,
        worker: w,
        link: directory.links.get(wid) ?? null,
        directory,
        now: () => FIXED_NOW,
        random: () => 0.5,
        trace: options.trace,
      };
      const decided = decideWorker(input);
      if (!options.async) expect(decided).not.toBeInstanceOf(Promise);
      const decision = await decided;
      decisions.push(decision);
      directory.apply(decision);
    }
  }
  return decisions;
}

/** A decision as JSON, so key order and every value count. */
const json = (d: unknown) => JSON.parse(JSON.stringify(d)) as unknown;

describe("decideWorker", () => {
  it("meets the paths worth comparing in the generated scenarios", async () => {
    const seen = new Set<string>();
    for (const passes of fc.sample(scenario, { numRuns: 60, seed: 42 })) {
      for (const d of await cycle(passes, { async: false, trace: "full" })) {
        seen.add(d.error !== null ? `error:${d.error.code}` : d.action);
        for (const note of d.notes) seen.add(`note:${note.code}`);
        const upn = d.modifiedProperties.find((p) => p.name === "userPrincipalName")?.newValue;
        if (typeof upn === "string" && /^\d/.test(upn)) seen.add("third UPN candidate");
        if (d.skipReason !== null) seen.add(`skip:${d.skipReason.code}`);
      }
    }
    for (const path of [
      "Create",
      "Update",
      "NoChange",
      "error:ExpressionEvaluationFailed",
      "note:ReferenceUnresolved",
      "third UPN candidate",
      "skip:ImportSkipped",
    ]) {
      expect(seen).toContain(path);
    }
  });

  it("decides the same with a synchronous directory as with an asynchronous one (property)", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (passes) => {
        const sync = await cycle(passes, { async: false, trace: "full" });
        const async = await cycle(passes, { async: true, trace: "full" });
        expect(json(sync)).toEqual(json(async));
      }),
      { numRuns: 60 },
    );
  });

  it("gives what provisionWorker gives", async () => {
    const directory = new InMemoryDirectory();
    const input = { config, worker: worker(), link: null, directory, now: () => FIXED_NOW, random: () => 0.5 };
    const decided = decideWorker(input);
    expect(decided).not.toBeInstanceOf(Promise);
    expect(json(decided)).toEqual(json(await provisionWorker(input)));
    expect((decided as ProvisioningDecision).operations[0]).toMatchObject({ kind: "create", parentDn: USERS_OU });
  });

  it("turns a throwing callback into a failed decision, synchronously or not", async () => {
    for (const async of [false, true]) {
      const directory = new InMemoryDirectory();
      directory.async = async;
      directory.failures.set("findByMatchingAttribute", new Error("LDAP down"));
      const input = { config, worker: worker(), link: null, directory, now: () => FIXED_NOW, random: () => 0.5 };
      const decision = await decideWorker(input);
      expect(decision.status).toBe("failure");
      expect(decision.error?.message).toMatch(/LDAP down/);
    }
  });
});

describe("the summary trace", () => {
  const withoutDetails = (d: ProvisioningDecision) => ({
    ...d,
    steps: d.steps.map(({ step, status, description }) => ({ step, status, description })),
  });
  const codes = (s: ProvisioningStep) =>
    Object.fromEntries(Object.entries(s.details).filter(([key]) => key === "ErrorCode" || key === "SkipReason"));

  it("keeps every step, status, description and code, and all the rest of the decision (property)", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (passes) => {
        const full = await cycle(passes, { async: false, trace: "full" });
        const summary = await cycle(passes, { async: false, trace: "summary" });
        expect(json(summary.map(withoutDetails))).toEqual(json(full.map(withoutDetails)));
        summary.forEach((d, i) => {
          d.steps.forEach((s, k) => {
            const fullStep = (full[i] as ProvisioningDecision).steps[k] as ProvisioningStep;
            // Error codes and skip reasons stay; the values looked at are left out.
            expect(codes(s)).toEqual(codes(fullStep));
            for (const key of Object.keys(s.details))
              expect(["ErrorCode", "SkipReason", "objectFilter", "Scoping filters"]).toContain(key);
          });
        });
      }),
      { numRuns: 40 },
    );
  });

  it("leaves out the values looked at", async () => {
    const [full, summary] = await Promise.all(
      (["full", "summary"] as const).map((trace) => cycle([[worker()]], { async: false, trace })),
    );
    expect(full?.[0]?.steps[0]?.details).toMatchObject({ WID: "wid-1001" });
    expect(summary?.[0]?.steps.map((s) => s.details)).toEqual([
      {},
      { "Scoping filters": "none: every worker is in scope" },
      {},
      {},
    ]);
    expect(summary?.[0]?.modifiedProperties).toEqual(full?.[0]?.modifiedProperties);
  });
});
