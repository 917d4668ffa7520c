import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VERSION_INDEPENDENT_MESSAGE_TYPES } from "./message-schemas.js";
import { encodeMessage, parseAgentMessage, parseCoordinatorMessage, type ParseResult } from "./parse-message.js";
import { agentMessageArbitrary, coordinatorMessageArbitrary } from "./test-support/message-arbitraries.js";

const parsers = [parseAgentMessage, parseCoordinatorMessage] as const;

/** A parse outcome is always one of the two documented shapes. */
function expectWellFormed(result: ParseResult<unknown>): void {
  if (result.ok) {
    expect(typeof result.message).toBe("object");
  } else {
    expect(["AgentProtocolError", "AgentVersionMismatch"]).toContain(result.error.code);
    expect(result.error.message.length).toBeGreaterThan(0);
  }
}

/** Valid messages with one field replaced by an arbitrary JSON value (or removed). */
const mutated = (message: fc.Arbitrary<object>) =>
  fc.tuple(message, fc.nat(), fc.option(fc.jsonValue(), { nil: undefined })).map(([value, index, replacement]) => {
    const copy: Record<string, unknown> = { ...value };
    const keys = Object.keys(copy);
    const key = keys[index % keys.length]!;
    if (replacement === undefined) delete copy[key];
    else copy[key] = replacement;
    return JSON.stringify(copy);
  });

describe("parsing never throws", () => {
  it.each([
    ["arbitrary strings", fc.string({ unit: "binary", maxLength: 200 })],
    ["arbitrary JSON text", fc.json()],
    [
      "arbitrary JSON objects with envelope-like fields",
      fc.record({ v: fc.jsonValue(), id: fc.jsonValue(), type: fc.jsonValue() }).map((value) => JSON.stringify(value)),
    ],
    ["valid agent messages with one field mutated", mutated(agentMessageArbitrary)],
    ["valid coordinator messages with one field mutated", mutated(coordinatorMessageArbitrary)],
  ])("for %s", (_name, raw: fc.Arbitrary<string>) => {
    fc.assert(
      fc.property(raw, (text) => {
        for (const parse of parsers) expectWellFormed(parse(text));
      }),
    );
  });

  it("for arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        for (const parse of parsers) expectWellFormed(parse(bytes));
      }),
    );
  });
});

describe("valid messages round-trip", () => {
  it("agent → coordinator", () => {
    fc.assert(
      fc.property(agentMessageArbitrary, (message) => {
        expect(parseAgentMessage(encodeMessage(message))).toEqual({ ok: true, message });
      }),
      { numRuns: 500 },
    );
  });

  it("coordinator → agent", () => {
    fc.assert(
      fc.property(coordinatorMessageArbitrary, (message) => {
        expect(parseCoordinatorMessage(encodeMessage(message))).toEqual({ ok: true, message });
      }),
      { numRuns: 500 },
    );
  });

  it("the same messages from another major version are refused, except the version-independent ones", () => {
    fc.assert(
      fc.property(
        coordinatorMessageArbitrary,
        fc.integer({ min: 2, max: 99 }),
        fc.nat({ max: 9 }),
        (message, major, minor) => {
          const result = parseCoordinatorMessage(encodeMessage({ ...message, v: `${major}.${minor}` }));
          if (VERSION_INDEPENDENT_MESSAGE_TYPES.has(message.type)) {
            expect(result.ok).toBe(true);
          } else {
            expect(result).toEqual({
              ok: false,
              error: {
                code: "AgentVersionMismatch",
                inReplyTo: message.id,
                message: expect.stringContaining(`version ${major}.${minor}`),
              },
            });
          }
        },
      ),
    );
  });
});
