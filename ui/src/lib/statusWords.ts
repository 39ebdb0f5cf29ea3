// A status in the words of the connection's Campaign: v8's UI says Draft and Paused where
// Campaign Standard says Editing and Warning (acs-api.md); the other words are the same.
import type { Organisation, WorkflowStatus } from "./types";

const V8_OWN_WORDS: ReadonlySet<WorkflowStatus> = new Set(["editing", "warning"]);

/** The catalogue key of `status`'s word on a connection to `product`. */
export function statusKey(status: WorkflowStatus, product: Organisation["product"] | null): string {
  return product?.product === "v8" && V8_OWN_WORDS.has(status) ? `statusV8.${status}` : `status.${status}`;
}
