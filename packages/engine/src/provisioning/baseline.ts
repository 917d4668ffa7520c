/**
 * The baseline an update is compared with: the link's exported state when there is one
 * (no directory read), otherwise the entry as the directory reported it.
 */
import { newAttributeRecord } from "./attribute-record.js";
import type { CompiledProvisioningConfig } from "./compile-config.js";
import type { DirectoryValue, TargetEntry } from "./directory-operations.js";
import type { ExportedState } from "./directory-view.js";
import { parentDn, rdnValue } from "./dn.js";

export interface Baseline {
  /** An ordinary attribute's current value; undefined when unknown or absent. */
  attribute(name: string): DirectoryValue | null | undefined;
  /** The anchor a reference attribute currently points at, or null. */
  reference(name: string): string | null;
  readonly cn: string | null;
  readonly parentDistinguishedName: string | null;
  readonly accountDisabled: boolean | null;
  /** The baseline as exported state, the starting point of the next one. */
  state(config: CompiledProvisioningConfig): ExportedState;
  /** True when read from the directory: the link has no exported state to keep yet. */
  readonly fromDirectory: boolean;
}

export const NO_REFERENCES: Readonly<Record<string, string>> = Object.freeze({});

export function exportedStateBaseline(state: ExportedState): Baseline {
  return new ExportedStateBaseline(state);
}

/** A class rather than an object of closures: one allocation per linked worker. */
class ExportedStateBaseline implements Baseline {
  readonly cn: string | null;
  readonly parentDistinguishedName: string | null;
  readonly accountDisabled: boolean | null;
  readonly fromDirectory = false;

  constructor(private readonly exported: ExportedState) {
    this.cn = exported.cn;
    this.parentDistinguishedName = exported.parentDistinguishedName;
    this.accountDisabled = exported.accountDisabled;
  }

  attribute(name: string): DirectoryValue | null | undefined {
    return this.exported.attributes[name];
  }

  reference(name: string): string | null {
    return this.exported.references[name] ?? null;
  }

  state(): ExportedState {
    return this.exported;
  }
}

/**
 * The entry as read. Attribute names are looked up exactly, then case-insensitively (the
 * directory may report its own spelling); cn and the parent fall back to the DN.
 * Reference attributes are compared as the directory reports them (the AD agent reports
 * DNs, so a reference read from AD is re-set once, after which the exported state holds
 * the anchor).
 */
export function entryBaseline(entry: TargetEntry): Baseline {
  let folded: Map<string, DirectoryValue | null | undefined> | null = null;
  const attribute = (name: string): DirectoryValue | null | undefined => {
    const exact = entry.attributes[name];
    if (exact !== undefined) return exact;
    if (folded === null) {
      folded = new Map();
      for (const key of Object.keys(entry.attributes)) folded.set(key.toLowerCase(), entry.attributes[key]);
    }
    return folded.get(name.toLowerCase());
  };
  const single = (value: DirectoryValue | null | undefined): string | null =>
    value === null || value === undefined ? null : typeof value === "string" ? value : (value[0] ?? null);
  const cn = single(attribute("cn")) ?? rdnValue(entry.dn);
  const parent = single(attribute("parentDistinguishedName")) ?? parentDn(entry.dn);
  const accountDisabled = parseAccountDisabled(attribute("accountDisabled"));
  let built: ExportedState | null = null;
  return {
    attribute,
    reference: (name) => single(attribute(name)),
    cn,
    parentDistinguishedName: parent,
    accountDisabled,
    state(config) {
      if (built !== null) return built;
      const attributes = newAttributeRecord<DirectoryValue>();
      const references: Record<string, string> = {};
      for (const m of config.mappings) {
        if (m.role === "attribute") {
          const value = attribute(m.target);
          if (value !== null && value !== undefined) attributes[m.target] = value;
        } else if (m.role === "reference") {
          const value = single(attribute(m.target));
          if (value !== null) references[m.target] = value;
        }
      }
      built = { attributes, cn, parentDistinguishedName: parent, accountDisabled, references };
      return built;
    },
    fromDirectory: true,
  };
}

/** Parses an accountDisabled value: true = disabled. null when it is neither "True" nor "False" (any case). */
export function parseAccountDisabled(value: DirectoryValue | null | undefined): boolean | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === "string" ? value : value[0];
  if (text === undefined) return null;
  if (text.length === 4 && text.toLowerCase() === "true") return true;
  if (text.length === 5 && text.toLowerCase() === "false") return false;
  return null;
}

/**
 * A copy with changes applied (null removes). Copied key by key into a fast record:
 * spreading a large dictionary-mode object is much slower in V8.
 */
export function withChanges<T>(
  source: Readonly<Record<string, T>>,
  changes: Readonly<Record<string, T | null>>,
): Record<string, T> {
  const copy = newAttributeRecord<T>();
  for (const key in source) if (!(key in changes)) copy[key] = source[key] as T;
  for (const key in changes) {
    const value = changes[key];
    if (value !== null && value !== undefined) copy[key] = value;
  }
  return copy;
}
