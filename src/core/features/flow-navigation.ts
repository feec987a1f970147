import { FLOW_NAMESPACE } from "../flows/runner.js";
import type { FeatureModule } from "./feature.js";
import { menuMessage } from "./menu.js";

/**
 * The buttons of every flow (`f:<step>:<value>`, back, cancel, send, edit), built and read by the
 * flow runner. In a flow they go to it; outside one they have expired.
 */
export const flowNavigationFeature: FeatureModule = {
  name: "flow-navigation",
  buttons: [{ name: FLOW_NAMESPACE, form: "args", handle: (ctx) => (ctx.flow ? undefined : menuMessage(ctx.t("button-expired"), ctx.t)) }],
};
