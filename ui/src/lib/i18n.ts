// One message catalogue for every word the user sees, in English, German and Swedish.
import { addMessages, init, locale } from "svelte-i18n";
import de from "./locales/de.json";
import en from "./locales/en.json";
import sv from "./locales/sv.json";

export const SUPPORTED_LOCALES = ["en", "de", "sv"] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

/** The supported language closest to an OS or browser locale such as "de-AT" or "sv_SE". */
export function closestLocale(requested: string | null | undefined): SupportedLocale {
  const language = (requested ?? "").toLowerCase().split(/[-_]/)[0];
  return SUPPORTED_LOCALES.find((supported) => supported === language) ?? "en";
}

export function setupI18n(requested: string | null): void {
  addMessages("en", en);
  addMessages("de", de);
  addMessages("sv", sv);
  const initial = closestLocale(requested);
  init({ fallbackLocale: "en", initialLocale: initial });
  document.documentElement.lang = initial;
}

/** Switches the UI's language at once, without a restart. */
export function switchLocale(requested: string | null): void {
  const chosen = closestLocale(requested);
  void locale.set(chosen);
  document.documentElement.lang = chosen;
}
