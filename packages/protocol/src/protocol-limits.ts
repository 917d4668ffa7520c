/**
 * Size and count limits. A peer that exceeds them gets an AgentProtocolError
 * instead of making the other side allocate without bound. The coordinator splits
 * work to stay within them (batches, query values).
 */
export const PROTOCOL_LIMITS = {
  /** A whole encoded message, in UTF-8 bytes. Checked before JSON parsing. */
  maxMessageBytes: 8 * 1024 * 1024,
  /** Message ids, idempotency keys, agent ids, anchors. */
  maxIdLength: 128,
  maxOperationsPerBatch: 500,
  /** Values in one query (matching values, candidate values, anchors). */
  maxQueryValues: 1000,
  /** Entries reported for one matching value; two already mean "duplicate". */
  maxEntriesPerMatch: 100,
  maxDnLength: 2048,
  maxAttributeNameLength: 256,
  maxAttributeValueLength: 32_768,
  /** AD returns at most 1500 values of one attribute without ranged retrieval. */
  maxValuesPerAttribute: 1500,
  maxAttributesPerEntry: 512,
  /** Human-readable messages (errors, refusals). */
  maxTextLength: 4096,
  /** Registration tokens and agent credentials. */
  minSecretLength: 16,
  maxSecretLength: 4096,
  maxDomainLength: 255,
  maxDomainsPerAgent: 100,
  maxCapabilities: 64,
  maxSchemaAttributes: 20_000,
  /** Upper bound for maxInFlight and for one credit grant. */
  maxCredits: 10_000,
  minHeartbeatIntervalMs: 1000,
  maxHeartbeatIntervalMs: 600_000,
} as const;
