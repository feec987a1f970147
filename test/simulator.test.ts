import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** A line to type, or `{ waitFor }`: wait until the simulator has printed that text. */
type Step = string | { readonly waitFor: string };

/** Runs `npm start`'s entry point with no token, types `lines`, and returns everything it printed. */
async function simulate(lines: Step[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "viche-sim-"));
  try {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", STORAGE_URL: `sqlite://${join(dir, "bot.sqlite")}` },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const waitFor = async (text: string) => {
      for (let waited = 0; !output.includes(text); waited += 50) {
        if (waited > 20_000) throw new Error(`the simulator never printed "${text}":\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await waitFor("bot>");
    for (const line of lines) {
      if (typeof line !== "string") {
        await waitFor(line.waitFor);
        continue;
      }
      const before = output.length;
      child.stdin.write(`${line}\n`);
      for (let waited = 0; output.length === before && waited < 20_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.stdin.end(":quit\n");
    expect(await exited).toBe(0);
    return output;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("npm start without a token opens the simulator", () => {
  it("says so on its first line, browses the programme and answers a question", async () => {
    const output = await simulate(["1", "5", "2", "коли відремонтують дороги?"]);
    const [first] = output.split("\n");
    expect(first).toContain("Viche simulator");
    expect(first).toContain("TELEGRAM_BOT_TOKEN");
    expect(output).toContain("Соціально-гуманітарний розвиток");
    expect(output).toContain("збереження мережі ФАПів");
    expect(output).toContain("Поліпшення дорожньої інфраструктури");
  }, 60_000);

  it("shows what would reach the organisers' group apart from the chat", async () => {
    const output = await simulate(["/question", "Коли буде прийом у депутата?", "1"]);
    expect(output).toContain("──── to the organisers' group ────");
    expect(output).toMatch(/Q-\d+ · питання · нове/);
  }, 60_000);

  it("sends a number that is no button as typed text", async () => {
    const output = await simulate(["99"]);
    expect(output).not.toContain("(no button");
    expect(output).toContain("У програмі немає відповіді");
  }, 60_000);

  it("lets an operator act as the organisers: card buttons, a rejection reason, a reply and /stats", async () => {
    const output = await simulate([
      "/question",
      "Коли буде прийом у депутата?",
      "1",
      { waitFor: "[g1] 🔧 В роботу" },
      "g1",
      { waitFor: "(Q-1001 is now in_progress)" },
      { waitFor: "🔧 Q-1001 · питання · у роботі" },
      ":reply Q-1001 У четвер о 10:00",
      { waitFor: "У четвер о 10:00" },
      "/stats all",
      "g5",
      "Дубль",
    ]);
    expect(output).toMatch(/\[g4\] ✅ Вирішено {3}\[g5\] ❌ Відхилити/);
    expect(output).toContain("──── /stats in the organisers' group ────");
    expect(output).toMatch(/Скарги: 0 · Питання: 1/);
    expect(output).toContain("Чому відхиляємо Q-1001?");
    expect(output).toContain("(Q-1001 is now rejected)");
  }, 60_000);
});
