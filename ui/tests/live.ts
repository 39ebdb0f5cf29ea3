import { render, screen } from "@testing-library/svelte";
import LiveRegions from "../src/components/LiveRegions.svelte";

/** Every text one of the window's live regions holds from now on, in order. */
export async function listenToLiveRegion(which: "polite" | "assertive"): Promise<string[]> {
  // Announcements of earlier tests land first: a region is filled a moment after each.
  await new Promise((resolve) => setTimeout(resolve, 100));
  if (screen.queryByTestId("live-polite") === null) render(LiveRegions);
  const region = screen.getByTestId(`live-${which}`);
  const heard: string[] = [];
  new MutationObserver(() => {
    const text = region.textContent ?? "";
    if (text !== "" && heard.at(-1) !== text) heard.push(text);
  }).observe(region, { childList: true, characterData: true, subtree: true });
  return heard;
}
