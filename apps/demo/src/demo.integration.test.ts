/**
 * The demo end to end, in-process: `--once --workers 50` against a real slapd, hr-sim, the
 * coordinator on PGlite and an agent, asserting on what it prints; and Ctrl-C mid-cycle.
 */
import { describe, expect, it } from "vitest";
import type { DemoIo } from "./demo-io.js";
import { runDemoCli } from "./main.js";

function capture(): { io: DemoIo; stdout: () => string; stderr: () => string; onStdout: (listener: (all: string) => void) => void } {
  const out: string[] = [];
  const err: string[] = [];
  const listeners: ((all: string) => void)[] = [];
  return {
    io: {
      stdout: {
        isTTY: false,
        write: (text: string) => {
          out.push(text);
          for (const listener of listeners) listener(out.join(""));
        },
      },
      stderr: { isTTY: false, write: (text: string) => err.push(text) },
    },
    stdout: () => out.join(""),
    stderr: () => err.join(""),
    onStdout: (listener) => listeners.push(listener),
  };
}

describe("npm run demo", () => {
  it("runs the initial cycle, follows a hire, a move and a termination, and traces an on-demand provision", async () => {
    const { io, stdout, stderr } = capture();
    const exitCode = await runDemoCli(["--once", "--workers", "50"], io);
    const text = stdout();
    expect(exitCode, `${text}\n${stderr()}`).toBe(0);

    // Initial cycle: every one of the 50 generated workers gets an account (none fails).
    const initial = /Initial cycle completed: 50 workers processed\n((?: {2}.*\n)+)/.exec(text)?.[1] ?? "";
    const count = (label: string) => Number(new RegExp(`^ {2}${label}: +(\\d+)`, "m").exec(initial)?.[1]);
    expect(count("Created")).toBeGreaterThanOrEqual(40);
    expect(count("Created") + count("Skipped")).toBe(50);
    expect(count("Failed")).toBe(0);
    expect(text).toMatch(/Writebacks: \d+ queued by this cycle/);
    // Progress went to stderr as plain lines (not a terminal).
    expect(stderr()).toMatch(/^Initial cycle: 50 of 50 workers \(100%\)/m);
    expect(stderr()).not.toContain("\u001b");

    // Where to look: URL, token, job and commands that use them.
    const url = /REST API: +(http:\/\/127\.0\.0\.1:\d+)\/api\/v1/.exec(text)?.[1];
    const token = /Admin token: (rst_\S+)/.exec(text)?.[1];
    const jobId = /Job: +(\S+)/.exec(text)?.[1];
    expect(url).toBeDefined();
    expect(token).toBeDefined();
    expect(text).toContain(`export ROSTER_URL=${url} ROSTER_TOKEN=${token}`);
    expect(text).toContain(`npx roster status ${jobId}`);

    // The incremental cycle reports exactly the three HR changes.
    const hire = /^ {2}hire +(\S+)/m.exec(text)?.[1];
    const move = /^ {2}move +(\S+) +.* moves to (London|Seattle)$/m.exec(text);
    const terminate = /^ {2}terminate +(\S+)/m.exec(text)?.[1];
    expect(hire).toBeDefined();
    expect(move).not.toBeNull();
    expect(terminate).toBeDefined();
    expect(text).toContain("Incremental cycle completed");
    expect(text).toContain("The incremental cycle changed 3 accounts:");
    expect(text).toMatch(new RegExp(`^ {2}create +${hire} Zoë O'Brien-Łukasz \\(success\\)\\n {6}\\d+ attributes set in "OU=München,OU=Users,dc=roster,dc=test"`, "m"));
    expect(text).toMatch(new RegExp(`^ {2}update +${move![1]} .*\\n(?: {6}.*\\n)*? {6}parentDistinguishedName: ".*" → "OU=${move![2]},OU=Users,dc=roster,dc=test"`, "m"));
    expect(text).toMatch(new RegExp(`^ {2}disable +${terminate} .*\\(success\\)\\n {6}accountDisabled: "False" → "True"`, "m"));

    // On demand: the new hire is created, with the steps and properties printed.
    expect(text).toMatch(/Outcome: create \(success\)\n {2}Entry: +cn=Åsa Öberg,ou=London,ou=Users,dc=roster,dc=test/);
    for (const title of ["Import the worker from the HR source: success", "Decide whether the worker is in scope: success", "Match the worker with a directory entry: success", "Perform the action: success"]) {
      expect(text).toContain(title);
    }
    expect(text).toContain('    sn: (none) → "Öberg"\n');
    expect(text).toMatch(/Demo done in /);
    expect(text).not.toContain("Press Ctrl-C");
  }, 600_000);

  it("stops cleanly on Ctrl-C in the middle of the initial cycle", async () => {
    const { io, stdout, onStdout } = capture();
    const controller = new AbortController();
    onStdout((all) => {
      if (all.includes("Created job") && !controller.signal.aborted) controller.abort();
    });
    const exitCode = await runDemoCli(["--workers", "50"], io, { signal: controller.signal });
    expect(exitCode).toBe(0);
    // The stack closes, or (when hr-sim holds on to the aborted cycle's connection) the wait is cut short with a note.
    expect(stdout()).toMatch(/Stopping …\n(?:\(hr-sim was still closing a connection after 10\.0 s; not waiting longer\.\)\n)?Stopped: OpenLDAP, hr-sim, the coordinator and the agent are shut down/);
    expect(stdout()).not.toContain("Demo done");
  }, 600_000);

  it("refuses a bad --workers value with a usage error before starting anything", async () => {
    const { io, stdout, stderr } = capture();
    expect(await runDemoCli(["--workers", "many"], io)).toBe(2);
    expect(stderr()).toContain('--workers must be a whole number from 3 to 200000, got "many"');
    expect(stdout()).toBe("");
  });

  it("stops with exit code 2 and the command to run when slapd is missing", async () => {
    const { io, stdout, stderr } = capture();
    const { SlapdMissingError } = await import("./slapd-check.js");
    const exitCode = await runDemoCli(["--once"], io, {
      ensureSlapd: async () => {
        throw new SlapdMissingError("slapd is not installed.\n  sudo apt-get install -y slapd ldap-utils\n");
      },
    });
    expect(exitCode).toBe(2);
    expect(stderr()).toContain("sudo apt-get install -y slapd ldap-utils");
    expect(stdout()).toBe("");
  });
});
