import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RosterError } from "@roster/engine";
import { afterAll, describe, expect, it } from "vitest";
import { resolveDirectoryConfig } from "./directory-config.js";

const dir = mkdtempSync(join(tmpdir(), "roster-directory-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const minimal = { url: "ldaps://dc1.contoso.test", bindDn: "CN=svc,DC=contoso,DC=test", password: "pw", baseDn: "DC=contoso,DC=test" };

function configError(input: unknown): RosterError {
  try {
    resolveDirectoryConfig(input as never);
  } catch (error) {
    if (error instanceof RosterError) return error;
    throw error;
  }
  throw new Error("expected a RosterError");
}

describe("resolveDirectoryConfig", () => {
  it("fills in defaults", () => {
    const config = resolveDirectoryConfig(minimal);
    expect(config).toMatchObject({
      dialect: "ad",
      secure: true,
      initialPasswordEnabled: true,
      pool: { size: 4, maxInFlightPerConnection: 16 },
      tls: { rejectUnauthorized: true, startTls: false },
      userObjectClasses: ["top", "person", "organizationalPerson", "user"],
      unsafeAllowPasswordWithoutTls: false,
    });
    expect(resolveDirectoryConfig({ ...minimal, dialect: "openldap", url: "ldap://h:3890" })).toMatchObject({
      secure: false,
      initialPasswordEnabled: false,
    });
    expect(resolveDirectoryConfig({ ...minimal, url: "ldap://dc1", tls: { startTls: true } }).secure).toBe(true);
  });

  it("reads the password and CA from files", () => {
    writeFileSync(join(dir, "pw"), "s3cret\n");
    writeFileSync(join(dir, "ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    const { password: _ignored, ...rest } = minimal;
    const config = resolveDirectoryConfig({ ...rest, passwordFile: join(dir, "pw"), tls: { caFile: join(dir, "ca.pem") } });
    expect(config.password).toBe("s3cret");
    expect(config.caCertificates).toContain("BEGIN CERTIFICATE");
  });

  it.each([
    [{ ...minimal, url: "http://dc1" }, "url"],
    [{ ...minimal, baseDn: "DC=contoso,,DC=test" }, "baseDn"],
    [{ ...minimal, passwordFile: "/x" }, "password"],
    [{ ...minimal, tls: { startTls: true } }, "tls.startTls"],
    [{ ...minimal, pool: { size: 0 } }, "pool.size"],
    [{ ...minimal, unknownField: 1 }, "unknownField"],
    [{ ...minimal, password: undefined, passwordFile: "/nonexistent/roster-pw" }, "passwordFile"],
  ])("rejects %o naming the field", (input, field) => {
    const error = configError(input);
    expect(error.code).toBe("InvalidConfiguration");
    expect(error.message).toContain(field);
  });
});
