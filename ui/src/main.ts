import { mount } from "svelte";
import App from "./App.svelte";
import { keepFocusOnThePage } from "./lib/focus";
import { setupI18n } from "./lib/i18n";
import { ipc } from "./lib/ipc";
import "./styles.css";

// The language chosen in Settings, else the OS's, settled before the first word is shown.
const chosen = await ipc.getSettings().then((view) => view.settings.language, () => null);
setupI18n(chosen ?? (await ipc.systemLocale().catch(() => navigator.language)));

keepFocusOnThePage();
const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");
export default mount(App, { target });
