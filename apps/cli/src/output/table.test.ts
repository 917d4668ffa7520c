import { describe, expect, it } from "vitest";
import { formatFields } from "./fields.js";
import { formatTable } from "./table.js";

describe("formatTable", () => {
  it("aligns columns, right-aligns numbers and leaves the last column unpadded", () => {
    const rows = [
      { name: "contoso-workday", count: 3, note: "ok" },
      { name: "sf", count: 12345, note: "" },
    ];
    const text = formatTable(
      [
        { header: "NAME", value: (r: (typeof rows)[number]) => r.name },
        { header: "COUNT", value: (r) => String(r.count), alignRight: true },
        { header: "NOTE", value: (r) => r.note },
      ],
      rows,
    );
    expect(text).toBe("NAME             COUNT  NOTE\ncontoso-workday      3  ok\nsf               12345\n");
  });

  it("keeps each row on one line when a value holds control characters", () => {
    const text = formatTable([{ header: "V", value: (r: string) => r }], ["line one\nline\ttwo"]);
    expect(text).toBe("V\nline one line two\n");
  });
});

describe("formatFields", () => {
  it("aligns values after the longest label, with an optional indent", () => {
    expect(
      formatFields(
        [
          ["Job", "hr"],
          ["Next cycle", "initial"],
        ],
        "  ",
      ),
    ).toBe("  Job:         hr\n  Next cycle:  initial\n");
  });
});
