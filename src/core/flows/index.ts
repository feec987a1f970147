import { complaintFlow } from "./complaint.js";
import type { FlowDefinition, FlowId } from "./flow.js";
import { forgetFlow } from "./forget.js";
import { questionFlow } from "./question.js";
import { replyFlow } from "./reply.js";
import { volunteerFlow } from "./volunteer.js";

/** Every flow, by id. */
export const FLOWS: Readonly<Record<FlowId, FlowDefinition>> = {
  complaint: complaintFlow,
  volunteer: volunteerFlow,
  question: questionFlow,
  reply: replyFlow,
  forget: forgetFlow,
};
