import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOCALES_DIR } from "../../src/app.js";
import { loadContent } from "../../src/core/content.js";
import { Core } from "../../src/core/core.js";
import type { FeatureModule } from "../../src/core/features/feature.js";
import { FEATURE_REGISTRY, FEATURES, isButtonData } from "../../src/core/features/index.js";
import { FeatureRegistry } from "../../src/core/features/registry.js";
import { createTranslator } from "../../src/core/i18n.js";
import { Outbox } from "../../src/core/outbox/outbox.js";
import { createProgrammeSearch } from "../../src/core/programme/search.js";
import type { IncomingEvent, OutgoingMessage } from "../../src/core/types.js";
import { openStorage } from "../../src/storage/open.js";
import type { Storage } from "../../src/storage/storage.js";
import { eventFromViberMessage } from "../../src/transports/viber/receive.js";

const content = loadContent(join(LOCALES_DIR, "content"));
const translator = createTranslator(LOCALES_DIR);
const search = createProgrammeSearch({ programmes: [content.programmes.uk, content.programmes.en], vocabulary: content.vocabulary });
const DAY_MS = 24 * 3600 * 1000;

/** What a resident may type or send while walking the screens. */
const INPUTS: readonly IncomingEvent[] = [
  { kind: "text", text: "Коростишів" },
  { kind: "text", text: "Немає світла на нашій вулиці вже тиждень" },
  { kind: "text", text: "+380671234567" },
  { kind: "text", text: "Олена Петренко" },
  { kind: "text", text: "Коли відремонтують дороги?" },
  { kind: "photo", photo: { fileId: "photo-1" }, caption: "Яма на дорозі біля школи" },
  { kind: "location", latitude: 50.3, longitude: 29.0 },
  { kind: "contact", phone: "+380671234567", own: true },
];
const COMMANDS = ["/start", "/menu", "/help", "/programme", "/complaint", "/volunteer", "/question", "/status", "/mydata", "/forget", "/language", "/stop"];

const dataOf = (messages: readonly OutgoingMessage[]): string[] => messages.flatMap((message) => (message.buttons ?? []).flat().map((button) => button.data));

