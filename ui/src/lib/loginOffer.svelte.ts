// Schedules are sent, and Notify me tells, only while Flowdeck runs. The first time the user
// schedules a command or asks to be notified, Flowdeck offers, once, to start at log-in.
import { ipc } from "./ipc";
import { settingsChange } from "./settings";

class LoginOffer {
  /** The offer is on screen. */
  shown = $state(false);
  /** The user took it: Flowdeck now starts at log-in. */
  taken = $state(false);
  #asking = false;

  /** After a schedule or a watch was kept: offers, unless offered before or already on. */
  async afterBackgroundWork(): Promise<void> {
    if (this.shown || this.#asking) return;
    this.#asking = true;
    try {
      const { settings } = await ipc.getSettings();
      if (settings.startAtLoginOffered || (await ipc.startAtLogin())) return;
      await ipc.saveSettings(settingsChange(settings, { startAtLoginOffered: true }));
      this.taken = false;
      this.shown = true;
    } catch {
      // An offer that cannot be made is not worth a word: Settings has the switch.
    } finally {
      this.#asking = false;
    }
  }

  async take(): Promise<void> {
    this.taken = await ipc.setStartAtLogin(true);
  }

  dismiss(): void {
    this.shown = false;
  }
}

export const loginOffer = new LoginOffer();
