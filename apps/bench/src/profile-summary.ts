/**
 * Where a V8 CPU profile's time went: self time per function and per component, where a
 * component is a workspace module folder (e.g. "coordinator/cycles", "workday/response"), a
 * library ("ldapts") or a V8 bucket ("(garbage collector)"). Builtins and node: internals count
 * for the component that called them, so JSON.parse inside the Workday parser is Workday time.
 */

export interface CpuProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly children?: readonly number[];
}

export interface CpuProfile {
  readonly nodes: readonly CpuProfileNode[];
  readonly samples: readonly number[];
  /** Microseconds before each sample. */
  readonly timeDeltas: readonly number[];
}

export interface ProfileShare {
  readonly name: string;
  readonly ms: number;
  /** Of all sampled time, idle included. */
  readonly percent: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly idlePercent: number;
  readonly components: readonly ProfileShare[];
  /**
   * Library, V8 and wasm time split by the workspace module whose code is nearest above it in
   * the stack ("@electric-sql/pglite <- hr-sim/store"); "?" when no workspace code is above it.
   */
  readonly libraryOwners: readonly ProfileShare[];
  readonly functions: readonly ProfileShare[];
}

const WORKSPACE = /\/(apps|packages)\/([^/]+)\/(?:src|dist)\/(?:([^/]+)\/)?/;
const LIBRARY = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//;

/** The component a frame's own code belongs to, or undefined for builtins and node: internals. */
export function componentOfUrl(url: string): string | undefined {
  if (url === "" || url.startsWith("node:")) return undefined;
  if (url.startsWith("wasm://")) return "wasm";
  const library = LIBRARY.exec(url);
  if (library !== null) return library[1];
  const workspace = WORKSPACE.exec(url);
  if (workspace !== null) {
    // A file directly under src/ has no sub-folder: the capture is then the file name.
    const sub = workspace[3];
    return sub === undefined || sub.includes(".") ? workspace[2] : `${workspace[2]}/${sub}`;
  }
  return "other";
}

export function summarizeProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const component = new Map<number, string>();
  const owner = new Map<number, string>();
  // Walk down from the root, handing each node its caller's component and nearest workspace module.
  const root = profile.nodes[0];
  const stack: [number, string, string][] = root === undefined ? [] : [[root.id, "node internals", "?"]];
  while (stack.length > 0) {
    const [nodeId, parent, parentOwner] = stack.pop()!;
    const node = byId.get(nodeId);
    if (node === undefined) continue;
    const name = node.callFrame.functionName;
    const own = name.startsWith("(") && node.callFrame.url === "" ? name : componentOfUrl(node.callFrame.url);
    const resolved = own ?? parent;
    const resolvedOwner = WORKSPACE.test(node.callFrame.url) && !LIBRARY.test(node.callFrame.url) ? resolved : parentOwner;
    component.set(nodeId, resolved);
    owner.set(nodeId, resolvedOwner);
    for (const child of node.children ?? []) stack.push([child, resolved, resolvedOwner]);
  }

  const componentMs = new Map<string, number>();
  const functionMs = new Map<string, number>();
  const ownerMs = new Map<string, number>();
  let totalMs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    const name = component.get(id) ?? "node internals";
    componentMs.set(name, (componentMs.get(name) ?? 0) + ms);
    const by = owner.get(id) ?? "?";
    if (by !== name) ownerMs.set(`${name} <- ${by}`, (ownerMs.get(`${name} <- ${by}`) ?? 0) + ms);
    const frame = byId.get(id)?.callFrame;
    if (frame !== undefined) {
      const key = `${frame.functionName || "(anonymous)"} ${shortUrl(frame.url)}${frame.url === "" ? "" : `:${frame.lineNumber + 1}`} [${name}]`;
      functionMs.set(key, (functionMs.get(key) ?? 0) + ms);
    }
  }
  const shares = (map: Map<string, number>) =>
    [...map]
      .map(([name, ms]) => ({ name, ms, percent: totalMs === 0 ? 0 : (100 * ms) / totalMs }))
      .sort((a, b) => b.ms - a.ms);
  return {
    totalMs,
    idlePercent: totalMs === 0 ? 0 : (100 * (componentMs.get("(idle)") ?? 0)) / totalMs,
    components: shares(componentMs),
    libraryOwners: shares(ownerMs).slice(0, top),
    functions: shares(functionMs)
      .filter((share) => share.name.startsWith("(idle)") === false)
      .slice(0, top),
  };
}

function shortUrl(url: string): string {
  const library = url.lastIndexOf("/node_modules/");
  if (library >= 0) return url.slice(library + "/node_modules/".length);
  const workspace = WORKSPACE.exec(url);
  if (workspace !== null) return url.slice(workspace.index + 1);
  return url.replace(/^file:\/\//, "");
}

export function formatProfileSummary(title: string, summary: ProfileSummary, components = 18): string {
  const line = (share: ProfileShare) => `  ${share.percent.toFixed(1).padStart(5)}%  ${share.ms.toFixed(0).padStart(7)} ms  ${share.name}`;
  return [
    `${title}: ${(summary.totalMs / 1000).toFixed(1)} s sampled, ${summary.idlePercent.toFixed(1)}% idle`,
    " by component (self time; builtins count for their caller):",
    ...summary.components.slice(0, components).map(line),
    " library/V8 time by the workspace code above it:",
    ...summary.libraryOwners.map(line),
    " top functions (self time):",
    ...summary.functions.map(line),
  ].join("\n");
}
