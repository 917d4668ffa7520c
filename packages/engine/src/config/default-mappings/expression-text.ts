/**
 * Helpers that put caller-supplied text (a UPN domain, an OU DN, a picklist id) into
 * the built-in mapping sets. Option values end up inside expression string literals,
 * so they are escaped the way the expression language reads `\"` and `\\`.
 */
import { RosterError } from "../../errors/error-codes.js";

/** A double-quoted expression-language string literal for `text`. */
export function expressionStringLiteral(text: string): string {
  return `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

// A DNS name: labels of letters, digits and hyphens, at least two of them.
const DOMAIN_NAME =
  /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** Checks a UPN suffix option such as "contoso.com". */
export function checkUpnDomain(setId: string, upnDomain: string): string {
  if (!DOMAIN_NAME.test(upnDomain)) {
    throw new RosterError(
      "InvalidConfiguration",
      `Default mapping set "${setId}": option upnDomain "${upnDomain}" is not a DNS domain name such as "contoso.com".`,
      { setId, field: "upnDomain" },
    );
  }
  return upnDomain;
}

// Loose DN shape check (RDN "type=value" pairs, backslash escapes allowed); the directory validates the rest.
const DN_SHAPE = /^[A-Za-z][A-Za-z0-9-]*=(?:[^,=\\]|\\.)+(?:,[A-Za-z][A-Za-z0-9-]*=(?:[^,=\\]|\\.)+)*$/;

/** Checks a container DN option such as "OU=Users,DC=contoso,DC=com". */
export function checkContainerDn(setId: string, dn: string): string {
  if (dn.length > 2048 || !DN_SHAPE.test(dn)) {
    throw new RosterError(
      "InvalidConfiguration",
      `Default mapping set "${setId}": option defaultContainer "${dn}" is not a distinguished name such as "OU=Users,DC=contoso,DC=com".`,
      { setId, field: "defaultContainer" },
    );
  }
  return dn;
}

/** Checks a SuccessFactors picklist option id such as "8448" (digits only, no thousands separators). */
export function checkPicklistOptionId(setId: string, field: string, id: string): string {
  if (!/^\d{1,18}$/.test(id)) {
    throw new RosterError(
      "InvalidConfiguration",
      `Default mapping set "${setId}": option ${field} "${id}" must be a picklist option id made of digits (drop thousands separators).`,
      { setId, field },
    );
  }
  return id;
}
