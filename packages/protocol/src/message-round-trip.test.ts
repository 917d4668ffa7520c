import { describe, expect, it } from "vitest";
import { agentMessage, coordinatorMessage } from "./message-factory.js";
import {
  AGENT_MESSAGE_SCHEMAS,
  COORDINATOR_MESSAGE_SCHEMAS,
  type AgentToCoordinatorMessage,
  type CoordinatorToAgentMessage,
} from "./message-schemas.js";
import { encodeMessage, parseAgentMessage, parseCoordinatorMessage } from "./parse-message.js";

const CREDENTIAL = "c2VjcmV0LWNyZWRlbnRpYWwtZm9yLXRlc3Rz";
const GUID = "0f8fad5b-d9cb-469f-a165-70867728950e";

const agentExamples: AgentToCoordinatorMessage[] = [
  agentMessage("register", {
    token: "one-time-registration-token",
    hostname: "prov01.corp.example.com",
    agentVersion: "1.4.0",
  }),
  agentMessage("register", {
    token: "one-time-registration-token",
    agentId: "agent-7",
    hostname: "prov01",
    agentVersion: "1.4.0",
  }),
  agentMessage("hello", {
    agentId: "agent-7",
    credential: CREDENTIAL,
    hostname: "prov01",
    agentVersion: "1.4.0",
    capabilities: ["dialect:activeDirectory", "referrals"],
    domains: ["corp.example.com", "emea.corp.example.com"],
  }),
  agentMessage("heartbeat", { sentAt: 1_767_225_600_000, inFlight: 3 }),
  agentMessage("ack", { inReplyTo: "batch-1" }),
  agentMessage("credit", { n: 25 }),
  agentMessage("operationResult", {
    inReplyTo: "batch-1",
    result: {
      idempotencyKey: "job1:w42:create",
      status: "applied",
      anchor: GUID,
      dn: "CN=Ada Lovelace,OU=Staff,DC=corp,DC=example,DC=com",
    },
  }),
  agentMessage("batchResult", {
    inReplyTo: "batch-1",
    results: [
      { idempotencyKey: "k1", status: "alreadyApplied", anchor: GUID, dn: "CN=A,DC=x" },
      {
        idempotencyKey: "k2",
        status: "failed",
        errorCode: "NoSuchParent",
        message: "OU=Gone does not exist",
        retryable: false,
        ldapCode: 32,
      },
      { idempotencyKey: "k3", status: "failed", errorCode: "Timeout", message: "DC did not answer", retryable: true },
    ],
  }),
  agentMessage("queryResult", {
    inReplyTo: "q-1",
    ok: true,
    result: {
      kind: "findByMatchingAttribute",
      matches: [
        {
          value: "21000",
          entries: [
            {
              anchor: GUID,
              dn: "CN=Ada,OU=Staff,DC=x",
              attributes: {
                employeeID: "21000",
                proxyAddresses: ["SMTP:ada@x", "smtp:al@x"],
                manager: null,
                accountDisabled: "False",
                parentDistinguishedName: "OU=Staff,DC=x",
              },
            },
          ],
        },
        { value: "21001", entries: [] },
      ],
    },
  }),
  agentMessage("queryResult", { inReplyTo: "q-2", ok: true, result: { kind: "isTaken", taken: ["ada.lovelace"] } }),
  agentMessage("queryResult", {
    inReplyTo: "q-3",
    ok: true,
    result: {
      kind: "readByAnchor",
      entries: [{ anchor: GUID, dn: "CN=Ada,DC=x", attributes: {} }],
      missing: ["b3c5e7a9-0000-4000-8000-000000000001"],
    },
  }),
  agentMessage("queryResult", {
    inReplyTo: "q-4",
    ok: true,
    result: {
      kind: "testConnection",
      dialect: "activeDirectory",
      server: "dc01.corp.example.com",
      namingContexts: ["DC=corp,DC=example,DC=com"],
      latencyMs: 4,
    },
  }),
  agentMessage("queryResult", {
    inReplyTo: "q-5",
    ok: true,
    result: {
      kind: "readSchema",
      attributes: [
        { name: "sAMAccountName", singleValued: true, syntax: "1.2.840.113556.1.4.905", maxLength: 20 },
        { name: "proxyAddresses", singleValued: false },
      ],
    },
  }),
  agentMessage("queryResult", {
    inReplyTo: "q-6",
    ok: false,
    error: {
      errorCode: "InsufficientAccessRights",
      message: "bind account cannot read OU=Staff",
      retryable: false,
      ldapCode: 50,
    },
  }),
  agentMessage("protocolError", { code: "AgentProtocolError", message: "Invalid batch message", inReplyTo: "batch-9" }),
];

