/**
 * P1 decomposition: reads every worker from the stack's hr-sim through the Workday client alone
 * (Get_Workers pages, SOAP parsing, extraction), with no coordinator work. Compared with P1 it
 * shows how much of the initial cycle the source side takes.
 */
import type { LocalStack } from "@roster/demo";
import { STACK_CREDENTIALS } from "@roster/demo";
import { createWorkdayClient } from "@roster/workday";

export interface SourceReadResult {
  readonly workers: number;
  readonly failed: number;
  readonly seconds: number;
  readonly workersPerSecond: number;
}

export async function runSourceRead(stack: LocalStack, pageSize: number): Promise<SourceReadResult> {
  const client = createWorkdayClient({
    endpoint: stack.workdayEndpoint,
    username: STACK_CREDENTIALS.username,
    password: STACK_CREDENTIALS.password,
    pageSize,
  });
  const started = performance.now();
  let workers = 0;
  let failed = 0;
  for await (const item of client.importAll()) {
    if (item.ok) workers++;
    else failed++;
  }
  const seconds = (performance.now() - started) / 1000;
  if (workers === 0) throw new Error("source read: hr-sim returned no workers");
  return { workers, failed, seconds, workersPerSecond: workers / seconds };
}
