// Where the keyboard goes when what it was on appears or disappears. Cards are found by data
// attributes compared as values, so a workflow ID never has to be escaped into a selector.
import type { Attachment } from "svelte/attachments";

/** Long enough for a closing scope to hand focus back itself; short enough not to be noticed. */
const RESCUE_AFTER_MS = 50;
const FOCUSABLE = "button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), a[href], summary";

/** A card of a deck, as shown. */
export function cardElement(connectionId: string, workflowId: string): HTMLElement | null {
  const grid = [...document.querySelectorAll<HTMLElement>("[data-connection]")].find((g) => g.dataset.connection === connectionId);
  return [...(grid?.querySelectorAll<HTMLElement>("article[data-workflow-id]") ?? [])].find((a) => a.dataset.workflowId === workflowId) ?? null;
}

/** A card of a deck once it is in the page (a large deck adds its cards a batch per task); null if it is not there within `patienceMs`. */
export async function cardElementSoon(connectionId: string, workflowId: string, patienceMs = 2000): Promise<HTMLElement | null> {
  const until = Date.now() + patienceMs;
  for (;;) {
    const shown = cardElement(connectionId, workflowId);
    if (shown !== null || Date.now() >= until) return shown;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The move handles of a deck's cards, in the order shown: a card's first stop after its selection box, naming it. */
export function cardHandles(connectionId: string): HTMLElement[] {
  const grid = [...document.querySelectorAll<HTMLElement>("[data-connection]")].find((g) => g.dataset.connection === connectionId);
  return grid ? [...grid.querySelectorAll<HTMLElement>("article[data-workflow-id] .handle")] : [];
}

/** Puts the keyboard on one card of a deck; returns whether that card is shown. */
export function focusCard(connectionId: string, workflowId: string): boolean {
  const handle = cardElement(connectionId, workflowId)?.querySelector<HTMLElement>(".handle");
  handle?.focus();
  return handle != null;
}

export interface FocusScope {
  /** Escape: close without doing anything. */
  onEscape: () => void;
  /** Where the keyboard goes on opening; the first control otherwise. */
  initial?: string;
  /** Where it returns on closing when what opened the scope is gone or disabled, tried in turn. */
  returnTo?: () => (Element | null | undefined)[];
}

const canTakeFocus = (element: Element | null | undefined): element is HTMLElement =>
  element instanceof HTMLElement && element.isConnected && !element.matches(":disabled");

/**
 * For a panel, form or confirmation that opens in place: the keyboard moves into it, Escape
 * closes it (the innermost one only), and once it has closed the keyboard goes back to what
 * opened it, never to the page itself.
 */
export function focusScope(scope: FocusScope): Attachment<HTMLElement> {
  return (node) => {
    const active = document.activeElement;
    const opener = active instanceof HTMLElement && active !== document.body ? active : null;
    queueMicrotask(() => {
      const initial = scope.initial ? node.querySelector(scope.initial) : null;
      (initial instanceof HTMLElement ? initial : node.querySelector<HTMLElement>(FOCUSABLE))?.focus();
    });
    const onKeydown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      event.preventDefault();
      scope.onEscape();
    };
    node.addEventListener("keydown", onKeydown);
    return () => {
      node.removeEventListener("keydown", onKeydown);
      // Once the update that closed the scope is done, so that what replaces it can take focus.
      setTimeout(() => {
        const now = document.activeElement;
        if (now !== null && now !== document.body && now.isConnected) return;
        [opener, ...(scope.returnTo?.() ?? [])].find(canTakeFocus)?.focus();
      });
    };
  };
}

/**
 * The safety net under every view: when what had focus is removed or disabled (a button that
 * waits while its command is on its way, a row that gives way to a summary), the keyboard goes
 * to the nearest control still there around it, never to the page itself. Scopes that know
 * better act first.
 */
export function keepFocusOnThePage(root: Document = document): void {
  let last: { element: HTMLElement; around: HTMLElement[] } | null = null;
  root.addEventListener("focusin", (event) => {
    if (!(event.target instanceof HTMLElement)) return;
    const around: HTMLElement[] = [];
    for (let node = event.target.parentElement; node; node = node.parentElement) around.push(node);
    last = { element: event.target, around };
  });
  const rescue = () => {
    const now = root.activeElement;
    if (last === null || (now !== null && now !== root.body)) return;
    // Disabled only while it worked (a switch that waits for its deck): back to it.
    if (canTakeFocus(last.element)) return last.element.focus();
    for (const ancestor of last.around) {
      if (!ancestor.isConnected) continue;
      const next = [...ancestor.querySelectorAll<HTMLElement>(FOCUSABLE)].find(canTakeFocus);
      if (next) return next.focus();
    }
  };
  // WebKit blurs a disabled element a moment after the change, with a focusout; a removed one
  // it drops without any. Either way the scopes hand back first: Svelte tears them down a
  // little after the page changed. The wait counts from the moment the focus is seen lost, not
  // from an earlier change that left it in place: a form whose button waited 50 ms for its
  // answer and then closed would otherwise be rescued before its own scope could hand back.
  const later = () => setTimeout(rescue, RESCUE_AFTER_MS);
  root.addEventListener("focusout", (event) => {
    if (event.relatedTarget === null) later();
  });
  new MutationObserver(() => {
    const now = root.activeElement;
    if (now === null || now === root.body) later();
  }).observe(root.body, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["disabled"],
  });
}
