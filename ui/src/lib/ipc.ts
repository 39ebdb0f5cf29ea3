// The only place the front end talks to the backend. Components and stores call `ipc.*`, never
// `invoke`. Each function is one generated command (bindings.ts): it resolves with the value,
// or rejects with a FlowdeckError, converted here and nowhere else.
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { commands, type EventPayloads } from "./bindings";
import type { ErrorCode, ErrorDetails, IpcError } from "./types";

/** A backend failure, with the stable code the message catalogue is keyed on. */
export class FlowdeckError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails) {
    super(message);
    this.name = "FlowdeckError";
    this.code = code;
    this.details = details;
  }
}

function isIpcError(value: unknown): value is IpcError {
  return typeof value === "object" && value !== null && "code" in value && "message" in value;
}

/** What a call failed with, as a FlowdeckError; one already is stays as it is. */
export function toFlowdeckError(raw: unknown): FlowdeckError {
  if (raw instanceof FlowdeckError) return raw;
  if (isIpcError(raw)) return new FlowdeckError(raw.code, raw.message, raw.details ?? { mayHaveRun: false });
  return new FlowdeckError("unknown", String(raw), { mayHaveRun: false });
}

type Command = (...args: never[]) => Promise<unknown>;

function converting<C extends Command>(command: C): C {
  return (async (...args: Parameters<C>) => {
    try {
      return await command(...args);
    } catch (raw) {
      throw toFlowdeckError(raw);
    }
  }) as C;
}

/** Every event the backend tells the window, by name (generated from the Rust side). */
export { EVENTS } from "./bindings";

/** Follows one of the backend's events, with its payload typed. */
export function listenTo<E extends keyof EventPayloads>(event: E, handle: (payload: EventPayloads[E]) => void | Promise<void>): Promise<UnlistenFn> {
  return listen<EventPayloads[E]>(event, (message) => void handle(message.payload));
}

export const ipc = Object.fromEntries(
  Object.entries(commands).map(([name, command]) => [name, converting(command as Command)]),
) as typeof commands;
