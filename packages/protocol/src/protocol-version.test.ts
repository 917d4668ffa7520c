import { describe, expect, it } from "vitest";
import {
  PROTOCOL_MAJOR,
  PROTOCOL_VERSION,
  isCompatibleProtocolVersion,
  parseProtocolVersion,
} from "./protocol-version.js";

describe("protocol version", () => {
  it("parses major.minor", () => {
    expect(parseProtocolVersion("1.0")).toEqual({ major: 1, minor: 0 });
    expect(parseProtocolVersion("12.34")).toEqual({ major: 12, minor: 34 });
    expect(parseProtocolVersion(PROTOCOL_VERSION)?.major).toBe(PROTOCOL_MAJOR);
  });

  it.each(["1", "1.0.0", "01.0", "1.-1", "v1.0", " 1.0", "", "1.0\n"])("rejects %j", (text) => {
    expect(parseProtocolVersion(text)).toBeUndefined();
  });

  it("is compatible with the same major only", () => {
    expect(isCompatibleProtocolVersion(`${PROTOCOL_MAJOR}.99`)).toBe(true);
    expect(isCompatibleProtocolVersion(`${PROTOCOL_MAJOR + 1}.0`)).toBe(false);
    expect(isCompatibleProtocolVersion("garbage")).toBe(false);
  });
});
