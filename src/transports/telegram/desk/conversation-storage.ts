import type { ConversationData, ConversationStorage, VersionedState } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type { Storage } from "../../../storage/storage.js";

/** Half-finished organiser dialogs are forgotten after this long. */
const DIALOG_TTL_MS = 24 * 3600 * 1000;

/**
 * Where organisers' dialogs (@grammyjs/conversations) keep their state: our own storage (SQLite or
 * Redis), never memory, so a dialog survives a restart. One state per organiser per chat, so two
 * organisers can compose at the same time in the same group. Bump `version` when a dialog's steps
 * change: older states are then dropped instead of replayed against different code.
 */
export function conversationStorage(storage: Storage, version: number): ConversationStorage<Context, ConversationData> {
  const records = storage.collection<VersionedState<ConversationData>>("conversation");
  return {
    type: "key",
    version,
    getStorageKey: (ctx) => (ctx.chat && ctx.from ? `${ctx.chat.id}:${ctx.from.id}` : undefined),
    adapter: {
      read: (key) => records.get(key),
      write: (key, state) => records.set(key, state, DIALOG_TTL_MS),
      delete: async (key) => {
        await records.delete(key);
      },
    },
  };
}
