//! axe-core (the npm package, pinned in package.json) run inside the app's own web view, at
//! WCAG 2.1 A and AA. What it finds is a failure unless `accessibility-exceptions.json` names
//! the rule and the element with the reason it stands; an exception nothing needs any more is a
//! failure too, so the list stays reviewed.

use std::collections::BTreeSet;
use std::sync::Mutex;

use serde_json::{Value, json};

use crate::App;

const AXE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../node_modules/axe-core/axe.min.js"
));
const EXCEPTIONS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/accessibility-exceptions.json"
));
const STANDARD: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// One reviewed exception: a rule, on the elements whose selector contains `target`.
struct Exception {
    rule: String,
    target: String,
}

/// The audits of one test, and the exceptions they used.
pub struct Audits {
    exceptions: Vec<Exception>,
    used: Mutex<BTreeSet<usize>>,
    found: Mutex<Vec<String>>,
}

impl Default for Audits {
    fn default() -> Self {
        let listed: Vec<Value> = serde_json::from_str(EXCEPTIONS).expect("a JSON list");
        let exceptions = listed
            .iter()
            .map(|entry| {
                assert!(
                    entry["reason"]
                        .as_str()
                        .is_some_and(|r| !r.trim().is_empty()),
                    "every exception says why: {entry}"
                );
                Exception {
                    rule: entry["rule"].as_str().expect("a rule").to_owned(),
                    target: entry["target"].as_str().unwrap_or_default().to_owned(),
                }
            })
            .collect();
        Self {
            exceptions,
            used: Mutex::default(),
            found: Mutex::default(),
        }
    }
}

impl Audits {
    /// Audits the page as it is now; `view` names it in the report.
    pub async fn check(&self, app: &App, view: &str) {
        let violations = run_axe(app).await;
        for violation in violations.as_array().expect("a list of violations") {
            let rule = violation["id"].as_str().unwrap_or_default();
            for node in violation["nodes"].as_array().into_iter().flatten() {
                let target = node["target"].to_string();
                match self
                    .exceptions
                    .iter()
                    .position(|e| e.rule == rule && target.contains(&e.target))
                {
                    Some(index) => {
                        self.used.lock().unwrap().insert(index);
                    }
                    None => self.found.lock().unwrap().push(format!(
                        "{view}: {rule} ({}) on {target}: {}",
                        violation["impact"].as_str().unwrap_or("?"),
                        node["failureSummary"]
                            .as_str()
                            .unwrap_or_default()
                            .replace('\n', " ")
                    )),
                }
            }
        }
    }

    /// Fails with every violation found, if any. `all_views` says the whole list was covered,
    /// so an exception that no audit needed is stale.
    pub fn assert_clean(&self, all_views: bool) {
        let found = self.found.lock().unwrap();
        assert!(
            found.is_empty(),
            "{} accessibility violations:\n{}",
            found.len(),
            found.join("\n")
        );
        if all_views {
            let used = self.used.lock().unwrap();
            let stale: Vec<_> = (0..self.exceptions.len())
                .filter(|i| !used.contains(i))
                .map(|i| {
                    format!(
                        "{} on {}",
                        self.exceptions[i].rule, self.exceptions[i].target
                    )
                })
                .collect();
            assert!(stale.is_empty(), "exceptions no view needs: {stale:?}");
        }
    }
}

/// What assistive technology is told of each element matching `css`: its role and its name,
/// as axe-core computes them from the accessibility tree's rules.
pub async fn roles_and_names(app: &App, css: &str) -> Vec<(String, String)> {
    load_axe(app).await;
    let found = app
        .browser
        .execute(
            "axe.setup(document);
             try {
               return [...document.querySelectorAll(arguments[0])].map((e) =>
                 [axe.commons.aria.getRole(e) ?? '', axe.commons.text.accessibleText(e)]);
             } finally {
               axe.teardown();
             }",
            vec![json!(css)],
        )
        .await
        .unwrap();
    serde_json::from_value(found).expect("pairs of role and name")
}

async fn load_axe(app: &App) {
    let loaded = app
        .browser
        .execute("return typeof window.axe === 'object'", vec![])
        .await
        .unwrap();
    if loaded != json!(true) {
        app.browser
            .execute(&format!("{AXE}\nreturn true;"), vec![])
            .await
            .expect("axe-core loads in the web view");
    }
}

async fn run_axe(app: &App) -> Value {
    load_axe(app).await;
    app.browser
        .execute_async(
            "const [tags, done] = arguments;
             axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
               .then((r) => done(r.violations), (e) => done([{ id: 'axe-failed', impact: String(e), nodes: [{ target: [] }] }]));",
            vec![json!(STANDARD)],
        )
        .await
        .expect("axe ran")
}
