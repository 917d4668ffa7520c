import { describe, expect, it } from "vitest";
import { normalizeDn, parentDn, rdnValue, sameDn } from "./dn.js";

describe("DN helpers", () => {
  it("splits off the parent, honouring escaped commas", () => {
    expect(parentDn("CN=Ann Lee,OU=Users,DC=contoso,DC=com")).toBe("OU=Users,DC=contoso,DC=com");
    expect(parentDn("CN=Lee\\, Ann,OU=Users,DC=x")).toBe("OU=Users,DC=x");
    expect(parentDn("DC=com")).toBe("");
  });

  it("reads the unescaped RDN value", () => {
    expect(rdnValue("CN=Lee\\, Ann,OU=Users")).toBe("Lee, Ann");
    expect(rdnValue("CN=J\\C3\\A9r\\C3\\B4me,OU=x")).toBe("J\u00C3\u00A9r\u00C3\u00B4me"); // hex escapes are bytes
    expect(rdnValue("cn = Ann ,OU=x")).toBe("Ann");
  });

  it("compares DNs case-insensitively, ignoring blanks around separators", () => {
    expect(normalizeDn("OU=Dallas, OU=Users ,DC=Contoso,DC=com")).toBe("ou=dallas,ou=users,dc=contoso,dc=com");
    expect(sameDn("OU=Dallas,DC=contoso", "ou = dallas , dc=CONTOSO")).toBe(true);
    expect(sameDn("OU=Dallas,DC=contoso", "OU=Austin,DC=contoso")).toBe(false);
    expect(sameDn("CN=a\\,b,DC=x", "CN=a,b,DC=x")).toBe(false);
    expect(normalizeDn("CN=a+UID=b,DC=x")).toBe("cn=a+uid=b,dc=x");
  });
});
