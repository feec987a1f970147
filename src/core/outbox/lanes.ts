import type { Content } from "../content.js";
import type { ReportRepository } from "../reports/reports.js";
import { routeOf } from "../reports/routing.js";
import type { Locale } from "../types.js";
import { GROUP_LANE, type LaneResolver, type OutboxPayload } from "./outbox.js";

/** The lane of a routed organisers' chat. */
export function routedLane(chatId: number): string {
  return `${GROUP_LANE}:${chatId}`;
}

/**
 * One lane per organisers' chat: a card, its photos and pin, and the notes under it share the lane
 * of the chat the card goes to (its category's routed group, or the main group), so a group that
 * refuses messages never holds up another.
 */
export function organiserLanes(content: Content, reports: ReportRepository): LaneResolver {
  return async (payload: OutboxPayload) => {
    if (payload.type === "resident" || payload.ref === undefined) return GROUP_LANE;
    const report = await reports.get(payload.ref);
    const chatId = report?.card?.chatId ?? (report ? routeOf(report, content)?.chatId : undefined);
    const routed = Object.values(content.organisation.routing).some((route) => route.chatId !== undefined && route.chatId === chatId);
    return routed && chatId !== undefined ? routedLane(chatId) : GROUP_LANE;
  };
}

/** In plain words, where a lane delivers: "main" for the main group, otherwise the chat id and what is routed there (categories by name, places by code). */
export function laneDestination(lane: string, content: Content, locale: Locale): { place: "main" | "routed"; chat: string; categories: string } {
  if (lane === GROUP_LANE || !lane.startsWith(`${GROUP_LANE}:`)) return { place: "main", chat: "", categories: "" };
  const chat = lane.slice(GROUP_LANE.length + 1);
  const categories = Object.entries(content.organisation.routing)
    .filter(([, route]) => String(route.chatId) === chat)
    .map(([id]) => content.organisation.complaintCategories.find((category) => category.id === id)?.label[locale] ?? id);
  return { place: "routed", chat, categories: categories.join(", ") };
}
