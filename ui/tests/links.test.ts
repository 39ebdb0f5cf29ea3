import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it, vi } from "vitest";
import { EVENTS } from "../src/lib/ipc";
import { followLinks } from "../src/lib/links";
import type { CardRef } from "../src/lib/types";
import { refusal } from "./backend";

describe("links the OS opened Flowdeck with", () => {
  it("opens the card a link waiting from start-up names, then each later one, and says why one was refused", async () => {
    const waiting: unknown[] = [{ connectionId: "c-stage", workflowId: "WKF-NEWSLETTER" }];
    mockIPC(
      (cmd) => {
        if (cmd !== "take_opened_link") throw new Error(`unexpected command ${cmd}`);
        const next = waiting.shift() ?? null;
        if (next && typeof next === "object" && "code" in next) throw next;
        return next;
      },
      { shouldMockEvents: true },
    );
    const opened: CardRef[] = [];
    const refused = vi.fn();
    await followLinks(async (card) => void opened.push(card), refused);
    expect(opened).toEqual([{ connectionId: "c-stage", workflowId: "WKF-NEWSLETTER" }]);

    waiting.push(refusal("link_card_unknown", { workflowId: "WKF-WELCOME", connection: "Acme Stage" }));
    await emit(EVENTS.linkOpened, null);
    await vi.waitFor(() => expect(refused).toHaveBeenCalledOnce());
    expect(opened).toHaveLength(1);
  });
});
