import type { Report, ReportRepository } from "../reports/reports.js";
import type { Resident, ResidentRepository } from "../residents.js";
import { parseResidentKey } from "../types.js";

/** Every report created between `from` and `to`, oldest first. */
export async function reportsBetween(reports: ReportRepository, from: number, to: number): Promise<Report[]> {
  const out: Report[] = [];
  for (const ref of await reports.refsBetween(from, to)) {
    const report = await reports.get(ref);
    if (report) out.push(report);
  }
  return out;
}

/** Every resident first seen between `from` and `to`. */
export async function residentsBetween(residents: ResidentRepository, from: number, to: number): Promise<Resident[]> {
  const out: Resident[] = [];
  for (const key of await residents.keysFirstSeenBetween(from, to)) {
    const ref = parseResidentKey(key);
    const resident = ref ? await residents.get(ref) : undefined;
    if (resident) out.push(resident);
  }
  return out;
}

/** Counts values, most frequent first (ties alphabetically). */
export function tally(values: Iterable<string>): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
