import { answersFeature } from "./answers.js";
import { complaintFeature } from "./complaint.js";
import type { FeatureModule } from "./feature.js";
import { flowNavigationFeature } from "./flow-navigation.js";
import { followUpsFeature } from "./follow-ups.js";
import { languageFeature } from "./language.js";
import { menuFeature } from "./menu.js";
import { myReportsFeature } from "./my-reports.js";
import { newsFeature } from "./news.js";
import { privacyFeature } from "./privacy.js";
import { programmeFeature } from "./programme.js";
import { questionFeature } from "./question.js";
import { FeatureRegistry } from "./registry.js";
import { repliesFeature } from "./replies.js";
import { volunteerFeature } from "./volunteer.js";

/** Every resident-facing feature, in the order their typed words are tried. Add a feature here. */
export const FEATURES: readonly FeatureModule[] = [
  menuFeature,
  programmeFeature,
  answersFeature,
  complaintFeature,
  volunteerFeature,
  questionFeature,
  myReportsFeature,
  privacyFeature,
  languageFeature,
  newsFeature,
  followUpsFeature,
  repliesFeature,
  flowNavigationFeature,
];

/** The registry of {@link FEATURES}: who owns which command, button namespace, typed word and flow. */
export const FEATURE_REGISTRY = new FeatureRegistry(FEATURES);

/** True for data of a button the bot shows (Viber sends a pressed reply button back as text). */
export function isButtonData(text: string): boolean {
  return FEATURE_REGISTRY.button(text) !== undefined;
}
