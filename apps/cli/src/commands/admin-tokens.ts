/** `roster admin-tokens list | create <name> | revoke <token-id>`: administrator API tokens. */
import { Command } from "commander";
import { runApiCommand, withConnectionOptions } from "../api-client/api-command.js";
import type { AdminToken } from "../api-client/api-types.js";
import type { CliIo } from "../api-client/cli-io.js";
import { writeJson } from "../output/json-output.js";
import { formatTimestamp } from "../output/readable-values.js";
import { formatTable } from "../output/table.js";

export function adminTokensCommand(io: CliIo): Command {
  const tokens = new Command("admin-tokens").description("Administrator tokens for the REST API");

  withConnectionOptions(tokens.command("list").description("List the administrator tokens (never their secrets)"))
    .option("--json", "print the API answer as JSON")
    .action(async (options: { json?: boolean }, command: Command) => {
      await runApiCommand(io, command, async (api) => {
        const list = await api.adminTokens();
        if (options.json === true) return writeJson(io.stdout, { tokens: list });
        io.stdout.write(list.length === 0 ? "No administrator tokens.\n" : formatTokenTable(list));
      });
    });

  withConnectionOptions(
    tokens.command("create").description("Issue an administrator token").argument("<name>", "who or what uses it"),
  )
    .option("--json", "print the API answer as JSON (includes the secret)")
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      await runApiCommand(io, command, async (api) => {
        const issued = await api.issueAdminToken(name);
        if (options.json === true) return writeJson(io.stdout, issued);
        io.stdout.write(
          `Administrator token ${issued.token.tokenId} (${issued.token.name}) created. Its secret is shown only once:\n${issued.secret}\n`,
        );
      });
    });

  withConnectionOptions(
    tokens.command("revoke").description("Revoke an administrator token").argument("<token-id>"),
  ).action(async (tokenId: string, _options: unknown, command: Command) => {
    await runApiCommand(io, command, async (api) => {
      await api.revokeAdminToken(tokenId);
      io.stdout.write(`Revoked administrator token ${tokenId}.\n`);
    });
  });

  return tokens;
}

function formatTokenTable(tokens: readonly AdminToken[]): string {
  return formatTable<AdminToken>(
    [
      { header: "TOKEN ID", value: (t) => t.tokenId },
      { header: "NAME", value: (t) => t.name },
      { header: "CREATED", value: (t) => formatTimestamp(t.createdAt) },
      { header: "LAST USED", value: (t) => formatTimestamp(t.lastUsedAt) },
      { header: "REVOKED", value: (t) => (t.revokedAt === null ? "no" : formatTimestamp(t.revokedAt)) },
    ],
    tokens,
  );
}
