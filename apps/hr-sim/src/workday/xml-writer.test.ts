import fc from "fast-check";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { escapeXml, writeXmlDocument } from "./xml-writer.js";

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false, parseAttributeValue: false, trimValues: false });

describe("writeXmlDocument", () => {
  it("writes attributes, text, repeated and empty elements", () => {
    const xml = writeXmlDocument({
      "wd:Root": { "@_xmlns:wd": "urn:x", "wd:ID": [{ "@_wd:type": "WID", "#text": "a1" }, { "@_wd:type": "Employee_ID", "#text": "7" }], "wd:Empty": "", "wd:N": 3 },
    });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><wd:Root xmlns:wd="urn:x"><wd:ID wd:type="WID">a1</wd:ID><wd:ID wd:type="Employee_ID">7</wd:ID><wd:Empty/><wd:N>3</wd:N></wd:Root>',
    );
  });

  it("round-trips any text and attribute value through an XML parser", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (text, attribute) => {
        const cleanText = text.replace(/[\r\t]/g, " ");
        const xml = writeXmlDocument({ r: { "@_a": attribute, e: { "#text": cleanText, "@_b": "1" } } });
        const parsed = parser.parse(xml) as { r: { "@_a": string; e: { "#text"?: string } } };
        expect(parsed.r["@_a"]).toBe(attribute);
        expect(parsed.r.e["#text"] ?? "").toBe(cleanText);
      }),
      { numRuns: 200 },
    );
  });

  it("escapes markup characters and keeps newlines in attributes as references", () => {
    expect(escapeXml(`O'Brien & <Sons> "Ltd"\nline`)).toBe("O'Brien &amp; &lt;Sons&gt; &quot;Ltd&quot;&#xa;line");
    expect(escapeXml("plain")).toBe("plain");
  });
});
