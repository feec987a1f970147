import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The two import rules the README's tree states: the core imports no transport and no messenger
// library or HTTP server, and no transport imports another. Read from the sources, as a newcomer would.

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SRC = join(ROOT, "src");
const TRANSPORTS = ["telegram", "viber", "simulator"] as const;
/** What src/core may not import: messenger libraries and HTTP servers belong to transports and wiring. */
const FORBIDDEN_IN_CORE = [/^grammy(\/|$)/, /^@grammyjs\//, /^viber-bot(\/|$)/, /^(node:)?https?$/];

interface ImportEdge {
  /** The importing file, relative to the repository (with forward slashes). */
  readonly from: string;
  /** The specifier as written. */
  readonly specifier: string;
  /** For a relative specifier, the imported path relative to the repository; otherwise undefined. */
  readonly target: string | undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

function repoPath(path: string): string {
  return relative(ROOT, path).split(sep).join("/");
}

/** Every static, re-exported, type-only and dynamic import of one file, as TypeScript itself reads them. */
function importsOf(file: string, text: string): ImportEdge[] {
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName: specifier }) => ({
    from: repoPath(file),
    specifier,
    target: specifier.startsWith(".") ? repoPath(resolve(dirname(file), specifier)) : undefined,
  }));
}

/** The transport folder a repository path lies in, if any. */
function transportOf(path: string): string | undefined {
  return TRANSPORTS.find((name) => path === `src/transports/${name}` || path.startsWith(`src/transports/${name}/`));
}

/** The rule each edge breaks, as a line a newcomer can act on; none for an allowed import. */
function violations(edges: readonly ImportEdge[]): string[] {
  const found: string[] = [];
  for (const edge of edges) {
    const where = `${edge.from} imports "${edge.specifier}"`;
    if (edge.from.startsWith("src/core/")) {
      if (edge.target?.startsWith("src/transports/") || edge.target === "src/transports") found.push(`${where}: the core imports no transport`);
      if (FORBIDDEN_IN_CORE.some((pattern) => pattern.test(edge.specifier))) found.push(`${where}: the core imports no messenger library or HTTP server`);
    }
    const own = transportOf(edge.from);
    const other = edge.target === undefined ? undefined : transportOf(edge.target);
    if (own !== undefined && other !== undefined && other !== own) found.push(`${where}: transports do not import each other`);
  }
  return found;
}

const edges = sourceFiles(SRC).flatMap((file) => importsOf(file, readFileSync(file, "utf8")));

describe("what may import what", () => {
  it("reads the imports of the core and of every transport", () => {
    expect(edges.some((edge) => edge.from.startsWith("src/core/"))).toBe(true);
    for (const name of TRANSPORTS) expect(edges.some((edge) => transportOf(edge.from) === name)).toBe(true);
  });

  it("keeps the core free of transports, messenger libraries and HTTP servers", () => {
    expect(violations(edges.filter((edge) => edge.from.startsWith("src/core/")))).toEqual([]);
  });

  it("keeps each transport from importing another", () => {
    expect(violations(edges.filter((edge) => transportOf(edge.from) !== undefined))).toEqual([]);
  });

  it("names the file and the rule when one is broken", () => {
    const core = join(SRC, "core", "example.ts");
    const viber = join(SRC, "transports", "viber", "example.ts");
    const broken = [
      ...importsOf(core, 'import { Bot } from "grammy";\nimport type { X } from "../transports/telegram/bot.js";\nconst http = await import("node:http");'),
      ...importsOf(viber, 'export { render } from "../telegram/render.js";\nimport { send } from "./client.js";'),
    ];
    expect(violations(broken)).toEqual([
      'src/core/example.ts imports "grammy": the core imports no messenger library or HTTP server',
      'src/core/example.ts imports "../transports/telegram/bot.js": the core imports no transport',
      'src/core/example.ts imports "node:http": the core imports no messenger library or HTTP server',
      'src/transports/viber/example.ts imports "../telegram/render.js": transports do not import each other',
    ]);
  });
});
