// Closing the window and quitting: when the backend needs the user's word before Flowdeck
// keeps running in the tray, or before it quits with watches and schedules active, it asks
// (`close-asked`) and the window shows the question until it is answered.
import { EVENTS, ipc, listenTo } from "./ipc";
import type { CloseAnswer, CloseAsked } from "./types";

class Closing {
  asked = $state<CloseAsked | null>(null);
  #listening = false;

  async follow(): Promise<void> {
    if (this.#listening) return;
    this.#listening = true;
    await listenTo(EVENTS.closeAsked, (asked) => {
      this.asked = asked;
    });
  }

  async answer(answer: CloseAnswer): Promise<void> {
    this.asked = null;
    await ipc.answerClose(answer);
  }
}

export const closing = new Closing();
