/** What the operation executor and the queries share: settings, connections, dialect. */
import type { Client, Filter } from "ldapts";
import type { ResolvedDirectoryConfig } from "../config/directory-config.js";
import type { ConnectionPool } from "../connection/connection-pool.js";
import { describeFailure, type FailureContext, type FailureDescription } from "../errors/ldap-error-mapping.js";
import type { AnchorDnCache } from "./anchor-dn-cache.js";
import type { DialectProfile } from "./dialect-profile.js";

export interface ClientContext {
  readonly config: ResolvedDirectoryConfig;
  readonly pool: ConnectionPool;
  readonly profile: DialectProfile;
  /** config.userFilter or the dialect default, parsed once. */
  readonly userFilter: Filter;
  readonly limits: ReadonlyMap<string, number>;
  /** Where anchors and uniqueness are looked up: the domain root for AD, baseDn for OpenLDAP. */
  domainRoot(): Promise<string>;
  /** Where recently seen accounts live; only a hint (see AnchorDnCache). */
  readonly anchorDns: AnchorDnCache;
  /** The write controls this client may use: those the server supports, unless config.writeControls is off. */
  writeControls(): Promise<WriteControls>;
}

export interface WriteControls {
  /** RFC 4527 Post-Read: an add answers with the new entry's anchor. */
  readonly postRead: boolean;
  /** RFC 4527 Pre-Read + RFC 4528 Assertion: a modify to a remembered DN, checked and telling what it changed. */
  readonly preReadWithAssertion: boolean;
}

export const NO_WRITE_CONTROLS: WriteControls = { postRead: false, preReadWithAssertion: false };

/** A failed step of an operation, already described; `partial` reports what exists despite the failure. */
export class StepFailure extends Error {
  constructor(
    readonly failure: FailureDescription,
    readonly partial: { readonly anchor?: string; readonly dn?: string } = {},
  ) {
    super(failure.message);
    this.name = "StepFailure";
  }
}

/** One LDAP request on a pooled connection; errors become StepFailures described for `context`. */
export async function request<T>(ctx: ClientContext, context: FailureContext, work: (client: Client) => Promise<T>): Promise<T> {
  try {
    return await ctx.pool.run(work);
  } catch (error) {
    throw new StepFailure(describeFailure(error, context));
  }
}
