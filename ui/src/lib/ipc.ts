// The only place the front end talks to the backend. Components and stores call `ipc.*`, never
// `invoke`. Each function is one generated command (bindings.ts), with its result unwrapped:
// it resolves with the value, or rejects with a FlowdeckError.
import { commands } from "./bindings";
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

export function toFlowdeckError(raw: unknown): FlowdeckError {
  if (raw instanceof FlowdeckError) return raw;
  if (isIpcError(raw)) return new FlowdeckError(raw.code, raw.message, raw.details ?? { mayHaveRun: false });
  return new FlowdeckError("unknown", String(raw), { mayHaveRun: false });
}

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: IpcError };
/** What a generated command resolves with, once its result is unwrapped. */
type Value<R> = [R] extends [Outcome<infer T>] ? T : R;
type Command = (...args: never[]) => Promise<unknown>;
type Unwrapped<C extends Command> = (...args: Parameters<C>) => Promise<Value<Awaited<ReturnType<C>>>>;
type Ipc = { [K in keyof typeof commands]: Unwrapped<(typeof commands)[K]> };

function isOutcome(value: unknown): value is Outcome<unknown> {
  return typeof value === "object" && value !== null && "status" in value && (value.status === "ok" || value.status === "error");
}

function unwrap<C extends Command>(command: C): Unwrapped<C> {
  return async (...args) => {
    let result: unknown;
    try {
      result = await command(...args);
    } catch (raw) {
      throw toFlowdeckError(raw);
    }
    if (!isOutcome(result)) return result as Value<Awaited<ReturnType<C>>>;
    if (result.status === "error") throw toFlowdeckError(result.error);
    return result.data as Value<Awaited<ReturnType<C>>>;
  };
}

export const ipc = Object.fromEntries(
  Object.entries(commands).map(([name, command]) => [name, unwrap(command as Command)]),
) as Ipc;
