import { get } from "svelte/store";
import { _ } from "svelte-i18n";
import { describe, expect, it } from "vitest";
import { describeError } from "../src/lib/errors";
import { refusal } from "./backend";

describe("a proxy's refusal", () => {
  it("names the proxy where Flowdeck knows it, and says nothing was sent", () => {
    const told = describeError(get(_), refusal("proxy_auth_required", { host: "proxy.corp:3128" }));
    expect(told.what).toBe(
      "The proxy proxy.corp:3128 asks for a user name and password before it lets Flowdeck through to Adobe. Nothing was sent.",
    );
    expect(told.next).toContain("Settings → Proxy");
  });

  it("speaks of the network's proxy where none is named", () => {
    const told = describeError(get(_), refusal("proxy_unreachable"));
    expect(told.what).toBe("Flowdeck could not reach your network's proxy, so nothing was sent to Adobe.");
  });
});
