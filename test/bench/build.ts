/**
 * Compiles the system under test (src/ plus test/bench/sut.ts) to plain JavaScript in a temporary
 * folder, the way `npm run build` would (esbuild instead of tsc: no type check, same output shape),
 * so the measured processes run what production runs (`node dist/main.js`) and not tsx's loader
 * thread. locales/ and node_modules/ are linked next to it, so `new URL("../locales", import.meta.url)`
 * in src/app.ts finds the bundled content.
 */
import { build } from "esbuild";
import { copyFileSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** A compiled copy of the system under test. */
export interface SutBuild {
  readonly dir: string;
  /** The child-process entry point (test/bench/sut.js in the build). */
  readonly entry: string;
  remove(): void;
}

function typescriptFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...typescriptFiles(path));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/**
 * Compiles src/ and the bench's child entry of `root` (default: this checkout; another tree for a
 * baseline, which shares this checkout's node_modules and locales) into a fresh temporary folder.
 */
export async function buildSut(root = ROOT): Promise<SutBuild> {
  const dir = mkdtempSync(join(tmpdir(), "viche-bench-build-"));
  const entryPoints = [...typescriptFiles(join(root, "src")), join(root, "test/bench/sut.ts")];
  await build({
    entryPoints,
    outdir: dir,
    outbase: root,
    bundle: false,
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: "external",
    logLevel: "error",
  });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  symlinkSync(join(root, "locales"), join(dir, "locales"), "dir");
  copyFileSync(join(ROOT, "package.json"), join(dir, "package.json"));
  return {
    dir,
    entry: join(dir, relative(root, join(root, "test/bench/sut.js"))),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Compiles the tree of git `ref` (e.g. `main`), for measuring this checkout side by side against
 * it (`npm run bench -- --baseline=main`). The tree is exported with `git archive`; nothing in the
 * repository changes.
 */
export async function buildBaseline(ref: string): Promise<SutBuild> {
  const tree = mkdtempSync(join(tmpdir(), "viche-bench-baseline-"));
  const archive = spawnSync("sh", ["-c", 'git archive "$0" src locales test/bench | tar -x -C "$1"', ref, tree], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
  });
  if (archive.status !== 0) throw new Error(`could not export ${ref}: ${archive.stderr.toString("utf8")}`);
  const built = await buildSut(tree);
  return { ...built, remove: () => (built.remove(), rmSync(tree, { recursive: true, force: true })) };
}
