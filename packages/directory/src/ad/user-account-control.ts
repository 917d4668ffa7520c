/**
 * userAccountControl bit math. Enable/disable is read-modify-write of bit 0x2 so the other
 * bits an administrator set (DONT_EXPIRE_PASSWORD, SMARTCARD_REQUIRED, …) survive.
 */

export const UAC_ACCOUNTDISABLE = 0x2;
export const UAC_PASSWD_NOTREQD = 0x20;
export const UAC_NORMAL_ACCOUNT = 0x200;
export const UAC_DONT_EXPIRE_PASSWORD = 0x10000;

/** A new user account, disabled (514): AD's only safe state before it has a password. */
export const UAC_NEW_DISABLED = UAC_NORMAL_ACCOUNT | UAC_ACCOUNTDISABLE;
/** A new user account, enabled (512). */
export const UAC_NEW_ENABLED = UAC_NORMAL_ACCOUNT;

const DECIMAL = /^\s*-?\d{1,10}\s*$/;

/** The directory's text value as an unsigned 32-bit flag set, or undefined when absent or not a number. */
export function parseUserAccountControl(value: unknown): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== "string" || !DECIMAL.test(text)) return undefined;
  const parsed = Number.parseInt(text, 10);
  if (parsed < -0x80000000 || parsed > 0xffffffff) return undefined;
  return parsed >>> 0; // AD may report the value signed
}

export function isAccountDisabled(uac: number): boolean {
  return (uac & UAC_ACCOUNTDISABLE) !== 0;
}

/** Sets or clears ACCOUNTDISABLE, leaving every other bit unchanged. */
export function withAccountDisabled(uac: number, disabled: boolean): number {
  return (disabled ? uac | UAC_ACCOUNTDISABLE : uac & ~UAC_ACCOUNTDISABLE) >>> 0;
}
