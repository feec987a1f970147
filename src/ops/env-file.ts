import { existsSync } from "node:fs";

/**
 * Reads `path` (default `.env` in the working directory) into `process.env` when the file exists,
 * with Node's own parser (`process.loadEnvFile`). A variable already set in the real environment
 * keeps its value: the environment wins over the file. Returns whether a file was read.
 */
export function loadEnvFile(path = ".env"): boolean {
  if (!existsSync(path)) return false;
  process.loadEnvFile(path);
  return true;
}
