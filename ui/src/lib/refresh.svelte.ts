// One clock for every card: it ticks on the user's interval while the window is visible, and
// at once when the window comes back into view or regains focus. Nothing ticks while hidden.

export const refreshClock = $state({ tick: 0 });

/** Settings' default, for when they cannot be read. */
export const DEFAULT_REFRESH_SECONDS = 60;

let timer: ReturnType<typeof setInterval> | null = null;

function visible(): boolean {
  return document.visibilityState === "visible";
}

function tick(): void {
  if (visible()) refreshClock.tick += 1;
}

export function startRefreshing(seconds: number): void {
  if (timer !== null) clearInterval(timer);
  timer = seconds > 0 ? setInterval(tick, seconds * 1000) : null;
}

window.addEventListener("focus", tick);
document.addEventListener("visibilitychange", tick);

/** After `failures` refreshes in a row failed, how long a card waits before trying again. */
export function refreshBackoffMs(failures: number): number {
  if (failures === 0) return 0;
  return Math.min(30_000 * 2 ** (failures - 1), 15 * 60_000);
}
