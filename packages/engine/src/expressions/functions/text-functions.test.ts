// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is .NET replacement syntax, not a template
/**
 * End-to-end: the text, logic and collection functions through the real lexer, parser
 * and compiler, with documented expressions written exactly as in the docs.
 */
import { describe, expect, it } from "vitest";
import { RosterError } from "../../errors/error-codes.js";
import { compileExpression } from "../compile.js";
import { translateDotNetRegex } from "../dotnet-regex.js";
import { IGNORE_ATTRIBUTE_FLOW, type Value } from "../types.js";
import { textFunctions } from "./text-functions.js";
import { testContext } from "./text-test-kit.js";

function evaluate(expression: string, attributes: Record<string, Value> = {}): Value {
  return compileExpression(expression).evaluate(testContext(attributes));
}

function compileError(expression: string): RosterError {
  try {
    compileExpression(expression);
  } catch (err) {
    if (err instanceof RosterError) return err;
    throw err;
  }
  throw new Error(`${expression} compiled`);
}

describe("text functions through compileExpression", () => {
  it("registers every function once, with a unique name", () => {
    const names = textFunctions.map((f) => f.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining(
        [
          "append",
          "coalesce",
          "count",
          "cstr",
          "ignoreflowifnullorempty",
          "iif",
          "instr",
          "isnull",
          "isnullorempty",
          "ispresent",
        ]
          .concat([
            "isstring",
            "item",
            "join",
            "left",
            "mid",
            "normalizediacritics",
            "not",
            "pcase",
            "redact",
            "removeduplicates",
          ])
          .concat(["replace", "split", "stripspaces", "switch", "tolower", "toupper", "word", "trim"]),
      ),
    );
  });

  it("evaluates the documented Join, Append and Mid examples", () => {
    expect(evaluate('Join(", ", "", [surname], [givenName])', { surname: "Doe", givenName: "John" })).toBe("Doe, John");
    expect(
      evaluate("Append(Mid([givenName], 1, 3), Mid([surname], 1, 5))", { givenName: "John", surname: "Doe" }),
    ).toBe("JohDoe");
    expect(evaluate('Append([userPrincipalName], ".test")', { userPrincipalName: "John.Doe@contoso.com" })).toBe(
      "John.Doe@contoso.com.test",
    );
  });

  it("evaluates the documented Replace examples with their escaped regexes", () => {
    expect(
      evaluate(
        'Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", , "${phoneNumber}", , )',
        {
          telephoneNumber: "+91 9998887777",
        },
      ),
    ).toBe("9998887777");
    expect(evaluate('Replace([mobile], , "[()\\\\s-]+", , "", , )', { mobile: "+1 (999) 888-7777" })).toBe(
      "+19998887777",
    );
    expect(evaluate('Replace([mailNickname], , "[a-zA-Z_]*", , "", , )', { mailNickname: "john_doe72" })).toBe("72");
    expect(
      evaluate('Replace([AddressLineData], ,"(?<streetNumber>^\\\\d*)","streetNumber", "888", , )', {
        AddressLineData: "545 Tremont Street",
      }),
    ).toBe("888 Tremont Street");
    expect(
      evaluate('Replace([userPrincipalName], , "(?<Suffix>@(.)*)", "Suffix", "", , )', {
        userPrincipalName: "jsmith@contoso.com",
      }),
    ).toBe("jsmith");
    expect(
      evaluate(
        'Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", "phoneNumber" , , [mobile], )',
        {
          telephoneNumber: "",
          mobile: "+91 8887779999",
        },
      ),
    ).toBe("8887779999");
    expect(evaluate('Replace([UserID],"<username>", , , , , "<username>@contoso.com")', { UserID: "jsmith" })).toBe(
      "jsmith@contoso.com",
    );
    expect(evaluate('Replace([mail], "@contoso.com", , ,"", ,)', { mail: "john.doe@contoso.com" })).toBe("john.doe");
  });

  it("evaluates the shipped sAMAccountName mapping", () => {
    const mapping =
      'Replace(Mid(Replace([UserID], , "([\\\\/\\\\\\\\\\\\[\\\\]\\\\:\\\\;\\\\|\\\\=\\\\,\\\\+\\\\*\\\\?\\\\<\\\\>])", , "", , ), 1, 20), , "(\\\\.)*$", , "", , )';
    const compiled = compileExpression(mapping);
    expect(compiled.evaluate(testContext({ UserID: "O'Brien, Jr." }))).toBe("O'Brien Jr");
    expect(compiled.evaluate(testContext({ UserID: "a.b..." }))).toBe("a.b");
    expect(compiled.evaluate(testContext({ UserID: "[very]long/user=name;with*junk" }))).toBe("verylongusernamewith");
  });

  it("evaluates the shipped Switch mappings", () => {
    const disabled = compileExpression('Switch([Active], , "0", "True", "1", "False")');
    expect(disabled.evaluate(testContext({ Active: "1" }))).toBe("False");
    expect(disabled.evaluate(testContext({ Active: "0" }))).toBe("True");
    expect(disabled.evaluate(testContext({}))).toBeNull();
    expect(evaluate('Switch([country],[country],"","Other")', { country: "" })).toBe("Other");
    expect(evaluate('Switch(IsPresent([jobTitle]), "No", "True", "Yes")', { jobTitle: "Dev" })).toBe("Yes");
  });

  it("evaluates IIF with the chosen arm only", () => {
    expect(evaluate('IIF([country]="USA",[country],[department])', { country: "USA", department: "Sales" })).toBe(
      "USA",
    );
    expect(evaluate('IIF(IsPresent([c]), [c], "Other")', { c: "" })).toBe("Other");
    expect(evaluate('IIF(IsNullOrEmpty([d]), "none", Mid([d], [start], 1))', { start: 0 })).toBe("none");
    expect(() => evaluate('IIF(IsNullOrEmpty([d]), "none", Mid([d], [start], 1))', { d: "x", start: 0 })).toThrow(
      /start is 1-based/,
    );
  });

  it("evaluates case, word and position functions", () => {
    expect(evaluate('PCase(Join(" ",[firstName],[lastName]))', { firstName: "GREGORY", lastName: "JAMES" })).toBe(
      "Gregory James",
    );
    expect(evaluate('PCase([lastName]," \'-")', { lastName: "PINTO-DE'SILVA" })).toBe("Pinto-De'Silva");
    expect(
      evaluate(
        'ToLower(Join("@", NormalizeDiacritics(StripSpaces(Join(".",  [PreferredFirstName], [PreferredLastName]))), "contoso.com"))',
        {
          PreferredFirstName: "Jéssica",
          PreferredLastName: "Van Dam",
        },
      ),
    ).toBe("jessica.vandam@contoso.com");
    expect(evaluate('InStr("repEated","e",3,vbBinaryCompare)')).toBe(7);
    expect(evaluate('InStr("repEated","e",3,vbTextCompare)')).toBe(4);
    expect(evaluate('Word("This,string!has&many separators",3,",!&#")')).toBe("has");
    expect(evaluate('ToUpper("istanbul", "tr-TR")')).toBe("İSTANBUL");
  });

  it("evaluates the collection functions on multi-valued attributes", () => {
    const attrs = { proxyAddresses: ["SMTP:a@x", "smtp:b@x", "SMTP:a@x"] };
    expect(evaluate("Count([proxyAddresses])", attrs)).toBe(3);
    expect(evaluate("Item([proxyAddresses], 2)", attrs)).toBe("smtp:b@x");
    expect(evaluate("RemoveDuplicates([proxyAddresses])", attrs)).toEqual(["SMTP:a@x", "smtp:b@x"]);
    expect(evaluate('Join(";", [proxyAddresses])', attrs)).toBe("SMTP:a@x;smtp:b@x;SMTP:a@x");
    expect(
      evaluate('Split([extensionAttribute5], ",")', { extensionAttribute5: "PermissionSetOne, PermissionSetTwo" }),
    ).toEqual(["PermissionSetOne", " PermissionSetTwo"]);
  });

  it("turns IgnoreFlowIfNullOrEmpty into the flow signal and Redact into a redacted evaluation", () => {
    expect(evaluate("IgnoreFlowIfNullOrEmpty([department])", {})).toBe(IGNORE_ATTRIBUTE_FLOW);
    const ctx = testContext({ pwd: "x" });
    expect(compileExpression("Redact([pwd])").evaluate(ctx)).toBe("x");
    expect(ctx.redacted).toBe(true);
  });

  it("reports literal-argument problems at compile time", () => {
    expect(compileError('Switch([a], "d", "k1", "v1", "k2")').message).toMatch(/even number of arguments/);
    expect(compileError('Replace([x], , "(?<a>x", , "", , )').message).toMatch(/invalid regular expression/);
    expect(compileError('Replace([x], , "(?<a>x)", "b", "", , )').message).toMatch(/regexGroupName "b"/);
    expect(compileError('Word([x], "three", " ")').message).toMatch(/wordNumber must be an integer/);
    expect(compileError("Item([x], 0)").message).toMatch(/index \(1-based\) must be at least 1/);
    expect(compileError('ToLower([x], "no such culture")').message).toMatch(/culture "no such culture"/);
    expect(compileError("Mid([x], 0, 2)").message).toMatch(/start must be at least 1/);
  });

  it("translates a literal regex once and reuses it", () => {
    const compiled = compileExpression('Replace([x], , "[0-9]+", , "#", , )');
    const translation = translateDotNetRegex("[0-9]+", { global: true });
    expect(compiled.evaluate(testContext({ x: "a1b22" }))).toBe("a#b#");
    expect(translateDotNetRegex("[0-9]+", { global: true })).toBe(translation);
  });
});
