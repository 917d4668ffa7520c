import { describe, expect, it } from "vitest";
import { agentMessage, coordinatorMessage, protocolErrorReply } from "./message-factory.js";
import {
  encodeMessage,
  parseAgentMessage,
  parseCoordinatorMessage,
  type ParseResult,
  type ProtocolError,
} from "./parse-message.js";
import { PROTOCOL_LIMITS } from "./protocol-limits.js";

const GUID = "0f8fad5b-d9cb-469f-a165-70867728950e";

function errorOf(result: ParseResult<unknown>): ProtocolError {
  if (result.ok) throw new Error(`expected a protocol error, got a ${JSON.stringify(result.message).slice(0, 80)}`);
  return result.error;
}

const batchWith = (count: number, operation: object = { kind: "enable", anchor: GUID }) =>
  JSON.stringify({
    v: "1.0",
    id: "batch-1",
    type: "batch",
    domain: "corp.example.com",
    operations: Array.from({ length: count }, (_, index) => ({ idempotencyKey: `k${index}`, operation })),
  });

describe("malformed input becomes a protocol error", () => {
  it.each([
    ["invalid JSON", "{not json", /not valid JSON/],
    ["an empty message", "", /not valid JSON/],
    ["a JSON array", "[1,2]", /must be a JSON object/],
    ["JSON null", "null", /must be a JSON object/],
    ["a missing version", '{"id":"m1","type":"heartbeat","sentAt":1}', /field "v"/],
    ["a malformed version", '{"v":"one","id":"m1","type":"heartbeat","sentAt":1}', /field "v"/],
    ["a missing type", '{"v":"1.0","id":"m1"}', /no message type/],
  ])("rejects %s", (_case, raw, expected) => {
    const error = errorOf(parseCoordinatorMessage(raw));
    expect(error.code).toBe("AgentProtocolError");
    expect(error.message).toMatch(expected);
  });

  it("rejects an unknown type, naming it and the known ones", () => {
    const error = errorOf(parseAgentMessage('{"v":"1.0","id":"m1","type":"selfDestruct"}'));
    expect(error).toEqual({
      code: "AgentProtocolError",
      inReplyTo: "m1",
      message: expect.stringMatching(
        /Unknown message type "selfDestruct" from the agent; expected one of: register, hello, /,
      ),
    });
  });

  it("rejects a type that only the other direction may send", () => {
    expect(errorOf(parseAgentMessage(encodeMessage(coordinatorMessage("heartbeat", { sentAt: 1 }))))).toMatchObject({
      message: expect.stringContaining("inFlight"),
    });
    expect(errorOf(parseAgentMessage(batchWith(1))).message).toMatch(/Unknown message type "batch"/);
    expect(errorOf(parseCoordinatorMessage(encodeMessage(agentMessage("credit", { n: 1 })))).message).toMatch(
      /Unknown message type "credit"/,
    );
  });

  it("rejects a message without an id, and has no id to reply to", () => {
    const error = errorOf(parseCoordinatorMessage('{"v":"1.0","type":"heartbeat","sentAt":1}'));
    expect(error.code).toBe("AgentProtocolError");
    expect(error.message).toMatch(/^Invalid heartbeat message from the coordinator: id: /);
    expect(error).not.toHaveProperty("inReplyTo");
  });

  it("rejects wrong field types, naming the field path", () => {
    const raw = batchWith(1, {
      kind: "create",
      parentDn: "OU=Staff,DC=x",
      cn: "Ada",
      attributes: {},
      accountDisabled: "yes",
    });
    const error = errorOf(parseCoordinatorMessage(raw));
    expect(error.inReplyTo).toBe("batch-1");
    expect(error.message).toMatch(/operations\.0\.operation\.accountDisabled: /);
  });

  it("rejects an unknown operation kind", () => {
    expect(errorOf(parseCoordinatorMessage(batchWith(1, { kind: "explode", anchor: GUID }))).message).toMatch(
      /operations\.0\.operation\.kind/,
    );
  });

  it("rejects a result status outside applied / alreadyApplied / failed", () => {
    const raw = JSON.stringify({
      v: "1.0",
      id: "r1",
      type: "operationResult",
      inReplyTo: "b1",
      result: { idempotencyKey: "k", status: "maybe" },
    });
    expect(errorOf(parseAgentMessage(raw)).message).toMatch(/result\.status/);
  });

  it("rejects a failure without an error code, and error codes that are not registry names", () => {
    const failure = (extra: object) =>
      JSON.stringify({
        v: "1.0",
        id: "r1",
        type: "operationResult",
        inReplyTo: "b1",
        result: { idempotencyKey: "k", status: "failed", message: "m", retryable: false, ...extra },
      });
    expect(errorOf(parseAgentMessage(failure({}))).message).toMatch(/result\.errorCode/);
    expect(errorOf(parseAgentMessage(failure({ errorCode: "no such parent" }))).message).toMatch(/result\.errorCode/);
    expect(parseAgentMessage(failure({ errorCode: "NoSuchParent" })).ok).toBe(true);
  });

  it("rejects attribute names that are not LDAP names", () => {
    const raw = batchWith(1, { kind: "update", anchor: GUID, changes: { "mail address": "x" } });
    expect(errorOf(parseCoordinatorMessage(raw)).message).toMatch(/changes/);
  });

  it("rejects duplicate idempotency keys within a batch", () => {
    const raw = JSON.stringify({
      v: "1.0",
      id: "b1",
      type: "batch",
      domain: "d",
      operations: [
        { idempotencyKey: "same", operation: { kind: "enable", anchor: GUID } },
        { idempotencyKey: "same", operation: { kind: "disable", anchor: GUID } },
      ],
    });
    expect(errorOf(parseCoordinatorMessage(raw)).message).toMatch(/idempotency keys must be unique/);
  });

  it("rejects invalid UTF-8 bytes", () => {
    expect(errorOf(parseAgentMessage(Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]))).message).toMatch(/not valid UTF-8/);
  });

  it("accepts fragments and ArrayBuffers as ws delivers them", () => {
    const text = encodeMessage(agentMessage("credit", { n: 3 }, "c1"));
    const bytes = Buffer.from(text, "utf8");
    const fragments = [bytes.subarray(0, 5), bytes.subarray(5)];
    const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    for (const raw of [fragments, arrayBuffer]) {
      expect(parseAgentMessage(raw)).toEqual({ ok: true, message: { v: "1.0", id: "c1", type: "credit", n: 3 } });
    }
  });

  it("drops fields it does not know (a newer minor version may add optional ones)", () => {
    const result = parseAgentMessage('{"v":"1.9","id":"c1","type":"credit","n":2,"priority":"high"}');
    expect(result).toEqual({ ok: true, message: { v: "1.9", id: "c1", type: "credit", n: 2 } });
  });
});

