/** Public surface of the expression language: parse / print, compile / evaluate, the value model. */
export {
  type CompiledExpression,
  compileExpression,
  type EvaluateOptions,
  evaluateExpression,
  evaluateToOutcome,
  toOutcome,
} from "./compile.js";
export { parseExpression, MAX_NESTING_DEPTH } from "./parser.js";
export { printExpression } from "./printer.js";
export { quoteString, type SourcePosition } from "./lexer.js";
export { compareValues } from "./compare.js";
export {
  type AttributeNode,
  type CallNode,
  type ComparisonNode,
  type ComparisonOperator,
  COMPARISON_OPERATORS,
  type ExprNode,
  type IdentifierNode,
  KEYWORD_NAMES,
  KEYWORDS,
  type KeywordName,
  type NumberNode,
  numberLiteralValue,
  type OperandNode,
  type StringNode,
  stripPositions,
} from "./ast.js";
export {
  type Arg,
  type Attributes,
  type EagerFunctionDef,
  type EvalContext,
  type Evaluator,
  type ExpressionOutcome,
  type FlowSignal,
  type FunctionDef,
  IGNORE_ATTRIBUTE_FLOW,
  IGNORE_OBJECT_FLOW,
  type LazyFunctionDef,
  NOT_LITERAL,
  type Scalar,
  type UniquenessCheck,
  type Value,
} from "./types.js";
export {
  formatIsoUtc,
  formatUsDateTime,
  isFlowSignal,
  isNull,
  isNullOrEmpty,
  toBoolean,
  toInteger,
  toText,
  toTextOrEmpty,
  toValues,
} from "./values.js";
export { BUILTIN_FUNCTIONS, lookupFunction } from "./functions/index.js";
