export { type PostgresServer, startPostgres } from "./postgres-server.js";
export { type PGliteFixture, type PGliteFixtureOptions, openPGliteFixture } from "./pglite-fixture.js";
export { findPostgresBinDir } from "./postgres-binaries.js";
