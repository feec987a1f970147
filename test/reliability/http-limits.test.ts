import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramDouble, type TelegramDouble } from "../doubles/telegram-api.js";
import { startViberDouble, type ViberDouble } from "../doubles/viber-api.js";
import { freePort, startViche, type RunningViche } from "../helpers/viche.js";

const SECRET = "limits-test-secret";
const FIVE_MB = 5 * 1024 * 1024;

/**
 * Uploads `size` bytes the way many clients do (Python's http.client, a proxy): the whole body is
 * written first, in 64 KB writes, and only then is the answer read. Resolves with the status read,
 * or what went wrong instead (a connection reset before the answer could be read).
 */
function upload(port: number, path: string, size: number, options: { declareLength: boolean; stallAfter?: number }): Promise<number | string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.pause();
    const received: Buffer[] = [];
    const finish = (outcome: number | string) => {
      socket.destroy();
      resolve(outcome);
    };
    const readAnswer = () => {
      socket.on("data", (chunk: Buffer) => {
        received.push(chunk);
        const status = /^HTTP\/1\.1 (\d{3})/.exec(Buffer.concat(received).toString("latin1"));
        if (status) finish(Number(status[1]));
      });
      socket.on("end", () => finish("closed without an answer"));
      socket.resume();
    };
    socket.on("error", (error) => finish(`error: ${error.message}`));
    const length = options.declareLength ? `content-length: ${size}` : "transfer-encoding: chunked";
    socket.write(
      `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\nx-telegram-bot-api-secret-token: ${SECRET}\r\n${length}\r\n\r\n`,
    );
    const chunk = Buffer.alloc(64 * 1024, 32);
    const framed = options.declareLength ? chunk : Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]);
    let written = 0;
    const pump = () => {
      while (written < size) {
        if (options.stallAfter !== undefined && written >= options.stallAfter) return readAnswer();
        written += chunk.length;
        if (!socket.write(framed)) return void socket.once("drain", pump);
      }
      if (!options.declareLength) socket.write("0\r\n\r\n");
      readAnswer();
    };
    pump();
  });
}

describe("HTTP limits: the client reads the answer", () => {
  let telegram: TelegramDouble;
  let viber: ViberDouble;
  let viche: RunningViche;
  let port: number;

  beforeAll(async () => {
    telegram = await startTelegramDouble();
    viber = await startViberDouble();
    port = await freePort();
    viche = await startViche({
      telegram,
      env: {
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        PORT: String(port),
        VIBER_AUTH_TOKEN: viber.authToken,
        VIBER_BOT_NAME: "Віче",
        VIBER_API_ROOT: viber.apiRoot,
      },
      bodyTimeoutMs: 300,
    });
  });
  afterAll(async () => {
    await viche?.stop();
    await viber?.close();
    await telegram?.close();
  });

  it.each(["/telegram", "/viber"])("answers 5 MB to %s with 413, declared or chunked", async (path) => {
    for (let round = 0; round < 3; round += 1) {
      expect(await upload(port, path, FIVE_MB, { declareLength: true })).toBe(413);
      expect(await upload(port, path, FIVE_MB, { declareLength: false })).toBe(413);
    }
  });

  it("answers a body that stops half way with 408, and still serves the next request", async () => {
    expect(await upload(port, "/telegram", 512 * 1024, { declareLength: true, stallAfter: 128 * 1024 })).toBe(408);
    expect(await upload(port, "/telegram", 2, { declareLength: true })).toBe(400);
  });
});
