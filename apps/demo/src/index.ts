/** @roster/demo — the local stack the demo, end-to-end tests and benchmarks run on. */
export {
  type LocalStack,
  type LocalStackOptions,
  STACK_BASE_DN,
  STACK_CREDENTIALS,
  STACK_DOMAIN,
  STACK_TENANT,
  startLocalStack,
} from "./local-stack.js";
