import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { startTelegramDouble, type TelegramDouble } from "../doubles/telegram-api.js";
import { fileComplaint } from "../e2e/organisers-kit.js";
import { telegramResident } from "../helpers/residents.js";
import { startViche, type RunningViche } from "../helpers/viche.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PLACES = ["Коростишів", "Черняхів", "Бердичів", "Житомир", "Малин", "Радомишль"];

/** Runs `npm run backup|restore -- FILE`'s script as an operator would, against `storeDir`. */
function run(command: "backup" | "restore", file: string, storeDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/ops/backup-cli.ts", command, file], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", STORAGE_URL: `sqlite://${join(storeDir, "bot.sqlite")}` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("npm run backup / npm run restore (SQLite)", () => {
  const dir = mkdtempSync(join(tmpdir(), "viche-backup-"));
  const live = join(dir, "live");
  const fresh = join(dir, "fresh");
  const file = join(dir, "backup.sqlite");
  let telegram: TelegramDouble | undefined;
  let viche: RunningViche | undefined;
  afterAll(async () => {
    await viche?.stop();
    await telegram?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("backs up a live store while the bot takes updates; the restored store has every report", async () => {
    telegram = await startTelegramDouble();
    viche = await startViche({ telegram, dataDir: live });
    const file1 = async (n: number) => {
      const resident = telegramResident(telegram as TelegramDouble, 40_000 + n, `Resident ${n}`);
      await resident.start();
      return fileComplaint(resident, { category: "🛣 Дороги", place: PLACES[n % PLACES.length] ?? "Житомир", text: `Яма номер ${n}` });
    };
    const before: string[] = [];
    for (let n = 0; n < 6; n += 1) before.push(await file1(n));

    // Residents keep writing while the backup runs.
    let writing = true;
    const during = (async () => {
      const refs: string[] = [];
      for (let n = 100; writing && n < 160; n += 1) refs.push(await file1(n));
      return refs;
    })();
    const backup = await run("backup", file, live);
    writing = false;
    // The bot was taking complaints while the backup ran.
    expect((await during).length).toBeGreaterThan(0);
    expect(backup.output).toContain("Backed up");
    expect(backup.code).toBe(0);

    // Restoring over the store of a running bot is refused, and changes nothing.
    const refused = await run("restore", file, live);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("Viche is running");
    expect(refused.output).toContain("stop it first");

    const restored = await run("restore", file, fresh);
    expect(restored.output).toContain("Restored");
    expect(restored.code).toBe(0);
    await viche.stop();
    viche = await startViche({ telegram, dataDir: fresh });
    for (const ref of before) expect((await viche.app.core.reports.get(ref))?.ref, ref).toBe(ref);
  }, 90_000);
});
