// One message catalogue for every word the user sees.
import { addMessages, getLocaleFromNavigator, init } from "svelte-i18n";
import en from "./locales/en.json";

export const SUPPORTED_LOCALES = ["en"] as const;

export function setupI18n(locale: string | null = getLocaleFromNavigator()): void {
  addMessages("en", en);
  init({ fallbackLocale: "en", initialLocale: locale ?? "en" });
}
