import { describe, expect, it } from "vitest";
import { mockIPC } from "@tauri-apps/api/mocks";
import { ipc } from "../src/lib/ipc";
import { Submission } from "../src/lib/submission.svelte";

const submitEvent = () => new Event("submit", { cancelable: true }) as SubmitEvent;

describe("a form's submission", () => {
  it("runs once at a time and keeps the page where it is", async () => {
    const form = new Submission();
    let runs = 0;
    let finish = () => {};
    const submit = form.handler(() => {
      runs += 1;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    const first = submitEvent();
    const running = submit(first);
    expect(first.defaultPrevented).toBe(true);
    expect(form.busy).toBe(true);

    await submit(submitEvent());
    expect(runs).toBe(1);

    finish();
    await running;
    expect(form.busy).toBe(false);
    void submit(submitEvent());
    expect(runs).toBe(2);
    finish();
  });

  it("words a backend refusal once, with what the form holds when it fails, and forgets it at the next try", async () => {
    mockIPC(() => {
      throw { code: "workflow_not_found", message: "HTTP 404", details: { mayHaveRun: false } };
    });
    const form = new Submission();
    let typed = "WKF-OLD";
    const submit = form.handler(
      async () => {
        await ipc.addCard("demo", typed, "");
      },
      () => ({ workflowId: typed, adding: true }),
    );
    typed = "WKF-TYPO";
    await submit(submitEvent());
    expect(form.problem?.what).toBe("Campaign does not know a workflow with the ID “WKF-TYPO”.");
    expect(form.problem?.next).toBe("Check the ID in Campaign and type it exactly as shown there.");
    expect(form.busy).toBe(false);

    mockIPC(() => ({ workflowId: "WKF-TYPO", label: "" }));
    await submit(submitEvent());
    expect(form.problem).toBeNull();
  });
});
