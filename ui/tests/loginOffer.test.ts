import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import LoginOffer from "../src/components/LoginOffer.svelte";
import { loginOffer } from "../src/lib/loginOffer.svelte";
import type { Settings, SettingsChange } from "../src/lib/types";
import { backend, refusal } from "./backend";

/** A backend that keeps the settings it is given, and the log-in item's state. */
function kept(startsAtLogin: boolean) {
  let settings: Settings = { language: null, refreshSeconds: 60, trayExplained: false, startAtLoginOffered: false, proxy: { mode: "system" }, checkForUpdates: true, updatesCheckedAtMs: null };
  let atLogin = startsAtLogin;
  const calls = backend({
    get_settings: () => ({ settings, refreshChoices: [60] }),
    save_settings: (args) => {
      // As the backend: the proxy is not a field of this call (it has its own).
      if ("proxy" in (args.settings as object)) throw refusal("invalid_arguments");
      return (settings = { ...settings, ...(args.settings as SettingsChange) });
    },
    start_at_login: () => atLogin,
    set_start_at_login: (args) => (atLogin = args.enabled as boolean),
  });
  return { calls, atLogin: () => atLogin };
}

describe("the offer to start at log-in", () => {
  it("is made once, after the first schedule or watch, and taking it turns the log-in item on", async () => {
    loginOffer.dismiss();
    const backendState = kept(false);
    await loginOffer.afterBackgroundWork();
    expect(loginOffer.shown).toBe(true);
    render(LoginOffer);
    expect(screen.getByTestId("login-offer").textContent).toContain("only while it runs");
    await userEvent.click(screen.getByRole("button", { name: "Start when I log in" }));
    await waitFor(() => expect(backendState.atLogin()).toBe(true));
    expect(screen.getByTestId("login-offer").textContent).toContain("Flowdeck now starts when you log in");

    loginOffer.dismiss();
    await loginOffer.afterBackgroundWork();
    expect(loginOffer.shown).toBe(false);
  });

  it("is not made where Flowdeck already starts at log-in", async () => {
    loginOffer.dismiss();
    const { calls } = kept(true);
    await loginOffer.afterBackgroundWork();
    expect(loginOffer.shown).toBe(false);
    expect(calls.filter((c) => c.cmd === "save_settings")).toHaveLength(0);
  });
});
