/**
 * `roster-agent register`: swaps a one-time registration token for the agent's own
 * credential over the protocol's register/registered exchange, and stores it (0600).
 * The token is never logged and never written anywhere.
 */
import { RosterError, isErrorCode } from "@roster/engine";
import {
  agentMessage,
  encodeMessage,
  parseCoordinatorMessage,
  PROTOCOL_LIMITS,
  protocolErrorReply,
  type RawMessage,
} from "@roster/protocol";
import type { Logger } from "pino";
import { openCoordinatorSocket, type CoordinatorEndpoint } from "../connection/coordinator-socket.js";
import { writeCredentialFile, type AgentCredential } from "../credentials/credential-file.js";
import { AGENT_VERSION } from "../version.js";

const PRINTABLE = /^[\x21-\x7e]+$/;

export interface RegisterOptions {
  readonly endpoint: CoordinatorEndpoint;
  readonly token: string;
  readonly credentialFile: string;
  readonly hostname: string;
  /** Keeps the agent's id when registering again. */
  readonly agentId?: string;
  readonly logger: Logger;
}

export async function registerAgent(options: RegisterOptions): Promise<AgentCredential> {
  const token = options.token.trim();
  if (token.length < PROTOCOL_LIMITS.minSecretLength || token.length > PROTOCOL_LIMITS.maxSecretLength || !PRINTABLE.test(token)) {
    throw new RosterError(
      "InvalidRequest",
      `the registration token must be ${PROTOCOL_LIMITS.minSecretLength} to ${PROTOCOL_LIMITS.maxSecretLength} printable characters without spaces`,
      { field: "token" },
    );
  }
  const registered = await exchangeToken(options, token);
  const credential: AgentCredential = {
    agentId: registered.agentId,
    credential: registered.credential,
    coordinatorUrl: options.endpoint.url,
    registeredAt: new Date().toISOString(),
  };
  await writeCredentialFile(options.credentialFile, credential);
  options.logger.info({ agentId: credential.agentId, credentialFile: options.credentialFile }, "agent registered; credential stored");
  return credential;
}

function exchangeToken(options: RegisterOptions, token: string): Promise<{ agentId: string; credential: string }> {
  const { endpoint, logger } = options;
  return new Promise((resolve, reject) => {
    const socket = openCoordinatorSocket(endpoint);
    let settled = false;
    let registerId = "";
    const finish = (error: RosterError | undefined, value?: { agentId: string; credential: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.close(1000, "registration done");
      setTimeout(() => socket.terminate(), 1000).unref();
      if (error !== undefined) reject(error);
      else resolve(value!);
    };
    const timer = setTimeout(
      () => finish(new RosterError("EndpointUnavailable", `no answer to the registration from ${endpoint.url} within ${endpoint.handshakeTimeoutMs * 2} ms`)),
      endpoint.handshakeTimeoutMs * 2,
    );

    socket.on("open", () => {
      const message = agentMessage("register", {
        token,
        hostname: options.hostname,
        agentVersion: AGENT_VERSION,
        ...(options.agentId === undefined ? {} : { agentId: options.agentId }),
      });
      registerId = message.id;
      socket.send(encodeMessage(message));
    });
    socket.on("message", (data: RawMessage) => {
      const parsed = parseCoordinatorMessage(data);
      if (!parsed.ok) {
        socket.send(encodeMessage(protocolErrorReply(parsed.error)));
        if (parsed.error.code === "AgentVersionMismatch") finish(new RosterError("AgentVersionMismatch", parsed.error.message));
        else logger.warn({ code: parsed.error.code }, `ignored an unusable message from the coordinator: ${parsed.error.message}`);
        return;
      }
      const message = parsed.message;
      if (message.type === "registered" && message.inReplyTo === registerId) {
        finish(undefined, { agentId: message.agentId, credential: message.credential });
      } else if (message.type === "refused" || (message.type === "protocolError" && message.inReplyTo === registerId)) {
        const code = isErrorCode(message.code) ? message.code : "Unauthorized";
        finish(new RosterError(code, `the coordinator refused the registration (${message.code}): ${message.message}`));
      }
    });
    socket.on("error", (error) =>
      finish(new RosterError("EndpointUnavailable", `cannot reach the coordinator at ${endpoint.url}: ${error.message}`, {}, { cause: error })),
    );
    socket.on("close", () => finish(new RosterError("EndpointUnavailable", `the coordinator at ${endpoint.url} closed the connection before answering`)));
    socket.on("unexpected-response", (_request, response) =>
      finish(new RosterError("EndpointUnavailable", `the coordinator at ${endpoint.url} refused the WebSocket upgrade (HTTP ${response.statusCode})`)),
    );
  });
}
