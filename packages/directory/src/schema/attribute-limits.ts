/**
 * Length limits of common AD user attributes (schema rangeUpper, in characters), checked
 * before a write so an over-long HR value fails with AttributeValueTooLong naming the
 * attribute, whatever the server would have said (Windows 19, Samba 21 or nothing at all,
 * OpenLDAP nothing). sAMAccountName uses the SAM limit for users (20), not the schema's 256.
 */

export const AD_ATTRIBUTE_LIMITS: Readonly<Record<string, number>> = Object.freeze({
  cn: 64,
  samaccountname: 20,
  userprincipalname: 1024,
  employeeid: 16,
  employeenumber: 512,
  employeetype: 256,
  company: 64,
  department: 64,
  division: 256,
  title: 128,
  displayname: 256,
  givenname: 64,
  sn: 64,
  initials: 6,
  middlename: 64,
  description: 1024,
  mail: 256,
  proxyaddresses: 1123,
  physicaldeliveryofficename: 128,
  streetaddress: 1024,
  l: 128,
  st: 128,
  postalcode: 40,
  c: 3,
  co: 128,
  telephonenumber: 64,
  mobile: 64,
  facsimiletelephonenumber: 64,
  ipphone: 64,
  homephone: 64,
  pager: 64,
  info: 1024,
  wwwhomepage: 2048,
  extensionattribute1: 1024,
  extensionattribute2: 1024,
  extensionattribute3: 1024,
  extensionattribute4: 1024,
  extensionattribute5: 1024,
  extensionattribute6: 1024,
  extensionattribute7: 1024,
  extensionattribute8: 1024,
  extensionattribute9: 1024,
  extensionattribute10: 1024,
  extensionattribute11: 2048,
  extensionattribute12: 2048,
  extensionattribute13: 2048,
  extensionattribute14: 2048,
  extensionattribute15: 2048,
});

/**
 * The built-in table merged with per-directory overrides (keys case-insensitive; null drops
 * a limit, e.g. for a directory whose schema was extended).
 */
export function buildAttributeLimits(overrides: Readonly<Record<string, number | null>> = {}): ReadonlyMap<string, number> {
  const limits = new Map<string, number>(Object.entries(AD_ATTRIBUTE_LIMITS));
  for (const [name, limit] of Object.entries(overrides)) {
    if (limit === null) limits.delete(name.toLowerCase());
    else limits.set(name.toLowerCase(), limit);
  }
  return limits;
}
