import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { looksLikeODataDate, parseODataDate } from "./odata-date.js";

describe("parseODataDate", () => {
  it("reads Edm.DateTime values as UTC", () => {
    expect(parseODataDate("/Date(1685577600000)/")).toBe("2023-06-01T00:00:00Z");
    expect(parseODataDate("/Date(253402214400000)/")).toBe("9999-12-31T00:00:00Z");
    expect(parseODataDate("/Date(-86400000)/")).toBe("1969-12-31T00:00:00Z");
    expect(parseODataDate("/Date(1711970000123)/")).toBe("2024-04-01T11:13:20.123Z");
  });

  it("reads Edm.DateTimeOffset values: the milliseconds are the instant, the offset the zone", () => {
    expect(parseODataDate("/Date(1717420800000+0000)/")).toBe("2024-06-03T13:20:00Z");
    expect(parseODataDate("/Date(1717420800000+0200)/")).toBe("2024-06-03T15:20:00+02:00");
    expect(parseODataDate("/Date(1717420800000-0530)/")).toBe("2024-06-03T07:50:00-05:30");
  });

  it("refuses text that is not a well-formed OData date", () => {
    for (const text of [
      "/Date(abc)/",
      "/Date()/",
      "/Date(1685577600000)",
      "Date(1685577600000)/",
      "/Date(1685577600000+2400)/",
      "/Date(1685577600000+0060)/",
      "/Date(1685577600000+00)/",
      "/Date(99999999999999999)/",
      "/Date(8640000000000001)/",
    ]) {
      expect(parseODataDate(text), text).toBeUndefined();
    }
  });

  it("pre-checks cheaply which strings can be dates", () => {
    expect(looksLikeODataDate("/Date(1)/")).toBe(true);
    expect(looksLikeODataDate("2024-06-03")).toBe(false);
    expect(looksLikeODataDate("/Dat")).toBe(false);
  });

  it("keeps the instant for every epoch value and offset (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -8.64e15 + 86_400_000, max: 8.64e15 - 86_400_000 }),
        fc.integer({ min: -23, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (ms, hours, minutes) => {
          const sign = hours < 0 ? "-" : "+";
          const offset = `${sign}${String(Math.abs(hours)).padStart(2, "0")}${String(minutes).padStart(2, "0")}`;
          const iso = parseODataDate(`/Date(${ms}${offset})/`);
          expect(iso).toBeDefined();
          expect(new Date(iso!).getTime()).toBe(ms);
        },
      ),
    );
  });
});
