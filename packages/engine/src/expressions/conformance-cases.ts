/**
 * Conformance cases for the expression language, written from the documented semantics
 * (docs/expressions.md and the well-known HR mapping recipes), with the expected values
 * worked out by hand. Each case mirrors one `expr eval --batch` request.
 *
 * Expected outcomes:
 * - `value`: the exact value (booleans are booleans, lists are arrays, dates as ISO UTC text)
 * - `integer`: an integer result, compared as decimal text (Int64 results may exceed 2^53)
 * - `satisfies`: a predicate, for random results (Guid, RandomString) and undocumented order
 * - `noFlow` / `skipObject`: the flow signals
 * - `error`: the RosterError code
 */
import type { ErrorCode } from "../errors/error-codes.js";
import type { Value } from "./types.js";

export type ConformanceExpectation =
  | { readonly value: unknown; readonly redacted?: boolean }
  | { readonly integer: string }
  | { readonly satisfies: (value: unknown) => boolean; readonly describe: string }
  | { readonly noFlow: true }
  | { readonly skipObject: true }
  | { readonly error: ErrorCode };

export interface ConformanceCase {
  readonly id: string;
  readonly expression: string;
  readonly attributes?: Readonly<Record<string, Value>>;
  /** ISO 8601 instant used by Now(). */
  readonly now?: string;
  /** Values already present in the target directory (compared case-insensitively, as AD does). */
  readonly taken?: readonly string[];
  readonly operation?: "create" | "update";
  readonly targetAttribute?: string;
  readonly matchingPrecedence?: number;
  readonly applyMapping?: "Always" | "OnlyOnCreate";
  readonly expect: ConformanceExpectation;
}

/** A .NET named-group substitution, `${name}`, for replacement values. */
const sub = (name: string): string => `\${${name}}`;

const NOW = "2021-08-25T17:41:18Z"; // a Wednesday

// Recipes from the HR mapping docs, written once and fed different workers.
const SAM_BAD_CHARS = String.raw`"([\\/\\\\\\[\\]\\:\\;\\|\\=\\,\\+\\*\\?\\<\\>])"`;
const WT_SAM_DEFAULT = String.raw`Replace(Mid(Replace([UserID], , ${SAM_BAD_CHARS}, , "", , ), 1, 20), , "(\\.)*$", , "", , )`;
const samRule = (n: number): string =>
  String.raw`Replace(Mid(Replace(NormalizeDiacritics(StripSpaces(Join("", Mid([FirstName],1,${n}), [LastName]))), , ${SAM_BAD_CHARS}, , "", , ), 1, 20), , "(\\.)*$", , "", , )`;
const WT_SAM_SUV = `SelectUniqueValue(${samRule(1)}, ${samRule(2)}, ${samRule(3)})`;
const upnRule = (first: string): string =>
  `Join("@", NormalizeDiacritics(StripSpaces(Join(".", ${first}, [PreferredLastName]))), "contoso.com")`;
const SUV_UPN = `SelectUniqueValue(${upnRule("[PreferredFirstName]")}, ${upnRule("Mid([PreferredFirstName], 1, 1)")}, ${upnRule("Mid([PreferredFirstName], 1, 2)")})`;
const WT_UPN_DEFAULT = `SelectUniqueValue( Join("@", Join(".",  [FirstName], [LastName]), "contoso.com"), Join("@", Join(".",  Mid([FirstName], 1, 1), [LastName]), "contoso.com"), Join("@", Join(".",  Mid([FirstName], 1, 2), [LastName]), "contoso.com"))`;
const WT_ACCOUNT_DISABLED = `Switch([Active], , "0", "True", "1", "False")`;
const WT_OU = `Switch([Municipality], "OU=Default Users,DC=contoso,DC=com", "Dallas", "OU=Dallas,OU=Users,DC=contoso,DC=com", "Austin", "OU=Austin,OU=Users,DC=contoso,DC=com", "Seattle", "OU=Seattle,OU=Users,DC=contoso,DC=com", "London", "OU=London,OU=Users,DC=contoso,DC=com")`;
const WT_DISPLAY_NAME = `Append(Join(", ",[PreferredLastName],[PreferredFirstName]), Join(""," (",[SupervisoryOrganization],"-",[CountryReferenceTwoLetter],")"))`;
const ACCOUNT_EXPIRES = `NumFromDate(Join("", FormatDateTime([ContractEndDate], ,"yyyy-MM-ddzzz","yyyy-MM-dd"), " 23:59:59-08:00"))`;
const ACCOUNT_EXPIRES_GUARDED = `Switch([ContractEndDate], ${ACCOUNT_EXPIRES}, "", "9223372036854775807")`;
const DAYS_TO_HIRE = `DateDiff("d", Now(), CDate([StatusHireDate]))`;
const PREHIRE_DISABLED = `IIF(${DAYS_TO_HIRE} > 0, "True", "False")`;
const OBJECT_FILTER_14D = `IIF(${DAYS_TO_HIRE} > 14, IgnoreObjectFlow, "Include")`;
const PHONE_SPLIT = String.raw`"\\+(?<isdCode>\\d* )(?<phoneNumber>.*)"`;
const PHONE_SPLIT_SINGLE = String.raw`"\+(?<isdCode>\d* )(?<phoneNumber>.*)"`;
const PHONE_CLEAN = String.raw`Replace([mobile], , "[()\\s-]+", , "", , )`;
const LOOKAHEAD_DISABLED = `IIF(DateDiff("d", CDate([StatusTerminationLastDayOfWork]), DateAdd("h", 10, Now())) > 0, "True", "False")`;
const LAST_DAY_DISABLED = `IIF(DateDiff("d", Now(), CDate([StatusTerminationLastDayOfWork])) < 0, "True", "False")`;
const RESCIND_DISABLED = `Switch([HireRescinded], ${WT_ACCOUNT_DISABLED}, "1", "True")`;
const SF_EMPL_STATUS = `Switch([emplStatus], "True", "A", "False", "U", "False", "P", "False")`;
const SF_ACTIVE_COUNT = `Switch([activeEmploymentsCount], "False", "0", "True")`;

const isGuid = (v: unknown): boolean =>
  typeof v === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v);

function countOf(text: string, re: RegExp): number {
  return [...text].filter((c) => re.test(c)).length;
}

const randomStringMeets =
  (length: number, digits: number, specials: number, upper: number, lower: number, avoid = "") =>
  (v: unknown): boolean =>
    typeof v === "string" &&
    v.length === length &&
    countOf(v, /[0-9]/) >= digits &&
    countOf(v, /[^0-9A-Za-z]/) >= specials &&
    countOf(v, /[A-Z]/) >= upper &&
    countOf(v, /[a-z]/) >= lower &&
    [...avoid].every((c) => !v.includes(c));

