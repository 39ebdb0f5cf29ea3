import { cleanup } from "@testing-library/svelte";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach } from "vitest";
import { setupI18n } from "../src/lib/i18n";

setupI18n("en");

afterEach(() => {
  cleanup();
  clearMocks();
});
