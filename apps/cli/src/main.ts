#!/usr/bin/env node
/**
 * The `roster` command line: builds the commander program and runs it. Command
 * implementations live in commands/ and take their streams as arguments, so they can
 * be tested without spawning a process.
 */
import { Command, Option } from "commander";
import { type CliIo, processIo } from "./api-client/cli-io.js";
import { runProgram } from "./api-client/run-program.js";
import { adminTokensCommand } from "./commands/admin-tokens.js";
import { agentsCommand } from "./commands/agents.js";
import { runConfigDefaults, runConfigSchema, runConfigValidate } from "./commands/config.js";
import { runErrors } from "./commands/errors.js";
import { runExprBatch } from "./commands/expr-batch.js";
import { runExprEval, type ExprEvalOptions } from "./commands/expr-eval.js";
import { importCsvCommand } from "./commands/import-csv.js";
import { jobsCommand } from "./commands/jobs.js";
import { logsCommand } from "./commands/logs.js";
import { provisionCommand } from "./commands/provision.js";
import { stagedCommand } from "./commands/staged.js";
import { statusCommand } from "./commands/status.js";

export function buildProgram(io: CliIo): Command {
  const program: Command = new Command("roster")
    .description("Roster: HR → Active Directory / LDAP provisioning")
    .showHelpAfterError()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  const expr = program.command("expr").description("Work with attribute-mapping expressions");
  expr
    .command("eval")
    .description("Evaluate an expression against attribute values (or JSON Lines requests with --batch)")
    .argument("[expression]", "the expression, e.g. 'Join(\".\", [FirstName], [LastName])'")
    .option("--batch", "read JSON Lines requests from stdin and write one JSON line per request")
    .option("--attributes <json>", "source attributes as a JSON object", "{}")
    .option("--now <iso>", "the clock for Now(), ISO 8601 (default: the real clock)")
    .option("--taken <json>", "JSON array of values already present in the directory (SelectUniqueValue)")
    .addOption(new Option("--operation <operation>", "create or update").choices(["create", "update"]))
    .option("--target-attribute <name>", "the mapped target attribute")
    .option("--matching-precedence <n>", "matching precedence of the mapping")
    .addOption(new Option("--apply-mapping <mode>", "Always or OnlyOnCreate").choices(["Always", "OnlyOnCreate"]))
    .action(
      async (expression: string | undefined, options: ExprEvalOptions & { batch?: boolean }, command: Command) => {
        if (options.batch === true) {
          if (expression !== undefined)
            command.error("error: --batch reads expressions from stdin; do not pass one as an argument");
          await runExprBatch({ input: process.stdin, output: process.stdout });
          process.exitCode = 0;
          return;
        }
        if (expression === undefined) command.error("error: missing expression (or use --batch)");
        process.exitCode = await runExprEval(expression, options, process.stdout);
      },
    );

  const config = program.command("config").description("Provisioning configuration files");
  config
    .command("schema")
    .description("Print the JSON Schema of a provisioning configuration")
    .option("--writeback", "print the writeback configuration schema instead")
    .action((options: { writeback?: boolean }) => {
      process.exitCode = runConfigSchema(options, process.stdout);
    });
  config
    .command("defaults")
    .description("Print a built-in default mapping set as JSON")
    .argument("<set-id>", "workday-to-ad, successfactors-to-ad, workday-writeback or successfactors-writeback")
    .action((setId: string) => {
      process.exitCode = runConfigDefaults(setId, process.stdout, process.stderr);
    });
  config
    .command("validate")
    .description("Validate a configuration JSON file; prints each issue with its path and line:column")
    .argument("<file>", "the configuration file")
    .option("--writeback", "the file is a writeback configuration")
    .action(async (file: string, options: { writeback?: boolean }) => {
      process.exitCode = await runConfigValidate(file, options, process.stdout);
    });

  program
    .command("errors")
    .description("List the error codes with their reason and recommended action")
    .option("--json", "print JSON")
    .action((options: { json?: boolean }) => {
      process.exitCode = runErrors(options, process.stdout);
    });

  // Commands that drive the coordinator's REST API (--url / ROSTER_URL, --token / ROSTER_TOKEN).
  program.addCommand(jobsCommand(io));
  program.addCommand(statusCommand(io));
  program.addCommand(logsCommand(io));
  program.addCommand(provisionCommand(io));
  program.addCommand(agentsCommand(io));
  program.addCommand(stagedCommand(io));
  program.addCommand(adminTokensCommand(io));
  program.command("import").description("Import workers into a job").addCommand(importCsvCommand());

  return program;
}

// A reader that stops early (`roster errors | head`) closes the pipe: stop quietly instead of crashing.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});

const io = processIo();
// Exit codes: 0 ok, 1 the coordinator answered with an error, 2 usage error, 3 coordinator unreachable.
await runProgram(buildProgram(io), process.argv.slice(2), io);
