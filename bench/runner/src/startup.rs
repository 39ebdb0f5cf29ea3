//! Process start → what the page shows first: Flowdeck's cards, beside a blank Tauri app's
//! page load event. Both times are read off the same clock: the kernel's start time of the
//! process and the page's own `performance.timeOrigin`.

use std::path::Path;
use std::time::{Duration, Instant};

use fantoccini::Client;
use flowdeck_e2e::{App, OtherApp};
use serde_json::Value;

use crate::processes;

/// When the page said `script` (a time in ms since the epoch, or null while not yet).
async fn page_time(browser: &Client, script: &str) -> f64 {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(Value::Number(at)) = browser.execute(script, vec![]).await {
            return at.as_f64().unwrap_or(f64::NAN);
        }
        assert!(Instant::now() < deadline, "the page never said: {script}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Tells on stderr when the page was asked for, ready and loaded, and each mark it made, in
/// ms after the process started: where start-up time goes.
async fn tell_steps(who: &str, browser: &Client, start: f64) {
    let page = browser
        .execute(
            "const nav = performance.getEntriesByType('navigation')[0];
             const at = [['page asked', 0], ['DOM ready', nav.domContentLoadedEventEnd], ['loaded', nav.loadEventEnd]]
               .concat(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]));
             return at.map(([name, ms]) => [name, performance.timeOrigin + ms]);",
            vec![],
        )
        .await
        .expect("the page's timings");
    let steps: Vec<String> = page
        .as_array()
        .into_iter()
        .flatten()
        .map(|step| {
            let at = step[1].as_f64().unwrap_or(f64::NAN) - start;
            format!("{} {at:.0}", step[0].as_str().unwrap_or("?"))
        })
        .collect();
    eprintln!(
        "{who} start-up, ms after the process started: {}",
        steps.join(", ")
    );
}

fn started(app: &Path) -> f64 {
    processes::started_epoch_ms(processes::running(app)[0])
}

/// The cards the app draws at once (ui/src/lib/batches.svelte.ts), the rest in later tasks.
const FIRST_CARDS: usize = 24;

pub struct ToCards {
    pub ms: f64,
    /// How Flowdeck drew: its own choice, without compositing where the machine has no GPU.
    pub drawn_without_compositing: bool,
    /// What it showed first, as static HTML: its stylesheet, its first cards, no script.
    pub first_screen: String,
}

/// The page as it is now, as a static document: no script, the stylesheet's rules in the page,
/// the first `FIRST_CARDS` cards. Kept in the page and read in slices, each answer small. No
/// backslash in it: WebKitWebDriver read a `'\n'` in the script as a line break inside the
/// string ("Unexpected EOF").
const STATIC_COPY: &str = "
    const copy = document.documentElement.cloneNode(true);
    copy.querySelectorAll('script, link').forEach((node) => node.remove());
    const rules = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText));
    const style = document.createElement('style');
    style.textContent = rules.join(' ');
    copy.querySelector('head').append(style);
    [...copy.querySelectorAll('article.card')].slice(arguments[0]).forEach((card) => card.remove());
    window.flowdeckStaticCopy = copy.outerHTML;
    return window.flowdeckStaticCopy.length;";

const SLICE: usize = 32 * 1024;

/// The page as static HTML (`STATIC_COPY`).
async fn static_copy(browser: &Client) -> String {
    let length = browser
        .execute(STATIC_COPY, vec![serde_json::json!(FIRST_CARDS)])
        .await
        .expect("the page as static HTML")
        .as_u64()
        .unwrap_or(0) as usize;
    let mut html = String::from("<!doctype html>");
    for start in (0..length).step_by(SLICE) {
        let slice = browser
            .execute(
                "return window.flowdeckStaticCopy.slice(arguments[0], arguments[1]);",
                vec![serde_json::json!(start), serde_json::json!(start + SLICE)],
            )
            .await
            .expect("a slice of the static page");
        html.push_str(slice.as_str().unwrap_or_default());
    }
    html
}

/// Launches Flowdeck on the deck of `expected` cards persisted under `config_home`: ms from
/// the process's start to its first cards (up to 24) being in the page, those on screen drawn
/// in full, which the app marks.
pub async fn flowdeck_to_cards(config_home: &Path, expected: usize) -> ToCards {
    let app = App::launch_in(config_home, &[]).await;
    let shown = page_time(
        &app.browser,
        "const mark = performance.getEntriesByName('flowdeck:deck-shown')[0];
         return mark ? performance.timeOrigin + mark.startTime : null;",
    )
    .await;
    let app_path = flowdeck_e2e::app_path();
    let start = started(&app_path);
    tell_steps("Flowdeck", &app.browser, start).await;
    let first_screen = static_copy(&app.browser).await;
    let to_cards = ToCards {
        ms: shown - start,
        drawn_without_compositing: processes::draws_without_compositing(&app_path),
        first_screen,
    };
    let cards = crate::deck::cards_in_dom(&app).await;
    let first = expected.min(FIRST_CARDS);
    assert!(
        cards >= first,
        "{cards} cards in the page, not the first {first}"
    );
    let frames_on_screen = app
        .browser
        .execute(
            "return [...document.querySelectorAll('article.card.shell')]
               .filter((card) => card.getBoundingClientRect().top < window.innerHeight).length",
            vec![],
        )
        .await
        .expect("the page answered");
    assert_eq!(
        frames_on_screen,
        serde_json::json!(0),
        "cards on screen are drawn in full"
    );
    app.close().await;
    to_cards
}

/// Launches the blank app with `environment`: ms from the process's start to its page's load
/// event, and its memory once settled.
pub async fn blank_to_load(blank: &Path, environment: &[(&str, &str)]) -> (f64, f64) {
    let app = OtherApp::launch_with(blank, environment).await;
    let loaded = page_time(
        &app.browser,
        "const nav = performance.getEntriesByType('navigation')[0];
         return nav && nav.loadEventEnd > 0 ? performance.timeOrigin + nav.loadEventEnd : null;",
    )
    .await;
    let start = started(blank);
    tell_steps("Blank Tauri app", &app.browser, start).await;
    let elapsed = loaded - start;
    tokio::time::sleep(crate::deck::SETTLE).await;
    let memory = crate::memory::pss_mib(blank);
    app.close().await;
    (elapsed, memory)
}
