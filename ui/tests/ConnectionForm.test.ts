import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import ConnectionForm from "../src/components/ConnectionForm.svelte";
import type { ConnectionView } from "../src/lib/types";
import { backend } from "./backend";

const ADOBE = "https://mc.adobe.io";

function production(): ConnectionView {
  return {
    id: "c-production",
    name: "Acme Production",
    kind: "production",
    product: { product: "standard" },
    isDemo: false,
    tenant: "acme",
    apiKey: "acme-key",
    baseUrl: ADOBE,
    auth: { kind: "pastedToken" },
    credential: { state: "connected", expiresAtMs: null },
  };
}

function newConnectionForm(saved: ConnectionView[]) {
  const onSaved = vi.fn();
  render(ConnectionForm, {
    props: {
      defaults: { baseUrl: ADOBE, imsUrl: "https://ims-na1.adobelogin.com", scopes: "openid" },
      connection: null,
      saved,
      onSaved,
      onCancel: () => {},
    },
  });
  return onSaved;
}

async function fill(user: ReturnType<typeof userEvent.setup>, tenant: string) {
  await user.type(screen.getByLabelText(/^Name/), "Acme Stage");
  await user.type(screen.getByLabelText(/^Tenant ID/), tenant);
  await user.type(screen.getByLabelText(/^API key/), "stage-key");
  await user.click(screen.getByRole("radio", { name: /Paste an access token/ }));
  await user.type(screen.getByLabelText(/^Access token/), "a-token");
}

describe("a connection on a tenant another connection uses", () => {
  it("is saved only after a warning naming the other, and a second click", async () => {
    const calls = backend({ save_connection: () => ({ ...production(), id: "c-stage", name: "Acme Stage" }) });
    const onSaved = newConnectionForm([production()]);
    const user = userEvent.setup();
    await fill(user, "acme");
    await user.click(screen.getByRole("button", { name: "Save connection" }));

    expect(screen.getByTestId("same-tenant").textContent).toContain("Acme Production uses this tenant too");
    expect(calls.filter((c) => c.cmd === "save_connection")).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "Save anyway" }));
    expect(calls.filter((c) => c.cmd === "save_connection")).toHaveLength(1);
    expect(onSaved).toHaveBeenCalledOnce();
  });

  it("is not warned of once its tenant is its own", async () => {
    const calls = backend({ save_connection: () => ({ ...production(), id: "c-stage", tenant: "acme-mkt-stage" }) });
    newConnectionForm([production()]);
    const user = userEvent.setup();
    await fill(user, "acme-mkt-stage");
    await user.click(screen.getByRole("button", { name: "Save connection" }));
    expect(screen.queryByTestId("same-tenant")).toBeNull();
    expect(calls.filter((c) => c.cmd === "save_connection")).toHaveLength(1);
  });
});
