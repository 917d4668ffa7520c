import { describe, expect, it } from "vitest";
import { WorkerExtractor } from "../extraction/worker-extractor.js";
import { readWorkersPage } from "../response/workers-page.js";
import { exampleResponseXml } from "../test-support/example-workers.js";
import { readLightSoapBody } from "../transport/soap-response.js";
import { lightFromDom } from "./light-dom.js";
import { ELEMENT_NODE, lightStringValue, lightTextChildren, type LightElement, type LightNode } from "./light-tree.js";
import { builtLightElement } from "./deferred-subtree.js";
import { parseLightXml } from "./light-tree-builder.js";
import { parseXml, XmlSyntaxError } from "./xml-document.js";

const CONTEXT = { operation: "Get_Workers", httpStatus: 200, redact: (text: string) => text };

describe("parseLightXml", () => {
  it("builds the same tree as xmldom for the example responses", () => {
    for (const shape of ["v21.1", "v30+"] as const) {
      const xml = exampleResponseXml(shape);
      expect(parseLightXml(xml)).toEqual(lightFromDom(parseXml(xml).documentElement!));
    }
  });

  it("decodes entities, normalises line breaks and attribute whitespace as xmldom does", () => {
    const xml = `<r a="1\t2\r\n3 &#10;&amp;"><x:b xmlns:x="urn:x">A&amp;B&#x42;&#67;&lt;\r\nz</x:b><![CDATA[<&>]]><![CDATA[]]></r>`;
    expect(parseLightXml(xml)).toEqual(lightFromDom(parseXml(xml).documentElement!));
    const root = parseLightXml(xml);
    expect(root.attributes[0]!.value).toBe("1 2 3 \n&");
    expect(root.children.map((child) => (child.kind === 1 ? child.namespace : child.value))).toEqual(["urn:x", "<&>"]);
  });

  it("keeps a lone text child as leafText, numbered right after the attributes", () => {
    const xml = `<r><a x="1" y="2">t</a><b>u<!--c-->v</b><c/><d><![CDATA[w]]></d><e>p<?pi z?>q</e></r>`;
    const root = parseLightXml(xml);
    expect(root).toEqual(lightFromDom(parseXml(xml).documentElement!));
    const [a, b, c, d, e] = root.children as LightElement[];
    expect(a!.leafText).toBe("t");
    expect(a!.children).toEqual([]);
    const texts: LightNode[] = [];
    lightTextChildren(a!, texts);
    expect(texts).toEqual([{ kind: 3, value: "t", order: a!.order + 3 }]);
    // The next node in document order follows the synthesized text node.
    expect(b!.order).toBe(a!.order + 4);
    // A comment or processing instruction ends a text node, as in a DOM.
    expect(b!.leafText).toBeUndefined();
    expect(b!.children.map((child) => (child.kind === ELEMENT_NODE ? child.localName : child.value))).toEqual([
      "u",
      "v",
    ]);
    expect(e!.children).toHaveLength(2);
    expect(c!.leafText).toBeUndefined();
    expect(c!.children).toEqual([]);
    expect(d!.children).toEqual([{ kind: 4, value: "w", order: d!.order + 1 }]);
    expect(lightStringValue(root)).toBe("tuvwpq");
  });

  it("resolves default namespaces and undeclarations, and drops namespace declarations", () => {
    const xml = `<?xml version="1.0"?>\n<r xmlns="urn:d" xmlns:p="urn:p" p:k="v"><a xmlns=""><b/></a><p:c/></r>\n`;
    const root = parseLightXml(xml);
    expect(root).toEqual(lightFromDom(parseXml(xml).documentElement!));
    expect(root.namespace).toBe("urn:d");
    expect(root.attributes).toEqual([
      { kind: 2, namespace: "urn:p", localName: "k", prefix: "p", value: "v", order: 1 },
    ]);
    const [a, c] = root.children as LightElement[];
    expect(a!.namespace).toBeNull();
    expect(a!.attributes).toEqual([]);
    expect((a!.children[0] as LightElement).namespace).toBeNull();
    expect(c!.namespace).toBe("urn:p");
  });

  it("logs deferred elements and builds them on each read, with the eager tree's shape and numbering", () => {
    const xml = `<r xmlns:p="urn:p"><w p:a="1">x<p:i>y</p:i><![CDATA[z]]><w><q:v xmlns:q="urn:q" q:b="2"/></w></w><p:w/><w/><e>t</e><w xmlns:p="urn:other"><p:i/></w></r>`;
    const eager = parseLightXml(xml);
    const lazy = parseLightXml(xml, { defer: { namespace: null, localName: "w" } });
    expect(lazy.children.map((child) => child.constructor.name)).toEqual([
      "DeferredElement",
      "Object",
      "DeferredElement",
      "Object",
      "DeferredElement",
    ]);
    const built = {
      ...lazy,
      children: lazy.children.map((child) => (child.kind === ELEMENT_NODE ? builtLightElement(child) : child)),
    };
    expect(built).toEqual(eager);
    const first = lazy.children[0] as LightElement;
    // Own fields are at hand; the content is built anew on every read and never cached.
    expect(first.attributes).toEqual((eager.children[0] as LightElement).attributes);
    expect(first.children).not.toBe(first.children);
    expect(lightStringValue(first)).toBe("xyz");
    // One qualified name bound to two namespaces in the log keeps both meanings.
    const last = builtLightElement(lazy.children[4] as LightElement);
    expect((last.children[0] as LightElement).namespace).toBe("urn:other");
    expect((builtLightElement(first).children[1] as LightElement).namespace).toBe("urn:p");
  });

  it("reports where the document is broken", () => {
    expect(() => parseLightXml("<a>\n  <b></c>\n</a>")).toThrow(/2:\d+: .*tag/);
  });

  it.each([
    ["mismatched tags", "<a><b></a>"],
    ["an unknown entity", "<a>&nbsp;</a>"],
    ["an unbound prefix", "<p:a/>"],
    ["a duplicate attribute", `<a b="1" b="2"/>`],
    ["'<' in an attribute", `<a b="<"/>`],
    ["content after the root", "<a/>x"],
    ["a second root", "<a/><b/>"],
    ["an unclosed root", "<a><b/>"],
    ["an unquoted attribute", "<a b=1/>"],
    ["a late XML declaration", ` <?xml version="1.0"?><a/>`],
    ["no root", "  "],
    ["an unbound attribute prefix", `<a p:b="1"/>`],
    ["a duplicate attribute under two prefixes", `<a xmlns:p="urn:u" xmlns:q="urn:u" p:b="1" q:b="2"/>`],
    ["']]>' in text", "<a>]]></a>"],
    ["a character XML forbids", "<a>\u0001</a>"],
    ["an unterminated comment", "<a><!-- x</a>"],
    ["text before the root", "x<a/>"],
  ])("rejects %s", (_, xml) => {
    expect(() => parseLightXml(xml)).toThrow(XmlSyntaxError);
  });
});

