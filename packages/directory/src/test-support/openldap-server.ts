/**
 * A private slapd for tests: back-mdb without fsync in a temp directory, 127.0.0.1 on free
 * ports (ldap:// with StartTLS, and ldaps://), Roster's ad-lite schema, and the overlays
 * that give AD-like behaviour (memberof, ppolicy, refint for manager, unique for
 * sAMAccountName/userPrincipalName, constraint for employeeID's 16 characters). Starts in
 * well under a second.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { canConnect, freePort, requireExecutable, run, sleep, superviseServer } from "./server-process.js";

export interface OpenLdapServer {
  /** ldap:// (StartTLS available). */
  readonly url: string;
  readonly ldapsUrl: string;
  readonly bindDn: string;
  readonly password: string;
  readonly baseDn: string;
  /** OU=Users, OU=Leavers and OU=Groups exist under baseDn. */
  readonly usersDn: string;
  readonly leaversDn: string;
  /** PEM file of the CA that signed the server certificate (names: localhost, 127.0.0.1). */
  readonly caFile: string;
  /** An account that may read everything and write nothing. */
  readonly readerDn: string;
  readonly readerPassword: string;
  /** slapd's process id (benchmarks read its CPU time from /proc). */
  readonly pid: number;
  stop(): Promise<void>;
}

export interface OpenLdapOptions {
  /** Default "dc=roster,dc=test". */
  readonly baseDn?: string;
  /** Enforce sAMAccountName/userPrincipalName uniqueness with the unique overlay (default true). */
  readonly uniqueAccountNames?: boolean;
  /** More OUs to create, as DNs under baseDn, parents before children (e.g. "ou=Seattle,ou=Users,dc=roster,dc=test"). */
  readonly extraOus?: readonly string[];
}

const SCHEMA_FILE = fileURLToPath(new URL("./ad-lite.schema", import.meta.url));
const STANDARD_SCHEMAS = ["core", "cosine", "inetorgperson"].map((name) => `/etc/ldap/schema/${name}.schema`);

