import { randomInt } from "node:crypto";
import type { Collection, Storage } from "../../../storage/storage.js";

/** How long a connect code printed at start stays valid. */
const CODE_TTL_MS = 7 * 24 * 3600 * 1000;
/** Letters and digits that cannot be confused when read off a terminal (no 0/O, 1/I/L). */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 8;

/** What {@link OrganisersChat.connect} did. */
export type ConnectOutcome = "connected" | "wrong-code" | "fixed-by-config";

/**
 * The one place that knows the organisers' group: ORGANISERS_CHAT_ID when set (it always wins),
 * otherwise the group an administrator connected with `/connect CODE`, stored so that it survives
 * restarts. Everything on the organisers' side reads the id from here, so it can change while
 * the bot runs. Codes are one-time: connecting (or moving to another group) needs a fresh one.
 */
export class OrganisersChat {
  private readonly settings: Collection<number>;
  private readonly codes: Collection<true>;
  private stored: number | undefined;

  private constructor(
    storage: Storage,
    private readonly configured: number | undefined,
  ) {
    this.settings = storage.collection<number>("organisers-chat");
    this.codes = storage.collection<true>("connect-code");
  }

  /** Reads the stored group (when ORGANISERS_CHAT_ID is not set). */
  static async open(storage: Storage, configured: number | undefined): Promise<OrganisersChat> {
    const chat = new OrganisersChat(storage, configured);
    await chat.refresh();
    return chat;
  }

  /** The organisers' group id now; undefined until one is configured or connected. */
  get id(): number | undefined {
    return this.configured ?? this.stored;
  }

  /** True when ORGANISERS_CHAT_ID decides, so /connect cannot change the group. */
  get fixedByConfig(): boolean {
    return this.configured !== undefined;
  }

  /** Reads the stored group again (another process on the same Redis may have connected one). */
  async refresh(): Promise<number | undefined> {
    if (this.configured === undefined) this.stored = await this.settings.get("id");
    return this.id;
  }

  /** Makes a new one-time code for `/connect`, valid for a week. */
  async issueCode(): Promise<string> {
    const code = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
    await this.codes.set(code, true, CODE_TTL_MS);
    return code;
  }

  /**
   * Connects `chatId` when `code` is a code issued and not used yet; the code is used up either
   * way it succeeds, so the same code cannot move the group again.
   */
  async connect(code: string, chatId: number): Promise<ConnectOutcome> {
    if (this.fixedByConfig) return "fixed-by-config";
    const given = code.trim().toUpperCase();
    if (!/^[A-Z0-9]+$/.test(given) || given.length !== CODE_LENGTH) return "wrong-code";
    // Deleting is the check: only one caller can use a code, also across processes.
    if (!(await this.codes.delete(given))) return "wrong-code";
    await this.settings.set("id", chatId);
    this.stored = chatId;
    return "connected";
  }
}
