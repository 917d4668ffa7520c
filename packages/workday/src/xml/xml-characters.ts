/** Characters XML 1.0 cannot carry at all; text holding one can never be sent to Workday. */
const XML_FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export function hasForbiddenXmlCharacters(text: string): boolean {
  return XML_FORBIDDEN_CHARS.test(text);
}
