/**
 * The leading member steps of many simple paths, merged into one tree so a person is walked once:
 * `$.employmentNav.results[0].jobInfoNav.results[0]` is read once for every job attribute
 * instead of once per attribute. Nodes are stored parents-first, so evaluating the whole tree is
 * one loop of property reads; a node whose parent is missing is missing without any read. Besides
 * members, the tree takes `[-1:]` (the latest employment), a slice that selects one element at
 * most, so the "latest" rewrite of the catalogue is as cheap as `[0]`.
 */
import { member, MISSING, type SimpleStep } from "./simple-path.js";

/** A step the tree evaluates: a member, or the `[-1:]` slice. */
function isTreeStep(step: SimpleStep): boolean {
  return step.kind === "member" || (step.start === -1 && step.end === undefined);
}

export interface TrieEntry {
  /** Node holding the value after the path's leading member steps. */
  readonly node: number;
  /** Index of the first step the trie does not cover (another slice), or the path's length. */
  readonly rest: number;
}

export class SimplePathTrie {
  private readonly parents: number[] = [-1];
  private readonly steps: (SimpleStep | undefined)[] = [undefined];
  private readonly index = new Map<string, number>();
  private values: unknown[] = [MISSING];

  /** Merges the leading member (and `[-1:]`) steps of `steps` into the tree. */
  add(steps: readonly SimpleStep[]): TrieEntry {
    let node = 0;
    let at = 0;
    for (; at < steps.length; at++) {
      const step = steps[at]!;
      if (!isTreeStep(step)) break;
      // "[" cannot start a member name, so "[-1:]" never collides with one.
      const id = `${node}\u0000${step.kind === "member" ? step.key : "[-1:]"}`;
      let child = this.index.get(id);
      if (child === undefined) {
        child = this.parents.length;
        this.parents.push(node);
        this.steps.push(step);
        this.index.set(id, child);
      }
      node = child;
    }
    this.values = new Array<unknown>(this.parents.length).fill(MISSING);
    return { node, rest: at };
  }

  /** Number of property reads per person. */
  get size(): number {
    return this.parents.length - 1;
  }

  /** Reads every node of the tree from `root`. */
  evaluate(root: unknown): void {
    const values = this.values;
    values[0] = root;
    for (let node = 1; node < values.length; node++) {
      const parent = values[this.parents[node]!];
      const step = this.steps[node]!;
      if (parent === MISSING) values[node] = MISSING;
      else if (step.kind === "member") values[node] = member(parent, step);
      else values[node] = Array.isArray(parent) && parent.length > 0 ? parent[parent.length - 1] : MISSING;
    }
  }

  /** The value at `node` after evaluate(), or MISSING. */
  valueAt(node: number): unknown {
    return this.values[node];
  }
}
