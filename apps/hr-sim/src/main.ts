#!/usr/bin/env node
/** Entry point of the roster-hr-sim binary. */
import { buildProgram } from "./cli/main-program.js";

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`roster-hr-sim: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
