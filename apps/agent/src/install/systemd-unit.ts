/**
 * `roster-agent install`: writes a systemd unit that runs the agent as an unprivileged
 * service with a sandbox. It starts nothing; the operator enables it (`systemctl enable
 * --now roster-agent`) once the config and credential are in place.
 */
import { constants } from "node:fs";
import { access, mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { RosterError } from "@roster/engine";

export const DEFAULT_UNIT_PATH = "/etc/systemd/system/roster-agent.service";
/** Exit status for "configuration or refusal the operator must fix": systemd does not restart on it. */
export const EXIT_NEEDS_OPERATOR = 78;

const ACCOUNT_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;

export interface SystemdUnitOptions {
  /** The command line, e.g. [process.execPath, "/usr/lib/roster-agent/bin/roster-agent.js", "run", "--config", path]. */
  readonly command: readonly string[];
  readonly user: string;
  readonly group: string;
  /** Folders the agent writes (its state directory). */
  readonly writablePaths: readonly string[];
}

export function systemdUnit(options: SystemdUnitOptions): string {
  for (const [field, name] of [["user", options.user], ["group", options.group]] as const) {
    if (!ACCOUNT_NAME.test(name)) throw new RosterError("InvalidRequest", `--${field} "${name}" is not a valid account name`, { field });
  }
  return [
    "[Unit]",
    "Description=Roster provisioning agent (HR to Active Directory/LDAP)",
    "Wants=network-online.target",
    "After=network-online.target",
    "",
    "[Service]",
    "Type=simple",
    `User=${options.user}`,
    `Group=${options.group}`,
    `ExecStart=${options.command.map(quoteArgument).join(" ")}`,
    "Restart=on-failure",
    "RestartSec=10",
    `RestartPreventExitStatus=${EXIT_NEEDS_OPERATOR}`,
    // Lets running operations finish and their results reach the ledger.
    "TimeoutStopSec=60",
    "UMask=0077",
    "NoNewPrivileges=yes",
    "PrivateTmp=yes",
    "PrivateDevices=yes",
    "ProtectSystem=strict",
    "ProtectHome=yes",
    "ProtectKernelTunables=yes",
    "ProtectKernelModules=yes",
    "ProtectControlGroups=yes",
    "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
    "RestrictNamespaces=yes",
    "LockPersonality=yes",
    ...options.writablePaths.map((path) => `ReadWritePaths=${quoteArgument(path)}`),
    "",
    "[Install]",
    "WantedBy=multi-user.target",
    "",
  ].join("\n");
}

/** systemd's quoting: plain when safe, otherwise double quotes with \ and " escaped. */
function quoteArgument(argument: string): string {
  if (/[\n\r]/.test(argument)) throw new RosterError("InvalidRequest", "a path in the unit may not contain a line break", { argument });
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(argument)) return argument;
  return `"${argument.replace(/[\\"]/g, (ch) => `\\${ch}`).replace(/%/g, "%%").replace(/\$/g, "$$$$")}"`;
}

export interface InstallOptions extends SystemdUnitOptions {
  readonly unitPath: string;
  /** Replace an existing unit file. */
  readonly force: boolean;
}

/** Writes the unit file (0644). Refuses to replace an existing one unless `force`. */
export async function installSystemdUnit(options: InstallOptions): Promise<string> {
  const unit = systemdUnit(options);
  if (!options.force && (await exists(options.unitPath))) {
    throw new RosterError("InvalidRequest", `${options.unitPath} already exists; pass --force to replace it`, { field: "unitPath" });
  }
  await mkdir(dirname(options.unitPath), { recursive: true });
  await writeFile(options.unitPath, unit, { mode: 0o644 });
  return unit;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}
