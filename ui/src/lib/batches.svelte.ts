// A long list is drawn a screenful first and the rest a batch per task: the first cards show
// at once, and no single task holds the window while hundreds are drawn (500 cards at once
// held it for over 200 ms). Must be called while a component is being set up.

/** Enough to fill a large window (at 290 px a card, 8 columns by 3 rows); the first paint of a
 * 500-card deck came about 30 ms sooner than with 50. */
export const FIRST_BATCH = 24;
/** Small enough that drawing one batch stays well under the 50 ms a window may stall. */
export const LATER_BATCH = 25;

/** How many of the list's first items to draw now; grows until it covers `total()`. */
export function drawnInBatches(total: () => number): { readonly count: number } {
  let count = $state(FIRST_BATCH);
  $effect(() => {
    if (count >= total()) return;
    // A timer rather than a frame: a hidden window (Flowdeck in the tray) draws no frames,
    // and its cards must be there when it is shown again.
    const timer = setTimeout(() => (count += LATER_BATCH), 0);
    return () => clearTimeout(timer);
  });
  return {
    get count() {
      return count;
    },
  };
}
