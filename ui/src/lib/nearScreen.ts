// Which cards of a large deck are on screen or about to be: only those are drawn in full, and
// their status reads go first. One observer for all of them; a screen's height ahead and
// behind, so that scrolling or tabbing reaches cards already drawn.
import type { Attachment } from "svelte/attachments";

/** How far beyond the screen, above and below, a card counts as near: one screen. */
const SCREENS_AHEAD = 1;

const listeners = new WeakMap<Element, (near: boolean) => void>();
let observer: IntersectionObserver | null = null;

function shared(): IntersectionObserver {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) listeners.get(entry.target)?.(entry.isIntersecting);
    },
    { rootMargin: `${SCREENS_AHEAD * 100}% 0px` },
  );
  return observer;
}

/** Elements attached since the last measuring, to be measured together. */
let unmeasured: Element[] = [];

/**
 * Where the new elements are laid out, all read before any is told: telling one draws its card,
 * and the next reading would then lay the page out again, once per card.
 */
function measureNew(): void {
  const margin = SCREENS_AHEAD * window.innerHeight;
  const measured = unmeasured.map((node) => {
    const { top, bottom } = node.getBoundingClientRect();
    return { node, near: bottom >= -margin && top <= window.innerHeight + margin };
  });
  unmeasured = [];
  for (const { node, near } of measured) listeners.get(node)?.(near);
}

/**
 * Tells `onChange` whenever the element comes near the screen or leaves it. The first answer
 * comes before the page is painted, from where the element is laid out: the observer's would
 * come only after, and the cards on screen would show an empty frame first.
 */
export function nearScreen(onChange: (near: boolean) => void): Attachment<HTMLElement> {
  return (node) => {
    listeners.set(node, onChange);
    if (unmeasured.length === 0) queueMicrotask(measureNew);
    unmeasured.push(node);
    shared().observe(node);
    return () => {
      observer?.unobserve(node);
      listeners.delete(node);
    };
  };
}
