/**
 * A private Samba AD domain controller for tests. Samba's LDAP ports are fixed (389/636),
 * so each instance gets its own loopback address (127.x.y.z; Linux routes all of 127/8 to
 * lo) and several can run side by side. Provisioned in a temp directory with mdb and no
 * fsync, running as one process (-M single) with only the ldap and kdc services; plain
 * LDAP simple binds are allowed (`ldap server require strong auth = no`) so tests can show
 * both the plain and the TLS behaviour. employeeID is indexed (searchFlags=1). About 6–8 s.
 */
import { spawn } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Attribute, Change, Client } from "ldapts";
import { portIsFree, requireExecutable, run, sleep, superviseServer } from "./server-process.js";

export interface SambaAdServer {
  /** ldap://<address> (port 389; StartTLS available). */
  readonly url: string;
  /** ldaps://<address> (port 636). */
  readonly ldapsUrl: string;
  /** The loopback address this DC listens on. */
  readonly address: string;
  readonly bindDn: string;
  readonly password: string;
  /** The domain, e.g. DC=roster,DC=test. */
  readonly baseDn: string;
  /** OU=Users and OU=Leavers exist under baseDn. */
  readonly usersDn: string;
  readonly leaversDn: string;
  readonly realm: string;
  /** The name in the DC's self-signed certificate, to verify TLS against caFile. */
  readonly serverName: string;
  readonly caFile: string;
  stop(): Promise<void>;
}

export interface SambaAdOptions {
  /** DNS domain, default "roster.test". */
  readonly dnsDomain?: string;
}

const PROVISION_DATA = "/usr/share/samba/setup/ad-schema";
const PACKAGES = "samba samba-ad-dc samba-ad-provision";

export async function startSambaAd(options: SambaAdOptions = {}): Promise<SambaAdServer> {
  const samba = requireExecutable("samba", PACKAGES);
  const sambaTool = requireExecutable("samba-tool", PACKAGES);
  if (!existsSync(PROVISION_DATA)) {
    throw new Error(`Samba's provisioning data (${PROVISION_DATA}) is missing; install it with: apt-get install -y --no-install-recommends ${PACKAGES}`);
  }
  const dnsDomain = (options.dnsDomain ?? "roster.test").toLowerCase();
  const realm = dnsDomain.toUpperCase();
  const netbiosDomain = realm.split(".")[0]!.slice(0, 15);
  const baseDn = dnsDomain
    .split(".")
    .map((part) => `DC=${part}`)
    .join(",");
  const address = await freeLoopbackAddress();
  // Meets the default complexity policy.
  const password = `Rt9!${randomBytes(12).toString("base64url")}`;
  const dir = mkdtempSync(join(tmpdir(), "roster-samba-"));
  try {
    await run(sambaTool, [
      "domain", "provision",
      `--realm=${realm}`, `--domain=${netbiosDomain}`, "--server-role=dc", "--dns-backend=NONE", "--use-rfc2307",
      "--backend-store=mdb", `--adminpass=${password}`, `--targetdir=${dir}`, "--host-name=dc1",
      "--option=netbios name=DC1", `--option=interfaces=${address}/8`, "--option=bind interfaces only=yes",
      "--option=ldb:nosync=true",
    ], 180_000);
    const configFile = join(dir, "etc", "smb.conf");
    writeFileSync(configFile, sambaConfig(dir, address, realm, netbiosDomain));

    const log = openSync(join(dir, "samba.log"), "a");
    // -i: foreground, and Samba exits when its stdin closes, i.e. when this process goes away.
    const child = spawn(samba, ["-i", "-M", "single", "-s", configFile], { stdio: ["pipe", log, log] });
    closeSync(log);
    child.unref();
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    child.stdin?.on("error", () => undefined);
    const stop = superviseServer(child, dir);

    const url = `ldap://${address}`;
    const bindDn = `CN=Administrator,CN=Users,${baseDn}`;
    try {
      await waitForLdap(url, bindDn, password, child, dir);
      await prepareDomain(url, bindDn, password, baseDn);
    } catch (error) {
      await stop();
      throw error;
    }
    return {
      url,
      ldapsUrl: `ldaps://${address}`,
      address,
      bindDn,
      password,
      baseDn,
      usersDn: `OU=Users,${baseDn}`,
      leaversDn: `OU=Leavers,${baseDn}`,
      realm,
      serverName: `DC1.${dnsDomain}`,
      caFile: join(dir, "private", "tls", "ca.pem"),
      stop,
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function sambaConfig(dir: string, address: string, realm: string, netbiosDomain: string): string {
  return [
    "[global]",
    "\tnetbios name = DC1",
    `\trealm = ${realm}`,
    `\tworkgroup = ${netbiosDomain}`,
    "\tserver role = active directory domain controller",
    "\tserver services = ldap, kdc",
    `\tinterfaces = ${address}/8`,
    "\tbind interfaces only = yes",
    `\tprivate dir = ${dir}/private`,
    `\tstate directory = ${dir}/state`,
    `\tlock directory = ${dir}`,
    `\tcache directory = ${dir}/cache`,
    `\tbinddns dir = ${dir}/bind-dns`,
    `\tlog file = ${dir}/log.%m`,
    "\tlog level = 0",
    "\tldb:nosync = true",
    // Simple binds over plain LDAP, so tests can exercise both transports.
    "\tldap server require strong auth = no",
    // Lets the test setup index employeeID (searchFlags).
    "\tdsdb:schema update allowed = true",
    "\tload printers = no",
    "\tprinting = bsd",
    "\tdisable spoolss = yes",
    "\tidmap_ldb:use rfc2307 = yes",
    "",
  ].join("\n");
}

async function freeLoopbackAddress(): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const address = `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
    if ((await portIsFree(address, 389)) && (await portIsFree(address, 636))) return address;
  }
  throw new Error("no free loopback address for Samba's LDAP ports 389/636 (binding them needs root)");
}

async function waitForLdap(url: string, bindDn: string, password: string, child: ReturnType<typeof spawn>, dir: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    const client = new Client({ url, connectTimeout: 2_000, timeout: 5_000 });
    try {
      await client.bind(bindDn, password);
      return;
    } catch (error) {
      lastError = error;
    } finally {
      await client.unbind().catch(() => undefined);
    }
    await sleep(100);
  }
  const log = existsSync(join(dir, "samba.log")) ? readFileSync(join(dir, "samba.log"), "utf8").slice(-4000) : "";
  throw new Error(`Samba AD DC did not start (${String(lastError)}):\n${log}`);
}

/** Indexes employeeID and creates the OUs tests use. */
async function prepareDomain(url: string, bindDn: string, password: string, baseDn: string): Promise<void> {
  const client = new Client({ url, timeout: 30_000 });
  try {
    await client.bind(bindDn, password);
    await client.modify(
      `CN=Employee-ID,CN=Schema,CN=Configuration,${baseDn}`,
      new Change({ operation: "replace", modification: new Attribute({ type: "searchFlags", values: ["1"] }) }),
    );
    for (const ou of ["Users", "Leavers"]) {
      await client.add(`OU=${ou},${baseDn}`, { objectClass: ["top", "organizationalUnit"], ou });
    }
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
