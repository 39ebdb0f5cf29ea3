//! What closing the window or quitting does. While watched workflows or schedules are active,
//! closing keeps Flowdeck running in the tray (explained the first time); where the desktop
//! shows no tray, closing asks first. Quitting from the tray says what will not run. With
//! nothing active, closing quits. Pure decisions: the shell carries them out.

use serde::{Deserialize, Serialize};

use crate::background::BackgroundWork;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum CloseQuestion {
    /// The first close with a tray: Flowdeck will keep running there.
    KeepRunning,
    /// Quit, and stop what is active? (The tray's Quit.)
    Quit,
    /// The window was closed on a desktop that shows no tray: quit, or minimise instead?
    QuitWithoutTray,
}

/// What the window is told when it must ask before closing or quitting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CloseAsked {
    pub question: CloseQuestion,
    pub work: BackgroundWork,
}

/// What the user answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum CloseAnswer {
    KeepRunning,
    Quit,
    Minimise,
    /// Neither: the window stays open.
    Stay,
}

/// What the shell does next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CloseStep {
    Quit,
    /// Hide the window; Flowdeck runs on in the tray. `tray_now_explained`: the user has just
    /// been told so, and is not told again.
    Hide {
        tray_now_explained: bool,
    },
    Minimise,
    Ask(CloseAsked),
    Stay,
}

/// What Flowdeck knows when the window's close button is pressed.
#[derive(Debug, Clone, Copy)]
pub struct CloseFacts {
    /// The question the window shows now, if it shows one.
    pub asking: Option<CloseQuestion>,
    pub work: BackgroundWork,
    /// Whether the desktop shows Flowdeck's tray icon.
    pub tray_shown: bool,
    /// Whether the user was already told that Flowdeck keeps running in the tray.
    pub tray_explained: bool,
}

/// The window's close button.
pub fn when_closed(facts: CloseFacts) -> CloseStep {
    match facts.asking {
        // Closed again while the window asks: the safe reading of each question.
        Some(CloseQuestion::KeepRunning) => return when_answered(CloseAnswer::KeepRunning),
        Some(CloseQuestion::Quit | CloseQuestion::QuitWithoutTray) => {
            return when_answered(CloseAnswer::Quit);
        }
        None => {}
    }
    let ask = |question| {
        CloseStep::Ask(CloseAsked {
            question,
            work: facts.work,
        })
    };
    if facts.work.is_idle() {
        CloseStep::Quit
    } else if !facts.tray_shown {
        ask(CloseQuestion::QuitWithoutTray)
    } else if facts.tray_explained {
        CloseStep::Hide {
            tray_now_explained: false,
        }
    } else {
        ask(CloseQuestion::KeepRunning)
    }
}

/// The tray's Quit.
pub fn when_quit(work: BackgroundWork) -> CloseStep {
    if work.is_idle() {
        CloseStep::Quit
    } else {
        CloseStep::Ask(CloseAsked {
            question: CloseQuestion::Quit,
            work,
        })
    }
}

/// The user's answer to a question the window asked.
pub fn when_answered(answer: CloseAnswer) -> CloseStep {
    match answer {
        CloseAnswer::KeepRunning => CloseStep::Hide {
            tray_now_explained: true,
        },
        CloseAnswer::Quit => CloseStep::Quit,
        CloseAnswer::Minimise => CloseStep::Minimise,
        CloseAnswer::Stay => CloseStep::Stay,
    }
}

#[cfg(test)]
#[path = "closing_tests.rs"]
mod tests;
