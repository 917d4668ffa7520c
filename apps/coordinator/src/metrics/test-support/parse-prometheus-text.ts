/**
 * A strict reader of the Prometheus text exposition format (0.0.4) for tests: every line is
 * a HELP, a TYPE or a sample, and every sample belongs to a declared metric family.
 */
export interface PrometheusSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface PrometheusText {
  /** Family name → type (counter, gauge, histogram, summary, untyped). */
  readonly types: ReadonlyMap<string, string>;
  readonly samples: readonly PrometheusSample[];
}

const METRIC_NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const SAMPLE_LINE = new RegExp(`^(${METRIC_NAME})(?:\\{(.*)\\})? (\\S+)(?: (-?\\d+))?$`);
const LABEL_PAIR = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/gy;
const TYPE_LINE = new RegExp(`^# TYPE (${METRIC_NAME}) (counter|gauge|histogram|summary|untyped)$`);
const HELP_LINE = new RegExp(`^# HELP (${METRIC_NAME}) .*$`);
const FAMILY_SUFFIXES = ["_bucket", "_sum", "_count", "_total", "_created"];

export function parsePrometheusText(text: string): PrometheusText {
  const types = new Map<string, string>();
  const samples: PrometheusSample[] = [];
  for (const [index, line] of text.split("\n").entries()) {
    if (line === "") continue;
    if (line.startsWith("#")) {
      const type = TYPE_LINE.exec(line);
      if (type !== null) types.set(type[1]!, type[2]!);
      else if (!HELP_LINE.test(line)) throw new Error(`line ${index + 1}: not a HELP or TYPE comment: ${line}`);
      continue;
    }
    const match = SAMPLE_LINE.exec(line);
    if (match === null) throw new Error(`line ${index + 1}: not a sample: ${line}`);
    const name = match[1]!;
    if (familyOf(name, types) === undefined) throw new Error(`line ${index + 1}: sample of undeclared metric ${name}`);
    const value = parseValue(match[3]!);
    if (value === undefined) throw new Error(`line ${index + 1}: bad value ${match[3]}`);
    samples.push({ name, labels: parseLabels(match[2] ?? "", index + 1), value });
  }
  return { types, samples };
}

function familyOf(name: string, types: ReadonlyMap<string, string>): string | undefined {
  if (types.has(name)) return name;
  for (const suffix of FAMILY_SUFFIXES) {
    if (name.endsWith(suffix) && types.has(name.slice(0, -suffix.length))) return name.slice(0, -suffix.length);
  }
  return undefined;
}

/** Prometheus reads values with Go's ParseFloat, which takes NaN and Inf in any letter case (prom-client writes "Nan"). */
function parseValue(text: string): number | undefined {
  const lower = text.toLowerCase();
  if (lower === "+inf" || lower === "inf") return Number.POSITIVE_INFINITY;
  if (lower === "-inf") return Number.NEGATIVE_INFINITY;
  if (lower === "nan") return Number.NaN;
  const value = Number(text);
  return Number.isNaN(value) ? undefined : value;
}

function parseLabels(text: string, line: number): Record<string, string> {
  const labels: Record<string, string> = {};
  let position = 0;
  while (position < text.length) {
    LABEL_PAIR.lastIndex = position;
    const pair = LABEL_PAIR.exec(text);
    if (pair === null) throw new Error(`line ${line}: bad labels {${text}}`);
    labels[pair[1]!] = pair[2]!.replace(/\\(.)/g, (_all, char: string) => (char === "n" ? "\n" : char));
    position = LABEL_PAIR.lastIndex;
    if (text[position] === ",") position += 1;
  }
  return labels;
}
