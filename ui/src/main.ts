import { mount } from "svelte";
import App from "./App.svelte";
import { setupI18n } from "./lib/i18n";
import "./styles.css";

setupI18n();

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");
export default mount(App, { target });
