import { RosterError } from "@roster/engine";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anyText } from "../test-support/arbitraries.js";
import { escapeDnValue } from "./dn-value-escape.js";
import { childDn, dnEquals, formatDn, normalizeDn, parentDnOf, parseDn, splitDn } from "./distinguished-name.js";

const NASTY_NAMES = ["Smith, Jr.", "Lee+Chen", "#1", "O'Brien", "Åsa Öberg", "a\\b", "*", " lead", "trail ", "  ", "x=y", 'say "hi"', "<a;b>", "tab\there", "nul\u0000"];

describe("escapeDnValue", () => {
  it("escapes the RFC 4514 specials the way AD writes them", () => {
    expect(escapeDnValue("Rivera, Jo")).toBe("Rivera\\, Jo");
    expect(escapeDnValue("Lee+Chen")).toBe("Lee\\+Chen");
    expect(escapeDnValue("#1")).toBe("\\#1");
    expect(escapeDnValue("a#1")).toBe("a#1");
    expect(escapeDnValue(" lead")).toBe("\\ lead");
    expect(escapeDnValue("trail ")).toBe("trail\\ ");
    expect(escapeDnValue("mid dle")).toBe("mid dle");
    expect(escapeDnValue('<"x";=>')).toBe('\\<\\"x\\"\\;\\=\\>');
    expect(escapeDnValue("nul\u0000\n")).toBe("nul\\00\\0A");
  });

  it("writes a backslash as \\5C so ldapts' modifyDN split never sees `\\\\,`", () => {
    expect(escapeDnValue("a\\b")).toBe("a\\5Cb");
    expect(escapeDnValue("ends\\")).toBe("ends\\5C");
  });

  it("leaves non-ASCII, apostrophes and asterisks alone", () => {
    expect(escapeDnValue("Åsa Öberg")).toBe("Åsa Öberg");
    expect(escapeDnValue("O'Brien")).toBe("O'Brien");
    expect(escapeDnValue("*")).toBe("*");
  });
});

describe("parseDn", () => {
  it("parses AD's and OpenLDAP's spellings of the same DN to the same values", () => {
    const ad = parseDn("CN=Rivera\\, Jo,OU=Seattle,DC=contoso,DC=test");
    const openldap = parseDn("cn=Rivera\\2C Jo,ou=Seattle,dc=contoso,dc=test");
    expect(ad.map((rdn) => rdn[0]!.value)).toEqual(["Rivera, Jo", "Seattle", "contoso", "test"]);
    expect(openldap.map((rdn) => rdn[0]!.value)).toEqual(["Rivera, Jo", "Seattle", "contoso", "test"]);
  });

  it("decodes multi-byte hex escapes as UTF-8 and keeps multi-valued RDNs", () => {
    expect(parseDn("cn=\\C3\\85sa+uid=a1,dc=x")).toEqual([
      [
        { type: "cn", value: "Åsa" },
        { type: "uid", value: "a1" },
      ],
      [{ type: "dc", value: "x" }],
    ]);
  });

  it("ignores unescaped spaces around separators but keeps escaped ones", () => {
    expect(parseDn(" CN = a ,  OU=b\\ ").map((rdn) => rdn[0]!.value)).toEqual(["a", "b "]);
  });

  it("returns no RDNs for the root DN", () => {
    expect(parseDn("")).toEqual([]);
  });

  it.each([
    ["CN=a,,DC=x", "invalid attribute type"],
    ["CN", "missing '='"],
    ["CN=a\\zz", "invalid escape"],
    ["CN=a;b", "unescaped ';'"],
    ["CN=\\C3", "not valid UTF-8"],
    ["CN=a,", "empty RDN"],
  ])("rejects %j with a RosterError naming the problem", (dn, reason) => {
    let caught: unknown;
    try {
      parseDn(dn);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RosterError);
    expect((caught as RosterError).code).toBe("InvalidAttributeSyntax");
    expect((caught as RosterError).message).toContain(reason);
  });

  it.each(NASTY_NAMES)("round-trips %j through escaping and parsing", (name) => {
    expect(parseDn(childDn("CN", name, "OU=Users,DC=x"))[0]).toEqual([{ type: "CN", value: name }]);
  });

  it("round-trips any string through escaping and parsing (property)", () => {
    fc.assert(
      fc.property(anyText(), anyText({ maxLength: 20 }), (value, other) => {
        const dn = `CN=${escapeDnValue(value)}+uid=${escapeDnValue(other)},OU=${escapeDnValue(other)},DC=test`;
        const rdns = parseDn(dn);
        expect(rdns).toHaveLength(3);
        expect(rdns[0]).toEqual([
          { type: "CN", value },
          { type: "uid", value: other },
        ]);
        expect(rdns[1]![0]!.value).toBe(other);
        expect(parseDn(formatDn(rdns))).toEqual(rdns);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("normalizeDn / dnEquals", () => {
  it("compares case-insensitively and ignores whitespace around separators", () => {
    expect(dnEquals("OU=Users, DC=Contoso,DC=test", "ou=users,dc=contoso,dc=TEST")).toBe(true);
    expect(dnEquals("CN=Rivera\\, Jo,OU=Users", "cn=rivera\\2c jo,ou=users")).toBe(true);
    expect(dnEquals("CN=Jo  Rivera,OU=Users", "CN=Jo Rivera,OU=Users")).toBe(true);
    expect(dnEquals("cn=a+uid=b,dc=x", "uid=B+cn=A,dc=x")).toBe(true);
  });

  it("tells different DNs apart", () => {
    expect(dnEquals("OU=Users,DC=x", "OU=Leavers,DC=x")).toBe(false);
    expect(dnEquals("CN=a\\,b,DC=x", "CN=a,CN=b,DC=x")).toBe(false);
  });

  it("is idempotent, and insensitive to ASCII case and separator spacing (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 }), (values) => {
        const dn = values.map((v, i) => `${i === 0 ? "CN" : "OU"}=${escapeDnValue(v)}`).join(",");
        const normal = normalizeDn(dn);
        expect(normalizeDn(normal)).toBe(normal);
        expect(dnEquals(dn, dn.toUpperCase())).toBe(true);
        expect(dnEquals(dn, dn.toLowerCase())).toBe(true);
        expect(dnEquals(dn, values.map((v, i) => `${i === 0 ? "cn" : "ou"} = ${escapeDnValue(v)}`).join(" , "))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe("parentDnOf / splitDn", () => {
  it("splits at the first unescaped comma", () => {
    expect(parentDnOf("CN=Smith\\, Jr.,OU=Users,DC=x")).toBe("OU=Users,DC=x");
    expect(parentDnOf("CN=ends\\5C,OU=Users,DC=x")).toBe("OU=Users,DC=x");
    expect(parentDnOf("CN=a\\\\,OU=Users,DC=x")).toBe("OU=Users,DC=x");
    expect(parentDnOf("DC=x")).toBe("");
    expect(splitDn("CN=Lee\\+Chen, OU=Users,DC=x")).toEqual({ rdn: [{ type: "CN", value: "Lee+Chen" }], parentDn: "OU=Users,DC=x" });
  });

  it("agrees with the full parser (property)", () => {
    fc.assert(
      fc.property(anyText({ maxLength: 30 }), anyText({ minLength: 1, maxLength: 30 }), (cn, ou) => {
        const parent = `OU=${escapeDnValue(ou)},DC=x`;
        const dn = childDn("CN", cn, parent);
        expect(parentDnOf(dn)).toBe(parent);
        expect(splitDn(dn).rdn).toEqual([{ type: "CN", value: cn }]);
      }),
    );
  });
});
