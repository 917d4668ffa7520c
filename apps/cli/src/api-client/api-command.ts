/**
 * The shared frame of every command that talks to the coordinator: --url / --token (or
 * ROSTER_URL / ROSTER_TOKEN), the client, and one place that turns failures into printed
 * errors and exit codes.
 */
import type { Command } from "commander";
import { CliError, EXIT_API_ERROR, EXIT_OK, UsageError } from "./cli-errors.js";
import type { CliIo } from "./cli-io.js";
import { HttpClient } from "./http-client.js";
import { RosterApi } from "./roster-api.js";

export const DEFAULT_COORDINATOR_URL = "http://127.0.0.1:8080";

interface ConnectionOptions {
  readonly url?: string;
  readonly token?: string;
}

/** Adds --url and --token to a command that calls the API. */
export function withConnectionOptions(command: Command): Command {
  return command
    .option("--url <url>", `coordinator base URL (default: $ROSTER_URL or ${DEFAULT_COORDINATOR_URL})`)
    .option("--token <token>", "administrator token (default: $ROSTER_TOKEN)");
}

export function apiFromOptions(options: ConnectionOptions, io: CliIo): RosterApi {
  const baseUrl = nonEmpty(options.url) ?? nonEmpty(io.env.ROSTER_URL) ?? DEFAULT_COORDINATOR_URL;
  const token = nonEmpty(options.token) ?? nonEmpty(io.env.ROSTER_TOKEN);
  return new RosterApi(new HttpClient({ baseUrl, token, ...(io.fetch === undefined ? {} : { fetch: io.fetch }) }));
}

/**
 * Runs one command's work with an API client built from its options: exit 0 when it
 * resolves; a failure prints on stderr and sets its own exit code.
 */
export async function runApiCommand(
  io: CliIo,
  command: Command,
  work: (api: RosterApi) => Promise<void>,
): Promise<void> {
  try {
    const api = apiFromOptions(command.optsWithGlobals<ConnectionOptions>(), io);
    await work(api);
    io.setExitCode(EXIT_OK);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`${error.describe().join("\n")}\n`);
      io.setExitCode(error.exitCode);
      return;
    }
    io.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    io.setExitCode(EXIT_API_ERROR);
  }
}

/** A whole number option (`--limit`, `--version`, `--ttl`) within bounds, or a UsageError naming it. */
export function integerOption(
  name: string,
  text: string | undefined,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  const value = /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  return value;
}

/** An ISO 8601 timestamp option, normalised; a UsageError naming it otherwise. */
export function timestampOption(name: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  // Date.parse accepts many shapes; require at least a calendar date at the start.
  const time = /^\d{4}-\d{2}-\d{2}/.test(text.trim()) ? Date.parse(text.trim()) : Number.NaN;
  if (Number.isNaN(time))
    throw new UsageError(`${name} must be an ISO 8601 timestamp such as 2025-01-31T08:00:00Z, got "${text}"`);
  return new Date(time).toISOString();
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === "" ? undefined : text.trim();
}
