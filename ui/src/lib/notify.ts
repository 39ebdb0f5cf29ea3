// The desktop's notifications: what the backend found while watching, and schedules that were
// missed, in the user's language and naming the connection. Also said in the window's live
// region, for whoever is looking at it.
import { get } from "svelte/store";
import { locale } from "svelte-i18n";
import { announcer } from "./announcer.svelte";
import { decks } from "./decks.svelte";
import { EVENTS, ipc, listenTo } from "./ipc";
import { formatAgo, formatDuration, formatIn } from "./time";
import type { CardRef, WatchNews } from "./types";

type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;

/**
 * Shows one notification; clicking one about a card opens that card (`openLabel` names that
 * action where the desktop shows it). Desktops ask no permission for them.
 */
export async function notify(title: string, body: string, card: CardRef | null, openLabel: string): Promise<void> {
  announcer.say(`${title}: ${body}`);
  await ipc.showNotification(title, body, card, openLabel);
}

/** From start-up on: a notification clicked opens its card, on its own connection. */
export async function followNotificationClicks(open: (card: CardRef) => Promise<void>): Promise<void> {
  await listenTo(EVENTS.openCard, (card) => void open(card).catch(() => {}));
}

export function describeNews(t: Translate, news: WatchNews, now = Date.now(), language = get(locale)): { title: string; body: string } {
  const title = t("watch.title", { values: { label: news.label, connection: news.connection } });
  return { title, body: newsBody(t, news, now, language) };
}

function newsBody(t: Translate, news: WatchNews, now: number, language: string | null | undefined): string {
  switch (news.kind) {
    case "gone":
      return t("watch.gone", { values: { id: news.workflowId } });
    case "status":
      return t(`watch.status.${news.status}`);
    case "stopsSoon":
      return t("watch.stopsSoon", { values: { when: formatIn(news.stopsAtMs, now, language) } });
    case "stuck":
      return t("watch.stuck", { values: { since: formatAgo(news.sinceMs, now, language) } });
    case "runningLong":
      return t("watch.runningLong", {
        values: { since: formatAgo(news.sinceMs, now, language), usual: formatDuration(news.usualMs, language) },
      });
  }
}

/** From start-up on: each piece of news becomes a notification, and its card reads it too. */
export async function followWatches(t: () => Translate): Promise<void> {
  await listenTo(EVENTS.watchNews, async (payload) => {
    for (const news of payload) {
      const { title, body } = describeNews(t(), news);
      await notify(title, body, { connectionId: news.connectionId, workflowId: news.workflowId }, t()("watch.open"));
      void decks.byId.get(news.connectionId)?.traffic.refresh(news.workflowId);
    }
  });
}
