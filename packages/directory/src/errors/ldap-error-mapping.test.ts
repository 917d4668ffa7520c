import { RosterError } from "@roster/engine";
import {
  AlreadyExistsError,
  BusyError,
  ConstraintViolationError,
  InsufficientAccessError,
  InvalidCredentialsError,
  InvalidSyntaxError,
  NoSuchObjectError,
  ObjectClassViolationError,
  TimeLimitExceededError,
  UnavailableError,
  UndefinedTypeError,
  UnwillingToPerformError,
} from "ldapts";
import { describe, expect, it } from "vitest";
import { describeFailure, type FailureContext } from "./ldap-error-mapping.js";

const onCreate: FailureContext = { subject: 'create "CN=Jo,OU=Users,DC=x"', missingObject: "parent" };
const onUpdate: FailureContext = { subject: 'update "CN=Jo,OU=Users,DC=x"', missingObject: "object" };

describe("describeFailure", () => {
  it.each([
    [new AlreadyExistsError("00002071: samldb: samAccountName 'JRIVERA' already in use!"), "Conflict", 68, false],
    [new ConstraintViolationError("some attributes not unique"), "Conflict", 19, false],
    [new InsufficientAccessError("no write access to parent"), "InsufficientAccessRights", 50, false],
    [new InvalidCredentialsError("80090308: LdapErr: DSID-0C09041C, data 52e"), "Unauthorized", 49, false],
    [new InvalidSyntaxError("00000057: LdapErr: DSID-0C090D8A, data 0, v3839"), "InvalidAttributeSyntax", 21, false],
    [new UndefinedTypeError("workdayID: attribute type undefined"), "HybridSynchronizationActiveDirectoryCannotFindAttribute", 17, false],
    [new BusyError("busy"), "Timeout", 51, true],
    [new UnavailableError("shutting down"), "EndpointUnavailable", 52, true],
    [new TimeLimitExceededError("time limit"), "Timeout", 3, true],
  ] as const)("maps %o", (error, errorCode, ldapCode, retryable) => {
    const failure = describeFailure(error, onCreate);
    expect(failure).toMatchObject({ errorCode, ldapCode, retryable });
    expect(failure.message).toContain('create "CN=Jo,OU=Users,DC=x"');
    expect(failure.message).toContain(`LDAP ${ldapCode}`);
    expect(failure.message).not.toMatch(/Code: 0x/);
  });

  it("maps noSuchObject to NoSuchParent on create and InvalidAnchor on an existing object", () => {
    expect(describeFailure(new NoSuchObjectError("parent does not exist"), onCreate).errorCode).toBe("NoSuchParent");
    expect(describeFailure(new NoSuchObjectError("no such object"), onUpdate).errorCode).toBe("InvalidAnchor");
  });

  it("tells length violations from uniqueness violations in constraintViolation", () => {
    const windows = new ConstraintViolationError(
      "000021C8: AtrErr: DSID-03200BBA, #1: 0: 000021C8: DSID-03200BBA, problem 1005 (CONSTRAINT_ATT_TYPE), data 0, Att 90008 (company)",
    );
    expect(describeFailure(windows, { ...onCreate, sentValues: { company: "x".repeat(65) } }).errorCode).toBe("AttributeValueTooLong");
    expect(describeFailure(windows, { ...onCreate, sentValues: { company: "short" } }).errorCode).toBe("Conflict");
    const upn = new ConstraintViolationError("000021C8: AtrErr: problem 1005 (CONSTRAINT_ATT_TYPE), data 0, Att 90290 (userPrincipalName)");
    expect(describeFailure(upn, { ...onCreate, sentValues: { userPrincipalName: "jo@x.test" } }).errorCode).toBe("Conflict");
    const openldap = new ConstraintViolationError("add breaks constraint on employeeID");
    expect(describeFailure(openldap, { ...onCreate, sentValues: { employeeID: "12345678901234567" } }).errorCode).toBe("AttributeValueTooLong");
    expect(describeFailure(new ConstraintViolationError("value too long for attribute"), onCreate).errorCode).toBe("AttributeValueTooLong");
  });

  it("recognises Samba's other constraintViolation meanings", () => {
    expect(describeFailure(new ConstraintViolationError("samldb: sAMAccountName contains invalid '[' character"), onCreate).errorCode).toBe(
      "HybridSynchronizationActiveDirectoryInvalidParameter",
    );
    expect(describeFailure(new ConstraintViolationError("0000052D: Constraint violation - check_password_restrictions: the password is too short"), onCreate).errorCode).toBe(
      "InvalidConfiguration",
    );
    expect(describeFailure(new ConstraintViolationError("000020B5: Referenced object not found"), onUpdate).errorCode).toBe("ReferenceUnresolved");
  });

  it("maps objectClassViolation by what is wrong", () => {
    expect(describeFailure(new ObjectClassViolationError("object class 'person' requires attribute 'sn'"), onCreate).errorCode).toBe("MandatoryFieldsMissing");
    expect(describeFailure(new ObjectClassViolationError("attribute 'carLicense' not allowed"), onCreate).errorCode).toBe(
      "HybridSynchronizationActiveDirectoryCannotFindAttribute",
    );
  });

  it("maps an unencrypted password change to a configuration problem", () => {
    const samba = new UnwillingToPerformError("Password modification over LDAP must be over an encrypted connection");
    expect(describeFailure(samba, onCreate).errorCode).toBe("InvalidConfiguration");
    expect(describeFailure(new UnwillingToPerformError("will not perform"), onCreate).errorCode).toBe("NotPermitted");
  });

  it("maps socket errors and timeouts to retryable codes", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    expect(describeFailure(refused, onCreate)).toMatchObject({ errorCode: "EndpointUnavailable", retryable: true });
    expect(describeFailure(new Error("Connection closed before message response was received. Message type: AddRequest (0x68)"), onCreate)).toMatchObject({
      errorCode: "EndpointUnavailable",
      retryable: true,
    });
    expect(describeFailure(new Error("AddRequest: Operation timed out"), onCreate)).toMatchObject({ errorCode: "Timeout", retryable: true });
    expect(describeFailure(new Error("Connection timeout"), onCreate).errorCode).toBe("EndpointUnavailable");
    expect(describeFailure(refused, onCreate).ldapCode).toBeUndefined();
  });

  it("maps TLS certificate rejections to a configuration problem with a hint", () => {
    const tls = Object.assign(new Error("unable to verify the first certificate"), { code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" });
    const failure = describeFailure(tls, onCreate);
    expect(failure).toMatchObject({ errorCode: "InvalidConfiguration", retryable: false });
    expect(failure.message).toContain("tls.caFile");
  });

  it("passes RosterErrors from checks made before sending through unchanged", () => {
    const error = new RosterError("AttributeValueTooLong", "create: attribute cn is 65 characters long");
    expect(describeFailure(error, onCreate)).toEqual({ errorCode: "AttributeValueTooLong", message: error.message, retryable: false });
  });

  it("treats anything else as a retryable internal error", () => {
    expect(describeFailure(new TypeError("boom"), onCreate)).toMatchObject({ errorCode: "InternalError", retryable: true });
  });
});
