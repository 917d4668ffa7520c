/**
 * The compiled JSONPaths of an attribute list, evaluated against one person at a time:
 * - the leading member steps of all paths without a jsonpath-plus part form one tree, read once
 *   per person (simple-path-trie.ts);
 * - paths with the same jsonpath-plus prefix share its evaluation: the prefix runs at most once
 *   per person (on first use), and each path walks its simple suffix from the nodes it selected.
 */
import { type CompiledJsonPath, JsonPathPlusRunner } from "./compiled-jsonpath.js";
import { MISSING, selectSimple } from "./simple-path.js";
import { SimplePathTrie, type TrieEntry } from "./simple-path-trie.js";

const NOT_EVALUATED: readonly unknown[] = Object.freeze([]);

/** Several values selected by one path (a JSON array value is returned as it is, never wrapped). */
export class Matches {
  constructor(readonly values: readonly unknown[]) {}
}

export class JsonPathSet {
  readonly paths: readonly CompiledJsonPath[];
  /** Prefix number of each path, -1 for fully simple paths. */
  private readonly prefixOf: readonly number[];
  /** Trie entry of each fully simple path. */
  private readonly trieEntries: readonly (TrieEntry | undefined)[];
  private readonly trie = new SimplePathTrie();
  private readonly runners: readonly JsonPathPlusRunner[];
  /** Memoised prefix results for `currentRoot`. */
  private readonly prefixResults: (readonly unknown[])[];
  private currentRoot: unknown = undefined;

  /** `compile` may throw for a bad path; the caller names the attribute. */
  constructor(sources: readonly string[], compile: (source: string, index: number) => CompiledJsonPath) {
    this.paths = sources.map(compile);
    const prefixes = new Map<string, number>();
    this.prefixOf = this.paths.map((path) => {
      if (path.prefix === undefined) return -1;
      let index = prefixes.get(path.prefix);
      if (index === undefined) {
        index = prefixes.size;
        prefixes.set(path.prefix, index);
      }
      return index;
    });
    this.trieEntries = this.paths.map((path) => (path.prefix === undefined ? this.trie.add(path.steps) : undefined));
    this.runners = [...prefixes.keys()].map((prefix) => new JsonPathPlusRunner(prefix));
    this.prefixResults = this.runners.map(() => NOT_EVALUATED);
  }

  /** Distinct jsonpath-plus evaluations a person may need, and property reads of the shared tree. */
  get cost(): { readonly jsonPathPlusPrefixes: number; readonly treeReads: number } {
    return { jsonPathPlusPrefixes: this.runners.length, treeReads: this.trie.size };
  }

  /** Starts a new person: reads the shared tree, forgets memoised prefix results. */
  reset(root: unknown): void {
    this.currentRoot = root;
    this.trie.evaluate(root);
    this.prefixResults.fill(NOT_EVALUATED);
  }

  /**
   * What path `index` selects in the current root: MISSING, the single value, or Matches. A path
   * the tree covers to its end returns the tree's value without allocating anything.
   */
  value(index: number): unknown {
    const entry = this.trieEntries[index];
    if (entry !== undefined && entry.rest === this.paths[index]!.steps.length) return this.trie.valueAt(entry.node);
    const out: unknown[] = [];
    this.select(index, out);
    return out.length === 0 ? MISSING : out.length === 1 ? out[0] : new Matches(out);
  }

  /** Appends the values path `index` selects in the current root to `out`. */
  select(index: number, out: unknown[]): void {
    const path = this.paths[index]!;
    const entry = this.trieEntries[index];
    if (entry !== undefined) {
      const value = this.trie.valueAt(entry.node);
      if (value !== MISSING) selectSimple(path.steps, value, out, entry.rest);
      return;
    }
    const prefix = this.prefixOf[index]!;
    let nodes = this.prefixResults[prefix]!;
    if (nodes === NOT_EVALUATED) {
      nodes = this.runners[prefix]!.run(this.currentRoot);
      this.prefixResults[prefix] = nodes;
    }
    path.selectBelow(nodes, out);
  }
}
