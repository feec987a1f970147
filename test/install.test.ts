import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

describe("npm ci", () => {
  it("compiles at most one native module (better-sqlite3); sqlite3, which only @keyv/test-suite lists, is a stand-in", () => {
    const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as {
      packages: Record<string, { hasInstallScript?: boolean; link?: boolean }>;
    };
    const native = Object.entries(lock.packages)
      .filter(([path, entry]) => entry.hasInstallScript && existsSync(join(ROOT, path, "binding.gyp")))
      .map(([path]) => path);
    expect(native).toEqual(["node_modules/better-sqlite3"]);
    expect(lock.packages["node_modules/sqlite3"]).toMatchObject({ link: true });
  });
});
