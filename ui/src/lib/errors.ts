import { toFlowdeckError } from "./ipc";
import { formatTime } from "./time";
import type { Organisation } from "./types";
import type { CardAction } from "./workflow";

type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;

export interface ErrorText {
  what: string;
  next: string;
  /** Adobe's request ID, for the user to quote to support. */
  reference: string | null;
}

export interface ErrorContext {
  workflowId?: string;
  command?: CardAction;
  /** The workflow is not on a card yet: advice about "this card" would not apply. */
  adding?: boolean;
  /** The Campaign that answered: a refusal on v8 has a cause of its own to name. */
  product?: Organisation["product"];
}

/**
 * Turns whatever a call failed with into what happened and what to do next, in the user's
 * language: the one door from an error to words.
 */
export function describeError(t: Translate, failure: unknown, context: ErrorContext = {}): ErrorText {
  const error = toFlowdeckError(failure);
  const values: Record<string, string | number> = {
    id: context.workflowId ?? error.details.workflowId ?? "",
    tenant: error.details.tenant ?? "",
    commands: error.details.commands ? String(error.details.commands) : "none",
    command: context.command ? t(`command.${context.command}`) : "",
    connection: error.details.connection ?? "",
    reason: error.details.reason ?? "",
    activity: error.details.activity ?? "",
    parameter: error.details.parameter ?? "",
    kind: error.details.expectedKind ? t(`signal.kind.${error.details.expectedKind}`) : "",
    status: error.details.workflowStatus ? t(`status.${error.details.workflowStatus}`) : "",
    host: error.details.host ?? "",
    // A proxy is named where Flowdeck knows which one refused.
    named: error.details.host ? "yes" : "no",
    time: error.details.retryAtMs ? formatTime(error.details.retryAtMs, "clock", null) : "",
  };
  const seconds = error.details.retryAfterSeconds;
  const nextKey =
    error.code === "campaign_busy" && seconds !== undefined
      ? "errors.campaign_busy.nextWithWait"
      : error.code === "workflow_not_found" && context.adding
        ? "errors.workflow_not_found.nextWhenAdding"
        : error.code === "access_denied" && context.product?.product === "v8"
          ? "errors.access_denied.nextOnV8"
          : `errors.${error.code}.next`;
  const requestId = error.details.requestId;
  return {
    what: t(`errors.${error.code}.what`, { values }),
    next: t(nextKey, { values: { ...values, seconds: seconds ?? 0 } }),
    reference: requestId ? t("errors.requestId", { values: { id: requestId } }) : null,
  };
}
