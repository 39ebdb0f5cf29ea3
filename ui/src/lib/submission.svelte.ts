// One way every form sends what it holds: at most once at a time, and a failure kept as what
// happened and what to do next, in the user's language.
import { get } from "svelte/store";
import { _ } from "svelte-i18n";
import { describeError, type ErrorContext, type ErrorText } from "./errors";

export class Submission {
  /** The form's work is under way: its submit button says so and a second submit is ignored. */
  busy = $state(false);
  problem = $state<ErrorText | null>(null);

  /**
   * A form's `onsubmit`. `work` runs unless it already does; what it throws is kept as
   * `problem`, worded with `context` as the form holds it at that moment.
   */
  handler(work: () => Promise<void>, context: () => ErrorContext = () => ({})): (event: SubmitEvent) => Promise<void> {
    return async (event) => {
      event.preventDefault();
      if (this.busy) return;
      this.busy = true;
      this.problem = null;
      try {
        await work();
      } catch (error) {
        this.problem = describeError(get(_), error, context());
      } finally {
        this.busy = false;
      }
    };
  }
}
