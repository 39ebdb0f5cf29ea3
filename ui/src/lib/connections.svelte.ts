// The user's connections as the window lists them: the demo organisation and the stored
// connections, with what a new one starts with and which one was shown last.
import { ipc } from "./ipc";
import type { ConnectionsView, ConnectionView } from "./types";

export class ConnectionList {
  view = $state<ConnectionsView | null>(null);

  async refresh(): Promise<ConnectionsView> {
    const view = await ipc.listConnections();
    this.view = view;
    return view;
  }

  find(connectionId: string | null): ConnectionView | null {
    return this.view?.connections.find((p) => p.id === connectionId) ?? null;
  }
}

export const connections = new ConnectionList();
