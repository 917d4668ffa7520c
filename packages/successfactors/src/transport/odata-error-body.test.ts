import { describe, expect, it } from "vitest";
import { parseODataError } from "./odata-error-body.js";

describe("OData error bodies", () => {
  it("reads code and message", () => {
    expect(
      parseODataError(
        '{"error":{"code":"COE_GENERAL_SERVER_FAILURE","message":{"lang":"en-US","value":"Invalid property names: foo"}}}',
      ),
    ).toEqual({ code: "COE_GENERAL_SERVER_FAILURE", message: "Invalid property names: foo" });
    expect(parseODataError('{"error":{"message":"plain"}}')).toEqual({ code: undefined, message: "plain" });
  });

  it("ignores bodies that are not OData errors", () => {
    expect(parseODataError("<html>maintenance</html>")).toBeUndefined();
    expect(parseODataError('{"d":{}}')).toBeUndefined();
    expect(parseODataError("{not json")).toBeUndefined();
  });
});
