import { z } from "zod";

const code = z.string().regex(/^UA\d{17}$/, "a КАТОТТГ code such as UA18040190010057814");
const name = z.string().min(1).max(80);

/**
 * The official list of places of one oblast (КАТОТТГ codifier): raions, hromadas and their
 * settlements, each with its code. Content: another oblast's operator supplies theirs.
 */
export const gazetteerSchema = z
  .object({
    source: z.string().optional(),
    oblast: z.object({ code, name }),
    raions: z.array(z.object({ code, name })).min(1),
    hromadas: z.array(z.object({ code, name, raion: code })).min(1),
    settlements: z.array(z.object({ code, name, kind: z.enum(["city", "selyshche", "village"]), hromada: code, raion: code })).min(1),
  })
  .superRefine((gazetteer, issues) => {
    const raions = new Set(gazetteer.raions.map((raion) => raion.code));
    const hromadaRaion = new Map(gazetteer.hromadas.map((hromada) => [hromada.code, hromada.raion]));
    gazetteer.hromadas.forEach((hromada, index) => {
      if (!raions.has(hromada.raion)) issues.addIssue({ code: "custom", path: ["hromadas", index, "raion"], message: "no raion has this code" });
    });
    const seen = new Set<string>();
    gazetteer.settlements.forEach((settlement, index) => {
      if (seen.has(settlement.code)) issues.addIssue({ code: "custom", path: ["settlements", index, "code"], message: "code used twice" });
      seen.add(settlement.code);
      const raion = hromadaRaion.get(settlement.hromada);
      if (raion === undefined) issues.addIssue({ code: "custom", path: ["settlements", index, "hromada"], message: "no hromada has this code" });
      else if (raion !== settlement.raion) issues.addIssue({ code: "custom", path: ["settlements", index, "raion"], message: "not the raion of its hromada" });
    });
  });

/** A parsed places file. */
export type Gazetteer = z.infer<typeof gazetteerSchema>;
/** The kind of a settlement: city (місто), selyshche (селище) or village (село). */
export type SettlementKind = Gazetteer["settlements"][number]["kind"];

/** Former names residents still use (Новоград-Волинський is Звягель since 2022), by settlement code. */
export const renamingsSchema = z.object({
  renamings: z.array(z.object({ old: name, code, year: z.number().int().min(1900).max(2100).optional() })),
});

/** A parsed renamings file. */
export type Renamings = z.infer<typeof renamingsSchema>["renamings"];

/** One settlement with the names of its hromada and raion, as cards and statistics show it. */
export interface Place {
  readonly code: string;
  readonly name: string;
  readonly kind: SettlementKind;
  readonly hromada: { readonly code: string; readonly name: string };
  readonly raion: { readonly code: string; readonly name: string };
}

/** Every settlement of a gazetteer as a {@link Place}, in the file's order. */
export function placesOf(gazetteer: Gazetteer): Place[] {
  const raions = new Map(gazetteer.raions.map((raion) => [raion.code, raion]));
  const hromadas = new Map(gazetteer.hromadas.map((hromada) => [hromada.code, hromada]));
  return gazetteer.settlements.map((settlement) => {
    const hromada = hromadas.get(settlement.hromada);
    const raion = raions.get(settlement.raion);
    if (!hromada || !raion) throw new Error(`Settlement ${settlement.code} has no hromada or raion (validate the gazetteer first).`);
    return {
      code: settlement.code,
      name: settlement.name,
      kind: settlement.kind,
      hromada: { code: hromada.code, name: hromada.name },
      raion: { code: raion.code, name: raion.name },
    };
  });
}
