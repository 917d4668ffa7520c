/**
 * The directory operations the engine plans and the agent carries out. They are
 * dialect-neutral: the agent turns `accountDisabled` into userAccountControl bits
 * (AD) or its OpenLDAP equivalent, resolves reference anchors to DNs, and escapes
 * every DN and filter value. Anchors are objectGUID (AD) or entryUUID (OpenLDAP),
 * as canonical strings.
 */

/** LDAP attribute values as text; multi-valued attributes as arrays. */
export type DirectoryValue = string | readonly string[];

export type DirectoryOperation =
  | {
      readonly kind: "create";
      readonly parentDn: string;
      readonly cn: string;
      readonly attributes: Readonly<Record<string, DirectoryValue>>;
      /** From the accountDisabled mapping; true when unmapped is the safe default for new accounts. */
      readonly accountDisabled: boolean;
    }
  | {
      readonly kind: "update";
      readonly anchor: string;
      /** null clears the attribute ("Flow null values"). Only changed attributes appear. */
      readonly changes: Readonly<Record<string, DirectoryValue | null>>;
    }
  | { readonly kind: "enable"; readonly anchor: string }
  | { readonly kind: "disable"; readonly anchor: string }
  | { readonly kind: "move"; readonly anchor: string; readonly newParentDn: string }
  | { readonly kind: "rename"; readonly anchor: string; readonly newCn: string }
  | {
      /**
       * Sets a DN-valued reference (manager) to the account with `targetAnchor`; null clears it.
       * `anchor` is NEW_ENTRY_ANCHOR when the reference belongs to an account created in the same
       * decision: the dispatcher substitutes the anchor the create returned before sending it.
       */
      readonly kind: "setReference";
      readonly anchor: string;
      readonly attribute: string;
      readonly targetAnchor: string | null;
    }
  | { readonly kind: "delete"; readonly anchor: string };

export type DirectoryOperationKind = DirectoryOperation["kind"];

/** An entry as the directory reports it to the engine. */
export interface TargetEntry {
  readonly anchor: string;
  readonly dn: string;
  /**
   * Current values of the attributes the job maps, plus the pseudo-attributes
   * `accountDisabled` ("True"/"False") and `parentDistinguishedName`.
   */
  readonly attributes: Readonly<Record<string, DirectoryValue | null | undefined>>;
}
