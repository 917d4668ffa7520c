/** `roster agents list | token <domain> | revoke <agent-id>`: the directory agents. */
import { Command } from "commander";
import { integerOption, runApiCommand, withConnectionOptions } from "../api-client/api-command.js";
import type { AgentStatus } from "../api-client/api-types.js";
import type { CliIo } from "../api-client/cli-io.js";
import { writeJson } from "../output/json-output.js";
import { formatCount, formatTimestamp } from "../output/readable-values.js";
import { formatTable } from "../output/table.js";

/** A week: registration tokens are meant to be used soon. */
const MAX_TTL_SECONDS = 7 * 24 * 3600;

export function agentsCommand(io: CliIo): Command {
  const agents = new Command("agents").description("Directory agents connected to the coordinator");

  withConnectionOptions(agents.command("list").description("List the connected agents"))
    .option("--json", "print the API answer as JSON")
    .action(async (options: { json?: boolean }, command: Command) => {
      await runApiCommand(io, command, async (api) => {
        const list = await api.agents();
        if (options.json === true) return writeJson(io.stdout, { agents: list });
        io.stdout.write(list.length === 0 ? "No agents are connected.\n" : formatAgentTable(list));
      });
    });

  withConnectionOptions(
    agents
      .command("token")
      .description("Issue a registration token an agent uses once to register for a domain")
      .argument("<domain>", "the domain the agent serves, e.g. contoso.com"),
  )
    .option("--ttl <seconds>", "how long the token stays valid")
    .option("--json", "print the API answer as JSON")
    .action(async (domain: string, options: { ttl?: string; json?: boolean }, command: Command) => {
      await runApiCommand(io, command, async (api) => {
        const ttlSeconds = integerOption("--ttl", options.ttl, 1, MAX_TTL_SECONDS);
        const issued = await api.issueAgentToken(domain, ttlSeconds);
        if (options.json === true) return writeJson(io.stdout, issued);
        io.stdout.write(
          `Registration token ${issued.tokenId} for domain ${issued.domain}, valid until ${formatTimestamp(issued.expiresAt)}.\n` +
            "It is shown only once; give it to the agent at registration:\n" +
            `${issued.token}\n`,
        );
      });
    });

  withConnectionOptions(
    agents.command("revoke").description("Revoke an agent's credential and close its sessions").argument("<agent-id>"),
  ).action(async (agentId: string, _options: unknown, command: Command) => {
    await runApiCommand(io, command, async (api) => {
      await api.revokeAgent(agentId);
      io.stdout.write(`Revoked agent ${agentId}; it must register again with a new token.\n`);
    });
  });

  return agents;
}

function formatAgentTable(agents: readonly AgentStatus[]): string {
  return formatTable<AgentStatus>(
    [
      { header: "AGENT", value: (a) => a.agentId },
      { header: "HOST", value: (a) => a.hostname || "-" },
      { header: "VERSION", value: (a) => a.agentVersion || "-" },
      { header: "DOMAINS", value: (a) => a.domains.join(",") || "-" },
      { header: "IN FLIGHT", value: (a) => formatCount(a.inFlight), alignRight: true },
      { header: "CONNECTED", value: (a) => formatTimestamp(a.connectedAt) },
      { header: "LAST HEARTBEAT", value: (a) => formatTimestamp(a.lastHeartbeatAt) },
    ],
    agents,
  );
}
