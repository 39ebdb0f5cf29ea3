import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import ProxySettings from "../src/components/ProxySettings.svelte";
import type { ProxySetting, Settings } from "../src/lib/types";
import { backend, refusal } from "./backend";

const settings = (proxy: ProxySetting): Settings => ({
  language: null,
  refreshSeconds: 60,
  trayExplained: false,
  startAtLoginOffered: false,
  proxy,
  checkForUpdates: true,
  updatesCheckedAtMs: null,
});

describe("the Proxy setting", () => {
  it("saves a typed proxy with its user name, the password going to the backend once and leaving the form", async () => {
    const calls = backend({
      save_proxy: (args) => settings((args.change as { proxy: ProxySetting }).proxy),
    });
    const onSaved = vi.fn();
    render(ProxySettings, { props: { saved: { mode: "system" }, onSaved } });
    expect((screen.getByRole("radio", { name: "Use the system's proxy settings" }) as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByLabelText(/^Proxy address/)).toBeNull();

    await userEvent.click(screen.getByRole("radio", { name: "Use this proxy" }));
    await userEvent.type(screen.getByLabelText(/^Proxy address/), "proxy.corp:3128");
    expect(screen.queryByLabelText(/^Password/)).toBeNull();
    await userEvent.type(screen.getByLabelText("User name (if the proxy asks for one)"), "mia");
    await userEvent.type(screen.getByLabelText(/^Password/), "corp-secret");
    await userEvent.click(screen.getByRole("button", { name: "Save proxy" }));

    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("Proxy saved"));
    expect(calls.filter((c) => c.cmd === "save_proxy").map((c) => c.args.change)).toEqual([
      { proxy: { mode: "manual", address: "proxy.corp:3128", user: "mia" }, password: "corp-secret" },
    ]);
    expect(onSaved).toHaveBeenCalledOnce();
    const password = screen.getByLabelText(/^Password/) as HTMLInputElement;
    expect(password.value).toBe("");
    expect(password.required).toBe(false);
    expect(screen.getByText("Saved in your keyring; type a new one to replace it")).toBeTruthy();
  });

  it("keeps the saved password unless a new one is typed", async () => {
    const calls = backend({ save_proxy: (args) => settings((args.change as { proxy: ProxySetting }).proxy) });
    render(ProxySettings, {
      props: { saved: { mode: "manual", address: "proxy.corp:3128", user: "mia" }, onSaved: () => {} },
    });
    expect((screen.getByLabelText(/^Proxy address/) as HTMLInputElement).value).toBe("proxy.corp:3128");
    await userEvent.click(screen.getByRole("button", { name: "Save proxy" }));
    await waitFor(() => expect(calls.length).toBe(1));
    expect(calls[0]?.args.change).toEqual({
      proxy: { mode: "manual", address: "proxy.corp:3128", user: "mia" },
      password: null,
    });
  });

  it("tells plainly, naming the proxy, what a refusal means and what to do", async () => {
    backend({ save_proxy: () => { throw refusal("proxy_address_invalid"); } });
    render(ProxySettings, { props: { saved: { mode: "none" }, onSaved: () => {} } });
    await userEvent.click(screen.getByRole("radio", { name: "Use this proxy" }));
    await userEvent.type(screen.getByLabelText(/^Proxy address/), "proxy.corp");
    await userEvent.click(screen.getByRole("button", { name: "Save proxy" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("such as proxy.example.com:8080"));
  });
});
