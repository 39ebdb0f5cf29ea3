import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import UpdateSettings from "../src/components/UpdateSettings.svelte";
import { updates } from "../src/lib/updates.svelte";
import { backend, refusal } from "./backend";

const appInfo = () => ({ version: "0.1.0", package: "deb", tauriVersion: "2", configFolder: "/c", logFolder: "/l" });

describe("Settings → Updates", () => {
  it("says when Flowdeck is the latest version, and offers a newer one with what is new", async () => {
    let available: { version: string; notes: string | null } | null = null;
    backend({
      app_info: appInfo,
      check_for_update: () => ({ currentVersion: "0.1.0", available }),
    });
    render(UpdateSettings, { props: { daily: true, onDaily: () => {} } });
    await userEvent.click(screen.getByRole("button", { name: "Check for updates" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("Flowdeck 0.1.0 is the latest version."));

    available = { version: "0.1.1", notes: "Cards open faster." };
    await userEvent.click(screen.getByRole("button", { name: "Check for updates" }));
    const offer = await screen.findByTestId("update-offer");
    expect(offer.textContent).toContain("Flowdeck 0.1.1 is available.");
    expect(offer.textContent).toContain("Cards open faster.");
    expect(screen.getByRole("status").textContent).toBe("");
  });

  it("says what a restart now would interrupt, and installs nothing", async () => {
    const due = Date.UTC(2026, 11, 5, 9, 30);
    const calls = backend({
      app_info: appInfo,
      check_for_update: () => ({ currentVersion: "0.1.0", available: { version: "0.1.1", notes: null } }),
      install_update: () => {
        throw refusal("update_waits_for_work", { retryAtMs: due });
      },
    });
    updates.available = null;
    render(UpdateSettings, { props: { daily: true, onDaily: () => {} } });
    await userEvent.click(screen.getByRole("button", { name: "Check for updates" }));
    await userEvent.click(await screen.findByRole("button", { name: "Install and restart" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("A scheduled command is due at"));
    expect(calls.filter((c) => c.cmd === "install_update").map((c) => c.args)).toEqual([{ version: "0.1.1" }]);
  });

  it("holds Install back while a check runs: what the check finds is the version installed", async () => {
    let answer: (found: unknown) => void = () => {};
    const calls = backend({
      app_info: appInfo,
      check_for_update: () => new Promise((resolve) => (answer = resolve)),
      install_update: () => null,
    });
    updates.available = { version: "0.1.1", notes: null };
    render(UpdateSettings, { props: { daily: true, onDaily: () => {} } });
    await userEvent.click(screen.getByRole("button", { name: "Check for updates" }));
    const install = screen.getByRole("button", { name: "Install and restart" });
    expect(install).toHaveProperty("disabled", true);
    await userEvent.click(install);
    expect(calls.some((c) => c.cmd === "install_update")).toBe(false);

    answer({ currentVersion: "0.1.0", available: { version: "0.1.2", notes: null } });
    await waitFor(() => expect(screen.getByTestId("update-offer").textContent).toContain("Flowdeck 0.1.2 is available."));
    await userEvent.click(screen.getByRole("button", { name: "Install and restart" }));
    expect(calls.filter((c) => c.cmd === "install_update").map((c) => c.args)).toEqual([{ version: "0.1.2" }]);
  });
});
