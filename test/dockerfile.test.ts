import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { validate } from "dockerfile-utils";
import { describe, expect, it } from "vitest";

const dockerfile = readFileSync(fileURLToPath(new URL("../Dockerfile", import.meta.url)), "utf8");

/** The Dockerfile's instructions per build stage, continuation lines joined. */
function stages(): string[][] {
  const instructions = dockerfile
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  const result: string[][] = [];
  for (const instruction of instructions) {
    if (/^FROM\s/i.test(instruction)) result.push([]);
    result.at(-1)?.push(instruction);
  }
  return result;
}

describe("Dockerfile (there is no Docker engine here, so it is linted rather than built)", () => {
  it("has no problems a Dockerfile linter finds", () => {
    expect(
      validate(dockerfile).map(
        (problem) => `line ${problem.range.start.line + 1}: ${typeof problem.message === "string" ? problem.message : problem.message.value}`,
      ),
    ).toEqual([]);
  });

  it("type-checks and builds in a first stage, and runs only production dependencies as a non-root user", () => {
    const [build, runtime] = stages();
    expect(build?.some((line) => /npm ci\b/.test(line))).toBe(true);
    expect(build?.some((line) => /npm run build/.test(line))).toBe(true);
    expect(build?.some((line) => /npm prune --omit=dev/.test(line))).toBe(true);
    expect(runtime?.some((line) => /^COPY --from=build .*node_modules/.test(line))).toBe(true);
    expect(runtime?.some((line) => /^COPY .*\bsrc\b/.test(line))).toBe(false);
    expect(runtime?.some((line) => /npm (ci|install)/.test(line))).toBe(false);
    const user = runtime?.filter((line) => /^USER\s/.test(line)).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/root|\b0\b/);
  });

  it("keeps the SQLite file in a volume and checks /healthz", () => {
    const runtime = stages()[1] ?? [];
    expect(runtime.some((line) => /^VOLUME\b.*\/data/.test(line))).toBe(true);
    expect(runtime.some((line) => /^ENV\b.*STORAGE_URL=sqlite:\/\/\/data\//.test(line))).toBe(true);
    expect(runtime.some((line) => /^HEALTHCHECK\b.*\/healthz/.test(line))).toBe(true);
  });
});
