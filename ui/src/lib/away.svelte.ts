// What happened while Flowdeck was closed: told once after it starts (once the first readings
// are in), and on demand from the Activity panel.
import { ipc } from "./ipc";
import type { AwaySummary } from "./types";

/** Long enough for the shown deck's first readings and the watcher's first pass. */
export const AWAY_AFTER_MS = 6000;

class Away {
  summary = $state<AwaySummary | null>(null);
  shown = $state(false);

  /** After start-up: shown only if there is something to tell. */
  async atStart(): Promise<void> {
    const summary = await ipc.awaySummary();
    this.summary = summary;
    this.shown = summary.lines.length > 0;
  }

  /** Asked for: shown whatever it holds. */
  async show(): Promise<void> {
    this.summary = await ipc.awaySummary();
    this.shown = true;
  }

  dismiss(): void {
    this.shown = false;
  }
}

export const away = new Away();
