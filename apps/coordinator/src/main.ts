/**
 * `roster-coordinator`: runs the coordinator, or issues the first administrator token.
 *
 *   roster-coordinator serve [--data-dir DIR | --database-url URL] [--host H] [--port P]
 *   roster-coordinator token create --name NAME [--data-dir DIR | --database-url URL]
 *
 * DATABASE_URL, ROSTER_DATA_DIR, ROSTER_HOST, ROSTER_PORT, ROSTER_PUBLIC_URL and
 * ROSTER_LOG_LEVEL are read when the flags are absent.
 */
import { parseArgs } from "node:util";
import { openDatabase } from "@roster/store";
import { createCoordinatorLogger } from "./agents/coordinator-logger.js";
import { startCoordinatorServer } from "./server.js";
import { createStateStores } from "./state/state-stores.js";
import { migrateCoordinatorStore } from "./store/coordinator-migrations.js";
import type { CoordinatorDatabase } from "./store/coordinator-schema.js";

const USAGE = `Usage:
  roster-coordinator serve [--data-dir DIR | --database-url URL] [--host HOST] [--port PORT] [--public-url URL]
  roster-coordinator token create --name NAME [--data-dir DIR | --database-url URL]`;

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      "data-dir": { type: "string" },
      "database-url": { type: "string" },
      host: { type: "string" },
      port: { type: "string" },
      "public-url": { type: "string" },
      "log-level": { type: "string" },
      name: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help === true || positionals.length === 0) {
    process.stdout.write(`${USAGE}\n`);
    return values.help === true ? 0 : 2;
  }
  const databaseUrl = values["database-url"] ?? process.env["DATABASE_URL"];
  const dataDir = values["data-dir"] ?? process.env["ROSTER_DATA_DIR"] ?? ".roster/coordinator";
  const database = databaseUrl !== undefined && databaseUrl !== "" ? { databaseUrl } : { dataDir };

  if (positionals[0] === "serve") {
    const portText = values.port ?? process.env["ROSTER_PORT"] ?? "8080";
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) {
      process.stderr.write(`--port must be a port number, got "${portText}".\n`);
      return 2;
    }
    const logger = createCoordinatorLogger({ level: values["log-level"] ?? process.env["ROSTER_LOG_LEVEL"] ?? "info" });
    const publicUrl = values["public-url"] ?? process.env["ROSTER_PUBLIC_URL"];
    const server = await startCoordinatorServer({
      ...database,
      host: values.host ?? process.env["ROSTER_HOST"] ?? "127.0.0.1",
      port,
      logger,
      ...(publicUrl === undefined ? {} : { publicUrl }),
    });
    process.stderr.write(`roster-coordinator listening on ${server.url} (database ${server.databaseTarget})\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    await server.close();
    return 0;
  }

  if (positionals[0] === "token" && positionals[1] === "create") {
    if (values.name === undefined || values.name.trim() === "") {
      process.stderr.write("token create needs --name NAME.\n");
      return 2;
    }
    const opened = await openDatabase<CoordinatorDatabase>(
      "databaseUrl" in database ? { url: database.databaseUrl } : { dataDir: database.dataDir },
    );
    try {
      await migrateCoordinatorStore(opened.db as never);
      const { token, secret } = await createStateStores(opened.db).adminTokens.issue(values.name);
      process.stdout.write(`${secret}\n`);
      process.stderr.write(`Administrator token "${token.name}" (${token.tokenId}) created; it is shown only once.\n`);
      return 0;
    } finally {
      await opened.close();
    }
  }

  process.stderr.write(`${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`roster-coordinator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
