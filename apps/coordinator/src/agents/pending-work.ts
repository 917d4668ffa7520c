/**
 * The records the hub keeps for work it has been asked to do: one per operation of a
 * dispatch and one per query. An agent connection holds references to those it carries.
 */
import type { DirectoryQuery, DirectoryQueryAnswer, OperationRequest, OperationResult } from "@roster/protocol";

/** Called once per operation with its final result. */
export type ResultSink = (result: OperationResult) => void;

export interface PendingOperation {
  readonly request: OperationRequest;
  /** The domain as the caller named it (sent in the batch). */
  readonly domain: string;
  readonly domainKey: string;
  readonly deliver: ResultSink;
  /** True once a result was delivered to the caller (by an agent or by a timeout). */
  settled: boolean;
}

export interface PendingQuery {
  readonly domain: string;
  readonly domainKey: string;
  readonly query: DirectoryQuery;
  readonly resolve: (answer: DirectoryQueryAnswer) => void;
  readonly reject: (error: Error) => void;
  settled: boolean;
  /** Agents already asked (a retryable failure moves on to one not asked yet). */
  readonly askedAgents: Set<string>;
  /** The message id of the current attempt. */
  messageId: string;
  /** Drops the query from the connection that was last asked (a timed-out query holds nothing there). */
  forget: () => void;
}
