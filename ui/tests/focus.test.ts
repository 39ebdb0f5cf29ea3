import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { cardElementSoon, keepFocusOnThePage } from "../src/lib/focus";

const RESCUE_AFTER_MS = 50;

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

function page(): void {
  document.body.innerHTML = `
    <main>
      <input id="search" type="search" />
      <form><input id="workflow" /><button id="add" type="submit">Add</button></form>
    </main>
    <section id="grid"></section>`;
  keepFocusOnThePage();
  document.querySelector<HTMLInputElement>("#workflow")!.focus();
}

/** What a closing form's scope does: put the keyboard on the new card, unless something took it. */
function closeFormOntoNewCard(): void {
  document.querySelector("form")!.remove();
  document.querySelector("#grid")!.innerHTML = `<article><button class="handle">Newsletter</button></article>`;
  setTimeout(() => {
    if (document.activeElement === document.body) document.querySelector<HTMLElement>(".handle")!.focus();
  });
}

test("a form that waited for its answer and then closed hands the keyboard back itself", async () => {
  page();
  // The answer comes exactly when a rescue for an earlier change would be due, and the web
  // view runs it first: tasks of different kinds are not ordered by their due time.
  setTimeout(closeFormOntoNewCard, RESCUE_AFTER_MS);
  // The Add button waits while the workflow is checked: a change, with the focus still in place.
  document.querySelector<HTMLButtonElement>("#add")!.disabled = true;
  await Promise.resolve();

  await vi.advanceTimersByTimeAsync(3 * RESCUE_AFTER_MS);

  expect(document.activeElement).toBe(document.querySelector(".handle"));
});

test("when nothing hands the keyboard back, it goes to the nearest control still there", async () => {
  page();
  document.querySelector("form")!.remove();

  await vi.advanceTimersByTimeAsync(3 * RESCUE_AFTER_MS);

  expect(document.activeElement).toBe(document.querySelector("#search"));
});

test("a card added to the page a few tasks later is found, on its own deck only", async () => {
  document.body.innerHTML = `
    <section data-connection="p-stage"></section>
    <section data-connection="p-production"><article data-workflow-id="WKF400"></article></section>`;
  const found = cardElementSoon("p-stage", "WKF400");
  setTimeout(() => {
    document.querySelector("[data-connection='p-stage']")!.innerHTML = `<article data-workflow-id="WKF400"></article>`;
  }, 100);
  await vi.advanceTimersByTimeAsync(200);

  expect(await found).toBe(document.querySelector("[data-connection='p-stage'] article"));
});
