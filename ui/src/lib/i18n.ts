// One message catalogue for every word the user sees, in English, German and Swedish. English
// is the fallback and comes with the page; German and Swedish are loaded when chosen, so the
// page does not evaluate two catalogues it will not show (each is a third of the catalogues'
// 90 KB, which were a third of the script read before the first card).
import { addMessages, init, locale, register, waitLocale } from "svelte-i18n";
import en from "./locales/en.json";

export const SUPPORTED_LOCALES = ["en", "de", "sv"] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

addMessages("en", en);
register("de", () => import("./locales/de.json"));
register("sv", () => import("./locales/sv.json"));

/** The supported language closest to an OS or browser locale such as "de-AT" or "sv_SE". */
export function closestLocale(requested: string | null | undefined): SupportedLocale {
  const language = (requested ?? "").toLowerCase().split(/[-_]/)[0];
  return SUPPORTED_LOCALES.find((supported) => supported === language) ?? "en";
}

/** Settles the UI's language; resolves once its catalogue is there, so no word shows in another. */
export async function setupI18n(requested: string | null): Promise<void> {
  const initial = closestLocale(requested);
  init({ fallbackLocale: "en", initialLocale: initial });
  document.documentElement.lang = initial;
  await waitLocale(initial);
}

/** Switches the UI's language without a restart; the words change once its catalogue is there. */
export async function switchLocale(requested: string | null): Promise<void> {
  const chosen = closestLocale(requested);
  await locale.set(chosen);
  document.documentElement.lang = chosen;
}
