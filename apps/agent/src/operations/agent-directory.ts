/**
 * The part of @roster/directory's DirectoryClient the agent uses. Tests substitute an
 * in-memory directory with the same behaviour (test-support/fake-directory.ts).
 */
import type { DirectoryClient } from "@roster/directory";

export type AgentDirectory = Pick<
  DirectoryClient,
  "dialect" | "execute" | "findByMatchingAttribute" | "isTaken" | "readByAnchor" | "testConnection" | "readSchema" | "close"
>;

export type DirectoryExecution = Awaited<ReturnType<DirectoryClient["execute"]>>;
