/** One sample of a Prometheus text exposition. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A parsed exposition: the declared type of each family, and every sample. */
export interface Exposition {
  readonly types: ReadonlyMap<string, string>;
  readonly samples: readonly Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const TYPES = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);
const SUFFIXES = ["_bucket", "_sum", "_count", "_total", "_created"];

function parseValue(text: string, line: number): number {
  if (text === "+Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  if (text === "NaN") return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`line ${line}: "${text}" is not a number`);
  return Number(text);
}

function parseLabels(text: string, line: number): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest.length > 0) {
    const match = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/.exec(rest);
    if (!match) throw new Error(`line ${line}: bad labels {${text}}`);
    const [whole, name = "", raw = ""] = match;
    if (name in labels) throw new Error(`line ${line}: label ${name} twice`);
    labels[name] = raw.replace(/\\(["\\n])/g, (_m, c: string) => (c === "n" ? "\n" : c));
    rest = rest.slice(whole.length);
  }
  return labels;
}

/**
 * A strict parser of Prometheus' text format (version 0.0.4): HELP and TYPE comments, one TYPE
 * per family declared before its samples, escaped label values, numeric values. Throws on
 * anything a Prometheus server would refuse.
 */
export function parsePrometheusText(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  const seen = new Set<string>();
  if (!text.endsWith("\n")) throw new Error("the exposition must end with a newline");
  text
    .slice(0, -1)
    .split("\n")
    .forEach((raw, index) => {
      const line = index + 1;
      if (raw === "") return;
      if (raw.startsWith("#")) {
        const comment = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(raw);
        if (!comment) return;
        const [, kind, name = "", rest = ""] = comment;
        if (!NAME.test(name)) throw new Error(`line ${line}: bad metric name ${name}`);
        if (kind === "TYPE") {
          if (!TYPES.has(rest)) throw new Error(`line ${line}: unknown type ${rest}`);
          if (types.has(name)) throw new Error(`line ${line}: second TYPE for ${name}`);
          types.set(name, rest);
        }
        return;
      }
      const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/.exec(raw);
      if (!sample) throw new Error(`line ${line}: not a sample: ${raw}`);
      const [, name = "", labelText = "", value = ""] = sample;
      const family = types.has(name)
        ? name
        : SUFFIXES.map((suffix) => (name.endsWith(suffix) ? name.slice(0, -suffix.length) : "")).find((base) => types.has(base));
      if (!family) throw new Error(`line ${line}: sample ${name} before its TYPE`);
      const labels = parseLabels(labelText, line);
      const key = `${name}{${JSON.stringify(labels)}}`;
      if (seen.has(key)) throw new Error(`line ${line}: duplicate sample ${key}`);
      seen.add(key);
      samples.push({ name, labels, value: parseValue(value, line) });
    });
  return { types, samples };
}

/** The value of the sample `name` whose labels include `labels` (0 when there is none). */
export function valueOf(exposition: Exposition, name: string, labels: Record<string, string> = {}): number {
  const found = exposition.samples.find((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
  return found?.value ?? 0;
}
