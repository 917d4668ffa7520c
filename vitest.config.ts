import { readdirSync, existsSync } from "node:fs";
import { defineConfig } from "vitest/config";

// One vitest project per workspace package (tests sit next to the code) plus the
// cross-app end-to-end tests in test/. The "source" condition makes workspace
// imports resolve to src/ so tests never need a prior build.
const workspaceDirs = ["packages", "apps"].flatMap((group) =>
  existsSync(group) ? readdirSync(group).map((name) => `${group}/${name}`) : [],
);

export default defineConfig({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"], externalConditions: ["source"] } },
  test: {
    projects: [
      ...workspaceDirs.map((dir) => ({
        extends: true as const,
        test: { name: dir.split("/")[1]!, root: dir, include: ["src/**/*.test.ts", "test/**/*.test.ts"] },
      })),
      { extends: true as const, test: { name: "e2e", root: "test", include: ["**/*.test.ts"] } },
    ],
  },
});
