/**
 * Translation of .NET regular expressions (as written in Entra mappings and scoping
 * filters) to JavaScript RegExp. OWNER: text-functions helper.
 */
export interface DotNetRegexOptions {
  /** Anchor the whole pattern (^(?:...)$), as Regex.IsMatch in scoping REGEX MATCH. */
  readonly fullMatch?: boolean;
  /** Add the g flag (Replace). */
  readonly global?: boolean;
}

/** Throws RosterError("InvalidExpression", ...) naming the construct that cannot be translated. */
export declare function toJsRegExp(pattern: string, options?: DotNetRegexOptions): RegExp;
