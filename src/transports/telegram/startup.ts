import type { Bot } from "grammy";
import type { Logger } from "pino";

/**
 * Start-up check: can the bot post in the organisers' group? Says plainly what to fix when not;
 * reports are kept meanwhile and posted once the group is reachable.
 */
export async function checkOrganisersGroup(bot: Bot, chatId: number, logger: Logger): Promise<boolean> {
  try {
    const member = await bot.api.getChatMember(chatId, bot.botInfo.id);
    if (member.status === "left" || member.status === "kicked") {
      logger.error(
        { chatId },
        "The bot is not a member of the organisers' group (ORGANISERS_CHAT_ID). Add the bot to the group; reports wait in the outbox until then.",
      );
      return false;
    }
    if (member.status === "restricted" && !member.can_send_messages) {
      logger.error({ chatId }, "The bot may not post in the organisers' group. Allow it to send messages (group settings → permissions).");
      return false;
    }
    logger.info({ chatId }, "organisers' group reachable");
    return true;
  } catch (error) {
    logger.error(
      { chatId, err: error },
      "The bot cannot see the organisers' group. Check ORGANISERS_CHAT_ID (send /chatid in the group) and that the bot was added to it; reports wait in the outbox until then.",
    );
    return false;
  }
}
