import type { Settings, SettingsChange } from "./types";

/**
 * What `save_settings` takes of the settings: all but the proxy, which is saved on its own
 * with its password (`save_proxy`).
 */
export function settingsChange(settings: Settings, changes: Partial<SettingsChange> = {}): SettingsChange {
  return {
    language: settings.language,
    refreshSeconds: settings.refreshSeconds,
    trayExplained: settings.trayExplained,
    startAtLoginOffered: settings.startAtLoginOffered,
    checkForUpdates: settings.checkForUpdates,
    ...changes,
  };
}
