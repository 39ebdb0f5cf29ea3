//! A person at the keyboard: keys go to whatever has focus, and after every key the focus is
//! somewhere a person can see it, never on the page itself.

use std::time::Duration;

use fantoccini::key::Key;
use serde_json::{Value, json};

use crate::App;

/// More Tab presses than any journey needs to reach the next control: reaching none is a failure.
const MOST_TABS: usize = 120;
/// A second, in checks 50 ms apart, for the focus to settle after a key.
const SETTLE_CHECKS: usize = 20;

pub struct Keyboard<'a> {
    app: &'a App,
}

impl App {
    pub fn keyboard(&self) -> Keyboard<'_> {
        Keyboard { app: self }
    }
}

impl Keyboard<'_> {
    /// Presses keys (text or `Key`s) on what has focus, then checks where the focus went.
    pub async fn press(&self, keys: &str) {
        let focused = self.app.browser.active_element().await.unwrap();
        focused.send_keys(keys).await.unwrap();
        // Let the page react: a panel opening, a scope closing and handing focus back.
        tokio::time::sleep(Duration::from_millis(120)).await;
        self.assert_focus_visible().await;
    }

    pub async fn enter(&self) {
        self.press(&Key::Enter.to_string()).await;
    }

    pub async fn escape(&self) {
        self.press(&Key::Escape.to_string()).await;
    }

    pub async fn space(&self) {
        self.press(" ").await;
    }

    /// Tab (or Shift+Tab) until what has focus matches `css`.
    pub async fn tab_to(&self, css: &str) {
        self.move_to(css, &Key::Tab.to_string()).await;
    }

    pub async fn shift_tab_to(&self, css: &str) {
        self.move_to(css, &format!("{}{}", Key::Shift, Key::Tab))
            .await;
    }

    async fn move_to(&self, css: &str, keys: &str) {
        for _ in 0..MOST_TABS {
            if self.focus_matches(css).await {
                return;
            }
            let focused = self.app.browser.active_element().await.unwrap();
            focused.send_keys(keys).await.unwrap();
            self.assert_focus_visible().await;
        }
        panic!(
            "{css} was not reached by the keyboard; focus is on {}",
            self.describe_focus().await
        );
    }

    /// Whether what has focus matches `css`.
    pub async fn focus_matches(&self, css: &str) -> bool {
        self.app
            .browser
            .execute(
                "return document.activeElement.matches(arguments[0])",
                vec![json!(css)],
            )
            .await
            .unwrap()
            == json!(true)
    }

    /// Waits until the focus is on `css`, as after a panel or form opens.
    pub async fn expect_focus(&self, css: &str) {
        for _ in 0..40 {
            if self.focus_matches(css).await {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "focus should be on {css}, is on {}",
            self.describe_focus().await
        );
    }

    /// Where the focus settles, within a moment, as a person would see it: a page reacting to
    /// a key (a button waiting, a form closing) may move it, but must not leave it lost.
    async fn assert_focus_visible(&self) {
        let mut state = self.focus_state().await;
        for _ in 0..SETTLE_CHECKS {
            if state["lost"] == json!(false) && state["visible"] == json!(true) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
            state = self.focus_state().await;
        }
        assert_eq!(
            state["lost"],
            json!(false),
            "the focus was lost to the page"
        );
        panic!(
            "the focus on {} cannot be seen ({})",
            self.describe_focus().await,
            state["detail"]
        );
    }

    async fn focus_state(&self) -> Value {
        self.app
            .browser
            .execute(
                "const e = document.activeElement;
                 const style = e ? getComputedStyle(e) : null;
                 return {
                   lost: !e || e === document.body || e === document.documentElement,
                   visible: !!e && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
                   detail: style ? style.outlineStyle + ' ' + style.outlineWidth : '',
                 };",
                vec![],
            )
            .await
            .unwrap()
    }

    async fn describe_focus(&self) -> String {
        self.app
            .browser
            .execute(
                "const e = document.activeElement;
                 return e ? e.outerHTML.slice(0, 160) : 'nothing';",
                vec![],
            )
            .await
            .unwrap()
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}
