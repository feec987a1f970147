import type { Button, OutgoingMessage } from "../types.js";

/**
 * Adds a "▶️ continue …" button to the last message unless one of the messages already has it
 * (the main menu does): a form paused by a command or a menu button stays visibly one tap away.
 */
export function withResumeButton(messages: readonly OutgoingMessage[], resume: Button): OutgoingMessage[] {
  const has = messages.some((message) => (message.buttons ?? []).some((row) => row.some((button) => button.data === resume.data)));
  if (has || messages.length === 0) return [...messages];
  const last = messages.at(-1);
  if (!last) return [...messages];
  return [...messages.slice(0, -1), { ...last, buttons: [...(last.buttons ?? []), [resume]] }];
}