describe("version rules", () => {
  it("refuses another major version, naming both versions", () => {
    const hello = {
      ...agentMessage(
        "hello",
        {
          agentId: "a1",
          credential: "0123456789abcdef",
          hostname: "h",
          agentVersion: "2.0.0",
          capabilities: [],
          domains: [],
        },
        "h1",
      ),
      v: "2.0",
    };
    const error = errorOf(parseAgentMessage(JSON.stringify(hello)));
    expect(error.code).toBe("AgentVersionMismatch");
    expect(error.inReplyTo).toBe("h1");
    expect(error.message).toBe(
      "Protocol version mismatch: the agent speaks version 2.0 but this coordinator speaks version 1.0; the major versions must match. Upgrade the older side.",
    );
  });

  it("refuses another major even for a type this side does not know", () => {
    expect(errorOf(parseCoordinatorMessage('{"v":"0.3","id":"x","type":"teleport"}')).code).toBe(
      "AgentVersionMismatch",
    );
  });

  it("still reads refused and protocolError from another major, so the reason reaches the agent", () => {
    const refused = '{"v":"3.0","id":"x","type":"refused","code":"AgentVersionMismatch","message":"agent too old"}';
    expect(parseCoordinatorMessage(refused)).toMatchObject({
      ok: true,
      message: { type: "refused", message: "agent too old" },
    });
    const protocolError = '{"v":"3.0","id":"y","type":"protocolError","code":"AgentVersionMismatch","message":"no"}';
    expect(parseAgentMessage(protocolError)).toMatchObject({ ok: true, message: { type: "protocolError" } });
  });
});

