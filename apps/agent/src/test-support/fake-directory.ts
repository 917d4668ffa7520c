/**
 * An in-memory directory with the DirectoryClient's semantics that matter to the agent:
 * creates fail with entryAlreadyExists (68) on a taken DN, other operations converge and
 * report `changed`, a vanished anchor is InvalidAnchor. Counts the writes it performed.
 */
import { randomUUID } from "node:crypto";
import { childDn, dnEquals, parentDnOf } from "@roster/directory";
import type { DirectoryOperation, DirectoryValue, TargetEntry } from "@roster/engine";
import type { AgentDirectory, DirectoryExecution } from "../operations/agent-directory.js";

interface StoredEntry {
  anchor: string;
  dn: string;
  attributes: Map<string, string[]>;
  disabled: boolean;
}

const key = (value: string) => value.trim().toLowerCase();

export class FakeDirectory implements AgentDirectory {
  readonly dialect = "openldap" as const;
  readonly entries = new Map<string, StoredEntry>();
  writes = 0;
  executions = 0;
  /** Called before every execute; may throw or delay (tests of crashes and slowness). */
  beforeExecute: ((op: DirectoryOperation) => Promise<void> | void) | undefined;

  async execute(op: DirectoryOperation): Promise<DirectoryExecution> {
    this.executions += 1;
    await this.beforeExecute?.(op);
    if (op.kind === "create") {
      const dn = childDn("CN", op.cn, op.parentDn);
      if (this.byDn(dn) !== undefined) return this.failed("create", "Conflict", `create "${dn}" failed with LDAP 68 entryAlreadyExists`, 68);
      const entry: StoredEntry = { anchor: randomUUID(), dn, attributes: new Map([["cn", [op.cn]]]), disabled: op.accountDisabled };
      for (const [name, value] of Object.entries(op.attributes)) entry.attributes.set(key(name), toArray(value));
      this.entries.set(entry.anchor, entry);
      this.writes += 1;
      return { status: "applied", kind: "create", anchor: entry.anchor, dn, changed: true };
    }
    const entry = this.entries.get(op.anchor);
    if (entry === undefined) return this.failed(op.kind, "InvalidAnchor", `no object with entryUUID ${op.anchor} exists`);
    let changed = false;
    switch (op.kind) {
      case "update":
        for (const [name, value] of Object.entries(op.changes)) {
          if (name === "accountDisabled") {
            const disabled = value === "True";
            if (entry.disabled !== disabled) {
              entry.disabled = disabled;
              changed = true;
            }
            continue;
          }
          const desired = value === null ? [] : toArray(value);
          const current = entry.attributes.get(key(name)) ?? [];
          if (current.join("\u0000") !== desired.join("\u0000")) {
            if (desired.length === 0) entry.attributes.delete(key(name));
            else entry.attributes.set(key(name), desired);
            changed = true;
          }
        }
        break;
      case "enable":
      case "disable":
        changed = entry.disabled !== (op.kind === "disable");
        entry.disabled = op.kind === "disable";
        break;
      case "move":
        if (!dnEquals(parentDnOf(entry.dn), op.newParentDn)) {
          entry.dn = childDn("CN", entry.attributes.get("cn")![0]!, op.newParentDn);
          changed = true;
        }
        break;
      case "rename":
        if (entry.attributes.get("cn")![0] !== op.newCn) {
          entry.dn = childDn("CN", op.newCn, parentDnOf(entry.dn));
          entry.attributes.set("cn", [op.newCn]);
          changed = true;
        }
        break;
      case "setReference": {
        const target = op.targetAnchor === null ? undefined : this.entries.get(op.targetAnchor);
        if (op.targetAnchor !== null && target === undefined) return this.failed("setReference", "ReferenceUnresolved", "target missing");
        const current = entry.attributes.get(key(op.attribute))?.[0];
        if (current !== target?.dn) {
          if (target === undefined) entry.attributes.delete(key(op.attribute));
          else entry.attributes.set(key(op.attribute), [target.dn]);
          changed = true;
        }
        break;
      }
      case "delete":
        this.entries.delete(entry.anchor);
        changed = true;
        break;
    }
    if (changed) this.writes += 1;
    return { status: "applied", kind: op.kind, anchor: entry.anchor, dn: entry.dn, changed };
  }

  async findByMatchingAttribute(attribute: string, values: readonly string[], options?: { attributes?: readonly string[] }): Promise<Map<string, TargetEntry[]>> {
    const result = new Map<string, TargetEntry[]>();
    for (const value of values) {
      const matches = [...this.entries.values()].filter((entry) => (entry.attributes.get(key(attribute)) ?? []).some((held) => key(held) === key(value)));
      result.set(value, matches.map((entry) => this.toTarget(entry, options?.attributes)));
    }
    return result;
  }

  async isTaken(attribute: string, values: readonly string[]): Promise<Map<string, boolean>> {
    const found = await this.findByMatchingAttribute(attribute, values);
    return new Map(values.map((value) => [value, (found.get(value) ?? []).length > 0]));
  }

  async readByAnchor(anchors: readonly string[], attributes?: readonly string[]): Promise<Map<string, TargetEntry>> {
    const result = new Map<string, TargetEntry>();
    for (const anchor of anchors) {
      const entry = this.entries.get(anchor);
      if (entry !== undefined) result.set(anchor, this.toTarget(entry, attributes));
    }
    return result;
  }

  async testConnection() {
    return { ok: true as const, durationMs: 3, encrypted: false, namingContexts: ["dc=example,dc=com"], vendorName: "fake" };
  }

  async readSchema() {
    const employeeID = { name: "employeeID", singleValued: true, maxLength: 16, readOnly: false };
    return { attributes: new Map([["employeeid", employeeID]]) };
  }

  async close(): Promise<void> {}

  /** Adds an entry directly (an account someone else created). */
  seed(dn: string, attributes: Record<string, string>, disabled = false): string {
    const entry: StoredEntry = { anchor: randomUUID(), dn, attributes: new Map(), disabled };
    for (const [name, value] of Object.entries(attributes)) entry.attributes.set(key(name), [value]);
    this.entries.set(entry.anchor, entry);
    return entry.anchor;
  }

  byDn(dn: string): StoredEntry | undefined {
    return [...this.entries.values()].find((entry) => dnEquals(entry.dn, dn));
  }

  private toTarget(entry: StoredEntry, requested: readonly string[] | undefined): TargetEntry {
    const attributes: Record<string, DirectoryValue | null> = {};
    const names = requested ?? [...entry.attributes.keys()];
    for (const name of names) {
      const values = entry.attributes.get(key(name));
      attributes[name] = values === undefined ? null : values.length === 1 ? values[0]! : values;
    }
    attributes.accountDisabled = entry.disabled ? "True" : "False";
    attributes.parentDistinguishedName = parentDnOf(entry.dn);
    return { anchor: entry.anchor, dn: entry.dn, attributes };
  }

  private failed(kind: DirectoryOperation["kind"], errorCode: "Conflict" | "InvalidAnchor" | "ReferenceUnresolved", message: string, ldapCode?: number): DirectoryExecution {
    return { status: "failed", kind, errorCode, message, retryable: false, ...(ldapCode === undefined ? {} : { ldapCode }) };
  }
}

function toArray(value: DirectoryValue): string[] {
  return typeof value === "string" ? [value] : [...value];
}
