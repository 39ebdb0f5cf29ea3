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
