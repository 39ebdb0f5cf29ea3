import { mount } from "svelte";
import App from "./App.svelte";
import { connections } from "./lib/connections.svelte";
import { decks } from "./lib/decks.svelte";
import { keepFocusOnThePage } from "./lib/focus";
import { setupI18n } from "./lib/i18n";
import { ipc } from "./lib/ipc";
import { DEFAULT_REFRESH_SECONDS } from "./lib/refresh.svelte";
import "./styles.css";

// Where start-up time goes, for the bench's breakdown (scripts/bench.sh).
performance.mark("flowdeck:script-run");

// The deck shown last is asked for at once, while the language is settled: the cards are on
// their way before the first word is drawn.
const firstDeck = connections.refresh().then((view) => {
  performance.mark("flowdeck:connections-listed");
  return decks.show(view.lastOpened);
});
firstDeck.catch(() => {}); // told by the App, which awaits it

// The language chosen in Settings, else the OS's, settled before the first word is shown;
// both asked at once, one round trip instead of two.
const [settings, systemLocale] = await Promise.all([
  ipc.getSettings().catch(() => null),
  ipc.systemLocale().catch(() => navigator.language),
]);
await setupI18n(settings?.settings.language ?? systemLocale);
performance.mark("flowdeck:language-set");

keepFocusOnThePage();
const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");
const app = mount(App, { target, props: { firstDeck, refreshSeconds: settings?.settings.refreshSeconds ?? DEFAULT_REFRESH_SECONDS } });
performance.mark("flowdeck:app-mounted");
export default app;
