/**
 * OData v2 error bodies: `{"error": {"code": "…", "message": {"lang": "en-US", "value": "…"}}}`.
 * Some gateways send `message` as a plain string or add `innererror`; anything else is treated
 * as no OData error.
 */
export interface ODataErrorInfo {
  readonly code: string | undefined;
  readonly message: string | undefined;
}

const MAX_MESSAGE_LENGTH = 500;

export function parseODataError(body: string): ODataErrorInfo | undefined {
  if (!body.trimStart().startsWith("{")) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const error = (parsed as { error?: unknown } | null)?.error;
  if (error === null || typeof error !== "object") return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text =
    typeof message === "string"
      ? message
      : typeof (message as { value?: unknown } | null)?.value === "string"
        ? (message as { value: string }).value
        : undefined;
  if (typeof code !== "string" && text === undefined) return undefined;
  return {
    code: typeof code === "string" ? code : undefined,
    message: text === undefined ? undefined : truncate(text.trim()),
  };
}

/** `code: message`, for error messages. */
export function describeODataError(info: ODataErrorInfo): string {
  if (info.code !== undefined && info.message !== undefined) return `${info.code}: ${info.message}`;
  return info.message ?? info.code ?? "";
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text;
}
