import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramDouble, type TelegramDouble } from "../doubles/telegram-api.js";
import { OrganisersGroup } from "../helpers/organisers.js";
import { vicheProcess, type VicheProcess } from "../helpers/process.js";
import { startRedisServer, type RedisServer } from "../helpers/redis-server.js";
import { telegramResident, type ResidentDriver, type Screen } from "../helpers/residents.js";

type Step = (resident: ResidentDriver, n: number) => Promise<Screen>;

/** Every step of every flow, as a resident takes them. */
const FLOWS: Record<string, Step[]> = {
  complaint: [
    (r) => r.press("📝 Проблема"),
    (r) => r.press("🛣 Дороги"),
    (r) => r.say("Коростишів"),
    (r, n) => r.say(`Яма на дорозі номер ${n}`),
    (r) => r.press("➡ Пропустити"),
    (r, n) => r.shareContact(`+3806712345${String(n).padStart(2, "0")}`),
    (r) => r.press("✅ Так, погоджуюся"),
    (r) => r.press("✅ Надіслати"),
  ],
  volunteer: [
    (r) => r.press("🙋 Волонтерство"),
    (r) => r.say("Олена Коваль"),
    (r, n) => r.say(`067 765 43 ${String(n).padStart(2, "0")}`),
    (r) => r.say("Бердичів"),
    (r) => r.press("⬜ 🚗 Можу возити"),
    (r) => r.press("✔️ Готово"),
    (r) => r.press("Вихідні"),
    (r) => r.press("✅ Так, погоджуюся"),
    (r) => r.press("✅ Надіслати"),
  ],
  question: [(r) => r.press("❓ Запитати"), (r, n) => r.say(`Коли буде зустріч з депутатом номер ${n}?`), (r) => r.press("✅ Надіслати")],
};

/** Telegram retries a webhook delivery that got no 2xx answer; so does this, after a restart. */
async function redeliverUnacknowledged(double: TelegramDouble): Promise<void> {
  const latest = new Map<number, { status?: number; update: (typeof double.deliveries)[number]["update"] }>();
  for (const delivery of double.deliveries)
    latest.set(delivery.update.update_id, { ...(delivery.status !== undefined ? { status: delivery.status } : {}), update: delivery.update });
  for (const { status, update } of latest.values()) {
    if (status === undefined || status < 200 || status >= 300) await double.deliver(update);
  }
}

const backends: { name: string; storage: () => Promise<{ url: string; close(): Promise<void> } | undefined> }[] = [
  {
    name: "SQLite",
    storage: async () => {
      const dir = mkdtempSync(join(tmpdir(), "viche-crash-"));
      return { url: `sqlite://${join(dir, "bot.sqlite")}`, close: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: "Redis",
    storage: async () => {
      const server: RedisServer | undefined = await startRedisServer();
      return server ? { url: server.url, close: () => server.stop() } : undefined;
    },
  },
];

describe.each(backends)("kill -9 at every step of every flow ($name)", (backend) => {
  let double: TelegramDouble;
  let viche: VicheProcess;
  let storage: { url: string; close(): Promise<void> } | undefined;

  beforeAll(async () => {
    storage = await backend.storage();
    if (!storage) return;
    double = await startTelegramDouble();
    viche = await vicheProcess({ telegram: double, storageUrl: storage.url });
  });
  afterAll(async () => {
    await viche?.terminate();
    await double?.close();
    await storage?.close();
  });

  it("resumes every flow where it was and posts every report exactly once", async (context) => {
    if (!storage) return context.skip("redis-server is not installed");
    await viche.start();
    const plan: { flow: string; killAfter: number; resident: ResidentDriver; last?: Screen }[] = [];
    let n = 0;
    for (const [flow, steps] of Object.entries(FLOWS)) {
      for (let killAfter = 0; killAfter <= steps.length; killAfter += 1) {
        n += 1;
        plan.push({ flow, killAfter, resident: telegramResident(double, 20_000 + n, `Resident ${n}`) });
      }
    }
    for (const [index, entry] of plan.entries()) {
      await entry.resident.start();
      const steps = FLOWS[entry.flow] ?? [];
      for (const step of steps.slice(0, entry.killAfter)) entry.last = await step(entry.resident, index);
    }
    // One more resident is mid-update when the process dies: that update must not be lost.
    const inFlight = telegramResident(double, 29_999, "In flight");
    await inFlight.start();
    const pending = double.sendText({ id: 29_999, first_name: "In flight" }, "/complaint");
    await viche.kill9();
    await pending;

    await viche.start();
    await redeliverUnacknowledged(double);
    const category = await inFlight.receive("Про яку проблему");
    expect(category.buttons).toContain("🛣 Дороги");

    for (const [index, entry] of plan.entries()) {
      const steps = FLOWS[entry.flow] ?? [];
      for (const step of steps.slice(entry.killAfter)) entry.last = await step(entry.resident, index);
      expect(entry.last?.text, `${entry.flow} killed after step ${entry.killAfter}`).toMatch(/Надіслано: [CVQ]-\d+/);
    }

    const group = new OrganisersGroup(double);
    const refs = plan.map((entry) => /[CVQ]-\d+/.exec(entry.last?.text ?? "")?.[0] ?? "");
    expect(new Set(refs).size).toBe(plan.length);
    // The process paces the group as Telegram asks (about one message a second): give it the time.
    for (const ref of refs) await group.card(ref, "", 60_000);
    // Give a duplicate every chance to show up before counting.
    await viche.terminate();
    for (const ref of refs) expect(group.cardsFor(ref), ref).toHaveLength(1);
    expect(double.errors).toEqual([]);
    // The process logged at info level throughout: no token, no phone number of the residents.
    const logs = viche.output.join("");
    expect(logs).toContain("report filed");
    expect(logs).not.toContain(double.token);
    expect(logs).not.toMatch(/6712345\d\d|67765\d{4}|765 43/);
  }, 240_000);
});
