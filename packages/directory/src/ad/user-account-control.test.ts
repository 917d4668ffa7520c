import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  UAC_ACCOUNTDISABLE,
  UAC_NEW_DISABLED,
  UAC_NEW_ENABLED,
  isAccountDisabled,
  parseUserAccountControl,
  withAccountDisabled,
} from "./user-account-control.js";

describe("userAccountControl bit math", () => {
  it("matches AD's well-known values", () => {
    expect(UAC_NEW_DISABLED).toBe(514);
    expect(UAC_NEW_ENABLED).toBe(512);
    expect(withAccountDisabled(512, true)).toBe(514);
    expect(withAccountDisabled(514, false)).toBe(512);
    expect(withAccountDisabled(66048, true)).toBe(66050);
    expect(withAccountDisabled(546, false)).toBe(544);
    expect(isAccountDisabled(546)).toBe(true);
    expect(isAccountDisabled(66048)).toBe(false);
  });

  it("changes only ACCOUNTDISABLE and is idempotent (property)", () => {
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), fc.boolean(), (uac, disabled) => {
        const next = withAccountDisabled(uac, disabled);
        expect((next & ~UAC_ACCOUNTDISABLE) >>> 0).toBe((uac & ~UAC_ACCOUNTDISABLE) >>> 0);
        expect(isAccountDisabled(next)).toBe(disabled);
        expect(withAccountDisabled(next, disabled)).toBe(next);
      }),
    );
  });

  it("parses the directory's text, including signed values and single-value arrays", () => {
    expect(parseUserAccountControl("512")).toBe(512);
    expect(parseUserAccountControl(["66050"])).toBe(66050);
    expect(parseUserAccountControl("-2147483136")).toBe(0x80000200);
    expect(parseUserAccountControl("")).toBeUndefined();
    expect(parseUserAccountControl("5x")).toBeUndefined();
    expect(parseUserAccountControl(undefined)).toBeUndefined();
    expect(parseUserAccountControl("99999999999")).toBeUndefined();
  });
});