const coordinatorExamples: CoordinatorToAgentMessage[] = [
  coordinatorMessage("registered", { inReplyTo: "reg-1", agentId: "agent-7", credential: CREDENTIAL }),
  coordinatorMessage("welcome", {
    inReplyTo: "hello-1",
    agentId: "agent-7",
    heartbeatIntervalMs: 30_000,
    maxInFlight: 50,
    maxOperationsPerBatch: 100,
  }),
  coordinatorMessage("refused", {
    inReplyTo: "hello-1",
    code: "Unauthorized",
    message: "The agent credential is not valid.",
  }),
  coordinatorMessage("heartbeat", { sentAt: 1_767_225_600_000 }),
  coordinatorMessage("ack", { inReplyTo: "result-1" }),
  coordinatorMessage("batch", {
    domain: "corp.example.com",
    operations: [
      {
        idempotencyKey: "k-create",
        operation: {
          kind: "create",
          parentDn: "OU=Staff,DC=corp,DC=example,DC=com",
          cn: "Ada Lovelace",
          attributes: { givenName: "Ada", proxyAddresses: ["SMTP:ada@x"] },
          accountDisabled: true,
        },
      },
      {
        idempotencyKey: "k-update",
        operation: { kind: "update", anchor: GUID, changes: { title: "Engineer", mobile: null } },
      },
      { idempotencyKey: "k-enable", operation: { kind: "enable", anchor: GUID } },
      { idempotencyKey: "k-disable", operation: { kind: "disable", anchor: GUID } },
      { idempotencyKey: "k-move", operation: { kind: "move", anchor: GUID, newParentDn: "OU=Leavers,DC=x" } },
      { idempotencyKey: "k-rename", operation: { kind: "rename", anchor: GUID, newCn: "Ada King" } },
      {
        idempotencyKey: "k-ref",
        operation: {
          kind: "setReference",
          anchor: GUID,
          attribute: "manager",
          targetAnchor: "b3c5e7a9-0000-4000-8000-000000000001",
        },
      },
      {
        idempotencyKey: "k-unref",
        operation: { kind: "setReference", anchor: GUID, attribute: "manager", targetAnchor: null },
      },
      { idempotencyKey: "k-delete", operation: { kind: "delete", anchor: GUID } },
    ],
  }),
  coordinatorMessage("query", {
    domain: "corp.example.com",
    query: {
      kind: "findByMatchingAttribute",
      attribute: "employeeID",
      values: ["21000", "21001"],
      attributes: ["mail", "manager"],
    },
  }),
  coordinatorMessage("query", {
    domain: "corp.example.com",
    query: { kind: "isTaken", attribute: "sAMAccountName", values: ["alovelace", "alovelace2"], excludeAnchor: GUID },
  }),
  coordinatorMessage("query", {
    domain: "corp.example.com",
    query: { kind: "readByAnchor", anchors: [GUID], attributes: ["mail"] },
  }),
  coordinatorMessage("query", { domain: "corp.example.com", query: { kind: "testConnection" } }),
  coordinatorMessage("query", { domain: "corp.example.com", query: { kind: "readSchema" } }),
  coordinatorMessage("protocolError", { code: "AgentVersionMismatch", message: "major versions differ" }),
];

describe("round trip of every message type", () => {
  it("covers every agent → coordinator type", () => {
    expect(new Set(agentExamples.map((message) => message.type))).toEqual(new Set(Object.keys(AGENT_MESSAGE_SCHEMAS)));
  });

  it("covers every coordinator → agent type", () => {
    expect(new Set(coordinatorExamples.map((message) => message.type))).toEqual(
      new Set(Object.keys(COORDINATOR_MESSAGE_SCHEMAS)),
    );
  });

  it.each(agentExamples.map((message) => [message.type, message] as const))("agent %s", (_type, message) => {
    expect(parseAgentMessage(encodeMessage(message))).toEqual({ ok: true, message });
    expect(parseAgentMessage(Buffer.from(encodeMessage(message), "utf8"))).toEqual({ ok: true, message });
  });

  it.each(coordinatorExamples.map((message) => [message.type, message] as const))(
    "coordinator %s",
    (_type, message) => {
      expect(parseCoordinatorMessage(encodeMessage(message))).toEqual({ ok: true, message });
    },
  );

  it("fills the envelope with the current version and a fresh id", () => {
    const first = agentMessage("credit", { n: 1 });
    const second = agentMessage("credit", { n: 1 });
    expect(first.v).toBe("1.0");
    expect(first.id).not.toBe(second.id);
    expect(coordinatorMessage("heartbeat", { sentAt: 5 }, "fixed-id")).toEqual({
      v: "1.0",
      id: "fixed-id",
      type: "heartbeat",
      sentAt: 5,
    });
  });
});
