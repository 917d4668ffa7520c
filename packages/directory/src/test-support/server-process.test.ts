import { describe, expect, it } from "vitest";
import { freePort, portIsFree, requireExecutable } from "./server-process.js";

describe("test server plumbing", () => {
  it("names the Debian packages to install when a binary is missing", () => {
    expect(() => requireExecutable("roster-no-such-binary", "slapd ldap-utils")).toThrow(
      "roster-no-such-binary is not installed; install it with: apt-get install -y --no-install-recommends slapd ldap-utils",
    );
    expect(requireExecutable("sh", "dash")).toMatch(/\/sh$/);
  });

  it("finds a free port", async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(await portIsFree("127.0.0.1", port)).toBe(true);
  });
});
