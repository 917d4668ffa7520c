/** The coordinator end to end with its store on PGlite (see test-support/coordinator-e2e-suite.ts). */
import { defineCoordinatorSuite } from "./test-support/coordinator-e2e-suite.js";

defineCoordinatorSuite("PGlite", async () => ({ close: async () => undefined }));
