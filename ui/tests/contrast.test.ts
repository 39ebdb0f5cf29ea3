// WCAG AA: every text colour the app uses is at least 4.5:1 against what it sits on, in the
// light theme and in the dark one. The colours are read from the stylesheet itself.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

// Tests run from the repository root (npm test).
const css = readFileSync(resolve(process.cwd(), "ui/src/styles.css"), "utf8");

function variables(block: string): Map<string, string> {
  return new Map([...block.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})/g)].map((m) => [m[1] as string, m[2] as string]));
}

const light = variables(css.slice(css.indexOf(":root"), css.indexOf("@media (prefers-color-scheme: dark)")));
const dark = new Map([...light, ...variables(css.slice(css.indexOf("@media (prefers-color-scheme: dark)")))]);

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const STATUSES = ["editing", "inProgress", "warning", "finished", "erroneous"];
const KINDS = ["production", "stage", "development", "demo"];
const PAIRS: [string, string][] = [
  ["text", "bg"],
  ["text", "surface"],
  ["muted", "bg"],
  ["muted", "surface"],
  ["accent", "surface"],
  ["accent-text", "accent"],
  ["danger", "surface"],
  ["ok", "surface"],
  ["text", "error-bg"],
  ["text", "warning-bg"],
  ...STATUSES.map((s): [string, string] => [`status-${s}-text`, `status-${s}`]),
  ...KINDS.map((k): [string, string] => [`kind-${k}-text`, `kind-${k}`]),
];

describe("colour contrast (WCAG AA, 4.5:1)", () => {
  for (const [theme, colours] of [["light", light], ["dark", dark]] as const) {
    it(`holds for every text colour in the ${theme} theme`, () => {
      for (const [foreground, background] of PAIRS) {
        const fg = colours.get(foreground);
        const bg = colours.get(background);
        expect(fg, foreground).toBeDefined();
        expect(bg, background).toBeDefined();
        expect(contrast(fg as string, bg as string), `${foreground} on ${background}`).toBeGreaterThanOrEqual(4.5);
      }
    });
  }
});