describe("extraction from the light tree", () => {
  it("reads the Workday namespace by URI, whatever the prefixes", () => {
    const xml = exampleResponseXml("v21.1")
      .replaceAll("wd:", "bsvc:")
      .replaceAll("xmlns:wd=", "xmlns:bsvc=")
      .replaceAll("env:", "soapenv:")
      .replaceAll("xmlns:env=", "xmlns:soapenv=");
    const page = readWorkersPage(readLightSoapBody(xml, CONTEXT), "Get_Workers", 1);
    const extractor = new WorkerExtractor({
      FirstName:
        "wd:Worker/wd:Worker_Data/wd:Personal_Data/wd:Name_Data/wd:Legal_Name_Data/wd:Name_Detail_Data/wd:First_Name/text()",
    });
    const item = extractor.extract(page.workers[0]!, { operation: "Get_Workers", page: 1, index: 1 }).item;
    expect(item.ok && item.worker.attributes.FirstName).toBe("Jordan");
  });

  it("evaluates XPaths outside the light subset with the xpath library", () => {
    const extractor = new WorkerExtractor({
      Parent: "name(..)",
      IdCount: "count(wd:Worker/wd:Worker_Reference/wd:ID)",
      Both: "wd:Worker/wd:Worker_Data/wd:User_ID | wd:Worker/wd:Worker_Data/wd:Worker_ID",
    });
    expect(extractor.librarySources).toHaveLength(3);
    const page = readWorkersPage(readLightSoapBody(exampleResponseXml("v21.1"), CONTEXT), "Get_Workers", 1);
    const item = extractor.extract(page.workers[0]!, { operation: "Get_Workers", page: 1, index: 1 }).item;
    if (!item.ok) throw item.error;
    expect(item.worker.attributes).toEqual({ Parent: "", IdCount: "2", Both: "21045" });
  });
});
