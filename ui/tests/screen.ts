// jsdom lays nothing out, so it has no IntersectionObserver: this one lets a test say which
// elements are near the screen, as scrolling would. Until it says so, every element is laid
// out far below the screen.
type Report = (entries: IntersectionObserverEntry[]) => void;

const observed = new Map<Element, Report>();

class TestIntersectionObserver {
  readonly #report: Report;
  constructor(report: Report) {
    this.#report = report;
  }
  observe(target: Element): void {
    observed.set(target, this.#report);
  }
  unobserve(target: Element): void {
    observed.delete(target);
  }
  disconnect(): void {
    for (const [target, report] of observed) if (report === this.#report) observed.delete(target);
  }
}

const FAR_BELOW = 1_000_000;
let onScreen: (element: Element) => boolean = () => false;

export function installScreen(): void {
  globalThis.IntersectionObserver = TestIntersectionObserver as unknown as typeof IntersectionObserver;
  Element.prototype.getBoundingClientRect = function (this: Element) {
    return new DOMRect(0, onScreen(this) ? 0 : FAR_BELOW, 300, 280);
  };
}

/** From now on the elements `where` picks are laid out on screen, the others far below it. */
export function layOutOnScreen(where: (element: Element) => boolean): void {
  onScreen = where;
}

/** The elements come near the screen (or leave it, with `near` false). */
export function scrollNear(elements: Iterable<Element>, near = true): void {
  for (const target of elements) {
    const entry = { target, isIntersecting: near } as IntersectionObserverEntry;
    observed.get(target)?.([entry]);
  }
}
