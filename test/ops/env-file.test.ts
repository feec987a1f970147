import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TSX = pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
const dir = mkdtempSync(join(tmpdir(), "viche-env-"));

/** Runs Viche's entry point in a folder holding `.env`, with `env` as the real environment. */
function startIn(env: Record<string, string>): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, ["--import", TSX, join(ROOT, "src/main.ts")], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr };
}

describe(".env", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is read at start from the working directory, and the real environment wins over it", () => {
    writeFileSync(join(dir, ".env"), "# settings\nNODE_ENV=production\nPORT=eighty\n");
    const fromFile = startIn({});
    expect(fromFile.status).toBe(1);
    expect(fromFile.stderr.trim()).toBe('Configuration error: PORT must be a port number (got "eighty").');

    const overridden = startIn({ PORT: "8081" });
    expect(overridden.status).toBe(1);
    // PORT came from the environment; NODE_ENV=production still from the file.
    expect(overridden.stderr).toContain("NODE_ENV=production needs a messenger");
  });
});
