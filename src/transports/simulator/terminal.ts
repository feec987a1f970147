import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Logger } from "pino";
import { startApp, type App } from "../../app.js";
import type { Config } from "../../config.js";
import type { Button, IncomingEvent, OutgoingMessage } from "../../core/types.js";
import { parseRef, REPORT_STATUSES, type ReportStatus } from "../../core/reports/reports.js";
import { SimulatedGroup } from "./desk.js";

/** The resident the simulator plays. */
const RESIDENT = { channel: "telegram" as const, id: "simulator" };

/** First line of the simulator: what it is and how to go live. */
export const SIMULATOR_BANNER =
  "Viche simulator: no messenger token is set, so this is a local chat in your terminal. To go live, set TELEGRAM_BOT_TOKEN (and VIBER_AUTH_TOKEN for Viber), then connect the organisers' group with /connect; see README.md.";

const HELP = [
  "Type a message, or the number of a button (any other number is sent as text). Commands work as in Telegram (/start, /programme, /complaint, /cancel ...).",
  "Pretend input: :photo [caption]   Quit: :quit",
  "Organisers: g1, g2 ... press a card's buttons   :reply C-1001 text   :status C-1001 in_progress|resolved|rejected [reason]   /stats [today|30|all]",
].join("\n");

/** Options of {@link runSimulator}. */
export interface SimulatorOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly input: Readable;
  readonly output: Writable;
}

function renderMessage(message: OutgoingMessage, numbered: Button[]): string {
  const lines: string[] = [];
  if (message.title) lines.push(`** ${message.title} **`);
  lines.push(message.text);
  if (message.request) lines.push(`  [0] ${message.request.label}`);
  for (const row of message.buttons ?? []) {
    lines.push(
      row
        .map((button) => {
          numbered.push(button);
          return `[${numbered.length}] ${button.label}`;
        })
        .join("   "),
    );
  }
  return lines.map((line) => `  ${line.replace(/\n/g, "\n  ")}`).join("\n");
}

/**
 * A terminal chat on the real core: the same flows, storage and outbox as in production. Buttons
 * are numbered; what would go to the organisers' group is printed apart. Resolves when input ends.
 */
export async function runSimulator(options: SimulatorOptions): Promise<void> {
  const { output } = options;
  const write = (text: string) => output.write(`${text}\n`);
  write(SIMULATOR_BANNER);
  write(HELP);
  let buttons: Button[] = [];
  let request: OutgoingMessage["request"];
  const show = (messages: readonly OutgoingMessage[]) => {
    buttons = [];
    request = undefined;
    for (const message of messages) {
      write(`\nbot>\n${renderMessage(message, buttons)}`);
      request = message.request ?? request;
    }
    write("");
  };
  const group = new SimulatedGroup(options.config.defaultLocale, write);
  const app = await startApp(options.config, {
    logger: options.logger,
    simulator: { sender: async (_id, messages) => show(messages), organisers: group.sink },
    pacing: { group: { limit: 1000, windowMs: 1000 }, resident: { limit: 1000, windowMs: 1000 }, global: { limit: 1000, windowMs: 1000 } },
  });
  const running = app;
  group.attach(app);
  const send = async (event: IncomingEvent) => show(await running.core.handle(RESIDENT, event));
  await send({ kind: "start" });

  const lines = createInterface({ input: options.input, terminal: false });
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === "") continue;
    if (line === ":quit") break;
    try {
      if (!(await group.handle(line))) await handleLine(line, running, send, write, () => ({ buttons, request }));
    } catch (error) {
      write(`(error: ${error instanceof Error ? error.message : String(error)})`);
    }
  }
  await running.stop(2000);
}

async function handleLine(
  line: string,
  app: App,
  send: (event: IncomingEvent) => Promise<void>,
  write: (text: string) => void,
  screen: () => { buttons: Button[]; request: OutgoingMessage["request"] },
): Promise<void> {
  const { buttons, request } = screen();
  if (/^\d+$/.test(line)) {
    const index = Number(line);
    if (index === 0 && request) {
      return send(
        request.kind === "contact"
          ? { kind: "contact", phone: "+380671234567", name: "Simulator", own: true }
          : { kind: "location", latitude: 50.2547, longitude: 28.6587 },
      );
    }
    const button = buttons[index - 1];
    if (button) return send({ kind: "choice", data: button.data });
    if (index !== 0 || !request) return send({ kind: "text", text: line });
  }
  if (line.startsWith(":photo")) {
    const caption = line.slice(":photo".length).trim();
    return send({ kind: "photo", photo: { fileId: `simulated-photo-${Date.now()}` }, ...(caption ? { caption } : {}) });
  }
  const reply = /^:reply\s+(\S+)\s+([\s\S]+)$/.exec(line);
  if (reply?.[1] && reply[2]) {
    const ref = parseRef(reply[1]);
    const result = ref ? await app.core.actions.relayToResident(ref, reply[2]) : undefined;
    return write(result?.ok ? `(sent to the resident: ${ref})` : "(no such report)");
  }
  const status = /^:status\s+(\S+)\s+(\S+)(?:\s+([\s\S]+))?$/.exec(line);
  if (status?.[1] && status[2]) {
    const ref = parseRef(status[1]);
    const target = status[2] as ReportStatus;
    if (!ref || !REPORT_STATUSES.includes(target)) return write("(usage: :status C-1001 in_progress|resolved|rejected [reason])");
    const result = await app.core.actions.changeStatus(ref, target, undefined, status[3]);
    return write(result.ok ? `(${ref} is now ${target})` : `(not changed: ${result.reason})`);
  }
  return send({ kind: "text", text: line });
}