describe("features as modules", () => {
  let dir: string;
  let storage: Storage;
  let clock: number;
  let core: Core;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "viche-features-"));
    storage = await openStorage(`sqlite://${join(dir, "bot.sqlite")}`);
    clock = Date.parse("2026-03-02T10:00:00Z");
    const outbox = new Outbox(storage);
    core = new Core({ storage, content, translator, search, outbox, logger: pino({ level: "silent" }), defaultLocale: "uk", now: () => clock });
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses two features claiming one button namespace, command, or flow", () => {
    const status: FeatureModule = { name: "status", buttons: [{ name: "status", form: "args", handle: () => undefined }] };
    const imposter: FeatureModule = { name: "imposter", buttons: [{ name: "status", form: "bare", handle: () => undefined }] };
    expect(() => new FeatureRegistry([status, imposter])).toThrow(/button namespace "status" is claimed by both status and imposter/);
    const stop: FeatureModule = { name: "news", commands: { stop: () => [] } };
    const another: FeatureModule = { name: "cancel", commands: { stop: () => [] } };
    expect(() => new FeatureRegistry([stop, another])).toThrow(/command "stop"/);
    expect(() => new FeatureRegistry([...FEATURES, ...FEATURES.filter((feature) => feature.flows)])).toThrow(/claimed/);
    expect(new FeatureRegistry(FEATURES).ownerOf("status:C-1")).toBe("my-reports");
  });

  it("gives every button the bot shows, in every screen reachable from the commands, a feature that owns it", async () => {
    const seen = new Map<string, string>();
    const note = (messages: readonly OutgoingMessage[], where: string) => {
      for (const data of dataOf(messages)) if (!seen.has(data)) seen.set(data, where);
    };
    // Breadth-first over screens: each path is replayed by a new resident; a path grows by every
    // button not pressed before and every kind of input, from screens not seen before.
    const pressed = new Set<string>();
    const screens = new Set<string>();
    let queue: IncomingEvent[][] = COMMANDS.map((text) => [{ kind: "text", text }]);
    let residents = 0;
    for (let depth = 0; depth < 12 && queue.length > 0; depth++) {
      const next: IncomingEvent[][] = [];
      for (const path of queue) {
        const ref = { channel: "telegram" as const, id: `walker-${++residents}` };
        let last: OutgoingMessage[] = [];
        for (const event of path) last = await core.handle(ref, event);
        note(last, path.map((event) => (event.kind === "choice" ? event.data : event.kind === "text" ? event.text : event.kind)).join(" → "));
        const screen = last.map((message) => message.text).join("\n");
        if (screens.has(screen)) continue;
        screens.add(screen);
        for (const data of dataOf(last)) {
          if (pressed.has(data)) continue;
          pressed.add(data);
          next.push([...path, { kind: "choice", data }]);
        }
        for (const input of INPUTS) next.push([...path, input]);
      }
      queue = next;
    }
    expect(residents).toBeGreaterThan(100);
    // Messages that reach residents later, through the outbox: an organiser's message, and "is it really solved?".
    const ref = { channel: "telegram" as const, id: "reporter" };
    for (const event of ["/question", "Коли відремонтують дороги?"]) await core.handle(ref, { kind: "text", text: event });
    note(await core.handle(ref, { kind: "choice", data: "f:send" }), "question sent");
    const filed = (await core.residents.get(ref))?.reports.at(-1) ?? "";
    expect(filed).toMatch(/^Q-/);
    await core.actions.relayToResident(filed, "Восени.");
    await core.handle(ref, { kind: "text", text: "/complaint" });
    for (const event of [{ kind: "choice", data: `f:category:${content.organisation.complaintCategories[0]?.id}` }, ...INPUTS.slice(0, 2)] as IncomingEvent[])
      await core.handle(ref, event);
    for (const data of ["f:attachments:done", "f:contact:anonymous", "f:send"]) note(await core.handle(ref, { kind: "choice", data }), "complaint");
    const complaint = (await core.residents.get(ref))?.reports.at(-1) ?? "";
    await core.actions.changeStatus(complaint, "resolved", undefined);
    clock += 60 * DAY_MS;
    expect(await core.followUps.askDue(clock)).toContain(complaint);
    const outbox = new Outbox(storage);
    for (const lane of await outbox.dueLanes(clock + DAY_MS, 100)) {
      for (let item = await outbox.head(lane); item; item = await outbox.head(lane)) {
        if (item.payload.type === "resident") note(item.payload.messages, `outbox ${item.payload.purpose}`);
        await outbox.complete(item, clock);
      }
    }

    note(await core.handle(ref, { kind: "text", text: "/status" }), "/status with reports");

    const orphans = [...seen].filter(([data]) => FEATURE_REGISTRY.ownerOf(data) === undefined);
    expect(orphans).toEqual([]);
    const namespaces = new Set([...seen.keys()].map((data) => FEATURE_REGISTRY.ownerOf(data)));
    for (const feature of ["menu", "programme", "answers", "my-reports", "language", "news", "follow-ups", "replies", "flow-navigation"]) {
      expect(namespaces, `no button of ${feature} was seen`).toContain(feature);
    }
  });

  it("lets Viber tell a pressed button from typed text by asking the features", () => {
    for (const data of ["menu", "prog", "prog:s:economy", "status:C-1042", "f:send", "fu:yes:C-1", "optout", "cmd:programme", "lang:en"]) {
      expect(isButtonData(data), data).toBe(true);
      expect(eventFromViberMessage({ type: "text", text: data })).toEqual({ kind: "choice", data });
    }
    for (const text of ["меню", "status", "programme", "menu:x", "Коли ремонт?", "optout please"]) {
      expect(isButtonData(text), text).toBe(false);
      expect(eventFromViberMessage({ type: "text", text })).toEqual({ kind: "text", text });
    }
  });
});
