// Needs attention, across every connection: the backend reads and decides; this follows its
// list (`attention-changed`) and counts it per connection for the switcher.
import { ipc, listenTo } from "./ipc";
import type { AttentionEntry } from "./types";

class Attention {
  entries = $state<AttentionEntry[]>([]);

  /** How many entries each connection has. */
  readonly counts = $derived.by(() => {
    const counts = new Map<string, number>();
    for (const entry of this.entries) counts.set(entry.connectionId, (counts.get(entry.connectionId) ?? 0) + 1);
    return counts;
  });

  async follow(): Promise<void> {
    await listenTo("attention-changed", (entries) => {
      this.entries = entries;
    });
    this.entries = await ipc.attention();
  }

  countOf(connectionId: string): number {
    return this.counts.get(connectionId) ?? 0;
  }

  /** A missed schedule the user has seen to leaves the list. */
  async dismiss(entry: AttentionEntry): Promise<void> {
    if (entry.why.kind !== "missed") return;
    const { scheduleId, dueMs } = entry.why;
    // Refused only where the backend no longer has it: gone either way.
    await ipc.dismissMissedSchedule(scheduleId, dueMs).catch(() => {});
    this.entries = this.entries.filter((e) => e !== entry);
  }
}

export const attention = new Attention();
