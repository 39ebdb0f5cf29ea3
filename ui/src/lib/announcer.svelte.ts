// What screen readers are told without moving the keyboard: one polite and one assertive live
// region for the whole window (LiveRegions.svelte), so that announcements neither repeat nor
// talk over each other, whatever part of the page changed.

/** The same words said twice must be heard twice: the region is emptied, then filled. */
const REFILL_MS = 50;

class Announcer {
  polite = $state("");
  assertive = $state("");
  #politeFills = new Set<ReturnType<typeof setTimeout>>();

  /** Progress and outcomes: read when the screen reader is idle. */
  say(text: string): void {
    this.polite = "";
    const fill = setTimeout(() => {
      this.#politeFills.delete(fill);
      this.polite = text;
    }, REFILL_MS);
    this.#politeFills.add(fill);
  }

  /** Failures: read at once. Whatever progress the polite region held is over. */
  alert(text: string): void {
    this.assertive = "";
    setTimeout(() => {
      this.assertive = text;
      this.polite = "";
    }, REFILL_MS);
  }

  /** Empties the polite region, and drops what was about to fill it: progress of something
   *  that ended must not stay there to be read later. */
  quiet(): void {
    for (const fill of this.#politeFills) clearTimeout(fill);
    this.#politeFills.clear();
    this.polite = "";
  }
}

export const announcer = new Announcer();
