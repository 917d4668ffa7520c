/**
 * An in-process stand-in for the agent hub's read side: answers directory queries from a
 * list of entries (compared case-insensitively, as directories do) and records every query,
 * so tests can count round trips. Only `query` and `testConnection`, which CycleDirectory uses.
 */
import { RosterError, type TargetEntry } from "@roster/engine";
import type { DirectoryQuery, DirectoryQueryAnswer } from "@roster/protocol";
import type { AgentHub } from "../../agents/agent-hub.js";

type TestConnectionAnswer = Extract<DirectoryQueryAnswer, { kind: "testConnection" }>;

export class RecordingHub implements Pick<AgentHub, "query" | "testConnection"> {
  readonly queries: DirectoryQuery[] = [];
  readonly entries: TargetEntry[] = [];
  connectionTests = 0;
  /** When set, the next queries fail with it. */
  failWith: unknown = null;
  /** When set, testConnection fails with it. */
  connectionFailure: unknown = null;
  /** Answers of this kind leave these values out (a misbehaving agent). */
  dropValues = new Set<string>();

  add(anchor: string, attributes: Record<string, string | readonly string[]>): TargetEntry {
    const entry: TargetEntry = { anchor, dn: `cn=${anchor},ou=people,dc=example,dc=org`, attributes };
    this.entries.push(entry);
    return entry;
  }

  kinds(): string[] {
    return this.queries.map((query) => ("attribute" in query ? `${query.kind}:${query.attribute}` : query.kind));
  }

  async query(domain: string, query: DirectoryQuery): Promise<DirectoryQueryAnswer> {
    this.queries.push(query);
    await Promise.resolve();
    if (this.failWith !== null) throw this.failWith;
    if (domain === "") throw new RosterError("InvalidRequest", "no domain");
    switch (query.kind) {
      case "findByMatchingAttribute":
        return {
          kind: "findByMatchingAttribute",
          matches: query.values
            .filter((value) => !this.dropValues.has(value))
            .map((value) => ({ value, entries: this.holders(query.attribute, value).map(protocolEntry) })),
        };
      case "isTaken":
        return {
          kind: "isTaken",
          taken: query.values.filter((value) => this.holders(query.attribute, value).length > 0),
        };
      case "readByAnchor": {
        const entries = [];
        const missing = [];
        for (const anchor of query.anchors) {
          const entry = this.entries.find((candidate) => candidate.anchor === anchor.toLowerCase());
          if (entry === undefined) missing.push(anchor);
          else entries.push(protocolEntry(entry));
        }
        return { kind: "readByAnchor", entries, missing };
      }
      default:
        throw new RosterError("InvalidRequest", `the recording hub does not answer ${query.kind}`);
    }
  }

  async testConnection(): Promise<TestConnectionAnswer> {
    this.connectionTests++;
    await Promise.resolve();
    if (this.connectionFailure !== null) throw this.connectionFailure;
    return { kind: "testConnection", dialect: "openLdap", server: "fake", namingContexts: [], latencyMs: 0 };
  }

  private holders(attribute: string, value: string): TargetEntry[] {
    const wanted = value.toLowerCase();
    return this.entries.filter((entry) => {
      const held = entry.attributes[attribute];
      if (held === undefined || held === null) return false;
      return (typeof held === "string" ? [held] : held).some((one) => one.toLowerCase() === wanted);
    });
  }
}

function protocolEntry(entry: TargetEntry) {
  const attributes: Record<string, string | readonly string[] | null> = {};
  for (const [name, value] of Object.entries(entry.attributes)) attributes[name] = value ?? null;
  return { anchor: entry.anchor, dn: entry.dn, attributes };
}
