/**
 * The Authorization header of every request: HTTP Basic (`username@companyId`) or an OAuth
 * Bearer token, fixed or from a provider callback. OAuth 2.0 SAML-bearer assertion flows and
 * token exchanges (SAP IAS) are not implemented here: the provider callback is where an
 * application plugs them in.
 *
 * Every secret this module has sent is remembered for redaction, so text echoed by a server
 * (or a failing provider's message) never carries it into an error or a log.
 */
import type { SuccessFactorsAuth, TokenProvider } from "../config/successfactors-config.js";
import { SuccessFactorsError, isSuccessFactorsError } from "../errors/successfactors-error.js";

const LINE_BREAK = /[\r\n]/;
/** Tokens remembered for redaction (a provider may rotate them). */
const REMEMBERED_TOKENS = 8;
/** Shorter secrets are not scrubbed: replacing every "ab" in a message would garble it. */
const MIN_REDACTED_LENGTH = 4;

export class AuthHeader {
  private readonly secrets: string[] = [];
  private readonly fixedHeader: string | undefined;
  private readonly provider: TokenProvider | undefined;

  constructor(readonly auth: SuccessFactorsAuth) {
    if (auth.type === "basic") {
      const encoded = Buffer.from(`${auth.username}:${auth.password}`, "utf8").toString("base64");
      this.fixedHeader = `Basic ${encoded}`;
      this.remember(auth.password, encoded);
    } else if ("token" in auth) {
      this.fixedHeader = `Bearer ${auth.token}`;
      this.remember(auth.token);
    } else {
      this.provider = auth.getToken;
    }
  }

  get type(): "basic" | "bearer" {
    return this.auth.type;
  }

  /** True when a refused token can be replaced by asking the provider again. */
  get refreshable(): boolean {
    return this.provider !== undefined;
  }

  /** The header value; `forceRefresh` asks the provider for a new token. */
  async value(forceRefresh: boolean, operation: string): Promise<string> {
    if (this.fixedHeader !== undefined) return this.fixedHeader;
    let token: unknown;
    try {
      token = await this.provider!({ forceRefresh });
    } catch (error) {
      if (isSuccessFactorsError(error)) throw error;
      // The provider's own message is not copied: it may name secrets this module never saw.
      throw new SuccessFactorsError(
        "auth",
        "Unauthorized",
        `The SuccessFactors token provider failed before ${operation} (${error instanceof Error ? error.name : typeof error}; see the error's cause)`,
        { operation },
        { cause: error },
      );
    }
    if (typeof token !== "string" || token === "" || LINE_BREAK.test(token)) {
      throw new SuccessFactorsError(
        "auth",
        "Unauthorized",
        `The SuccessFactors token provider returned no usable token before ${operation} (expected a non-empty string without line breaks)`,
        { operation },
      );
    }
    this.remember(token);
    return `Bearer ${token}`;
  }

  /** Replaces every secret sent so far with "***". */
  redact(text: string): string {
    let result = text;
    // Longest first, so a secret containing another is scrubbed whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      if (result.includes(secret)) result = result.split(secret).join("***");
    }
    return result;
  }

  private remember(...secrets: string[]): void {
    for (const secret of secrets) {
      if (secret.length < MIN_REDACTED_LENGTH || this.secrets.includes(secret)) continue;
      this.secrets.push(secret);
      // Configured secrets stay; provider tokens rotate, oldest out.
      if (this.provider !== undefined && this.secrets.length > REMEMBERED_TOKENS) this.secrets.shift();
    }
  }
}
