#!/usr/bin/env node
/** The roster-agent executable (bin/roster-agent.js loads the built copy of this file). */
import { runCli } from "./cli/cli-program.js";

process.exitCode = await runCli(process.argv);
