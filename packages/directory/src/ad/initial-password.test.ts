import { describe, expect, it } from "vitest";
import { containsNameToken, encodeUnicodePwd, generateInitialPassword } from "./initial-password.js";

describe("generateInitialPassword", () => {
  it("uses all four character classes and the requested length", () => {
    for (let i = 0; i < 200; i++) {
      const password = generateInitialPassword(24);
      expect(password).toHaveLength(24);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[0-9]/);
      expect(password).toMatch(/[^A-Za-z0-9]/);
    }
  });

  it("never repeats and clamps short lengths to 16", () => {
    const seen = new Set(Array.from({ length: 500 }, () => generateInitialPassword(16)));
    expect(seen.size).toBe(500);
    expect(generateInitialPassword(4)).toHaveLength(16);
  });

  it("knows the name tokens AD's complexity check rejects", () => {
    const context = { sAMAccountName: "jrivera", displayName: "Rivera, Jo-Ann Lee" };
    expect(containsNameToken("x9JRIVERAx", context)).toBe(true);
    expect(containsNameToken("x9riVerax", context)).toBe(true);
    expect(containsNameToken("x9annx", context)).toBe(true);
    expect(containsNameToken("x9leex", context)).toBe(true);
    expect(containsNameToken("x9jox", context)).toBe(false); // tokens under 3 characters do not count
    expect(containsNameToken("x9x", { sAMAccountName: "ab" })).toBe(false);
  });

  it("never returns a password containing those tokens", () => {
    const context = { sAMAccountName: "abc", displayName: "Xyz, Mno" };
    for (let i = 0; i < 2000; i++) expect(containsNameToken(generateInitialPassword(16, context), context)).toBe(false);
  });
});

describe("encodeUnicodePwd", () => {
  it("quotes the password and encodes it as UTF-16LE", () => {
    expect(encodeUnicodePwd("Passw0rd!").toString("base64")).toBe("IgBQAGEAcwBzAHcAMAByAGQAIQAiAA==");
  });
});
