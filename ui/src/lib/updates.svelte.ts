// New versions of Flowdeck: what the daily look or a check found, and installing it when the
// user agrees. The backend refuses a restart that would interrupt a command or a due schedule;
// a bulk run is the window's own, so the window holds the install back while one runs.
import { decks } from "./decks.svelte";
import { EVENTS, ipc, listenTo } from "./ipc";
import type { AvailableUpdate } from "./types";

class Updates {
  /** A newer version, once one was found. */
  available = $state<AvailableUpdate | null>(null);
  /** The notice about it is on screen (the daily look found it). */
  offered = $state(false);
  /** The version running, once a check said it. */
  current = $state<string | null>(null);
  /** The last check found nothing newer. */
  upToDate = $state(false);
  checking = $state(false);
  installing = $state(false);

  /** From start-up on: the daily look's finding becomes a notice. */
  async follow(): Promise<void> {
    await listenTo(EVENTS.updateAvailable, (update) => {
      this.available = update;
      this.upToDate = false;
      this.offered = true;
    });
  }

  async check(): Promise<void> {
    this.checking = true;
    try {
      const found = await ipc.checkForUpdate();
      this.current = found.currentVersion;
      this.available = found.available;
      this.upToDate = found.available === null;
    } finally {
      this.checking = false;
    }
  }

  /** Whether installing now would cut a bulk run short. */
  get waitsForBulkRun(): boolean {
    return decks.bulkRunning;
  }

  /** Installs the version shown and restarts as it; resolves only if it did not. */
  async install(): Promise<void> {
    const update = this.available;
    if (!update || this.waitsForBulkRun) return;
    this.installing = true;
    try {
      await ipc.installUpdate(update.version);
    } finally {
      this.installing = false;
    }
  }

  dismiss(): void {
    this.offered = false;
  }
}

export const updates = new Updates();
