/**
 * Connection URLs carry passwords; every message or log line that shows one goes
 * through here first.
 */
const MASK = "***";
/**
 * scheme://user:password@ — used when the text is not a parseable URL. Greedy up to the
 * last "@": an unencoded "@" in the password must not leave its tail visible.
 */
const USERINFO_PASSWORD = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#@:]*:).*@/;
/** password=… in a query string (libpq accepts the password there too). */
const QUERY_PASSWORD = /([?&](?:password|sslpassword)=)[^&#]*/gi;

/** The URL with its password (userinfo or `password=` parameter) replaced by `***`. */
export function redactUrl(url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed !== undefined) {
    const target = parsed;
    if (target.password !== "") target.password = MASK;
    for (const key of [...target.searchParams.keys()]) {
      if (isPasswordParam(key)) target.searchParams.set(key, MASK);
    }
    return target.toString().replaceAll(encodeURIComponent(MASK), MASK);
  }
  return url.replace(USERINFO_PASSWORD, `$1${MASK}@`).replace(QUERY_PASSWORD, `$1${MASK}`);
}

/** Removes every occurrence of the URL's password from a free text (a driver's error message, say). */
export function scrubSecrets(text: string, url: string | undefined): string {
  if (url === undefined) return text;
  let result = text;
  for (const secret of secretsOf(url)) {
    if (secret.length > 0) result = result.replaceAll(secret, MASK);
  }
  return result.includes(url) ? result.replaceAll(url, redactUrl(url)) : result;
}

function isPasswordParam(key: string): boolean {
  const lower = key.toLowerCase();
  return lower === "password" || lower === "sslpassword";
}

function secretsOf(url: string): string[] {
  const secrets: string[] = [];
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") {
      secrets.push(parsed.password);
      secrets.push(safeDecode(parsed.password));
    }
    for (const [key, value] of parsed.searchParams) {
      if (isPasswordParam(key) && value !== "") secrets.push(value);
    }
  } catch {
    const match = USERINFO_PASSWORD.exec(url);
    if (match !== null) {
      const start = match[1]!.length;
      const password = url.slice(start, match[0].length - 1);
      secrets.push(password, safeDecode(password));
    }
  }
  // Longest first, so a password that contains another one is masked whole.
  return secrets.sort((a, b) => b.length - a.length);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
