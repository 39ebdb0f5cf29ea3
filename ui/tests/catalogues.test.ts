import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { closestLocale } from "../src/lib/i18n";
import de from "../src/lib/locales/de.json";
import en from "../src/lib/locales/en.json";
import sv from "../src/lib/locales/sv.json";

type Catalogue = { [key: string]: string | Catalogue };

function flatten(catalogue: Catalogue, prefix = ""): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") entries.set(path, value);
    else for (const [k, v] of flatten(value, path)) entries.set(k, v);
  }
  return entries;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the message catalogues", () => {
  const english = flatten(en);

  for (const [name, catalogue] of [["German", de], ["Swedish", sv]] as const) {
    it(`${name} has every English message, with the same placeholders, and nothing else`, () => {
      const translated = flatten(catalogue);
      expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, text] of english) {
        expect(placeholders(translated.get(key) ?? ""), key).toEqual(placeholders(text));
        expect(translated.get(key)?.trim(), key).not.toBe("");
      }
    });
  }

  it("has what happened and what to do next for every error code the backend sends", () => {
    // The codes come from the Rust enum, through the generated bindings.
    const bindings = readFileSync(resolve(process.cwd(), "ui/src/lib/bindings.ts"), "utf8");
    const union = bindings.match(/export type ErrorCode = ([^;]+);/)?.[1] ?? "";
    const codes = [...union.matchAll(/"(\w+)"/g)].map((m) => m[1] as string);
    expect(codes.length).toBeGreaterThan(40);
    for (const code of [...codes, "unknown"]) {
      expect(english.get(`errors.${code}.what`), code).toBeTruthy();
      expect(english.get(`errors.${code}.next`), code).toBeTruthy();
    }
  });

  it("uses Campaign's own command words (acs-api.md §3)", () => {
    // Restart is Campaign's UI's own action, not an API command: "Neu starten", "Starta om".
    expect(de.command).toEqual({ start: "Starten", pause: "Pausieren", resume: "Fortsetzen", stop: "Stoppen", restart: "Neu starten" });
    expect(sv.command).toEqual({ start: "Starta", pause: "Pausa", resume: "Återuppta", stop: "Stoppa", restart: "Starta om" });
  });

  it("follows the OS language, falling back to English", () => {
    expect(closestLocale("de-AT")).toBe("de");
    expect(closestLocale("sv_SE.UTF-8")).toBe("sv");
    expect(closestLocale("en-GB")).toBe("en");
    expect(closestLocale("fr-FR")).toBe("en");
    expect(closestLocale(null)).toBe("en");
  });
});
