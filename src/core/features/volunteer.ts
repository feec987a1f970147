import { volunteerFlow } from "../flows/volunteer.js";
import type { FeatureModule } from "./feature.js";

/** Signing up as a volunteer (the flow is in flows/volunteer.ts; filing in reports/filing.ts). */
export const volunteerFeature: FeatureModule = {
  name: "volunteer",
  commands: { volunteer: (ctx) => ctx.beginFlow("volunteer", {}) },
  flows: [volunteerFlow],
  words: ["volunteer"],
};
