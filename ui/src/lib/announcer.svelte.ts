// What screen readers are told without moving the keyboard: one polite and one assertive live
// region for the whole window (LiveRegions.svelte), so that announcements neither repeat nor
// talk over each other, whatever part of the page changed.

/** The same words said twice must be heard twice: the region is emptied, then filled. */
const REFILL_MS = 50;

class Announcer {
  polite = $state("");
  assertive = $state("");

  /** Progress and outcomes: read when the screen reader is idle. */
  say(text: string): void {
    this.polite = "";
    setTimeout(() => (this.polite = text), REFILL_MS);
  }

  /** Failures: read at once. */
  alert(text: string): void {
    this.assertive = "";
    setTimeout(() => (this.assertive = text), REFILL_MS);
  }
}

export const announcer = new Announcer();
