import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramDouble, type TelegramDouble } from "../doubles/telegram-api.js";
import { OrganisersGroup } from "../helpers/organisers.js";
import { vicheProcess, type VicheProcess } from "../helpers/process.js";
import { startRedisServer, type RedisServer } from "../helpers/redis-server.js";
import { telegramResident, type ResidentDriver } from "../helpers/residents.js";
import { freePort } from "../helpers/viche.js";

/** A round-robin load balancer: each webhook POST goes to the next instance in turn. */
async function roundRobin(targets: () => number[]): Promise<{ url: string; server: Server; counts: Map<number, number> }> {
  const port = await freePort();
  const counts = new Map<number, number>();
  let next = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const ports = targets();
      const target = ports[next++ % ports.length] ?? 0;
      counts.set(target, (counts.get(target) ?? 0) + 1);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers))
        if (typeof value === "string" && name !== "host" && name !== "content-length") headers[name] = value;
      fetch(`http://127.0.0.1:${target}${request.url ?? "/"}`, {
        method: request.method ?? "POST",
        headers,
        body: Buffer.concat(chunks),
        signal: AbortSignal.timeout(30_000),
      })
        .then(async (answer) => {
          response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
          response.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch(() => {
          response.writeHead(502);
          response.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}`, server, counts };
}

describe("two instances on one Redis", () => {
  let redis: RedisServer | undefined;
  let double: TelegramDouble;
  let first: VicheProcess;
  let second: VicheProcess;
  let balancer: Awaited<ReturnType<typeof roundRobin>>;

  beforeAll(async () => {
    redis = await startRedisServer();
    if (!redis) return;
    double = await startTelegramDouble();
    balancer = await roundRobin(() => [first.port, second.port]);
    first = await vicheProcess({ telegram: double, storageUrl: redis.url, publicUrl: balancer.url });
    second = await vicheProcess({ telegram: double, storageUrl: redis.url, publicUrl: balancer.url });
    await first.start();
    await second.start();
  }, 60_000);
  afterAll(async () => {
    await first?.terminate();
    await second?.terminate();
    balancer?.server.close();
    await double?.close();
    await redis?.stop();
  });

  it("spreads updates across both, completes every resident's flow and posts exactly one card per report", async (context) => {
    if (!redis) return context.skip("redis-server is not installed");
    const residents: ResidentDriver[] = Array.from({ length: 6 }, (_, index) => telegramResident(double, 80_000 + index, `Житель ${index}`));
    const refs = await Promise.all(
      residents.map(async (resident, index) => {
        await resident.start();
        await resident.press("📝 Проблема");
        await resident.press("🛣 Дороги");
        await resident.say(`Село ${index}`);
        // Not in the oblast's list of places: kept as written.
        await resident.press(`✍️ Залишити «Село ${index}»`);
        await resident.say(`Розбита дорога в селі номер ${index}`);
        await resident.press("➡ Пропустити");
        await resident.press("🕶 Анонімно");
        const summary = await resident.press("✏️ Змінити");
        expect(summary.buttons).toContain("Опис");
        await resident.press("⬅ Назад");
        return /C-\d+/.exec((await resident.press("✅ Надіслати")).text)?.[0] ?? "";
      }),
    );
    expect(new Set(refs).size).toBe(refs.length);
    expect(balancer.counts.get(first.port)).toBeGreaterThan(10);
    expect(balancer.counts.get(second.port)).toBeGreaterThan(10);
    const group = new OrganisersGroup(double);
    for (const ref of refs) await group.card(ref);
    // Both instances run an outbox worker; give a second card every chance to appear.
    await first.terminate();
    await second.terminate();
    for (const ref of refs) expect(group.cardsFor(ref), ref).toHaveLength(1);
    expect(double.errors).toEqual([]);
  }, 120_000);
});
