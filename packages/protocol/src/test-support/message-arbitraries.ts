/** fast-check generators of valid messages for every type, in both directions. */
import fc from "fast-check";
import type { AgentToCoordinatorMessage, CoordinatorToAgentMessage } from "../message-schemas.js";
import type { OperationRequest, OperationResult, ProtocolDirectoryOperation } from "../operation-schemas.js";
import type { DirectoryQuery, DirectoryQueryAnswer, ProtocolTargetEntry } from "../query-schemas.js";
import { PROTOCOL_VERSION } from "../protocol-version.js";

const token = fc.stringMatching(/^[\x21-\x7e]{1,40}$/);
const secret = fc.stringMatching(/^[\x21-\x7e]{16,60}$/);
const version = fc.constantFrom(PROTOCOL_VERSION, "1.7", "1.12");
const attributeName = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/),
  fc.constantFrom("accountDisabled", "parentDistinguishedName", "userPrincipalName", "2.5.4.3", "cn;lang-en"),
);
/** "binary" includes lone surrogates and control characters: JSON must carry them intact. */
const attributeValue = fc.string({ maxLength: 24, unit: "binary" });
const dn = fc.string({ minLength: 1, maxLength: 60, unit: "grapheme" });
const directoryValue = fc.oneof(attributeValue, fc.array(attributeValue, { maxLength: 4 }));
const attributeMap = <T>(value: fc.Arbitrary<T>) =>
  fc.dictionary(attributeName, value, { maxKeys: 5, noNullPrototype: true });
const errorCode = fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,30}$/);
const text = fc.string({ maxLength: 80 });
const count = fc.integer({ min: 1, max: 10_000 });

export const directoryOperationArbitrary: fc.Arbitrary<ProtocolDirectoryOperation> = fc.oneof(
  fc.record({
    kind: fc.constant("create" as const),
    parentDn: dn,
    cn: dn,
    attributes: attributeMap(directoryValue),
    accountDisabled: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("update" as const),
    anchor: token,
    changes: attributeMap(fc.option(directoryValue, { nil: null })),
  }),
  fc.record({ kind: fc.constant("enable" as const), anchor: token }),
  fc.record({ kind: fc.constant("disable" as const), anchor: token }),
  fc.record({ kind: fc.constant("move" as const), anchor: token, newParentDn: dn }),
  fc.record({ kind: fc.constant("rename" as const), anchor: token, newCn: dn }),
  fc.record({
    kind: fc.constant("setReference" as const),
    anchor: token,
    attribute: attributeName,
    targetAnchor: fc.option(token, { nil: null }),
  }),
  fc.record({ kind: fc.constant("delete" as const), anchor: token }),
);

const operationRequests: fc.Arbitrary<OperationRequest[]> = fc
  .uniqueArray(token, { minLength: 1, maxLength: 6 })
  .chain((keys) =>
    fc.tuple(
      ...keys.map((key) => directoryOperationArbitrary.map((operation) => ({ idempotencyKey: key, operation }))),
    ),
  );

export const operationResultArbitrary: fc.Arbitrary<OperationResult> = fc.oneof(
  fc.record(
    {
      idempotencyKey: token,
      status: fc.constantFrom("applied" as const, "alreadyApplied" as const),
      anchor: token,
      dn,
    },
    { requiredKeys: ["idempotencyKey", "status"] },
  ),
  fc.record(
    {
      idempotencyKey: token,
      status: fc.constant("failed" as const),
      errorCode,
      message: text,
      retryable: fc.boolean(),
      ldapCode: fc.integer({ min: 0, max: 65_535 }),
    },
    { requiredKeys: ["idempotencyKey", "status", "errorCode", "message", "retryable"] },
  ),
);

const queryValues = fc.array(attributeValue, { minLength: 1, maxLength: 5 });
const attributeNames = fc.array(attributeName, { maxLength: 5 });

export const directoryQueryArbitrary: fc.Arbitrary<DirectoryQuery> = fc.oneof(
  fc.record({
    kind: fc.constant("findByMatchingAttribute" as const),
    attribute: attributeName,
    values: queryValues,
    attributes: attributeNames,
  }),
  fc.record(
    { kind: fc.constant("isTaken" as const), attribute: attributeName, values: queryValues, excludeAnchor: token },
    { requiredKeys: ["kind", "attribute", "values"] },
  ),
  fc.record({
    kind: fc.constant("readByAnchor" as const),
    anchors: fc.array(token, { minLength: 1, maxLength: 5 }),
    attributes: attributeNames,
  }),
  fc.record({ kind: fc.constant("testConnection" as const) }),
  fc.record({ kind: fc.constant("readSchema" as const) }),
);

const targetEntry: fc.Arbitrary<ProtocolTargetEntry> = fc.record({
  anchor: token,
  dn,
  attributes: attributeMap(fc.option(directoryValue, { nil: null })),
});

