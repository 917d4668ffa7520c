import { type JobDefinitionInput, workdayJobTemplate } from "@roster/coordinator";
import { describe, expect, it } from "vitest";
import { withLastCandidate, withUniqueIdentifiers } from "./unique-names.js";

describe("withLastCandidate", () => {
  it("appends to a SelectUniqueValue and wraps anything else", () => {
    expect(withLastCandidate('SelectUniqueValue("a", "b")', '"c"')).toBe('SelectUniqueValue("a", "b", "c")');
    expect(withLastCandidate("[Name]", '"c"')).toBe('SelectUniqueValue([Name], "c")');
  });
});

describe("withUniqueIdentifiers", () => {
  const template = workdayJobTemplate({
    endpoint: "http://127.0.0.1:1/ccx/service/acme/Human_Resources/v34.0",
    username: "isu@acme",
    password: "secret",
    domain: "roster.test",
    baseDn: "dc=roster,dc=test",
    upnDomain: "roster.test",
  });
  const IDENTIFIERS = ["cn", "userPrincipalName", "sAMAccountName"];
  const expressionOf = (definition: JobDefinitionInput, target: string) => {
    const mapping = definition.provisioning.mappings.find((m) => m.target === target);
    return mapping?.type === "Expression" ? mapping.expression : undefined;
  };
  // The identifier rules as older templates had them: no Worker ID fallback.
  const withoutFallback: JobDefinitionInput = {
    ...template,
    provisioning: {
      ...template.provisioning,
      mappings: [
        { type: "Expression", target: "cn", apply: "OnlyOnCreate", expression: 'Join(" ", [FirstName], [LastName])' },
        { type: "Expression", target: "userPrincipalName", apply: "OnlyOnCreate", expression: 'SelectUniqueValue(Join("@", [FirstName], "roster.test"))' },
        { type: "Expression", target: "sAMAccountName", apply: "OnlyOnCreate", expression: "Mid([UserID], 1, 20)" },
        { type: "Direct", source: "BusinessTitle", target: "title", apply: "Always" },
      ],
    },
  };

  it("gives cn, UPN and sAMAccountName a last candidate with the Worker ID, at the top level", () => {
    const unique = withUniqueIdentifiers(withoutFallback, "roster.test");
    for (const target of IDENTIFIERS) {
      const expression = expressionOf(unique, target)!;
      expect(expression).toMatch(/^SelectUniqueValue\(/);
      expect(expression.indexOf("SelectUniqueValue(", 1)).toBe(-1);
      expect(expression.slice(expression.lastIndexOf("Join("))).toContain("[WorkerID]");
    }
    expect(expressionOf(unique, "userPrincipalName")).toBe(
      'SelectUniqueValue(Join("@", [FirstName], "roster.test"), Join("@", Join(".", [FirstName], [LastName], [WorkerID]), "roster.test"))',
    );
    expect(unique.provisioning.mappings[3]).toEqual(withoutFallback.provisioning.mappings[3]);
  });

  it("leaves rules that already fall back to the Worker ID alone, so it is idempotent", () => {
    const once = withUniqueIdentifiers(withoutFallback, "roster.test");
    expect(withUniqueIdentifiers(once, "roster.test")).toEqual(once);
    const fromTemplate = withUniqueIdentifiers(template, "roster.test");
    for (const target of IDENTIFIERS) expect(expressionOf(fromTemplate, target)).toContain("[WorkerID]");
  });
});
