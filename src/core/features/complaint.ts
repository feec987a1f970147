import { complaintFlow } from "../flows/complaint.js";
import type { FeatureModule } from "./feature.js";

/** Filing a complaint (the flow is in flows/complaint.ts; filing in reports/filing.ts). */
export const complaintFeature: FeatureModule = {
  name: "complaint",
  commands: { complaint: (ctx) => ctx.beginFlow("complaint", {}) },
  flows: [complaintFlow],
  words: ["complaint"],
};
