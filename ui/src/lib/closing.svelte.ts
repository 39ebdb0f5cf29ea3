// Closing the window and quitting: when the backend needs the user's word before Flowdeck
// keeps running in the tray, or before it quits with watches and schedules active, it asks
// (`close-asked`) and the window shows the question until it is answered.
import { listen } from "@tauri-apps/api/event";
import { ipc } from "./ipc";
import type { CloseAnswer, CloseAsked } from "./types";

const CLOSE_ASKED = "close-asked";

class Closing {
  asked = $state<CloseAsked | null>(null);
  #listening = false;

  async follow(): Promise<void> {
    if (this.#listening) return;
    this.#listening = true;
    await listen<CloseAsked>(CLOSE_ASKED, (event) => {
      this.asked = event.payload;
    });
  }

  async answer(answer: CloseAnswer): Promise<void> {
    this.asked = null;
    await ipc.answerClose(answer);
  }
}

export const closing = new Closing();
