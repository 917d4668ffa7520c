/**
 * The demo needs OpenLDAP's slapd and slapadd (Debian package slapd) and openssl for its
 * private directory. When they are missing: as root with apt-get, install them
 * non-interactively; otherwise name the one command to run.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

const SYSTEM_DIRS = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"];

/** Each executable the private directory runs, and the Debian package that provides it. */
export const REQUIRED_TOOLS: readonly { readonly executable: string; readonly debianPackage: string }[] = [
  { executable: "slapd", debianPackage: "slapd" },
  { executable: "slapadd", debianPackage: "slapd" },
  { executable: "openssl", debianPackage: "openssl" },
];

/** slapd is installed together with the LDAP client tools the printed examples use. */
const COMPANION_PACKAGES: Readonly<Record<string, readonly string[]>> = { slapd: ["slapd", "ldap-utils"] };

/** Absolute path of an executable on PATH or in the system directories (sbin is often missing from a user's PATH). */
export function findExecutable(name: string, pathVariable: string | undefined): string | null {
  for (const dir of [...(pathVariable ?? "").split(delimiter).filter(Boolean), ...SYSTEM_DIRS]) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

export type SlapdPlan =
  | { readonly kind: "ready" }
  | { readonly kind: "install"; readonly packages: readonly string[] }
  | { readonly kind: "instruct"; readonly command: string; readonly message: string };

/** What to do given the missing executables, whether we are root and whether apt-get exists. */
export function planSlapdSetup(input: {
  readonly missing: readonly string[];
  readonly isRoot: boolean;
  readonly hasAptGet: boolean;
  readonly tools?: typeof REQUIRED_TOOLS;
}): SlapdPlan {
  if (input.missing.length === 0) return { kind: "ready" };
  const packages = [
    ...new Set(
      input.missing.flatMap((executable) => {
        const debianPackage = (input.tools ?? REQUIRED_TOOLS).find((tool) => tool.executable === executable)?.debianPackage ?? executable;
        return COMPANION_PACKAGES[debianPackage] ?? [debianPackage];
      }),
    ),
  ];
  if (input.isRoot && input.hasAptGet) return { kind: "install", packages };
  const command = input.hasAptGet
    ? `sudo DEBIAN_FRONTEND=noninteractive apt-get install -y ${packages.join(" ")}`
    : `install OpenLDAP's server (${packages.join(", ")}) with your system's package manager, e.g. brew install openldap`;
  const message = `The demo runs a private OpenLDAP, but ${input.missing.join(", ")} ${input.missing.length === 1 ? "is" : "are"} not installed.\nRun this once, then npm run demo again:\n  ${command}\n`;
  return { kind: "instruct", command, message };
}

export interface SlapdCheckOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly isRoot?: boolean;
  /** Where apt-get's output goes (the demo's stderr). */
  readonly log: (text: string) => void;
  /** The executables to look for (default REQUIRED_TOOLS). */
  readonly tools?: typeof REQUIRED_TOOLS;
}

/** Thrown when the tools are missing and cannot be installed here; the message says what to run. */
export class SlapdMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SlapdMissingError";
  }
}

export function missingTools(env: NodeJS.ProcessEnv, tools: typeof REQUIRED_TOOLS = REQUIRED_TOOLS): string[] {
  return tools.map((tool) => tool.executable).filter((name) => findExecutable(name, env["PATH"]) === null);
}

/** Makes sure slapd and its helpers are installed; installs them as root with apt-get, else throws SlapdMissingError. */
export async function ensureSlapd(options: SlapdCheckOptions): Promise<void> {
  const env = options.env ?? process.env;
  const tools = options.tools ?? REQUIRED_TOOLS;
  const missing = missingTools(env, tools);
  const aptGet = findExecutable("apt-get", env["PATH"]);
  const plan = planSlapdSetup({ missing, isRoot: options.isRoot ?? process.getuid?.() === 0, hasAptGet: aptGet !== null, tools });
  if (plan.kind === "ready") return;
  if (plan.kind === "instruct") throw new SlapdMissingError(plan.message);
  options.log(`Installing ${plan.packages.join(" ")} with apt-get (${missing.join(", ")} missing) …\n`);
  const aptEnv = { ...env, DEBIAN_FRONTEND: "noninteractive" };
  const install = ["install", "-y", ...plan.packages];
  // A fresh container has no package lists yet: update once if the first attempt fails.
  if ((await runLogged(aptGet!, install, aptEnv, options.log)) !== 0) {
    await runLogged(aptGet!, ["update"], aptEnv, options.log);
    const status = await runLogged(aptGet!, install, aptEnv, options.log);
    if (status !== 0) throw new SlapdMissingError(`apt-get install -y ${plan.packages.join(" ")} failed (exit ${status}); see its output above.\n`);
  }
  const still = missingTools(env, tools);
  if (still.length > 0) throw new SlapdMissingError(`${still.join(", ")} still not found after installing ${plan.packages.join(" ")}.\n`);
}

function runLogged(command: string, args: readonly string[], env: NodeJS.ProcessEnv, log: (text: string) => void): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk: Buffer) => log(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => log(chunk.toString()));
    child.once("error", (error) => {
      log(`${command}: ${error.message}\n`);
      resolve(127);
    });
    child.once("close", (code) => resolve(code ?? 1));
  });
}
