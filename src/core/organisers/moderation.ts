import type { Logger } from "pino";
import type { Collection } from "../../storage/storage.js";
import { parseRef, type ReportRepository } from "../reports/reports.js";
import type { ResidentRepository } from "../residents.js";
import { parseResidentKey, residentKey } from "../types.js";

/** What banning needs. */
export interface BanOptions {
  readonly reports: ReportRepository;
  readonly residents: ResidentRepository;
  /** Flow drafts by resident key: a banned resident's draft is dropped. */
  readonly flows: Collection<unknown>;
  readonly logger: Logger;
}

/**
 * Bans or unbans the resident behind a report, or by resident key (organisers' /ban and /unban). A
 * banned resident's messages are ignored on every messenger. Returns the resident's key, or undefined.
 */
export async function setBanned(options: BanOptions, refOrKey: string, banned: boolean): Promise<string | undefined> {
  const ref = parseRef(refOrKey);
  const report = ref ? await options.reports.get(ref) : undefined;
  const target = report?.resident ?? parseResidentKey(refOrKey.trim());
  if (!target) return undefined;
  const resident = await options.residents.get(target);
  if (!resident) return undefined;
  resident.banned = banned;
  await options.residents.save(resident);
  if (banned) await options.flows.delete(residentKey(resident));
  options.logger.info({ channel: resident.channel, banned }, "resident ban changed");
  return residentKey(resident);
}
