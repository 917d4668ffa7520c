import fc from "fast-check";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { FragmentCache, PAGE_BUILDER, preserialised, serialise, WORKER_BUILDER } from "./xml-builders.js";

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false, parseAttributeValue: false, trimValues: false, htmlEntities: true });

/** XML 1.0 characters (no C0 controls other than tab and newline; \r is normalised by parsers). */
const xmlText = fc.string({ unit: "grapheme" }).map((text) => text.replace(/[\u0000-\u0008\u000b-\u001f\ufffe\uffff]/g, " "));

describe("XML builders", () => {
  it("round-trips any text and attribute value, also through a cached fragment placed by a stop node", () => {
    fc.assert(
      fc.property(xmlText, xmlText, (text, attribute) => {
        const inner = serialise({ "wd:E": { "@_wd:a": attribute, "#text": text } });
        const xml = WORKER_BUILDER.build({ "wd:Worker": { "@_wd:b": attribute, "wd:Worker_Data": preserialised(inner) } }) as string;
        const parsed = parser.parse(xml) as { "wd:Worker": { "@_wd:b": string; "wd:Worker_Data": { "wd:E": { "@_wd:a": string; "#text"?: string } } } };
        expect(parsed["wd:Worker"]["@_wd:b"]).toBe(attribute);
        expect(parsed["wd:Worker"]["wd:Worker_Data"]["wd:E"]["@_wd:a"]).toBe(attribute);
        expect(parsed["wd:Worker"]["wd:Worker_Data"]["wd:E"]["#text"] ?? "").toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it("escapes markup, keeps attribute newlines as references and places fragments verbatim", () => {
    expect(serialise({ "wd:N": { "@_wd:x": `a"b\nc<&>`, "#text": `O'Brien & <Sons> "Ltd"` } })).toBe(
      `<wd:N wd:x="a&quot;b&#xa;c&lt;&amp;&gt;">O'Brien &amp; &lt;Sons&gt; "Ltd"</wd:N>`,
    );
    const page = PAGE_BUILDER.build({ r: { "wd:Response_Data": preserialised("<wd:Worker>1</wd:Worker><wd:Worker>2</wd:Worker>"), "wd:Empty": "" } });
    expect(page).toBe("<r><wd:Response_Data><wd:Worker>1</wd:Worker><wd:Worker>2</wd:Worker></wd:Response_Data><wd:Empty></wd:Empty></r>");
  });

  it("builds a cached fragment once and starts over when full", () => {
    const cache = new FragmentCache(2);
    let builds = 0;
    const build = (text: string) => () => {
      builds++;
      return text;
    };
    expect(cache.get("a", build("A"))).toBe("A");
    expect(cache.get("a", build("other"))).toBe("A");
    cache.get("b", build("B"));
    expect(cache.size).toBe(2);
    cache.get("c", build("C"));
    expect(cache.size).toBe(1);
    expect(builds).toBe(3);
  });
});
