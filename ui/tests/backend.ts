// A fake backend for component and store tests: every IPC call is recorded with its
// arguments, and each command is answered by the handler the test gives.
import { mockIPC } from "@tauri-apps/api/mocks";
import { Deck, type DeckOptions } from "../src/lib/decks.svelte";
import type { Card, CommandOutcome, ConnectionKind, DeckView, WorkflowCommand, WorkflowRecord } from "../src/lib/types";

export interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

export type Handlers = Record<string, (args: Record<string, unknown>) => unknown>;

export function backend(handlers: Handlers): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    const handler = handlers[cmd];
    if (!handler) throw new Error(`unexpected command ${cmd}`);
    return handler(args);
  });
  return calls;
}

export const status = (value: WorkflowRecord["status"]): WorkflowRecord => ({ label: null, status: value, unrecognisedStatus: null, signals: [], aborted: false });

export const accepted = (command: WorkflowCommand, notSaved: CommandOutcome["notSaved"] = []): CommandOutcome => ({
  lastCommand: { command, acceptedAtMs: Date.UTC(2026, 10, 22, 9, 30) },
  requestId: "sim-1",
  notSaved,
});

export const refusal = (code: string, details: Record<string, unknown> = {}) => ({
  code,
  message: code,
  details: { mayHaveRun: false, ...details },
});

export const sends = (calls: Call[]) => calls.filter((c) => c.cmd === "send_command");

export function deckView(connectionId: string, name: string, kind: ConnectionKind, cards: Card[]): DeckView {
  return {
    organisation: { connectionId, revision: 0, name, kind, product: { product: "standard" }, tenant: "acme", isDemo: kind === "demo" },
    cards,
    credential: { state: "connected", expiresAtMs: null },
    setAsideFiles: [],
  };
}

/** A deck whose follow-up reads come quickly, so tests do not wait for Campaign's pace. */
export function quickDeck(view: DeckView, options: DeckOptions = {}): Deck {
  return new Deck(view, { followUpDelaysMs: [5, 5, 5], bulkFollowUpMs: 5, ...options });
}
