/** Namespaces of the Workday SOAP messages. Responses are read by namespace, never by prefix. */
export const SOAP_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/";
export const WD_NS = "urn:com.workday/bsvc";
export const WSSE_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
export const WSSE_PASSWORD_TEXT =
  "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";

/** The prefix → namespace map every XPath is evaluated with. */
export const XPATH_NAMESPACES: Readonly<Record<string, string>> = Object.freeze({ wd: WD_NS });
