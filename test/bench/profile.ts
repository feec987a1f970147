/**
 * Summarises V8 CPU profiles (node --cpu-prof): the functions with the most self time, and self time
 * by where the code lives (a package in node_modules, a file in src/, Node's internals, GC).
 *
 *   npx tsx test/bench/profile.ts <file.cpuprofile | folder> [top]
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

/** One line of a summary: a name and its self time. */
export interface ProfileLine {
  readonly name: string;
  readonly ms: number;
  readonly share: number;
}

/** Top functions and modules by self time. */
export interface ProfileSummary {
  readonly file: string;
  readonly totalMs: number;
  /** Samples in the idle node (the process waited for I/O). */
  readonly idleMs: number;
  readonly functions: ProfileLine[];
  readonly modules: ProfileLine[];
  /** Self time by kind of work (see {@link categoryOf}). */
  readonly categories: ProfileLine[];
}

/** Kinds of work, for a readable split of a profile. */
export function categoryOf(module: string, functionName: string): string {
  if (/^src\/storage\//.test(module) || /^pkg:(keyv|@keyv\/|@redis\/|better-sqlite3)/.test(module)) return "storage (SQLite/Redis, keyv, serialisation)";
  if (/^pkg:(grammy|@grammyjs\/|node-fetch|abort-controller|event-target-shim)/.test(module)) return "grammY (middleware, Bot API client, node-fetch)";
  if (
    /^node:(_http|net|internal\/stream|internal\/streams|stream)/.test(module) ||
    /^(writev|writeUtf8String|writeLatin1String|writeBuffer)$/.test(functionName)
  )
    return "HTTP and sockets (Node)";
  if (/^src\//.test(module) || /^pkg:(@fluent|zod|libphonenumber-js|pino)/.test(module)) return "Viche code (core, transports, server, logging, locales)";
  if (module === "(garbage collector)") return "garbage collection";
  return "other (Node internals, module loading)";
}

/** Where a function's code lives, shortened: "pkg:keyv", "src/core/core.ts", "node:internal/...", "(gc)". */
export function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1]) return `pkg:${modules[1]}`;
  const source = /\/(src\/.+|test\/.+)$/.exec(url);
  if (source?.[1]) return source[1].replace(/\.js$/, ".ts");
  return url.replace(/^file:\/\//, "");
}

function shortUrl(url: string): string {
  const modules = /node_modules\/(.+)$/.exec(url);
  if (modules?.[1]) return modules[1];
  const source = /\/(src\/.+|test\/.+)$/.exec(url);
  if (source?.[1]) return source[1].replace(/\.js$/, ".ts");
  return url.replace(/^file:\/\//, "");
}

/** Self time per function and per module of one profile. */
export function summariseProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const functions = new Map<string, number>();
  const modules = new Map<string, number>();
  const categories = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === "(idle)" || functionName === "(program)") {
      if (functionName === "(idle)") idle += us;
      continue;
    }
    total += us;
    const name = `${functionName || "(anonymous)"} ${url ? `${shortUrl(url)}:${lineNumber + 1}` : ""}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + us);
    const module = moduleOf(url, functionName);
    modules.set(module, (modules.get(module) ?? 0) + us);
    const category = categoryOf(module, functionName);
    categories.set(category, (categories.get(category) ?? 0) + us);
  }
  const lines = (map: Map<string, number>): ProfileLine[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10, share: Math.round((us / Math.max(1, total)) * 1000) / 10 }));
  return {
    file,
    totalMs: Math.round(total / 1000),
    idleMs: Math.round(idle / 1000),
    functions: lines(functions),
    modules: lines(modules),
    categories: lines(categories),
  };
}

/** The profiles in a folder (recursively), newest last. */
export function profilesIn(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...profilesIn(path));
    else if (entry.name.endsWith(".cpuprofile")) out.push(path);
  }
  return out.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
}

/** A summary as text. */
export function formatSummary(summary: ProfileSummary): string {
  const rows = (lines: ProfileLine[]) =>
    lines.map((line) => `  ${line.share.toFixed(1).padStart(5)}%  ${line.ms.toFixed(0).padStart(7)} ms  ${line.name}`).join("\n");
  return `${summary.file}\n  busy ${summary.totalMs} ms (idle ${summary.idleMs} ms)\n by kind of work (self time):\n${rows(summary.categories)}\n by module (self time):\n${rows(summary.modules)}\n by function (self time):\n${rows(summary.functions)}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const target = process.argv[2];
  if (!target) {
    console.error("usage: npx tsx test/bench/profile.ts <file.cpuprofile | folder> [top]");
    process.exit(2);
  }
  const files = statSync(target).isDirectory() ? profilesIn(target) : [target];
  for (const file of files) console.log(formatSummary(summariseProfile(file, Number(process.argv[3] ?? 25))));
}