const queryAnswer: fc.Arbitrary<DirectoryQueryAnswer> = fc.oneof(
  fc.record({
    kind: fc.constant("findByMatchingAttribute" as const),
    matches: fc.array(fc.record({ value: attributeValue, entries: fc.array(targetEntry, { maxLength: 3 }) }), {
      maxLength: 3,
    }),
  }),
  fc.record({ kind: fc.constant("isTaken" as const), taken: fc.array(attributeValue, { maxLength: 4 }) }),
  fc.record({
    kind: fc.constant("readByAnchor" as const),
    entries: fc.array(targetEntry, { maxLength: 3 }),
    missing: fc.array(token, { maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant("testConnection" as const),
    dialect: fc.constantFrom("activeDirectory" as const, "openLdap" as const, "other" as const),
    server: fc.string({ minLength: 1, maxLength: 40 }),
    namingContexts: fc.array(dn, { maxLength: 3 }),
    latencyMs: fc.nat(),
  }),
  fc.record({
    kind: fc.constant("readSchema" as const),
    attributes: fc.array(
      fc.record(
        { name: attributeName, singleValued: fc.boolean(), syntax: fc.string({ maxLength: 30 }), maxLength: fc.nat() },
        { requiredKeys: ["name", "singleValued"] },
      ),
      { maxLength: 4 },
    ),
  }),
);

const envelope = { v: version, id: token };

const protocolError = fc.record(
  {
    ...envelope,
    type: fc.constant("protocolError" as const),
    inReplyTo: token,
    code: fc.constantFrom("AgentProtocolError" as const, "AgentVersionMismatch" as const),
    message: text,
  },
  { requiredKeys: ["v", "id", "type", "code", "message"] },
);
const ack = fc.record({ ...envelope, type: fc.constant("ack" as const), inReplyTo: token });

export const agentMessageArbitrary: fc.Arbitrary<AgentToCoordinatorMessage> = fc.oneof(
  fc.record(
    {
      ...envelope,
      type: fc.constant("register" as const),
      token: secret,
      agentId: token,
      hostname: token,
      agentVersion: token,
    },
    { requiredKeys: ["v", "id", "type", "token", "hostname", "agentVersion"] },
  ),
  fc.record({
    ...envelope,
    type: fc.constant("hello" as const),
    agentId: token,
    credential: secret,
    hostname: token,
    agentVersion: token,
    capabilities: fc.array(fc.stringMatching(/^[A-Za-z][A-Za-z0-9.:_-]{0,20}$/), { maxLength: 4 }),
    domains: fc.array(token, { maxLength: 3 }),
  }),
  fc.record({ ...envelope, type: fc.constant("heartbeat" as const), sentAt: fc.nat(), inFlight: fc.nat() }),
  ack,
  fc.record({ ...envelope, type: fc.constant("credit" as const), n: count }),
  fc.record({
    ...envelope,
    type: fc.constant("operationResult" as const),
    inReplyTo: token,
    result: operationResultArbitrary,
  }),
  fc.record({
    ...envelope,
    type: fc.constant("batchResult" as const),
    inReplyTo: token,
    results: fc.array(operationResultArbitrary, { minLength: 1, maxLength: 5 }),
  }),
  fc.oneof(
    fc.record({
      ...envelope,
      type: fc.constant("queryResult" as const),
      inReplyTo: token,
      ok: fc.constant(true as const),
      result: queryAnswer,
    }),
    fc.record({
      ...envelope,
      type: fc.constant("queryResult" as const),
      inReplyTo: token,
      ok: fc.constant(false as const),
      error: fc.record(
        { errorCode, message: text, retryable: fc.boolean(), ldapCode: fc.integer({ min: 0, max: 65_535 }) },
        { requiredKeys: ["errorCode", "message", "retryable"] },
      ),
    }),
  ),
  protocolError,
);

export const coordinatorMessageArbitrary: fc.Arbitrary<CoordinatorToAgentMessage> = fc.oneof(
  fc.record({
    ...envelope,
    type: fc.constant("registered" as const),
    inReplyTo: token,
    agentId: token,
    credential: secret,
  }),
  fc.record({
    ...envelope,
    type: fc.constant("welcome" as const),
    inReplyTo: token,
    agentId: token,
    heartbeatIntervalMs: fc.integer({ min: 1000, max: 600_000 }),
    maxInFlight: count,
    maxOperationsPerBatch: fc.integer({ min: 1, max: 500 }),
  }),
  fc.record(
    { ...envelope, type: fc.constant("refused" as const), inReplyTo: token, code: errorCode, message: text },
    { requiredKeys: ["v", "id", "type", "code", "message"] },
  ),
  fc.record({ ...envelope, type: fc.constant("heartbeat" as const), sentAt: fc.nat() }),
  ack,
  fc.record({ ...envelope, type: fc.constant("batch" as const), domain: token, operations: operationRequests }),
  fc.record({ ...envelope, type: fc.constant("query" as const), domain: token, query: directoryQueryArbitrary }),
  protocolError,
);
