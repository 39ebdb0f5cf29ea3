// The scheduled commands of every connection, as the backend keeps them. Sending them is the
// backend's: when it has sent or missed one it says so (`schedules-ran`), and the list and the
// card it acted on follow.
import { announcer } from "./announcer.svelte";
import { connections } from "./connections.svelte";
import { decks } from "./decks.svelte";
import { EVENTS, ipc, listenTo } from "./ipc";
import { loginOffer } from "./loginOffer.svelte";
import { notify } from "./notify";
import type { Ran, ScheduleRequest, ScheduleView } from "./types";

type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;

/** The desktop notification's title for a scheduled command that was not carried out. */
interface NotCarriedOutTitles {
  missed: () => string;
  failed: () => string;
}

class Schedules {
  all = $state<ScheduleView[]>([]);
  paused = $state(false);
  #listening = false;

  /** Those of one card, soonest first. */
  forCard(connectionId: string, workflowId: string): ScheduleView[] {
    return this.all
      .filter((s) => s.schedule.connectionId === connectionId && s.schedule.workflowId === workflowId)
      .sort((a, b) => (a.nextDueMs ?? Infinity) - (b.nextDueMs ?? Infinity));
  }

  async load(): Promise<void> {
    const view = await ipc.listSchedules();
    this.all = view.schedules;
    this.paused = view.paused;
  }

  /** From start-up on: what the backend sent or missed reaches the list and the cards. */
  async follow(describe: (ran: Ran) => string, titles: NotCarriedOutTitles, openLabel: () => string): Promise<void> {
    if (this.#listening) return;
    this.#listening = true;
    await this.load();
    await listenTo(EVENTS.schedulesRan, async (payload) => {
      await this.load();
      for (const ran of payload) {
        // A command that was missed or refused is worth the desktop's attention; an accepted
        // one shows on its card.
        const title = ran.kind === "missed" ? titles.missed() : ran.accepted ? null : titles.failed();
        if (title !== null) await notify(title, describe(ran), { connectionId: ran.connectionId, workflowId: ran.workflowId }, openLabel());
        else announcer.say(describe(ran));
        const deck = decks.byId.get(ran.connectionId);
        if (ran.kind === "sent" && deck) await deck.afterScheduled(ran.workflowId);
      }
    });
    // The tray's "Pause all schedules" was clicked.
    await listenTo(EVENTS.schedulesPaused, (paused) => {
      this.paused = paused;
      void this.load();
    });
  }

  async add(request: ScheduleRequest): Promise<ScheduleView> {
    const added = await ipc.addSchedule(request);
    this.all = [...this.all, added];
    void loginOffer.afterBackgroundWork();
    return added;
  }

  async cancel(scheduleId: string): Promise<void> {
    await ipc.cancelSchedule(scheduleId);
    this.all = this.all.filter((s) => s.schedule.id !== scheduleId);
  }

  async setPaused(paused: boolean): Promise<void> {
    await ipc.pauseSchedules(paused);
    this.paused = paused;
  }
}

export const schedules = new Schedules();

/** Which card of which connection a schedule is for, in words: "Weekly newsletter on Acme Production". */
export function whereScheduled(t: Translate, view: ScheduleView): string {
  const { connectionId, workflowId } = view.schedule;
  const label = decks.labelOf(connectionId, workflowId);
  const known = connections.find(connectionId);
  const connection = known ? (known.isDemo ? t("kind.demo") : known.name) : connectionId;
  return t("schedule.workflowOn", { values: { label, connection } });
}
