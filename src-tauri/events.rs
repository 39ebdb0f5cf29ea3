//! Every event the backend tells the window, named once with its payload. Each is emitted only
//! through its function here, so its payload cannot differ from what `EVENTS` declares; the
//! front end's names and payload types (`EVENTS` and `EventPayloads` in `ui/src/lib/bindings.ts`)
//! are generated from `EVENTS` in the bindings test.

use flowdeck_session::{AttentionEntry, CardRef, CloseAsked, Ran, WatchNews};
use tauri::{AppHandle, Emitter};

const SCHEDULES_RAN: &str = "schedules-ran";
const SCHEDULES_PAUSED: &str = "schedules-paused";
const WATCH_NEWS: &str = "watch-news";
const CLOSE_ASKED: &str = "close-asked";
const LINK_OPENED: &str = "link-opened";
const UPDATE_AVAILABLE: &str = "update-available";
const BATCHES_CHANGED: &str = "batches-changed";
const OPEN_CARD: &str = "open-card";
const ATTENTION_CHANGED: &str = "attention-changed";

/// An event as the front end knows it: the key it is listed under, its name, and the
/// TypeScript type of its payload (named as in the generated bindings).
#[cfg(test)]
pub struct EventSpec {
    pub key: &'static str,
    pub name: &'static str,
    pub payload: &'static str,
}

#[cfg(test)]
pub const EVENTS: &[EventSpec] = &[
    EventSpec {
        key: "schedulesRan",
        name: SCHEDULES_RAN,
        payload: "Ran[]",
    },
    EventSpec {
        key: "schedulesPaused",
        name: SCHEDULES_PAUSED,
        payload: "boolean",
    },
    EventSpec {
        key: "watchNews",
        name: WATCH_NEWS,
        payload: "WatchNews[]",
    },
    EventSpec {
        key: "closeAsked",
        name: CLOSE_ASKED,
        payload: "CloseAsked",
    },
    EventSpec {
        key: "linkOpened",
        name: LINK_OPENED,
        payload: "null",
    },
    EventSpec {
        key: "updateAvailable",
        name: UPDATE_AVAILABLE,
        payload: "AvailableUpdate_Serialize",
    },
    EventSpec {
        key: "batchesChanged",
        name: BATCHES_CHANGED,
        payload: "BatchWire_Serialize[]",
    },
    EventSpec {
        key: "openCard",
        name: OPEN_CARD,
        payload: "CardRef",
    },
    EventSpec {
        key: "attentionChanged",
        name: ATTENTION_CHANGED,
        payload: "AttentionEntry[]",
    },
];

fn emit(app: &AppHandle, name: &str, payload: impl serde::Serialize + Clone) {
    if let Err(error) = app.emit(name, payload) {
        log::warn!("could not tell the window {name}: {error}");
    }
}

/// Scheduled commands were sent or missed.
pub fn schedules_ran(app: &AppHandle, ran: &[Ran]) {
    emit(app, SCHEDULES_RAN, ran);
}

/// The tray paused or resumed every schedule: whether they are paused now.
pub fn schedules_paused(app: &AppHandle, paused: bool) {
    emit(app, SCHEDULES_PAUSED, paused);
}

/// Watched workflows changed.
pub fn watch_news(app: &AppHandle, news: &[WatchNews]) {
    emit(app, WATCH_NEWS, news);
}

/// The window must ask before closing or quitting.
pub fn close_asked(app: &AppHandle, asked: CloseAsked) {
    emit(app, CLOSE_ASKED, asked);
}

/// A notification about a card was clicked.
pub fn open_card(app: &AppHandle, card: CardRef) {
    emit(app, OPEN_CARD, card);
}

/// A `flowdeck://` link was followed or refused: the window takes the outcome
/// (`take_opened_link`).
pub fn link_opened(app: &AppHandle) {
    emit(app, LINK_OPENED, ());
}

/// The daily look found a newer version.
pub fn update_available(app: &AppHandle, update: crate::updates::offer::AvailableUpdate) {
    emit(app, UPDATE_AVAILABLE, update);
}

/// Batches moved on: every batch, as it is now.
pub fn batches_changed(app: &AppHandle, batches: &[crate::commands::batches::BatchWire]) {
    emit(app, BATCHES_CHANGED, batches);
}

/// What needs attention changed: all of it, as it is now.
pub fn attention_changed(app: &AppHandle, entries: &[AttentionEntry]) {
    emit(app, ATTENTION_CHANGED, entries);
}
