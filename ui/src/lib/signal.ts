// A signal as the form holds it, and as the backend takes it. Values stay text while the user
// types; each becomes the type the activity declares (or the user chose) only when sent.
import type { NamedValue, ParameterKind, SignalActivity, SignalToSend } from "./types";

/** Campaign records where a signal came from; the user may say more. */
export const DEFAULT_SOURCE = "Flowdeck";
export const PARAMETER_KINDS: readonly ParameterKind[] = ["text", "number", "boolean", "dateTime"];

export interface ParameterRow {
  name: string;
  kind: ParameterKind;
  /** As typed: a number's digits, `true`/`false`, a local date and time. Empty: not sent. */
  value: string;
  /** Declared by the activity: its name and type are fixed. */
  declared: boolean;
}

/** One row per declared parameter; none where the record does not list them. */
export function rowsFor(activity: SignalActivity): ParameterRow[] {
  return (activity.parameters ?? []).map((p) => ({ name: p.name, kind: p.kind ?? "text", value: "", declared: true }));
}

export type Built = { signal: SignalToSend } | { invalid: string };

/** The signal to send, or the first parameter whose value is not of its type. */
export function buildSignal(activity: string, source: string, rows: readonly ParameterRow[]): Built {
  const parameters: NamedValue[] = [];
  for (const row of rows) {
    const name = row.name.trim();
    const text = row.value.trim();
    if (text === "" && row.kind !== "text") continue;
    if (text === "" && (row.declared || name === "")) continue;
    const value = typed(row.kind, row.value);
    if (value === null) return { invalid: name };
    parameters.push({ name, value });
  }
  return { signal: { activity, source, parameters } };
}

function typed(kind: ParameterKind, raw: string): NamedValue["value"] | null {
  switch (kind) {
    case "text":
      return { kind, value: raw };
    case "number": {
      const value = Number(raw.trim().replace(",", "."));
      return Number.isFinite(value) ? { kind, value } : null;
    }
    case "boolean":
      return raw === "true" || raw === "false" ? { kind, value: raw === "true" } : null;
    case "dateTime": {
      // A date-time field gives local time without a zone: Campaign gets the same moment in UTC.
      const when = new Date(raw.trim());
      return Number.isNaN(when.getTime()) ? null : { kind, value: when.toISOString() };
    }
  }
}