describe("limits", () => {
  it(`accepts ${PROTOCOL_LIMITS.maxOperationsPerBatch} operations per batch and refuses one more`, () => {
    expect(parseCoordinatorMessage(batchWith(PROTOCOL_LIMITS.maxOperationsPerBatch)).ok).toBe(true);
    expect(errorOf(parseCoordinatorMessage(batchWith(PROTOCOL_LIMITS.maxOperationsPerBatch + 1))).message).toMatch(
      /operations: /,
    );
  });

  it("refuses an empty batch", () => {
    expect(parseCoordinatorMessage(batchWith(0)).ok).toBe(false);
  });

  it("refuses a DN longer than the limit", () => {
    const longDn = `OU=${"x".repeat(PROTOCOL_LIMITS.maxDnLength)}`;
    expect(
      errorOf(parseCoordinatorMessage(batchWith(1, { kind: "move", anchor: GUID, newParentDn: longDn }))).message,
    ).toMatch(/newParentDn/);
  });

  it("refuses an attribute value longer than the limit, single or multi-valued", () => {
    const long = "v".repeat(PROTOCOL_LIMITS.maxAttributeValueLength + 1);
    expect(parseCoordinatorMessage(batchWith(1, { kind: "update", anchor: GUID, changes: { info: long } })).ok).toBe(
      false,
    );
    expect(
      parseCoordinatorMessage(batchWith(1, { kind: "update", anchor: GUID, changes: { info: ["ok", long] } })).ok,
    ).toBe(false);
    expect(
      parseCoordinatorMessage(batchWith(1, { kind: "update", anchor: GUID, changes: { info: long.slice(1) } })).ok,
    ).toBe(true);
  });

  it("refuses more values per query than the limit", () => {
    const query = (count: number) =>
      JSON.stringify({
        v: "1.0",
        id: "q1",
        type: "query",
        domain: "d",
        query: {
          kind: "isTaken",
          attribute: "sAMAccountName",
          values: Array.from({ length: count }, (_, index) => `user${index}`),
        },
      });
    expect(parseCoordinatorMessage(query(PROTOCOL_LIMITS.maxQueryValues)).ok).toBe(true);
    expect(errorOf(parseCoordinatorMessage(query(PROTOCOL_LIMITS.maxQueryValues + 1))).message).toMatch(
      /query\.values/,
    );
  });

  it("refuses a message over the byte limit before parsing it, as text or bytes", () => {
    const padding = "x".repeat(PROTOCOL_LIMITS.maxMessageBytes);
    const raw = JSON.stringify({ v: "1.0", id: "big", type: "ack", inReplyTo: "m", padding });
    const expected = {
      code: "AgentProtocolError",
      message: `A message from the agent exceeds the limit of ${PROTOCOL_LIMITS.maxMessageBytes} bytes.`,
    };
    expect(errorOf(parseAgentMessage(raw))).toEqual(expected);
    expect(errorOf(parseAgentMessage(Buffer.from(raw)))).toEqual(expected);
  });

  it("counts UTF-8 bytes, not characters", () => {
    // 3 bytes per "€": under the limit in characters, over it in bytes.
    const padding = "€".repeat(Math.ceil(PROTOCOL_LIMITS.maxMessageBytes / 3) + 1);
    const raw = JSON.stringify({ v: "1.0", id: "big", type: "ack", inReplyTo: "m", padding });
    expect(raw.length).toBeLessThan(PROTOCOL_LIMITS.maxMessageBytes);
    expect(errorOf(parseAgentMessage(raw)).message).toMatch(/exceeds the limit/);
  });

  it("shortens echoed peer text in errors", () => {
    const error = errorOf(parseAgentMessage(JSON.stringify({ v: "1.0", id: "m", type: "t".repeat(10_000) })));
    expect(error.message.length).toBeLessThan(400);
  });
});

describe("protocolErrorReply", () => {
  it("answers a bad message with a protocolError both sides can read", () => {
    const error = errorOf(parseAgentMessage('{"v":"1.0","id":"m7","type":"credit","n":0}'));
    const reply = protocolErrorReply(error, "e1");
    expect(reply).toEqual({
      v: "1.0",
      id: "e1",
      type: "protocolError",
      code: "AgentProtocolError",
      inReplyTo: "m7",
      message: error.message,
    });
    expect(parseCoordinatorMessage(encodeMessage(reply))).toEqual({ ok: true, message: reply });
    expect(parseAgentMessage(encodeMessage(reply))).toEqual({ ok: true, message: reply });
  });

  it("omits inReplyTo when the offending message had no readable id", () => {
    const reply = protocolErrorReply(errorOf(parseAgentMessage("garbage")));
    expect(reply).not.toHaveProperty("inReplyTo");
    expect(reply.message).toMatch(/not valid JSON/);
  });
});