export const CONFORMANCE_CASES: readonly ConformanceCase[] = [
  // ---- syntax -------------------------------------------------------------------------
  {
    id: "syntax-numeric-args-as-strings-mid",
    expression: `Mid([x], "1", "2")`,
    attributes: { x: "abcdef" },
    expect: { value: "ab" },
  },
  {
    id: "syntax-numeric-args-as-strings-dateadd",
    expression: `DateAdd("d", "10", Now())`,
    now: NOW,
    expect: { value: "9/4/2021 5:41:18 PM" },
  },
  {
    id: "syntax-string-escaped-quote",
    expression: String.raw`Append("say \"hi\"", "!")`,
    expect: { value: `say "hi"!` },
  },
  {
    id: "syntax-string-escaped-backslash",
    expression: String.raw`Append("CONTOSO\\", [u])`,
    attributes: { u: "jdoe" },
    expect: { value: String.raw`CONTOSO\jdoe` },
  },
  { id: "syntax-unknown-escape-kept", expression: String.raw`Append("a\d", "")`, expect: { value: String.raw`a\d` } },
  {
    id: "syntax-whitespace-newline-before-paren",
    expression: `Switch\n  ([a], "d",\n\t"x", "y")`,
    attributes: { a: "x" },
    expect: { value: "y" },
  },
  { id: "syntax-space-before-paren", expression: `Append ("a", "b")`, expect: { value: "ab" } },
  {
    id: "syntax-omitted-trailing-no-spaces",
    expression: String.raw`Replace([u],,"^(?<id>\\d+)@.*$",,"${sub("id")}",,)`,
    attributes: { u: "1234@contoso.com" },
    expect: { value: "1234" },
  },
  {
    id: "syntax-nested",
    expression: `ToLower(${upnRule("[PreferredFirstName]")})`,
    attributes: { PreferredFirstName: "José", PreferredLastName: "Da Silva" },
    expect: { value: "jose.dasilva@contoso.com" },
  },
  {
    id: "syntax-max-length-ok",
    expression: `Append("${"a".repeat(10_000 - 14)}", "")`,
    expect: { value: "a".repeat(10_000 - 14) },
  },
  {
    id: "syntax-max-length-exceeded",
    expression: `Append("${"a".repeat(10_000 - 13)}", "")`,
    expect: { error: "InvalidExpression" },
  },
  { id: "syntax-unbalanced-paren", expression: `Append("a", "b"`, expect: { error: "InvalidExpression" } },
  { id: "syntax-unterminated-string", expression: `Append("a, "b")`, expect: { error: "InvalidExpression" } },
  { id: "syntax-unknown-function", expression: `NoSuchFunction([a])`, expect: { error: "InvalidExpression" } },
  {
    id: "syntax-no-ampersand-concat",
    expression: `Append("t-" & [alias], "")`,
    expect: { error: "InvalidExpression" },
  },
  { id: "syntax-too-many-args", expression: `Append("a", "b", "c")`, expect: { error: "InvalidExpression" } },
  { id: "syntax-too-few-args", expression: `Mid("abc", 1)`, expect: { error: "InvalidExpression" } },
  {
    id: "syntax-negative-number",
    expression: `DateAdd("d", -10, CDate("2021-08-24"))`,
    expect: { value: "8/14/2021 12:00:00 AM" },
  },

  // ---- Append -------------------------------------------------------------------------
  {
    id: "append-01",
    expression: `Append([mail], "@contoso.com")`,
    attributes: { mail: "john.doe" },
    expect: { value: "john.doe@contoso.com" },
  },
  {
    id: "append-02-empty-source",
    expression: `Append([mail], "@contoso.com")`,
    attributes: { mail: "" },
    expect: { value: "@contoso.com" },
  },
  {
    id: "append-03-nested",
    expression: `Append(Append([a], "-"), [b])`,
    attributes: { a: "x", b: "y" },
    expect: { value: "x-y" },
  },

  // ---- BitAnd / CBool / CStr / Count ---------------------------------------------------
  { id: "bitand-01-hex", expression: `BitAnd(&HF, &HF7)`, expect: { integer: "7" } },
  { id: "bitand-02-decimal", expression: `BitAnd(514, 2)`, expect: { integer: "2" } },
  { id: "bitand-03-attribute", expression: `BitAnd([uac], 2)`, attributes: { uac: "512" }, expect: { integer: "0" } },
  { id: "cbool-01-equal", expression: `CBool([a] = [b])`, attributes: { a: "x", b: "x" }, expect: { value: true } },
  {
    id: "cbool-02-not-equal",
    expression: `CBool([a] = [b])`,
    attributes: { a: "x", b: "X" },
    expect: { value: false },
  },
  { id: "cstr-01-number", expression: `CStr([n])`, attributes: { n: 42 }, expect: { value: "42" } },
  { id: "cstr-02-boolean", expression: `CStr([b])`, attributes: { b: true }, expect: { value: "True" } },
  { id: "count-01", expression: `Count([m])`, attributes: { m: ["a", "b", "c"] }, expect: { integer: "3" } },

  // ---- CDate / Now / DateAdd ----------------------------------------------------------
  {
    id: "cdate-01-negative-offset",
    expression: `CDate("2020-03-16-07:00")`,
    expect: { value: "3/16/2020 7:00:00 AM" },
  },
  {
    id: "cdate-02-positive-offset",
    expression: `CDate("2021-06-30+08:00")`,
    expect: { value: "6/29/2021 4:00:00 PM" },
  },
  {
    id: "cdate-03-iso-with-time",
    expression: `CDate("2009-06-15T01:45:30-07:00")`,
    expect: { value: "6/15/2009 8:45:30 AM" },
  },
  { id: "cdate-04-date-only", expression: `CDate("2021-08-24")`, expect: { value: "8/24/2021 12:00:00 AM" } },
  { id: "cdate-05-us-text", expression: `CDate("8/25/2021 5:41:18 PM")`, expect: { value: "8/25/2021 5:41:18 PM" } },
  {
    id: "cdate-06-null-fails",
    expression: `CDate([d])`,
    attributes: {},
    expect: { error: "ExpressionEvaluationFailed" },
  },
  {
    id: "cdate-07-bad-fails",
    expression: `CDate([d])`,
    attributes: { d: "not a date" },
    expect: { error: "ExpressionEvaluationFailed" },
  },
  { id: "now-01", expression: `Now()`, now: NOW, expect: { value: "8/25/2021 5:41:18 PM" } },
  {
    id: "now-02-after-midnight",
    expression: `Now()`,
    now: "2021-08-25T00:05:09Z",
    expect: { value: "8/25/2021 12:05:09 AM" },
  },
  { id: "now-03-noon", expression: `Now()`, now: "2021-08-25T12:00:00Z", expect: { value: "8/25/2021 12:00:00 PM" } },
  {
    id: "now-04-offset-clock-is-utc",
    expression: `Now()`,
    now: "2021-08-25T19:41:18+02:00",
    expect: { value: "8/25/2021 5:41:18 PM" },
  },
  {
    id: "dateadd-01-doc-hire-plus-7",
    expression: `DateAdd("d", 7, CDate([StatusHireDate]))`,
    attributes: { StatusHireDate: "2012-03-16-07:00" },
    expect: { value: "3/23/2012 7:00:00 AM" },
  },
  {
    id: "dateadd-02-minus-10-days",
    expression: `DateAdd("d", -10, Now())`,
    now: NOW,
    expect: { value: "8/15/2021 5:41:18 PM" },
  },
  {
    id: "dateadd-03-year",
    expression: `DateAdd("yyyy", 1, CDate("2021-03-15"))`,
    expect: { value: "3/15/2022 12:00:00 AM" },
  },
  {
    id: "dateadd-04-month-keeps-day",
    expression: `DateAdd("m", 1, CDate("2021-01-15"))`,
    expect: { value: "2/15/2021 12:00:00 AM" },
  },
  {
    id: "dateadd-05-month-end-clamps",
    expression: `DateAdd("m", 1, CDate("2021-01-31"))`,
    expect: { value: "2/28/2021 12:00:00 AM" },
  },
  {
    id: "dateadd-06-week",
    expression: `DateAdd("ww", 2, CDate("2021-08-24"))`,
    expect: { value: "9/7/2021 12:00:00 AM" },
  },
  {
    id: "dateadd-07-hour-negative",
    expression: `DateAdd("h", -3, CDate("2021-08-24"))`,
    expect: { value: "8/23/2021 9:00:00 PM" },
  },
  {
    id: "dateadd-08-minute",
    expression: `DateAdd("n", 90, CDate("2021-08-24"))`,
    expect: { value: "8/24/2021 1:30:00 AM" },
  },
  {
    id: "dateadd-09-second",
    expression: `DateAdd("s", 30, CDate("2021-08-24"))`,
    expect: { value: "8/24/2021 12:00:30 AM" },
  },
  {
    id: "dateadd-10-month-negative",
    expression: `DateAdd("m", -2, CDate("2021-03-31"))`,
    expect: { value: "1/31/2021 12:00:00 AM" },
  },
  {
    id: "dateadd-11-bad-interval",
    expression: `DateAdd("q", 1, CDate("2021-08-24"))`,
    expect: { error: "InvalidExpression" },
  },

  // ---- DateDiff -----------------------------------------------------------------------
  {
    id: "datediff-01-days-future",
    expression: DAYS_TO_HIRE,
    now: NOW,
    attributes: { StatusHireDate: "2021-09-01" },
    expect: { integer: "6" },
  },
  {
    id: "datediff-02-now-ww",
    expression: `DateDiff("ww", CDate("2021-08-21"), CDate("2021-08-22"))`,
    expect: { integer: "1" },
  },
  {
    id: "datediff-03-ww-within-week",
    expression: `DateDiff("ww", CDate("2021-08-22"), CDate("2021-08-28"))`,
    expect: { integer: "0" },
  },
  {
    id: "datediff-04-ww-negative",
    expression: `DateDiff("ww", CDate("2021-08-29"), CDate("2021-08-21"))`,
    expect: { integer: "-2" },
  },
  {
    id: "datediff-05-truncation",
    expression: `DateDiff("d", CDate("2021-08-24T12:00:00Z"), CDate("2021-08-25T11:00:00Z"))`,
    expect: { integer: "0" },
  },
  {
    id: "datediff-06-truncation-negative",
    expression: `DateDiff("d", CDate("2021-08-25T12:00:00Z"), CDate("2021-08-24T00:00:00Z"))`,
    expect: { integer: "-1" },
  },
  {
    id: "datediff-07-today-midnight",
    expression: DAYS_TO_HIRE,
    now: NOW,
    attributes: { StatusHireDate: "2021-08-25" },
    expect: { integer: "0" },
  },
  {
    id: "datediff-08-yesterday",
    expression: DAYS_TO_HIRE,
    now: NOW,
    attributes: { StatusHireDate: "2021-08-24" },
    expect: { integer: "-1" },
  },
  {
    id: "datediff-09-later-today",
    expression: DAYS_TO_HIRE,
    now: NOW,
    attributes: { StatusHireDate: "2021-08-25T20:00:00Z" },
    expect: { integer: "0" },
  },
  {
    id: "datediff-10-months-boundaries",
    expression: `DateDiff("m", CDate("2021-01-31"), CDate("2021-02-01"))`,
    expect: { integer: "1" },
  },
  {
    id: "datediff-11-months-negative-113",
    expression: `DateDiff("m", CDate("2030-06-15"), CDate("2021-01-20"))`,
    expect: { integer: "-113" },
  },
  {
    id: "datediff-12-years-boundary",
    expression: `DateDiff("yyyy", CDate("2020-12-31"), CDate("2021-01-01"))`,
    expect: { integer: "1" },
  },
  {
    id: "datediff-13-hours",
    expression: `DateDiff("h", CDate("2021-08-24T10:30:00Z"), CDate("2021-08-24T12:29:59Z"))`,
    expect: { integer: "1" },
  },
  {
    id: "datediff-14-minutes",
    expression: `DateDiff("n", CDate("2021-08-24T10:30:00Z"), CDate("2021-08-24T12:29:59Z"))`,
    expect: { integer: "119" },
  },
  {
    id: "datediff-15-seconds",
    expression: `DateDiff("s", CDate("2021-08-24T10:30:00Z"), CDate("2021-08-24T12:29:59Z"))`,
    expect: { integer: "7199" },
  },
  {
    id: "datediff-16-compare-in-iif",
    expression: PREHIRE_DISABLED,
    now: NOW,
    attributes: { StatusHireDate: "2021-09-01" },
    expect: { value: "True" },
  },
  {
    id: "datediff-17-compare-in-iif-past",
    expression: PREHIRE_DISABLED,
    now: NOW,
    attributes: { StatusHireDate: "2020-01-06" },
    expect: { value: "False" },
  },
  {
    id: "datediff-18-offset-hire-date",
    expression: DAYS_TO_HIRE,
    now: NOW,
    attributes: { StatusHireDate: "2021-09-01-07:00" },
    expect: { integer: "6" },
  },

  // ---- DateFromNum / NumFromDate / FormatDateTime -------------------------------------
  {
    id: "datefromnum-01",
    expression: `DateFromNum([accountExpires])`,
    attributes: { accountExpires: "129699324000000000" },
    expect: { value: "2012-01-01T23:00:00Z" },
  },
  {
    id: "numfromdate-01-z",
    expression: `NumFromDate("2012-01-01T23:00:00Z")`,
    expect: { integer: "129699324000000000" },
  },
  {
    id: "numfromdate-02-space-offset",
    expression: `NumFromDate("2012-01-01 15:00:00-08:00")`,
    expect: { integer: "129699324000000000" },
  },
  {
    id: "numfromdate-03-recipe",
    expression: ACCOUNT_EXPIRES,
    attributes: { ContractEndDate: "2023-06-30-07:00" },
    expect: { integer: "133326719990000000" },
  },
  {
    id: "numfromdate-04-recipe-year-end",
    expression: ACCOUNT_EXPIRES,
    attributes: { ContractEndDate: "2020-12-31-08:00" },
    expect: { integer: "132539615990000000" },
  },
  {
    id: "numfromdate-05-guard-empty",
    expression: ACCOUNT_EXPIRES_GUARDED,
    attributes: { ContractEndDate: "" },
    expect: { value: "9223372036854775807" },
  },
  {
    id: "numfromdate-06-guard-null",
    expression: ACCOUNT_EXPIRES_GUARDED,
    attributes: {},
    expect: { value: "9223372036854775807" },
  },
  {
    id: "numfromdate-07-guard-set",
    expression: ACCOUNT_EXPIRES_GUARDED,
    attributes: { ContractEndDate: "2023-06-30-07:00" },
    expect: { integer: "133326719990000000" },
  },
  {
    id: "numfromdate-08-roundtrip",
    expression: `NumFromDate("2025-01-01T00:00:00+00:00")`,
    expect: { integer: "133801632000000000" },
  },
  {
    id: "formatdatetime-01-doc",
    expression: `FormatDateTime("20150123105347.1Z", , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")`,
    expect: { value: "2015-01-23" },
  },
  {
    id: "formatdatetime-02-negative-offset-keeps-date",
    expression: `FormatDateTime([ContractEndDate], ,"yyyy-MM-ddzzz","yyyy-MM-dd")`,
    attributes: { ContractEndDate: "2023-06-30-07:00" },
    expect: { value: "2023-06-30" },
  },
  {
    id: "formatdatetime-03-mismatch-fails",
    expression: `FormatDateTime([d], , "yyyy-MM-dd", "yyyyMMdd")`,
    attributes: { d: "30/06/2023" },
    expect: { error: "ExpressionEvaluationFailed" },
  },
  {
    id: "formatdatetime-04-reorder",
    expression: `FormatDateTime([d], , "yyyy-MM-dd", "MM/dd/yyyy")`,
    attributes: { d: "2023-06-30" },
    expect: { value: "06/30/2023" },
  },

  // ---- Coalesce -----------------------------------------------------------------------
  {
    id: "coalesce-01-second",
    expression: `Coalesce([a], [b], "default")`,
    attributes: { b: "x" },
    expect: { value: "x" },
  },
  {
    id: "coalesce-02-first",
    expression: `Coalesce([a], [b], "default")`,
    attributes: { a: "1", b: "2" },
    expect: { value: "1" },
  },
  {
    id: "coalesce-03-default",
    expression: `Coalesce([a], [b], "default")`,
    attributes: {},
    expect: { value: "default" },
  },
  { id: "coalesce-04-all-null", expression: `Coalesce([a], [b])`, attributes: { a: null }, expect: { value: null } },
  {
    id: "coalesce-05-empty-is-not-null",
    expression: `Coalesce([a], [b], "default")`,
    attributes: { a: "", b: "x" },
    expect: { value: "" },
  },

  // ---- encoding -----------------------------------------------------------------------
  {
    id: "base64-01-doc",
    expression: `ConvertToBase64("Hello world!")`,
    expect: { value: "SABlAGwAbABvACAAdwBvAHIAbABkACEA" },
  },
  { id: "base64-02-non-ascii", expression: `ConvertToBase64("é")`, expect: { value: "6QA=" } },
  { id: "utf8hex-01", expression: `ConvertToUTF8Hex("Hello world!")`, expect: { value: "48656C6C6F20776F726C6421" } },
  { id: "utf8hex-02-upper-multibyte", expression: `ConvertToUTF8Hex("é")`, expect: { value: "C3A9" } },

  // ---- Guid / RandomString / Redact ---------------------------------------------------
  {
    id: "guid-01-format",
    expression: `Guid()`,
    expect: { satisfies: isGuid, describe: "a lower-case hyphenated GUID" },
  },
  {
    id: "randomstring-01-minimums",
    expression: `RandomString(10, 2, 2, 2, 2)`,
    expect: { satisfies: randomStringMeets(10, 2, 2, 2, 2), describe: "10 chars, >=2 of each class" },
  },
  {
    id: "randomstring-02-avoid",
    expression: `RandomString(40, 5, 5, 5, 5, "aeiou0O")`,
    expect: { satisfies: randomStringMeets(40, 5, 5, 5, 5, "aeiou0O"), describe: "40 chars avoiding aeiou0O" },
  },
  {
    id: "redact-01",
    expression: `Redact([pw])`,
    attributes: { pw: "S3cret!" },
    expect: { value: "S3cret!", redacted: true },
  },
  {
    id: "redact-02-nested",
    expression: `Append(Redact([pw]), "x")`,
    attributes: { pw: "S3cret!" },
    expect: { value: "S3cret!x", redacted: true },
  },

  // ---- IgnoreFlowIfNullOrEmpty and the keywords ---------------------------------------
  {
    id: "ignoreflow-01-null",
    expression: `IgnoreFlowIfNullOrEmpty([BusinessTitle])`,
    attributes: {},
    expect: { noFlow: true },
  },
  {
    id: "ignoreflow-02-empty",
    expression: `IgnoreFlowIfNullOrEmpty([BusinessTitle])`,
    attributes: { BusinessTitle: "" },
    expect: { noFlow: true },
  },
  {
    id: "ignoreflow-03-value",
    expression: `IgnoreFlowIfNullOrEmpty([BusinessTitle])`,
    attributes: { BusinessTitle: "Engineer" },
    expect: { value: "Engineer" },
  },
  {
    id: "ignoreflow-04-inner-expression",
    expression: `IgnoreFlowIfNullOrEmpty(Join(" ", [a], [b]))`,
    attributes: { a: "", b: null },
    expect: { noFlow: true },
  },
  {
    id: "wg-writeback-username-01-set",
    expression: `IgnoreFlowIfNullOrEmpty([userPrincipalName])`,
    attributes: { userPrincipalName: "jdoe@contoso.com" },
    expect: { value: "jdoe@contoso.com" },
  },
  {
    id: "wg-writeback-username-02-postponed",
    expression: `IgnoreFlowIfNullOrEmpty([userPrincipalName])`,
    attributes: { userPrincipalName: null },
    expect: { noFlow: true },
  },
  { id: "keyword-ignoreattributeflow-bare", expression: `IgnoreAttributeFlow`, expect: { noFlow: true } },
  {
    id: "keyword-ignoreattributeflow-in-iif",
    expression: `IIF([Active]="1", "False", IgnoreAttributeFlow)`,
    attributes: { Active: "0" },
    expect: { noFlow: true },
  },
  {
    id: "keyword-ignoreattributeflow-not-chosen",
    expression: `IIF([Active]="1", "False", IgnoreAttributeFlow)`,
    attributes: { Active: "1" },
    expect: { value: "False" },
  },
  {
    id: "wg-ignoreobjectflow-01-far-future",
    expression: OBJECT_FILTER_14D,
    now: NOW,
    attributes: { StatusHireDate: "2021-10-01" },
    targetAttribute: "objectFilter",
    expect: { skipObject: true },
  },
  {
    id: "wg-ignoreobjectflow-02-within-14-days",
    expression: OBJECT_FILTER_14D,
    now: NOW,
    attributes: { StatusHireDate: "2021-09-05" },
    targetAttribute: "objectFilter",
    expect: { value: "Include" },
  },
  {
    id: "wg-ignoreobjectflow-03-boundary-14",
    expression: OBJECT_FILTER_14D,
    now: NOW,
    attributes: { StatusHireDate: "2021-09-09" },
    targetAttribute: "objectFilter",
    expect: { value: "Include" },
  },
  {
    id: "wg-ignoreobjectflow-04-boundary-15",
    expression: OBJECT_FILTER_14D,
    now: NOW,
    attributes: { StatusHireDate: "2021-09-10" },
    targetAttribute: "objectFilter",
    expect: { skipObject: true },
  },
  { id: "keyword-ignoreobjectflow-bare", expression: `IgnoreObjectFlow`, expect: { skipObject: true } },

  // ---- IIF ----------------------------------------------------------------------------
  {
    id: "iif-01-equal",
    expression: `IIF([country]="USA", [country], [department])`,
    attributes: { country: "USA", department: "Sales" },
    expect: { value: "USA" },
  },
  {
    id: "iif-02-not-equal",
    expression: `IIF([country]="USA", [country], [department])`,
    attributes: { country: "FR", department: "Sales" },
    expect: { value: "Sales" },
  },
  {
    id: "iif-03-case-sensitive",
    expression: `IIF([country]="USA", "yes", "no")`,
    attributes: { country: "usa" },
    expect: { value: "no" },
  },
  {
    id: "iif-04-number-literal",
    expression: `IIF([StatusRehire]=1, "rehire", "new")`,
    attributes: { StatusRehire: "1" },
    expect: { value: "rehire" },
  },
  {
    id: "iif-08-number-literal-leading-zero",
    expression: `IIF([StatusRehire]=1, "rehire", "new")`,
    attributes: { StatusRehire: "01" },
    expect: { value: "rehire" },
  },
  {
    id: "iif-09-number-literal-false",
    expression: `IIF([StatusRehire]=1, "rehire", "new")`,
    attributes: { StatusRehire: "0" },
    expect: { value: "new" },
  },
  {
    id: "iif-10-numeric-greater",
    expression: `IIF([n] > 9, "big", "small")`,
    attributes: { n: "10" },
    expect: { value: "big" },
  },
  {
    id: "iif-11-ordinal-strings",
    expression: `IIF([a] < [b], "lt", "ge")`,
    attributes: { a: "B", b: "a" },
    expect: { value: "lt" },
  },
  {
    id: "iif-12-not-equal-op",
    expression: `IIF([a] <> "x", "diff", "same")`,
    attributes: { a: "y" },
    expect: { value: "diff" },
  },
  {
    id: "iif-13-ge-le",
    expression: `IIF([a] >= 5, IIF([a] <= 5, "five", "more"), "less")`,
    attributes: { a: "5" },
    expect: { value: "five" },
  },
  {
    id: "iif-14-and-chain",
    expression: `IIF([c]="US", IIF([d]="Sales", "US-Sales", "no"), "no")`,
    attributes: { c: "US", d: "Sales" },
    expect: { value: "US-Sales" },
  },
  {
    id: "iif-15-or-chain",
    expression: `IIF([c]="US", "yes", IIF([c]="CA", "yes", "no"))`,
    attributes: { c: "CA" },
    expect: { value: "yes" },
  },
  {
    id: "iif-16-lazy-false-arm",
    expression: `IIF([x]="1", "ok", CDate([missing]))`,
    attributes: { x: "1" },
    expect: { value: "ok" },
  },
  {
    id: "iif-17-lazy-true-arm",
    expression: `IIF([x]="1", CDate([missing]), "ok")`,
    attributes: { x: "2" },
    expect: { value: "ok" },
  },
  {
    id: "iif-18-chosen-arm-fails",
    expression: `IIF([x]="1", "ok", CDate([missing]))`,
    attributes: { x: "2" },
    expect: { error: "ExpressionEvaluationFailed" },
  },
  {
    id: "hrwb-01-iif-empty",
    expression: `IIF(IsNullOrEmpty([mobile]), "none", [mobile])`,
    attributes: { mobile: "" },
    expect: { value: "none" },
  },
  {
    id: "hrwb-02-iif-set",
    expression: `IIF(IsNullOrEmpty([mobile]), "none", [mobile])`,
    attributes: { mobile: "+1 425 555 0100" },
    expect: { value: "+1 425 555 0100" },
  },
  {
    id: "iif-19-ispresent",
    expression: `IIF(IsPresent([c]), [c], "Other")`,
    attributes: {},
    expect: { value: "Other" },
  },
  {
    id: "iif-20-boolean-function",
    expression: `IIF(IsNull([c]), "absent", "present")`,
    attributes: { c: "" },
    expect: { value: "present" },
  },

  // ---- InStr / IsNull / IsNullOrEmpty / IsPresent / IsString / Item --------------------
  { id: "instr-01", expression: `InStr("The quick brown fox", "quick")`, expect: { integer: "5" } },
  { id: "instr-02-none", expression: `InStr("The quick brown fox", "random")`, expect: { integer: "0" } },
  {
    id: "instr-03-text-compare",
    expression: `InStr("The Quick Brown Fox", "brown", 1, vbTextCompare)`,
    expect: { integer: "11" },
  },
  {
    id: "instr-04-binary-compare",
    expression: `InStr("The Quick Brown Fox", "brown", 1, vbBinaryCompare)`,
    expect: { integer: "0" },
  },
  { id: "instr-05-start", expression: `InStr("abcabc", "b", 3)`, expect: { integer: "5" } },
  { id: "isnull-01-absent", expression: `IsNull([a])`, attributes: {}, expect: { value: true } },
  { id: "isnull-02-explicit-null", expression: `IsNull([a])`, attributes: { a: null }, expect: { value: true } },
  { id: "isnull-03-empty", expression: `IsNull([a])`, attributes: { a: "" }, expect: { value: false } },
  { id: "isnullorempty-01-empty", expression: `IsNullOrEmpty([a])`, attributes: { a: "" }, expect: { value: true } },
  { id: "isnullorempty-02-null", expression: `IsNullOrEmpty([a])`, attributes: {}, expect: { value: true } },
  { id: "isnullorempty-03-value", expression: `IsNullOrEmpty([a])`, attributes: { a: " " }, expect: { value: false } },
  { id: "ispresent-01", expression: `IsPresent([a])`, attributes: { a: "x" }, expect: { value: true } },
  { id: "ispresent-02-empty", expression: `IsPresent([a])`, attributes: { a: "" }, expect: { value: false } },
  { id: "isstring-01", expression: `IsString([a])`, attributes: { a: "x" }, expect: { value: true } },
  { id: "item-01-one-based", expression: `Item([m], 1)`, attributes: { m: ["a", "b", "c"] }, expect: { value: "a" } },
  { id: "item-02", expression: `Item([m], 3)`, attributes: { m: ["a", "b", "c"] }, expect: { value: "c" } },

  // ---- Join ---------------------------------------------------------------------------
  {
    id: "join-01-doc-empty-skipped",
    expression: `Join(", ", "", [surname], [givenName])`,
    attributes: { surname: "Doe", givenName: "John" },
    expect: { value: "Doe, John" },
  },
  {
    id: "join-02-multi-valued",
    expression: `Join(",", [m], "d")`,
    attributes: { m: ["a", "b", "c"] },
    expect: { value: "a,b,c,d" },
  },
  {
    id: "join-03-null-skipped",
    expression: `Join("", Mid([x], 1, 1), [y])`,
    attributes: { y: "Doe" },
    expect: { value: "Doe" },
  },
  { id: "join-04-number", expression: `Join("", 1000, [id])`, attributes: { id: "42" }, expect: { value: "100042" } },
  { id: "join-05-empty-separator", expression: `Join("", "a", "b", "c")`, expect: { value: "abc" } },
  { id: "join-06-all-null", expression: `Join(".", [a], [b])`, attributes: {}, expect: { value: "" } },

  // ---- Left / Mid ---------------------------------------------------------------------
  { id: "left-01", expression: `Left("John Doe", 3)`, expect: { value: "Joh" } },
  { id: "left-02-zero", expression: `Left("John Doe", 0)`, expect: { value: "" } },
  { id: "left-03-negative", expression: `Left("John Doe", -1)`, expect: { value: "John Doe" } },
  { id: "left-04-null", expression: `Left([a], 3)`, attributes: {}, expect: { value: "" } },
  { id: "left-05-longer", expression: `Left("Jo", 5)`, expect: { value: "Jo" } },
  { id: "mid-01", expression: `Mid("John Doe", 6, 3)`, expect: { value: "Doe" } },
  { id: "mid-02-past-end", expression: `Mid("John Doe", 3, 100)`, expect: { value: "hn Doe" } },
  {
    id: "mid-03-company-64",
    expression: `Mid([company], 1, 64)`,
    attributes: { company: "x".repeat(70) },
    expect: { value: "x".repeat(64) },
  },

  // ---- NormalizeDiacritics ------------------------------------------------------------
  { id: "normalize-01-basic", expression: `NormalizeDiacritics("José González")`, expect: { value: "Jose Gonzalez" } },
  { id: "normalize-02-letters", expression: `NormalizeDiacritics("àçñőž")`, expect: { value: "acnoz" } },
  { id: "normalize-03-sharp-s", expression: `NormalizeDiacritics("Strauß")`, expect: { value: "Strauss" } },
  { id: "normalize-04-ae-oe", expression: `NormalizeDiacritics("Ærø æ Ø ǣǢ")`, expect: { value: "AEroe ae OE aeAE" } },
  { id: "normalize-05-stroke-l", expression: `NormalizeDiacritics("Łódź ł")`, expect: { value: "Lodz l" } },
  { id: "normalize-06-dotless", expression: `NormalizeDiacritics("İı")`, expect: { value: "Ii" } },
  { id: "normalize-07-caron-apostrophe", expression: `NormalizeDiacritics("ďťľ")`, expect: { value: "dtl" } },
  { id: "normalize-08-macron", expression: `NormalizeDiacritics("āḇ")`, expect: { value: "ab" } },
  {
    id: "normalize-09-unchanged",
    expression: `NormalizeDiacritics("O'Neil-Smith 42")`,
    expect: { value: "O'Neil-Smith 42" },
  },
  { id: "normalize-10-umlaut", expression: `NormalizeDiacritics("Zoë Müller")`, expect: { value: "Zoe Muller" } },

  // ---- Not ----------------------------------------------------------------------------
  { id: "not-01-true-text", expression: `Not("True")`, expect: { value: false } },
  { id: "not-02-other", expression: `Not("yes")`, expect: { value: true } },
  { id: "not-03-boolean", expression: `Not(IsNull([a]))`, attributes: {}, expect: { value: false } },

  // ---- PCase --------------------------------------------------------------------------
  {
    id: "pcase-01-all-caps",
    expression: `PCase("PABLO GONSALVES (SECOND)")`,
    expect: { value: "Pablo Gonsalves (Second)" },
  },
  { id: "pcase-02-lower", expression: `PCase("john doe")`, expect: { value: "John Doe" } },
  { id: "pcase-03-separators", expression: `PCase("PINTO-DE'SILVA", " '-")`, expect: { value: "Pinto-De'Silva" } },
  { id: "pcase-04-apostrophe", expression: `PCase("john's")`, expect: { value: "John'S" } },
  { id: "pcase-05-space-only", expression: `PCase("mary-jane smith", " ")`, expect: { value: "Mary-jane Smith" } },
  { id: "pcase-06-hyphen-default", expression: `PCase("MARY-JANE")`, expect: { value: "Mary-Jane" } },

  // ---- RemoveDuplicates / Split / StripSpaces -----------------------------------------
  {
    id: "removeduplicates-01",
    expression: `RemoveDuplicates([m])`,
    attributes: { m: ["a", "b", "a", "c", "b"] },
    expect: {
      satisfies: (v) => Array.isArray(v) && v.length === 3 && ["a", "b", "c"].every((x) => v.includes(x)),
      describe: "a, b and c once each",
    },
  },
  {
    id: "split-02-comma",
    expression: `Split([roles], ",")`,
    attributes: { roles: "PermissionSetOne,PermissionSetTwo" },
    expect: { value: ["PermissionSetOne", "PermissionSetTwo"] },
  },
  { id: "split-03-other-delimiter", expression: `Split("a;b;c", ";")`, expect: { value: ["a", "b", "c"] } },
  { id: "split-04-into-item", expression: `Item(Split("a,b,c", ","), 2)`, expect: { value: "b" } },
  { id: "split-05-into-join", expression: `Join("|", Split("a,b,c", ","))`, expect: { value: "a|b|c" } },
  { id: "stripspaces-01", expression: `StripSpaces("  John  Doe ")`, expect: { value: "JohnDoe" } },
  {
    id: "stripspaces-02-only-u0020",
    expression: `StripSpaces([a])`,
    attributes: { a: "a\tb c\u00a0d" },
    expect: { value: "a\tbc\u00a0d" },
  },

  // ---- Switch -------------------------------------------------------------------------
  {
    id: "switch-01-match",
    expression: `Switch([c], "Other", "USA", "US", "France", "FR")`,
    attributes: { c: "France" },
    expect: { value: "FR" },
  },
  {
    id: "switch-02-default",
    expression: `Switch([c], "Other", "USA", "US", "France", "FR")`,
    attributes: { c: "Peru" },
    expect: { value: "Other" },
  },
  {
    id: "switch-03-case-sensitive",
    expression: `Switch([c], "Other", "usa", "US")`,
    attributes: { c: "USA" },
    expect: { value: "Other" },
  },
  {
    id: "switch-04-tolower-keys",
    expression: `Switch(ToLower([c]), "Other", "usa", "US")`,
    attributes: { c: "USA" },
    expect: { value: "US" },
  },
  {
    id: "switch-05-first-match-wins",
    expression: `Switch([c], "d", "a", "1", "a", "2")`,
    attributes: { c: "a" },
    expect: { value: "1" },
  },
  { id: "switch-06-odd-params", expression: `Switch([c], "d", "k")`, expect: { error: "InvalidExpression" } },
  {
    id: "switch-07-null-matches-empty-key",
    expression: `Switch([BusinessTitle],[BusinessTitle],"","N/A")`,
    attributes: {},
    expect: { value: "N/A" },
  },
  {
    id: "switch-08-empty-matches-empty-key",
    expression: `Switch([BusinessTitle],[BusinessTitle],"","N/A")`,
    attributes: { BusinessTitle: "" },
    expect: { value: "N/A" },
  },
  {
    id: "switch-09-value-passes",
    expression: `Switch([BusinessTitle],[BusinessTitle],"","N/A")`,
    attributes: { BusinessTitle: "Engineer" },
    expect: { value: "Engineer" },
  },
  {
    id: "switch-10-ispresent-true-key",
    expression: `Switch(IsPresent([jobTitle]), "No", "True", "Yes")`,
    attributes: { jobTitle: "Dev" },
    expect: { value: "Yes" },
  },
  {
    id: "switch-11-ispresent-false",
    expression: `Switch(IsPresent([jobTitle]), "No", "True", "Yes")`,
    attributes: {},
    expect: { value: "No" },
  },
  {
    id: "switch-12-lazy-default",
    expression: `Switch([d], CDate([d]), "", "9999-12-31")`,
    attributes: {},
    expect: { value: "9999-12-31" },
  },
  {
    id: "sg-expiry-empty",
    expression: `Switch([d], DateAdd("d", 1, CDate([d])), "", "9999-12-31")`,
    attributes: { d: "" },
    expect: { value: "9999-12-31" },
  },
  {
    id: "sg-expiry-9999",
    expression: `Switch([d], DateAdd("d", 1, CDate([d])), "", "9999-12-31")`,
    attributes: { d: "2023-06-30" },
    expect: { value: "7/1/2023 12:00:00 AM" },
  },
  {
    id: "switch-13-guard-cdate",
    expression: `CDate(Switch([d],[d],"","9999-12-31"))`,
    attributes: { d: "" },
    expect: { value: "12/31/9999 12:00:00 AM" },
  },

  // ---- ToLower / ToUpper / Word -------------------------------------------------------
  {
    id: "tolower-01-invariant",
    expression: `ToLower("JOHN.DOE@CONTOSO.COM")`,
    expect: { value: "john.doe@contoso.com" },
  },
  { id: "tolower-02-empty-culture", expression: `ToLower("ISIK", )`, expect: { value: "isik" } },
  { id: "tolower-03-turkish", expression: `ToLower("TITLE", "tr-TR")`, expect: { value: "tıtle" } },
  { id: "toupper-01", expression: `ToUpper("john")`, expect: { value: "JOHN" } },
  { id: "toupper-02-turkish", expression: `ToUpper("istanbul", "tr-TR")`, expect: { value: "İSTANBUL" } },
  {
    id: "toupper-03-msexch-true",
    expression: `ToUpper(CStr(IsPresent([x])))`,
    attributes: { x: "y" },
    expect: { value: "TRUE" },
  },
  { id: "word-01", expression: `Word("The quick brown fox", 3, " ")`, expect: { value: "brown" } },
  { id: "word-02-several-delimiters", expression: `Word("The quick,brown fox", 3, " ,")`, expect: { value: "brown" } },
  { id: "word-03-empty-words-skipped", expression: `Word("a,,b", 2, ",")`, expect: { value: "b" } },
  { id: "word-04-zero", expression: `Word("a b", 0, " ")`, expect: { value: "" } },
  { id: "word-05-too-few", expression: `Word("a b", 5, " ")`, expect: { value: "" } },
  { id: "word-06-null", expression: `Word([s], 1, " ")`, attributes: {}, expect: { value: "" } },

  // ---- Replace ------------------------------------------------------------------------
  {
    id: "replace-01-ordinal",
    expression: `Replace("The quick brown Quick", "Quick", , , "slow", , )`,
    expect: { value: "The quick brown slow" },
  },
  {
    id: "replace-02-ordinal-all",
    expression: `Replace([a], ".", , , "", , )`,
    attributes: { a: "j.d.o.e" },
    expect: { value: "jdoe" },
  },
  {
    id: "replace-03-template",
    expression: `Replace([username], "<username>", , , , , "<username>@contoso.com")`,
    attributes: { username: "jdoe" },
    expect: { value: "jdoe@contoso.com" },
  },
  {
    id: "replace-04-regex-empty-matches",
    expression: `Replace("john_doe72", , "[a-zA-Z_]*", , "", , )`,
    expect: { value: "72" },
  },
  {
    id: "replace-05-group-in-match",
    expression: String.raw`Replace([address], , "(?<streetNumber>^\\d*)", "streetNumber", "888", , )`,
    attributes: { address: "1234 Tremont Street" },
    expect: { value: "888 Tremont Street" },
  },
  {
    id: "replace-06-group-suffix",
    expression: `Replace([mail], , "(?<Suffix>@(.)*)", "Suffix", "", , )`,
    attributes: { mail: "jsmith@contoso.com" },
    expect: { value: "jsmith" },
  },
  {
    id: "replace-05a-attribute-source-set",
    expression: `Replace([mobile], , ${PHONE_SPLIT}, "phoneNumber", , [telephoneNumber], )`,
    attributes: { mobile: "555", telephoneNumber: "+91 8887779999" },
    expect: { value: "555" },
  },
  {
    id: "replace-05b-attribute-source-empty",
    expression: `Replace([mobile], , ${PHONE_SPLIT}, "phoneNumber", , [telephoneNumber], )`,
    attributes: { mobile: "", telephoneNumber: "+91 8887779999" },
    expect: { value: "8887779999" },
  },
  {
    id: "replace-07-named-substitution",
    expression: String.raw`Replace([p], , "\\+(?<isd>\\d+) \\((?<area>\\d{3})\\) (?<num>.*)", , "${sub("isd")}-${sub("area")}-${sub("num")}", , )`,
    attributes: { p: "+1 (425) 555-0100" },
    expect: { value: "1-425-555-0100" },
  },
  {
    id: "replace-08-case-sensitive-regex",
    expression: `Replace("Abc abc", , "abc", , "x", , )`,
    expect: { value: "Abc x" },
  },
  {
    id: "replace-09-leading-zeros",
    expression: `Replace([id], , "^0+", , "", , )`,
    attributes: { id: "000123" },
    expect: { value: "123" },
  },
  {
    id: "replace-10-left-pad",
    expression: `Replace(Join("", "00000000", [id]), , "(.*?)(?<id>.{0,8})$", , "${sub("id")}", , )`,
    attributes: { id: "1234" },
    expect: { value: "00001234" },
  },
  {
    id: "replace-11-numbered-group",
    expression: String.raw`Replace("Doe, John", , "(\\w+), (\\w+)", , "$2 $1", , )`,
    expect: { value: "John Doe" },
  },

  // ---- phones -------------------------------------------------------------------------
  {
    id: "wg-phone-clean-01",
    expression: PHONE_CLEAN,
    attributes: { mobile: "+1 (206) 291-8163" },
    expect: { value: "+12062918163" },
  },
  {
    id: "wg-phone-number-part",
    expression: `Replace([PrimaryWorkTelephone], , ${PHONE_SPLIT}, , "${sub("phoneNumber")}", , )`,
    attributes: { PrimaryWorkTelephone: "+1 425-555-0100" },
    expect: { value: "425-555-0100" },
  },
  {
    id: "wwb-ext-isd-single-backslash",
    expression: `Replace([telephoneNumber], , ${PHONE_SPLIT_SINGLE}, , "${sub("isdCode")}", , )`,
    attributes: { telephoneNumber: "+44 20 7946 0958" },
    expect: { value: "44 " },
  },
  {
    id: "wwb-ext-number-single-backslash",
    expression: `Replace([telephoneNumber], , ${PHONE_SPLIT_SINGLE}, , "${sub("phoneNumber")}", , )`,
    attributes: { telephoneNumber: "+44 20 7946 0958" },
    expect: { value: "20 7946 0958" },
  },
  {
    id: "wg-teams-phone-country-falls-through",
    expression: `Switch(Replace([telephoneNumber], , ${PHONE_SPLIT_SINGLE}, , "${sub("isdCode")}", , ), "Unknown", "44", "GB", "1", "US")`,
    attributes: { telephoneNumber: "+44 20 7946 0958" },
    expect: { value: "Unknown" },
  },
  {
    id: "wg-phone-tel-uri",
    expression: `Join("", "tel:", ${PHONE_CLEAN})`,
    attributes: { mobile: "+1 (206) 291-8163" },
    expect: { value: "tel:+12062918163" },
  },

  // ---- Workday tutorial defaults ------------------------------------------------------
  {
    id: "wt-accountdisabled-0",
    expression: WT_ACCOUNT_DISABLED,
    attributes: { Active: "0" },
    expect: { value: "True" },
  },
  {
    id: "wt-accountdisabled-1",
    expression: WT_ACCOUNT_DISABLED,
    attributes: { Active: "1" },
    expect: { value: "False" },
  },
  {
    id: "wt-ou-dallas",
    expression: WT_OU,
    attributes: { Municipality: "Dallas" },
    expect: { value: "OU=Dallas,OU=Users,DC=contoso,DC=com" },
  },
  {
    id: "wt-ou-london",
    expression: WT_OU,
    attributes: { Municipality: "London" },
    expect: { value: "OU=London,OU=Users,DC=contoso,DC=com" },
  },
  {
    id: "wt-ou-default",
    expression: WT_OU,
    attributes: { Municipality: "Paris" },
    expect: { value: "OU=Default Users,DC=contoso,DC=com" },
  },
  { id: "wt-ou-null", expression: WT_OU, attributes: {}, expect: { value: "OU=Default Users,DC=contoso,DC=com" } },
  {
    id: "wt-ou-case",
    expression: WT_OU,
    attributes: { Municipality: "dallas" },
    expect: { value: "OU=Default Users,DC=contoso,DC=com" },
  },
  {
    id: "wt-displayname-01",
    expression: WT_DISPLAY_NAME,
    attributes: {
      PreferredLastName: "Smith",
      PreferredFirstName: "John",
      SupervisoryOrganization: "Sales",
      CountryReferenceTwoLetter: "US",
    },
    expect: { value: "Smith, John (Sales-US)" },
  },
  {
    id: "wt-displayname-02-no-org",
    expression: WT_DISPLAY_NAME,
    attributes: { PreferredLastName: "Smith", PreferredFirstName: "John", CountryReferenceTwoLetter: "US" },
    expect: { value: "Smith, John (-US)" },
  },
  {
    id: "wt-displayname-03-no-first",
    expression: WT_DISPLAY_NAME,
    attributes: {
      PreferredLastName: "Smith",
      PreferredFirstName: "",
      SupervisoryOrganization: "HR",
      CountryReferenceTwoLetter: "DE",
    },
    expect: { value: "Smith (HR-DE)" },
  },
  {
    id: "wt-sam-default-01",
    expression: WT_SAM_DEFAULT,
    attributes: { UserID: "j.doe/admin[1]" },
    expect: { value: "j.doeadmin1" },
  },
  {
    id: "wt-sam-default-02-truncate-then-dots",
    expression: WT_SAM_DEFAULT,
    attributes: { UserID: "abcdefghijklmnopqrs.tu" },
    expect: { value: "abcdefghijklmnopqrs" },
  },
  {
    id: "wt-sam-default-03-all-bad-chars",
    expression: WT_SAM_DEFAULT,
    attributes: { UserID: String.raw`a/b\c[d]e:f;g|h=i,j+k*l?m<n>o` },
    expect: { value: "abcdefghijklmno" },
  },
  {
    id: "wt-sam-default-04-trailing-dots",
    expression: WT_SAM_DEFAULT,
    attributes: { UserID: "john.doe..." },
    expect: { value: "john.doe" },
  },
  {
    id: "wt-sam-default-05-bad-chars-before-truncate",
    expression: WT_SAM_DEFAULT,
    attributes: { UserID: "[[[[abcdefghijklmnopqrstuvwxyz" },
    expect: { value: "abcdefghijklmnopqrst" },
  },
  {
    id: "wt-sam-01-first",
    expression: WT_SAM_SUV,
    attributes: { FirstName: "José", LastName: "De la Cruz" },
    targetAttribute: "sAMAccountName",
    applyMapping: "OnlyOnCreate",
    expect: { value: "JDelaCruz" },
  },
  {
    id: "wt-sam-02-second",
    expression: WT_SAM_SUV,
    attributes: { FirstName: "José", LastName: "De la Cruz" },
    taken: ["jdelacruz"],
    targetAttribute: "sAMAccountName",
    applyMapping: "OnlyOnCreate",
    expect: { value: "JoDelaCruz" },
  },
  {
    id: "wt-sam-03-third-mid-before-normalize",
    expression: WT_SAM_SUV,
    attributes: { FirstName: "Zoë", LastName: "O'Brien" },
    taken: ["ZO'Brien", "ZoO'Brien"],
    targetAttribute: "sAMAccountName",
    applyMapping: "OnlyOnCreate",
    expect: { value: "ZoeO'Brien" },
  },
  {
    id: "wt-sam-04-long-truncated",
    expression: WT_SAM_SUV,
    attributes: { FirstName: "Maximilian", LastName: "Wolfeschlegelsteinhausen" },
    targetAttribute: "sAMAccountName",
    applyMapping: "OnlyOnCreate",
    expect: { value: "MWolfeschlegelsteinh" },
  },
  {
    id: "wt-upn-default-01",
    expression: WT_UPN_DEFAULT,
    attributes: { FirstName: "John", LastName: "Smith" },
    targetAttribute: "userPrincipalName",
    expect: { value: "John.Smith@contoso.com" },
  },
  {
    id: "wt-upn-default-02-taken",
    expression: WT_UPN_DEFAULT,
    attributes: { FirstName: "John", LastName: "Smith" },
    taken: ["john.smith@contoso.com"],
    targetAttribute: "userPrincipalName",
    expect: { value: "J.Smith@contoso.com" },
  },
  {
    id: "wt-upn-default-03-null-first",
    expression: WT_UPN_DEFAULT,
    attributes: { LastName: "Smith" },
    targetAttribute: "userPrincipalName",
    expect: { value: "Smith@contoso.com" },
  },

  // ---- SelectUniqueValue --------------------------------------------------------------
  {
    id: "suv-01-first-free",
    expression: SUV_UPN,
    attributes: { PreferredFirstName: "José", PreferredLastName: "Da Silva" },
    targetAttribute: "userPrincipalName",
    expect: { value: "Jose.DaSilva@contoso.com" },
  },
  {
    id: "suv-02-second",
    expression: SUV_UPN,
    attributes: { PreferredFirstName: "José", PreferredLastName: "Da Silva" },
    taken: ["jose.dasilva@contoso.com"],
    targetAttribute: "userPrincipalName",
    expect: { value: "J.DaSilva@contoso.com" },
  },
  {
    id: "suv-03-third",
    expression: SUV_UPN,
    attributes: { PreferredFirstName: "Mary Ann", PreferredLastName: "Ng" },
    taken: ["MaryAnn.Ng@contoso.com", "M.Ng@contoso.com"],
    targetAttribute: "userPrincipalName",
    expect: { value: "Ma.Ng@contoso.com" },
  },
  {
    id: "suv-04-all-taken-escrow",
    expression: SUV_UPN,
    attributes: { PreferredFirstName: "John", PreferredLastName: "Smith" },
    taken: ["John.Smith@contoso.com", "J.Smith@contoso.com", "Jo.Smith@contoso.com"],
    targetAttribute: "userPrincipalName",
    expect: { error: "SelectUniqueValueExhausted" },
  },
  {
    id: "suv-05-diacritics-normalized",
    expression: SUV_UPN,
    attributes: { PreferredFirstName: "Björn", PreferredLastName: "Ødegård" },
    targetAttribute: "userPrincipalName",
    expect: { value: "Bjorn.OEdegard@contoso.com" },
  },
  {
    id: "suv-06-case-insensitive-taken",
    expression: SUV_UPN,
    attributes: { PreferredFirstName: "Ann", PreferredLastName: "Lee" },
    taken: ["ANN.LEE@CONTOSO.COM"],
    targetAttribute: "userPrincipalName",
    expect: { value: "A.Lee@contoso.com" },
  },
  {
    id: "suv-07-one-rule",
    expression: `SelectUniqueValue([a])`,
    attributes: { a: "x" },
    expect: { error: "InvalidExpression" },
  },
  {
    id: "suv-08-nested",
    expression: `ToLower(SelectUniqueValue([a], [b]))`,
    attributes: { a: "x", b: "y" },
    expect: { error: "InvalidExpression" },
  },
  {
    id: "suv-09-on-update",
    expression: SUV_UPN,
    attributes: { PreferredFirstName: "Ann", PreferredLastName: "Lee" },
    operation: "update",
    targetAttribute: "userPrincipalName",
    expect: { error: "InvalidExpression" },
  },
  {
    id: "suv-10-matching-attribute",
    expression: SUV_UPN,
    attributes: { PreferredFirstName: "Ann", PreferredLastName: "Lee" },
    matchingPrecedence: 1,
    targetAttribute: "userPrincipalName",
    expect: { error: "InvalidExpression" },
  },
  {
    id: "suv-11-apply-always",
    expression: SUV_UPN,
    attributes: { PreferredFirstName: "Ann", PreferredLastName: "Lee" },
    applyMapping: "Always",
    targetAttribute: "userPrincipalName",
    expect: { error: "InvalidExpression" },
  },
  {
    id: "suv-12-many-rules",
    expression: `SelectUniqueValue([a], Join("", [a], "1"), Join("", [a], "2"), Join("", [a], "3"))`,
    attributes: { a: "jdoe" },
    taken: ["jdoe", "jdoe1", "jdoe2"],
    targetAttribute: "sAMAccountName",
    expect: { value: "jdoe3" },
  },

  // ---- SuccessFactors / guide recipes -------------------------------------------------
  {
    id: "sfref-emplstatus-active",
    expression: SF_EMPL_STATUS,
    attributes: { emplStatus: "A" },
    expect: { value: "False" },
  },
  {
    id: "sfref-emplstatus-unpaid",
    expression: SF_EMPL_STATUS,
    attributes: { emplStatus: "U" },
    expect: { value: "False" },
  },
  {
    id: "sfref-emplstatus-terminated",
    expression: SF_EMPL_STATUS,
    attributes: { emplStatus: "T" },
    expect: { value: "True" },
  },
  {
    id: "sfref-activecount-0",
    expression: SF_ACTIVE_COUNT,
    attributes: { activeEmploymentsCount: "0" },
    expect: { value: "True" },
  },
  {
    id: "sfref-activecount-1",
    expression: SF_ACTIVE_COUNT,
    attributes: { activeEmploymentsCount: "1" },
    expect: { value: "False" },
  },
  {
    id: "sg-display-preferred-01",
    expression: `Join(" ", Coalesce([preferredName], [firstName]), [lastName])`,
    attributes: { firstName: "Robert", lastName: "Jones", preferredName: "Bob" },
    expect: { value: "Bob Jones" },
  },
  {
    id: "sg-display-preferred-02",
    expression: `Join(" ", Coalesce([preferredName], [firstName]), [lastName])`,
    attributes: { firstName: "Robert", lastName: "Jones" },
    expect: { value: "Robert Jones" },
  },
  {
    id: "wg-email-basic",
    expression: `Join("@", Join(".", [FirstName], [LastName]), "contoso.com")`,
    attributes: { FirstName: "Maria", LastName: "Jose-Gonzalez" },
    expect: { value: "Maria.Jose-Gonzalez@contoso.com" },
  },
  {
    id: "wg-company-domain-01",
    expression: `Join("@", [UserID], Switch([Company], "contoso.com", "Fabrikam", "fabrikam.com"))`,
    attributes: { UserID: "John.Smith", Company: "Fabrikam" },
    expect: { value: "John.Smith@fabrikam.com" },
  },
  {
    id: "wg-proxyaddresses",
    expression: `Join("", "SMTP:", [UserID], "@contoso.com")`,
    attributes: { UserID: "JGarciaLopez" },
    expect: { value: "SMTP:JGarciaLopez@contoso.com" },
  },
  {
    id: "wg-sam-suffix",
    expression: `SelectUniqueValue(Mid(Join("", Mid([FirstName], 1, 1), [LastName]), 1, 20), Mid(Join("", Mid([FirstName], 1, 1), [LastName], "1"), 1, 20), Mid(Join("", Mid([FirstName], 1, 1), [LastName], "2"), 1, 20))`,
    attributes: { FirstName: "Juan", LastName: "Garcia" },
    taken: ["JGarcia", "JGarcia1"],
    targetAttribute: "sAMAccountName",
    expect: { value: "JGarcia2" },
  },
  {
    id: "wg-ad-rehire-future",
    expression: `IIF(DateDiff("d", Now(), CDate([StatusHireDate])) >= 0, "False", "True")`,
    now: NOW,
    attributes: { StatusHireDate: "2021-09-01" },
    expect: { value: "False" },
  },
  {
    id: "wg-ad-rehire-past",
    expression: `IIF(DateDiff("d", Now(), CDate([StatusHireDate])) >= 0, "False", "True")`,
    now: NOW,
    attributes: { StatusHireDate: "2021-08-20" },
    expect: { value: "True" },
  },
  {
    id: "wg-ad-active-and-hired",
    expression: `IIF([Active]="1", IIF(${DAYS_TO_HIRE} <= 0, "False", "True"), "True")`,
    now: NOW,
    attributes: { Active: "1", StatusHireDate: "2021-08-01" },
    expect: { value: "False" },
  },
  {
    id: "wg-ad-active-prehire",
    expression: `IIF([Active]="1", IIF(${DAYS_TO_HIRE} <= 0, "False", "True"), "True")`,
    now: NOW,
    attributes: { Active: "1", StatusHireDate: "2021-09-30" },
    expect: { value: "True" },
  },
  {
    id: "wg-ou-leavers-after-last-day",
    expression: `IIF(DateDiff("d", CDate([StatusTerminationLastDayOfWork]), Now()) > 0, "OU=Leavers,DC=contoso,DC=com", "OU=Users,DC=contoso,DC=com")`,
    now: NOW,
    attributes: { StatusTerminationLastDayOfWork: "2021-08-20" },
    expect: { value: "OU=Leavers,DC=contoso,DC=com" },
  },
  {
    id: "wg-ou-complex-01",
    expression: `Join(",", Switch([Dept], "OU=Staff", "IT", "OU=IT"), Switch([Country], "OU=World", "US", "OU=US"), "DC=contoso,DC=com")`,
    attributes: { Dept: "IT", Country: "FR" },
    expect: { value: "OU=IT,OU=World,DC=contoso,DC=com" },
  },
  {
    id: "sg-writeback-mailnickname-01",
    expression: `IIF(DateDiff("d", Now(), CDate([startDate])) > 0, IgnoreAttributeFlow, Replace([mail], , "(?<Suffix>@(.)*)", "Suffix", "", , ))`,
    now: NOW,
    attributes: { startDate: "2021-08-26T12:00:00Z", mail: "jdoe@contoso.com" },
    expect: { value: "jdoe" },
  },
  {
    id: "sg-writeback-mailnickname-02",
    expression: `IIF(DateDiff("d", Now(), CDate([startDate])) > 0, IgnoreAttributeFlow, Replace([mail], , "(?<Suffix>@(.)*)", "Suffix", "", , ))`,
    now: NOW,
    attributes: { startDate: "2021-08-27T18:00:00Z", mail: "jdoe@contoso.com" },
    expect: { noFlow: true },
  },
  {
    id: "hr-title-na",
    expression: `Switch([BusinessTitle],[BusinessTitle],"","N/A")`,
    attributes: { BusinessTitle: null },
    expect: { value: "N/A" },
  },

  // ---- further edge cases implied by the documented semantics ---------------------------
  {
    id: "join-07-multi-valued-empty-values-skipped",
    expression: `Join(",", [m])`,
    attributes: { m: ["a", "", "b"] },
    expect: { value: "a,b" },
  },
  {
    id: "replace-12-group-every-match",
    expression: String.raw`Replace("a1b22c", , "(?<d>\\d+)", "d", "#", , )`,
    expect: { value: "a#b#c" },
  },
  { id: "replace-13-dollar-escape", expression: `Replace("price", , "price", , "$$5", , )`, expect: { value: "$5" } },
  {
    id: "replace-14-escaped-dot",
    expression: String.raw`Replace("a.b.c", , "\\.", , "-", , )`,
    expect: { value: "a-b-c" },
  },
  {
    id: "replace-15-single-backslash-dot",
    expression: String.raw`Replace("a.b.c", , "\.", , "-", , )`,
    expect: { value: "a-b-c" },
  },
  {
    id: "replace-16-inline-ignore-case",
    expression: `Replace("ABC abc", , "(?i)abc", , "x", , )`,
    expect: { value: "x x" },
  },
  {
    id: "replace-17-quote-named-group",
    expression: `Replace("john@contoso.com", , "(?'user'[^@]+)@.*", , "${sub("user")}", , )`,
    expect: { value: "john" },
  },
  {
    id: "replace-18-dotnet-unicode-digit",
    expression: String.raw`Replace([s], , "\\d", , "#", , )`,
    attributes: { s: "a\u0663b" },
    expect: { value: "a#b" },
  },
  {
    id: "replace-19-dotnet-unicode-word",
    expression: String.raw`Replace("é-a", , "\\w", , "x", , )`,
    expect: { value: "x-x" },
  },
  {
    id: "replace-20-unicode-category",
    expression: String.raw`Replace("Zoë1", , "\\p{L}", , "", , )`,
    expect: { value: "1" },
  },
  {
    id: "replace-22-ordinal-not-regex",
    expression: `Replace("a.b", ".", , , "[dot]", , )`,
    expect: { value: "a[dot]b" },
  },
  {
    id: "replace-23-mode5-no-match",
    expression: `Replace([mobile], , ${PHONE_SPLIT}, "phoneNumber", , [telephoneNumber], )`,
    attributes: { telephoneNumber: "unknown" },
    expect: { value: null },
  },
  {
    id: "cdate-08-time-no-offset-is-utc",
    expression: `CDate("2021-08-24T10:00:00")`,
    expect: { value: "8/24/2021 10:00:00 AM" },
  },
  { id: "cdate-09-of-now-text", expression: `CDate(Now())`, now: NOW, expect: { value: "8/25/2021 5:41:18 PM" } },
  {
    id: "datediff-19-years-negative",
    expression: `DateDiff("yyyy", CDate("2021-01-01"), CDate("2020-12-31"))`,
    expect: { integer: "-1" },
  },
  { id: "datediff-20-same-instant", expression: `DateDiff("d", Now(), Now())`, now: NOW, expect: { integer: "0" } },
  { id: "pcase-07-underscore", expression: `PCase("jean_paul")`, expect: { value: "Jean_Paul" } },
  { id: "pcase-08-leading-spaces", expression: `PCase("  mcDONALD")`, expect: { value: "  Mcdonald" } },
  { id: "word-07-leading-delimiter", expression: `Word(" a b", 1, " ")`, expect: { value: "a" } },
  {
    id: "switch-14-number-attribute",
    expression: `Switch([n], "d", "1", "one")`,
    attributes: { n: 1 },
    expect: { value: "one" },
  },
  {
    id: "switch-15-boolean-attribute",
    expression: `Switch([b], "d", "True", "yes", "False", "no")`,
    attributes: { b: false },
    expect: { value: "no" },
  },
  {
    id: "iif-21-boolean-attribute-vs-text",
    expression: `IIF([flag]="True", "on", "off")`,
    attributes: { flag: true },
    expect: { value: "on" },
  },
  { id: "cbool-03-nonzero", expression: `CBool([n])`, attributes: { n: "5" }, expect: { value: true } },
  { id: "cbool-04-zero", expression: `CBool([n])`, attributes: { n: "0" }, expect: { value: false } },
  { id: "not-04-boolean-false", expression: `Not([b])`, attributes: { b: false }, expect: { value: true } },
  { id: "left-06-numeric-text", expression: `Left("abc", "2")`, expect: { value: "ab" } },
  {
    id: "numfromdate-09-t-separator-offset",
    expression: `NumFromDate("2012-01-01T15:00:00-08:00")`,
    expect: { integer: "129699324000000000" },
  },
  { id: "bitand-04-large-hex", expression: `BitAnd(&H7FFFFFFF, &H10)`, expect: { integer: "16" } },
  {
    id: "syntax-double-backslash-literal",
    expression: String.raw`Append("\\\\", "x")`,
    expect: { value: String.raw`\\x` },
  },
  { id: "syntax-hex-lower", expression: `BitAnd(&Hff, 15)`, expect: { integer: "15" } },
  {
    id: "suv-13-sam-bad-chars-then-unique",
    expression: WT_SAM_SUV,
    attributes: { FirstName: "Ann", LastName: "O/Neil" },
    targetAttribute: "sAMAccountName",
    taken: ["AONeil"],
    expect: { value: "AnONeil" },
  },
  {
    id: "syntax-attribute-name-with-space",
    expression: `Append([First Name], "!")`,
    attributes: { "First Name": "Ann" },
    expect: { value: "Ann!" },
  },
  { id: "cbool-05-true-text", expression: `CBool("True")`, expect: { value: true } },
  {
    id: "dateadd-12-leap-day-year",
    expression: `DateAdd("yyyy", 1, CDate("2020-02-29"))`,
    expect: { value: "2/28/2021 12:00:00 AM" },
  },
  {
    id: "utf8hex-03-astral",
    expression: `ConvertToUTF8Hex([s])`,
    attributes: { s: "😀" },
    expect: { value: "F09F9880" },
  },
  {
    id: "base64-03-astral",
    expression: `ConvertToBase64([s])`,
    attributes: { s: "😀" },
    expect: { value: "PdgA3g==" },
  },
  {
    id: "normalize-11-vietnamese",
    expression: `NormalizeDiacritics("Nguyễn Thị Hương")`,
    expect: { value: "Nguyen Thi Huong" },
  },
  { id: "toupper-04-invariant-sharp-s-kept", expression: `ToUpper("straße")`, expect: { value: "STRAßE" } },
  { id: "instr-06-start-past-end", expression: `InStr("abc", "a", 5)`, expect: { integer: "0" } },
  {
    id: "datefromnum-02-number",
    expression: `DateFromNum([accountExpires])`,
    attributes: { accountExpires: 129699324000000000 },
    expect: { value: "2012-01-01T23:00:00Z" },
  },
  { id: "append-04-number", expression: `Append([n], "x")`, attributes: { n: 5 }, expect: { value: "5x" } },
  { id: "join-08-number-attribute", expression: `Join("-", [n], "a")`, attributes: { n: 7 }, expect: { value: "7-a" } },
  {
    id: "syntax-spaces-in-omitted-positions",
    expression: `Replace(  [x] ,  , "a" ,   , "b" ,  ,  )`,
    attributes: { x: "banana" },
    expect: { value: "bbnbnb" },
  },
  {
    id: "iif-22-integers-beyond-double",
    expression: `IIF([a] = [b], "eq", "ne")`,
    attributes: { a: "9007199254740993", b: "9007199254740992" },
    expect: { value: "ne" },
  },
  {
    id: "iif-23-numeric-less-than",
    expression: `IIF([a] < [b], "lt", "ge")`,
    attributes: { a: "10", b: "9" },
    expect: { value: "ge" },
  },
  {
    id: "iif-24-boolean-function-vs-text",
    expression: `IIF(IsPresent([x]) = "True", "set", "unset")`,
    attributes: { x: "y" },
    expect: { value: "set" },
  },
  { id: "pcase-09-irish", expression: `PCase("o'neil")`, expect: { value: "O'Neil" } },
  { id: "pcase-10-accented", expression: `PCase("ÉCOLE ÉTÉ")`, expect: { value: "École Été" } },
  { id: "word-08-number-as-text", expression: `Word("a b c", "2", " ")`, expect: { value: "b" } },
  {
    id: "normalize-12-stroke-macron",
    expression: `NormalizeDiacritics([s])`,
    attributes: { s: "ø\u0304 Œ\u0304 œ\u0304 Ø\u0304" },
    expect: { value: "oe OE oe OE" },
  },
  {
    id: "lookahead-ad-01-local-day-after",
    expression: LOOKAHEAD_DISABLED,
    now: "2021-08-30T14:00:00Z",
    attributes: { StatusTerminationLastDayOfWork: "2021-08-30" },
    expect: { value: "True" },
  },
  {
    id: "lookahead-ad-02-still-last-day",
    expression: LOOKAHEAD_DISABLED,
    now: "2021-08-30T13:00:00Z",
    attributes: { StatusTerminationLastDayOfWork: "2021-08-30" },
    expect: { value: "False" },
  },
  {
    id: "lookahead-numfromdate-workday-date",
    expression: `NumFromDate([StatusTerminationLastDayOfWork])`,
    attributes: { StatusTerminationLastDayOfWork: "2021-08-31-07:00" },
    expect: { integer: "132748668000000000" },
  },
  {
    id: "hr-lastdayofwork-01-passed",
    expression: LAST_DAY_DISABLED,
    now: NOW,
    attributes: { StatusTerminationLastDayOfWork: "2021-08-24" },
    expect: { value: "True" },
  },
  {
    id: "hr-lastdayofwork-02-today",
    expression: LAST_DAY_DISABLED,
    now: NOW,
    attributes: { StatusTerminationLastDayOfWork: "2021-08-25" },
    expect: { value: "False" },
  },
  {
    id: "wg-ad-rescind-01",
    expression: RESCIND_DISABLED,
    attributes: { HireRescinded: "1", Active: "1" },
    expect: { value: "True" },
  },
  {
    id: "wg-ad-rescind-02-not-rescinded",
    expression: RESCIND_DISABLED,
    attributes: { HireRescinded: "0", Active: "1" },
    expect: { value: "False" },
  },
  {
    id: "wg-ad-rescind-03-missing-flag",
    expression: RESCIND_DISABLED,
    attributes: { Active: "0" },
    expect: { value: "True" },
  },
];
