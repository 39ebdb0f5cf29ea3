// The user's connections as the window lists them: the demo organisation and the stored
// profiles, with what a new one starts with and which one was shown last.
import { ipc } from "./ipc";
import type { ProfilesView, ProfileView } from "./types";

export class ConnectionList {
  view = $state<ProfilesView | null>(null);

  async refresh(): Promise<ProfilesView> {
    const view = await ipc.listProfiles();
    this.view = view;
    return view;
  }

  find(profileId: string | null): ProfileView | null {
    return this.view?.profiles.find((p) => p.id === profileId) ?? null;
  }
}

export const connections = new ConnectionList();
