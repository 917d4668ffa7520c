import type { DirectoryValue, ExportedState, LinkState } from "@roster/engine";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accountAnchor } from "./account-anchor.js";
import { CompactLinks } from "./compact-links.js";

const text = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.constantFrom("", "\u0000", "a\u0000b", "Dương"));
const name = fc.oneof(
  fc.constantFrom("cn", "sn", "mail", "0", "17", "manager", "constructor"),
  fc.string({ minLength: 1 }),
);

const state: fc.Arbitrary<ExportedState> = fc.record({
  attributes: fc.dictionary(
    name,
    fc.oneof({ weight: 9, arbitrary: text }, { weight: 1, arbitrary: fc.array(text) }) as fc.Arbitrary<DirectoryValue>,
  ),
  cn: fc.option(text, { nil: null }),
  parentDistinguishedName: fc.option(text, { nil: null }),
  accountDisabled: fc.option(fc.boolean(), { nil: null }),
  references: fc.dictionary(name, text),
});

const link = fc.record({
  anchor: fc.oneof(fc.nat({ max: 2 ** 32 - 1 }), text),
  state: fc.option(state, { nil: null }),
  wasInScope: fc.boolean(),
});

/** As a store would give it back: names in their order, every value. */
const asStored = (l: LinkState) => JSON.parse(JSON.stringify(l, (_, v: unknown) => v)) as unknown;

describe("CompactLinks", () => {
  it("gives back every link as stored, names in their order (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: 40 }), link), { maxLength: 60 }), (writes) => {
        const links = new CompactLinks();
        const expected = new Map<number, LinkState>();
        for (const [index, { anchor, state: exported, wasInScope }] of writes) {
          links.set(index, anchor, exported, wasInScope);
          const stored = {
            anchor: typeof anchor === "number" ? accountAnchor(anchor) : anchor,
            exportedAttributes: exported,
            wasInScope,
          };
          expected.set(index, stored);
        }
        for (let index = 0; index <= 40; index++) {
          const want = expected.get(index);
          expect(links.has(index)).toBe(want !== undefined);
          if (want === undefined) {
            expect(links.get(index)).toBeNull();
            continue;
          }
          const got = links.get(index) as LinkState;
          expect(asStored(got)).toEqual(asStored(want));
          expect(Object.keys(got.exportedAttributes?.attributes ?? {})).toEqual(
            Object.keys(want.exportedAttributes?.attributes ?? {}),
          );
          expect(links.wasInScope(index)).toBe(want.wasInScope);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps links across many pages, read while they are written", () => {
    const links = new CompactLinks();
    const expected: LinkState[] = [];
    const big = "é".repeat(3000) + "Dương".repeat(200);
    for (let i = 0; i < 400; i++) {
      const exported: ExportedState = {
        attributes: { description: `${i}:${big.slice(0, (i * 37) % big.length)}`, sn: `n${i}` },
        cn: i % 3 === 0 ? null : `cn ${i}`,
        parentDistinguishedName: "OU=Users,DC=contoso,DC=com",
        accountDisabled: i % 2 === 0,
        references: i % 5 === 0 ? {} : { manager: accountAnchor(i) },
      };
      links.set(i, i + 1, exported, i % 7 !== 0);
      expected.push({ anchor: accountAnchor(i + 1), exportedAttributes: exported, wasInScope: i % 7 !== 0 });
      // Reading closes the page being filled early; later links go on in a new page.
      if (i % 97 === 0) expect(links.get(i)).toEqual(expected[i]);
    }
    for (const [i, link] of expected.entries()) expect(links.get(i)).toEqual(link);
  });

  it("keeps an encodable link as one string, not the objects it was given", () => {
    const links = new CompactLinks();
    const exported: ExportedState = {
      attributes: { givenName: "Ann", sn: "Lee" },
      cn: "Ann Lee",
      parentDistinguishedName: "OU=Users,DC=contoso,DC=com",
      accountDisabled: false,
      references: { manager: accountAnchor(7) },
    };
    links.set(0, 1, exported, true);
    const got = links.get(0);
    expect(got).toEqual({ anchor: accountAnchor(1), exportedAttributes: exported, wasInScope: true });
    expect(got?.exportedAttributes).not.toBe(exported);
    expect(links.get(0)?.exportedAttributes).not.toBe(got?.exportedAttributes); // decoded afresh each time
  });

  it("keeps a link with a multi-valued attribute as it is", () => {
    const links = new CompactLinks();
    const exported: ExportedState = {
      attributes: { proxyAddresses: ["smtp:a@x", "smtp:b@x"] },
      cn: null,
      parentDistinguishedName: null,
      accountDisabled: null,
      references: {},
    };
    links.set(3, "guid-3", exported, false);
    expect(links.get(3)).toEqual({ anchor: "guid-3", exportedAttributes: exported, wasInScope: false });
    expect(links.get(3)?.exportedAttributes).toBe(exported);
  });
});
