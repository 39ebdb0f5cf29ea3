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

/**
 * Tells `onChange` whenever the element comes near the screen or leaves it. The first answer
 * is given at once, from where the element is laid out: the observer's would come only after
 * the page was painted, and the cards on screen would show a frame empty first.
 */
export function nearScreen(onChange: (near: boolean) => void): Attachment<HTMLElement> {
  return (node) => {
    const { top, bottom } = node.getBoundingClientRect();
    const margin = SCREENS_AHEAD * window.innerHeight;
    onChange(bottom >= -margin && top <= window.innerHeight + margin);
    listeners.set(node, onChange);
    shared().observe(node);
    return () => {
      observer?.unobserve(node);
      listeners.delete(node);
    };
  };
}
