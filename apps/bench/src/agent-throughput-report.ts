/** The directory-write benchmark's result and its text table. */

/** One timed pass: `operations` writes in `seconds`. */
export interface ThroughputPass {
  readonly operations: number;
  readonly seconds: number;
  readonly perSecond: number;
  /**
   * CPU time (user + system) of this process per operation, in microseconds. slapd's share is
   * not in it. Steadier than `perSecond` when other work shares the machine.
   */
  readonly cpuMicrosPerOperation: number;
}

export interface WritePhase {
  /** Straight ldapts: one request per write (add, or modify with two replaces). */
  readonly raw: ThroughputPass;
  /**
   * Straight ldapts with the reads the agent's directory client makes around each write (a
   * create reads the new entry back for its entryUUID; an update first finds the entry by
   * entryUUID): what the agent would reach if the protocol, the ledger and scheduling were free.
   */
  readonly rawWithReads: ThroughputPass;
  /** Through the protocol: first batch sent to last result received. */
  readonly agent: ThroughputPass;
  /** agent.perSecond / raw.perSecond. */
  readonly ratio: number;
  /** agent.perSecond / rawWithReads.perSecond. */
  readonly ratioWithReads: number;
  /** Batches the coordinator needed (the credits the agent returns decide their sizes). */
  readonly batches: number;
}

export interface AgentThroughputResult {
  readonly entries: number;
  /** Operations in flight at once, on every side. */
  readonly concurrency: number;
  /** LDAP connections, on every side. */
  readonly connections: number;
  /** Credits the agent grants (operations accepted and not answered yet). */
  readonly credits: number;
  readonly creates: WritePhase;
  /** Two attribute replaces per entry. */
  readonly updates: WritePhase;
  /** RSS of the process just before the agent started (slapd is another process). */
  readonly rssBeforeAgentBytes: number;
  /** Highest RSS of the process while the agent (in-process with the fake coordinator) ran. */
  readonly agentPeakRssBytes: number;
  /** Accounts found by count searches at the end, per side (each equal to `entries`, or the run fails). */
  readonly verified: {
    readonly rawAccounts: number;
    readonly rawWithReadsAccounts: number;
    readonly agentAccounts: number;
  };
}

export function throughputPass(operations: number, seconds: number, cpuMicros: number): ThroughputPass {
  return {
    operations,
    seconds,
    perSecond: seconds > 0 ? operations / seconds : 0,
    cpuMicrosPerOperation: operations > 0 ? cpuMicros / operations : 0,
  };
}

export function writePhase(
  raw: ThroughputPass,
  rawWithReads: ThroughputPass,
  agent: ThroughputPass,
  batches: number,
): WritePhase {
  const ratio = (base: ThroughputPass) => (base.perSecond > 0 ? agent.perSecond / base.perSecond : 0);
  return { raw, rawWithReads, agent, ratio: ratio(raw), ratioWithReads: ratio(rawWithReads), batches };
}

const integer = (n: number) => Math.round(n).toLocaleString("en-US");
const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;
const mebibytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function formatAgentThroughput(result: AgentThroughputResult): string {
  const header = ["write", "path", "entries", "seconds", "ops/s", "cpu µs/op", "agent/this"];
  const rows: string[][] = [header];
  for (const [name, phase] of [
    ["create", result.creates],
    ["update", result.updates],
  ] as const) {
    const row = (path: string, measured: ThroughputPass, ratio: string) => [
      name,
      path,
      integer(measured.operations),
      measured.seconds.toFixed(2),
      integer(measured.perSecond),
      integer(measured.cpuMicrosPerOperation),
      ratio,
    ];
    rows.push(
      row("raw ldapts", phase.raw, percent(phase.ratio)),
      row("raw + client reads", phase.rawWithReads, percent(phase.ratioWithReads)),
      row(`agent (${integer(phase.batches)} batches)`, phase.agent, ""),
    );
  }
  const widths = header.map((_, column) => Math.max(...rows.map((cells) => cells[column]!.length)));
  const lines = rows.map((cells) =>
    cells
      .map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join("  ")
      .trimEnd(),
  );
  return [
    `Directory writes: agent through the protocol vs raw ldapts (OpenLDAP, ${integer(result.entries)} entries, ` +
      `${result.concurrency} in flight over ${result.connections} connections, ${integer(result.credits)} credits)`,
    ...lines,
    `agent/raw: creates ${percent(result.creates.ratio)}, updates ${percent(result.updates.ratio)}`,
    `Process RSS (agent and fake coordinator in-process): ${mebibytes(result.rssBeforeAgentBytes)} before the agent, ` +
      `${mebibytes(result.agentPeakRssBytes)} peak while it ran`,
  ].join("\n");
}
