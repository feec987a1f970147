import { z } from "zod";

/**
 * The organisation's programme as structured data: sections of items, each with a stable id, a
 * short title for buttons and the original text kept verbatim. One file per language.
 */
export const programmeSchema = z.object({
  language: z.string().min(2),
  title: z.string().min(1),
  closing: z.string().optional(),
  sections: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]+$/, "lowercase letters, digits and dashes"),
        title: z.string().min(1).max(120),
        items: z
          .array(
            z.object({
              id: z
                .string()
                .regex(/^[a-z0-9.-]+$/, "lowercase letters, digits, dots and dashes")
                .max(40),
              title: z.string().min(1).max(60),
              text: z.string().min(1).max(3500),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});

/** A parsed programme file. */
export type Programme = z.infer<typeof programmeSchema>;
/** One section of the programme. */
export type ProgrammeSection = Programme["sections"][number];
/** One item of a section. */
export type ProgrammeItem = ProgrammeSection["items"][number];

/** Finds an item and its section by item id. */
export function findItem(programme: Programme, itemId: string): { section: ProgrammeSection; item: ProgrammeItem } | undefined {
  for (const section of programme.sections) {
    const item = section.items.find((candidate) => candidate.id === itemId);
    if (item) return { section, item };
  }
  return undefined;
}

/** Finds a section by id. */
export function findSection(programme: Programme, sectionId: string): ProgrammeSection | undefined {
  return programme.sections.find((section) => section.id === sectionId);
}
