/**
 * The directory the end-to-end suite provisions into: a private OpenLDAP (default, and what CI
 * runs) or a Samba AD domain controller, picked with ROSTER_E2E_DIRECTORY=openldap|samba. Both
 * get the OUs of the Workday job template, and come with the settings the agent needs and a
 * reading client for the tests' assertions.
 */
import { readFileSync } from "node:fs";
import { createDirectoryClient, type DirectoryClient, type DirectoryConfigInput } from "@roster/directory";
import { startOpenLdap, startSambaAd } from "@roster/directory/test-support";
import { templateOus } from "@roster/coordinator";
import { Client } from "ldapts";

export type DirectoryFlavour = "openldap" | "samba";

export interface E2eDirectory {
  readonly flavour: DirectoryFlavour;
  readonly baseDn: string;
  /** OU=Users under baseDn (the template's default container). */
  readonly usersDn: string;
  /** How the agent (and the tests' reader) reach the directory. */
  readonly config: DirectoryConfigInput;
  readonly reader: DirectoryClient;
  /** Every account carrying an employeeID, as { employeeID, dn } (paged, so large directories work). */
  listAccounts(): Promise<{ employeeID: string; dn: string }[]>;
  stop(): Promise<void>;
}

export const DIRECTORY_ENV = "ROSTER_E2E_DIRECTORY";

export function directoryFlavour(): DirectoryFlavour {
  const value = (process.env[DIRECTORY_ENV] ?? "openldap").trim().toLowerCase();
  if (value === "openldap" || value === "samba") return value;
  throw new Error(`${DIRECTORY_ENV} must be "openldap" or "samba", got "${value}".`);
}

export async function startE2eDirectory(flavour: DirectoryFlavour = directoryFlavour()): Promise<E2eDirectory> {
  if (flavour === "openldap") {
    const baseDn = "dc=roster,dc=test";
    const ldap = await startOpenLdap({ baseDn, extraOus: templateOus(baseDn).slice(1) });
    const config: DirectoryConfigInput = {
      url: ldap.url,
      bindDn: ldap.bindDn,
      password: ldap.password,
      baseDn: ldap.baseDn,
      dialect: "openldap",
    };
    return withReader(flavour, baseDn, ldap.usersDn, config, () => ldap.stop());
  }
  const samba = await startSambaAd();
  try {
    await createOus(samba.url, samba.bindDn, samba.password, templateOus(samba.baseDn).slice(1));
  } catch (error) {
    await samba.stop();
    throw error;
  }
  const config: DirectoryConfigInput = {
    url: samba.ldapsUrl,
    bindDn: samba.bindDn,
    password: samba.password,
    baseDn: samba.baseDn,
    dialect: "ad",
    tls: { caFile: samba.caFile, serverName: samba.serverName },
  };
  return withReader(flavour, samba.baseDn, samba.usersDn, config, () => samba.stop());
}

function withReader(
  flavour: DirectoryFlavour,
  baseDn: string,
  usersDn: string,
  config: DirectoryConfigInput,
  stopServer: () => Promise<void>,
): E2eDirectory {
  const reader = createDirectoryClient(config);
  return {
    flavour,
    baseDn,
    usersDn,
    config,
    reader,
    async listAccounts() {
      const client = ldapClient(config);
      try {
        await client.bind(config.bindDn, config.password);
        const { searchEntries } = await client.search(baseDn, {
          scope: "sub",
          filter: "(employeeID=*)",
          attributes: ["employeeID"],
          paged: { pageSize: 500 },
        });
        return searchEntries.map((entry) => ({ employeeID: String(entry["employeeID"]), dn: entry.dn }));
      } finally {
        await client.unbind().catch(() => undefined);
      }
    },
    async stop() {
      await reader.close().catch(() => undefined);
      await stopServer();
    },
  };
}

function ldapClient(config: DirectoryConfigInput): Client {
  const tls = config.tls;
  if (!config.url.startsWith("ldaps:") || tls === undefined) return new Client({ url: config.url });
  return new Client({
    url: config.url,
    tlsOptions: {
      ...(tls.caFile === undefined ? {} : { ca: readCa(tls.caFile) }),
      ...(tls.serverName === undefined ? {} : { servername: tls.serverName }),
    },
  });
}

function readCa(file: string): string {
  return readFileSync(file, "utf8");
}

/** Creates the OUs (parents first) over plain LDAP; the Samba test DC allows simple binds there. */
async function createOus(url: string, bindDn: string, password: string, dns: readonly string[]): Promise<void> {
  const client = new Client({ url });
  try {
    await client.bind(bindDn, password);
    for (const dn of dns) {
      const ou = /^OU=((?:\\.|[^,])+)/i.exec(dn)?.[1]?.replace(/\\(.)/g, "$1");
      if (ou === undefined) throw new Error(`not an OU DN: ${dn}`);
      await client.add(dn, { objectClass: ["top", "organizationalUnit"], ou });
    }
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
