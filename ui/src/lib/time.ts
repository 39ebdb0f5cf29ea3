// Dates and times as the user's language writes them. A formatter is costly to make (and to
// keep: each holds ICU data), so one is made per language and style, not one per card shown.

const STYLES = {
  /** "3 Dec 2026, 14:05": when something was sent or expires. */
  moment: { dateStyle: "medium", timeStyle: "short" },
  /** "03/12/2026, 14:05:09": a log entry. */
  logged: { dateStyle: "short", timeStyle: "medium" },
  /** "Thu 3 Dec, 14:05": when a schedule comes due. */
  due: { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" },
  /** "14:05": later today. */
  clock: { hour: "2-digit", minute: "2-digit" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type TimeStyle = keyof typeof STYLES;

const made = new Map<string, Intl.DateTimeFormat>();

export function formatTime(ms: number, style: TimeStyle, locale: string | null | undefined): string {
  const key = `${locale ?? ""} ${style}`;
  let formatter = made.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale ?? undefined, STYLES[style]);
    made.set(key, formatter);
  }
  return formatter.format(new Date(ms));
}

const AGO_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1_000],
];

/** "40 seconds ago", "12 minutes ago", "yesterday": how long ago `ms` was, in the largest whole unit. */
export function formatAgo(ms: number, now: number, locale: string | null | undefined): string {
  const format = new Intl.RelativeTimeFormat(locale ?? undefined, { numeric: "auto" });
  const past = Math.max(0, now - ms);
  for (const [unit, size] of AGO_UNITS) {
    if (past >= size) return format.format(-Math.floor(past / size), unit);
  }
  // "now" would read as if it were still happening: it finished, a second ago at the least.
  return format.format(-1, "second");
}

/** "in 2 days", "in 5 hours", "tomorrow": how soon `ms` comes, in the largest whole unit. */
export function formatIn(ms: number, now: number, locale: string | null | undefined): string {
  const format = new Intl.RelativeTimeFormat(locale ?? undefined, { numeric: "auto" });
  const ahead = Math.max(0, ms - now);
  for (const [unit, size] of AGO_UNITS) {
    if (ahead >= size) return format.format(Math.floor(ahead / size), unit);
  }
  return format.format(0, "second");
}

/** "45 seconds", "42 minutes", "2.5 hours": a duration in one unit, in the user's language. */
export function formatDuration(ms: number, locale: string | null | undefined): string {
  const [unit, size, digits]: [string, number, number] =
    ms < 60_000 ? ["second", 1_000, 0] : ms < 120 * 60_000 ? ["minute", 60_000, 0] : ["hour", 3_600_000, 1];
  const format = new Intl.NumberFormat(locale ?? undefined, { style: "unit", unit, unitDisplay: "long", maximumFractionDigits: digits });
  return format.format(Math.max(1, ms / size));
}