export async function startOpenLdap(options: OpenLdapOptions = {}): Promise<OpenLdapServer> {
  const slapd = requireExecutable("slapd", "slapd ldap-utils");
  const slapadd = requireExecutable("slapadd", "slapd ldap-utils");
  const openssl = requireExecutable("openssl", "openssl");

  const baseDn = options.baseDn ?? "dc=roster,dc=test";
  const firstDc = /^dc=([^,]+)/i.exec(baseDn)?.[1];
  if (firstDc === undefined) throw new Error(`startOpenLdap: baseDn must start with dc=…, got "${baseDn}"`);
  const dir = mkdtempSync(join(tmpdir(), "roster-slapd-"));
  try {
    const password = randomBytes(12).toString("base64url");
    const readerPassword = randomBytes(12).toString("base64url");
    const bindDn = `cn=admin,${baseDn}`;
    const readerDn = `cn=reader,${baseDn}`;
    mkdirSync(join(dir, "data"));
    copyFileSync(SCHEMA_FILE, join(dir, "ad-lite.schema"));
    await createCertificates(openssl, dir);

    const config = slapdConfig({ dir, baseDn, bindDn, password, readerDn, unique: options.uniqueAccountNames ?? true });
    writeFileSync(join(dir, "slapd.conf"), config);
    writeFileSync(
      join(dir, "base.ldif"),
      [baseEntries(baseDn, firstDc, readerDn, readerPassword), ...(options.extraOus ?? []).map(ouEntry)].join("\n"),
    );
    await run(slapadd, ["-q", "-f", join(dir, "slapd.conf"), "-l", join(dir, "base.ldif")]);

    // A port found free may be taken before slapd binds it; try a few times.
    for (let attempt = 1; ; attempt++) {
      const [port, tlsPort] = [await freePort(), await freePort()];
      const started = await launch(slapd, dir, port, tlsPort);
      if (started.ok) {
        return {
          url: `ldap://127.0.0.1:${port}`,
          ldapsUrl: `ldaps://127.0.0.1:${tlsPort}`,
          bindDn,
          password,
          baseDn,
          usersDn: `ou=Users,${baseDn}`,
          leaversDn: `ou=Leavers,${baseDn}`,
          caFile: join(dir, "ca.pem"),
          readerDn,
          readerPassword,
          pid: started.pid,
          stop: started.stop,
        };
      }
      if (attempt === 3) throw new Error(`slapd did not start: ${started.output}`);
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function launch(
  slapd: string,
  dir: string,
  port: number,
  tlsPort: number,
): Promise<{ ok: true; pid: number; stop: () => Promise<void> } | { ok: false; output: string }> {
  const urls = `ldap://127.0.0.1:${port}/ ldaps://127.0.0.1:${tlsPort}/`;
  // -d 0 keeps slapd in the foreground, so it is our child and dies with us.
  const child = spawn(slapd, ["-f", join(dir, "slapd.conf"), "-h", urls, "-d", "0"], { stdio: ["ignore", "ignore", "pipe"] });
  let output = "";
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.unref();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  const stop = superviseServer(child, dir);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    if ((await canConnect("127.0.0.1", port)) && (await canConnect("127.0.0.1", tlsPort))) return { ok: true, pid: child.pid!, stop };
    await sleep(20);
  }
  // Keep the directory for the next attempt: only the process goes.
  child.kill("SIGKILL");
  return { ok: false, output: output || "no output (timed out)" };
}

function slapdConfig(o: { dir: string; baseDn: string; bindDn: string; password: string; readerDn: string; unique: boolean }): string {
  const lines = [
    ...STANDARD_SCHEMAS.map((file) => `include ${file}`),
    `include ${o.dir}/ad-lite.schema`,
    `pidfile ${o.dir}/slapd.pid`,
    `argsfile ${o.dir}/slapd.args`,
    "modulepath /usr/lib/ldap",
    "moduleload back_mdb",
    "moduleload memberof",
    "moduleload ppolicy",
    "moduleload refint",
    "moduleload constraint",
    ...(o.unique ? ["moduleload unique"] : []),
    "loglevel none",
    "sizelimit unlimited",
    `TLSCACertificateFile ${o.dir}/ca.pem`,
    `TLSCertificateFile ${o.dir}/server.pem`,
    `TLSCertificateKeyFile ${o.dir}/server.key`,
    "",
    "database mdb",
    "maxsize 1073741824",
    `suffix "${o.baseDn}"`,
    `rootdn "${o.bindDn}"`,
    `rootpw ${o.password}`,
    `directory ${o.dir}/data`,
    "dbnosync",
    "envflags writemap nometasync",
    "index objectClass eq",
    "index entryUUID eq",
    "index cn,sAMAccountName,userPrincipalName,employeeID,employeeNumber,mail eq",
    "access to attrs=userPassword by self =w by anonymous auth by * none",
    `access to * by dn.exact="${o.readerDn}" read by users read by * none`,
    "overlay memberof",
    "memberof-refint TRUE",
    "overlay ppolicy",
    // manager DNs follow renames and moves, like AD's linked attributes
    "overlay refint",
    "refint_attributes manager",
    // AD's 16-character employeeID limit, enforced by the server as AD does (19 constraintViolation)
    "overlay constraint",
    "constraint_attribute employeeID size 16",
    ...(o.unique ? ["overlay unique", "unique_uri ldap:///?sAMAccountName?sub", "unique_uri ldap:///?userPrincipalName?sub"] : []),
    "",
  ];
  return lines.join("\n");
}

function baseEntries(baseDn: string, firstDc: string, readerDn: string, readerPassword: string): string {
  const ou = (name: string) => `dn: ou=${name},${baseDn}\nobjectClass: organizationalUnit\nou: ${name}\n`;
  return [
    `dn: ${baseDn}\nobjectClass: top\nobjectClass: dcObject\nobjectClass: organization\ndc: ${firstDc}\no: Roster test directory\n`,
    ou("Users"),
    ou("Leavers"),
    ou("Groups"),
    `dn: ${readerDn}\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\ncn: reader\nuserPassword: ${readerPassword}\n`,
  ].join("\n");
}

/** An OU entry; LDIF carries values that are not plain ASCII base64-encoded ("dn::"). */
function ouEntry(dn: string): string {
  const name = /^ou=((?:\\.|[^,])*)/i.exec(dn)?.[1];
  if (name === undefined) throw new Error(`startOpenLdap: extra OU "${dn}" must start with ou=`);
  const line = (attribute: string, value: string) =>
    /^[\x20-\x7e]*$/.test(value) && !/^[ :<]/.test(value)
      ? `${attribute}: ${value}`
      : `${attribute}:: ${Buffer.from(value, "utf8").toString("base64")}`;
  const unescaped = name.replace(/\\(.)/g, "$1");
  return `${line("dn", dn)}\nobjectClass: organizationalUnit\n${line("ou", unescaped)}\n`;
}

async function createCertificates(openssl: string, dir: string): Promise<void> {
  const path = (name: string) => join(dir, name);
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  await run(openssl, [
    "req", "-x509", ...ec, "-keyout", path("ca.key"), "-out", path("ca.pem"), "-days", "7",
    "-subj", "/CN=Roster test CA",
    "-addext", "basicConstraints=critical,CA:TRUE",
    "-addext", "keyUsage=critical,keyCertSign,cRLSign",
  ]);
  await run(openssl, ["req", ...ec, "-keyout", path("server.key"), "-out", path("server.csr"), "-subj", "/CN=localhost"]);
  writeFileSync(path("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
  await run(openssl, [
    "x509", "-req", "-in", path("server.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"), "-CAcreateserial",
    "-out", path("server.pem"), "-days", "7", "-extfile", path("server.ext"),
  ]);
  readFileSync(path("server.pem")); // fail here, clearly, if openssl wrote nothing
}
