//! Click → command on the wire: from the page's click to the simulator receiving the command,
//! beside curl's start → the simulator receiving the same command.

use std::time::{Duration, Instant};

use flowdeck_e2e::App;

use crate::curl::Template;
use crate::figures::median;
use crate::requests;

const CARD: &str = "[data-testid='card-WKF-WELCOME']";

/// When the command sent after `since_us` reached the simulator.
async fn arrival_after(app: &App, since_us: f64) -> f64 {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let seen = requests::parse(&app.simulator.requests().await);
        if let Some(arrived) = seen
            .iter()
            .filter(|r| r.is_command() && r.received_us as f64 >= since_us - 1000.0)
            .map(|r| r.received_us as f64)
            .reduce(f64::min)
        {
            return arrived;
        }
        assert!(Instant::now() < deadline, "the command never arrived");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Median milliseconds over `times` clicks (Pause, Resume, …), and over as many curls.
pub async fn click_to_wire(app: &App, times: usize) -> (f64, f64) {
    let mut clicks = Vec::new();
    for n in 0..times {
        let action = if n % 2 == 0 { "pause" } else { "resume" };
        let button = format!("{CARD} button[data-command='{action}']");
        app.find(&button).await;
        let deadline = Instant::now() + Duration::from_secs(20);
        while !app
            .browser
            .execute(
                &format!("return !document.querySelector(\"{button}\").disabled"),
                vec![],
            )
            .await
            .is_ok_and(|enabled| enabled == true)
        {
            assert!(Instant::now() < deadline, "{action} never became possible");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        app.simulator.clear_requests().await;
        let clicked = app
            .browser
            .execute(
                &format!(
                    "const button = document.querySelector(\"{button}\");
                     const at = (performance.timeOrigin + performance.now()) * 1000;
                     button.click();
                     return at;"
                ),
                vec![],
            )
            .await
            .expect("clicked")
            .as_f64()
            .expect("a time");
        clicks.push((arrival_after(app, clicked).await - clicked) / 1000.0);
    }
    let template = Template::from_app(app).await;
    let mut curls = Vec::new();
    for n in 0..times {
        let action = if n % 2 == 0 { "pause" } else { "resume" };
        app.simulator.clear_requests().await;
        let started = requests::now_us() as f64;
        let status = template
            .curl(app, "WKF-WELCOME", action)
            .status()
            .expect("curl ran");
        assert!(status.success(), "curl failed");
        curls.push((arrival_after(app, started).await - started) / 1000.0);
    }
    (median(&clicks), median(&curls))
}
