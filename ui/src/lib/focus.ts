// Where the keyboard goes when what it was on disappears: a card's move handle is its first
// stop after the selection box, and names the card. Found by data attributes compared as
// values, so a workflow ID never has to be escaped into a selector.

/** The move handles of a deck's cards, in the order shown. */
export function cardHandles(profileId: string): HTMLElement[] {
  const grid = [...document.querySelectorAll<HTMLElement>("[data-profile]")].find((g) => g.dataset.profile === profileId);
  return grid ? [...grid.querySelectorAll<HTMLElement>("article[data-workflow-id] .handle")] : [];
}

/** Puts the keyboard on one card of a deck; returns whether that card is shown. */
export function focusCard(profileId: string, workflowId: string): boolean {
  const handle = cardHandles(profileId).find((h) => h.closest<HTMLElement>("article")?.dataset.workflowId === workflowId);
  handle?.focus();
  return handle !== undefined;
}
