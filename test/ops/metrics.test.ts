import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileComplaint } from "../e2e/organisers-kit.js";
import { MESSENGERS, TELEGRAM, type Stage } from "../helpers/messengers.js";
import { freePort } from "../helpers/viche.js";
import { parsePrometheusText, valueOf, type Exposition } from "./prometheus-text.js";

async function scrape(url: string, headers: Record<string, string> = {}): Promise<Exposition> {
  const response = await fetch(url, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await response.text());
}

describe.each(MESSENGERS)("GET /metrics on its own loopback port ($name)", (messenger) => {
  let stage: Stage;
  let url: string;
  beforeAll(async () => {
    const metricsPort = await freePort();
    stage = await messenger.stage({ env: { METRICS_PORT: String(metricsPort) } });
    url = `http://127.0.0.1:${metricsPort}/metrics`;
  });
  afterAll(async () => {
    await stage?.stop();
  });

  it("parses as Prometheus text, and its counters move when a resident files a complaint", async () => {
    const before = await scrape(url);
    expect(before.types.get("viche_update_handling_seconds")).toBe("histogram");
    expect(before.types.get("viche_outbox_depth")).toBe("gauge");
    expect(before.types.get("viche_broadcasts_in_progress")).toBe("gauge");
    for (const family of [
      "viche_updates_total",
      "viche_deliveries_total",
      "viche_delivery_refusals_total",
      "viche_dead_letters_total",
      "viche_storage_errors_total",
    ]) {
      expect(before.types.get(family.replace(/_total$/, "")) ?? before.types.get(family), family).toBe("counter");
    }
    const messenger = stage.viber ? "viber" : "telegram";

    const resident = stage.resident(1, "Марія");
    await resident.start();
    const ref = await fileComplaint(resident, { category: "🛣 Дороги", place: "Коростишів", text: "Яма біля школи" });
    await stage.group.card(ref);

    // The card is on screen a moment before the worker hears Telegram's answer and counts it.
    let after = await scrape(url);
    for (let tries = 0; tries < 100 && valueOf(after, "viche_deliveries_total", { destination: "group" }) === 0; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await scrape(url);
    }
    const kind = messenger === "viber" ? "message" : "callback_query";
    expect(valueOf(after, "viche_updates_total", { messenger, kind })).toBeGreaterThan(valueOf(before, "viche_updates_total", { messenger, kind }));
    expect(valueOf(after, "viche_update_handling_seconds_count", { messenger })).toBeGreaterThanOrEqual(7);
    expect(valueOf(after, "viche_deliveries_total", { destination: "group" })).toBeGreaterThanOrEqual(
      valueOf(before, "viche_deliveries_total", { destination: "group" }) + 1,
    );
    expect(valueOf(after, "viche_outbox_depth", { lane: "residents" })).toBe(0);
    expect(valueOf(after, "viche_broadcasts_in_progress")).toBe(0);
    expect(stage.errors()).toEqual([]);
  });
});

describe("GET /metrics on the main port behind a bearer token", () => {
  const token = "metrics-token-for-tests-0123";
  let stage: Stage;
  beforeAll(async () => {
    stage = await TELEGRAM.stage({ env: { METRICS_TOKEN: token } });
  });
  afterAll(async () => {
    await stage?.stop();
  });

  it("counts a refusal and a dead letter when an organiser's reply reaches a resident who blocked the bot", async () => {
    const url = `http://127.0.0.1:${stage.viche.app.port}/metrics`;
    const auth = { authorization: `Bearer ${token}` };
    const resident = stage.resident(2, "Оля");
    await resident.start();
    const ref = await fileComplaint(resident, { category: "🛣 Дороги", place: "Черняхів", text: "Розбита дорога" });
    await stage.telegram.blockChat(10_002, { notify: false });
    await stage.group.reply(ref, "Дякуємо, передали в громаду");
    await stage.group.note("заблокував бота");
    const after = await scrape(url, auth);
    expect(valueOf(after, "viche_delivery_refusals_total", { destination: "resident", reason: "blocked" })).toBe(1);
    expect(valueOf(after, "viche_dead_letters_total", { destination: "resident", reason: "blocked" })).toBe(1);
  });

  it("refuses a scrape without the token and answers one with it", async () => {
    const url = `http://127.0.0.1:${stage.viche.app.port}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: "Bearer wrong-token-wrong-token" } })).status).toBe(401);
    const exposition = await scrape(url, { authorization: `Bearer ${token}` });
    expect(exposition.types.get("viche_outbox_depth")).toBe("gauge");
  });
});
