import { mount } from "svelte";
import App from "./App.svelte";
import { setupI18n } from "./lib/i18n";
import { ipc } from "./lib/ipc";
import "./styles.css";

// The OS's language, asked before the first word is shown; the web view's own guess otherwise.
setupI18n(await ipc.systemLocale().catch(() => navigator.language));

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");
export default mount(App, { target });
