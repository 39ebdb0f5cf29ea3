// flowdeck:// links the OS opened Flowdeck with, or handed to it while it runs: the backend
// follows each to a card (never sending anything) and keeps the outcome until the window takes it.
import { EVENTS, ipc, listenTo } from "./ipc";
import type { CardRef } from "./types";

/** From start-up on: each link opens its card, on its own connection, or says why not. */
export async function followLinks(open: (card: CardRef) => Promise<void>, refused: (error: unknown) => void): Promise<void> {
  const take = async () => {
    try {
      const card = await ipc.takeOpenedLink();
      if (card) await open(card);
    } catch (error) {
      refused(error);
    }
  };
  await listenTo(EVENTS.linkOpened, () => void take());
  // The link Flowdeck was started with came before the page listened.
  await take();
}
