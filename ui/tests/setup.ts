import { cleanup } from "@testing-library/svelte";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach } from "vitest";
import { setupI18n } from "../src/lib/i18n";
import { installScreen, layOutOnScreen } from "./screen";

await setupI18n("en");
installScreen();

afterEach(() => {
  cleanup();
  layOutOnScreen(() => false);
  clearMocks();
});

// jsdom has <dialog> but not its modal methods; the web view (WebKitGTK) has both.
if (typeof HTMLDialogElement.prototype.showModal !== "function") {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute("open");
  };
}
