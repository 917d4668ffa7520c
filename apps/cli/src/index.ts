/** Programmatic surface of the CLI, for tests and tools that embed the expression tester. */
export { runExprBatch, type BatchStreams } from "./commands/expr-batch.js";
export { runExprEval, type ExprEvalOptions } from "./commands/expr-eval.js";
export { validateConfigText, type FileIssue } from "./commands/config.js";
export { ExpressionEvaluator, type EvaluatorOptions } from "./expression-evaluator.js";
