//! Cards against the simulator, through the installed app: adding, every command, and the
//! errors a marketer meets (a renamed workflow, a lost answer).

use std::time::{Duration, Instant};

use flowdeck_e2e::App;
use serde_json::{Value, json};

async fn commands_sent(app: &App) -> Vec<Value> {
    let mut posts = app.simulator.requests_with("POST").await;
    posts.retain(|r| r["path"].as_str().unwrap().ends_with("/commands"));
    posts
}

#[tokio::test]
async fn a_card_is_added_only_for_a_workflow_campaign_knows() {
    let app = App::launch().await;
    app.card("WKF-SUMMER-SALE").await;
    app.click("button[aria-label='Remove Summer sale announcement']")
        .await;

    app.click("header button.primary").await;
    app.fill("input[name='workflowId']", "WKF-NO-SUCH").await;
    app.click("form.add-card button[type='submit']").await;
    let form = app.find("form.add-card").await;
    app.wait_for_text(
        &form,
        "Campaign does not know a workflow with the ID “WKF-NO-SUCH”.",
    )
    .await;
    app.wait_for_text(&form, "Check the ID in Campaign").await;
    app.wait_for_text(&form, "Adobe request ID").await;
    let text = form.text().await.unwrap();
    assert!(!text.contains("this card"), "no card exists yet: {text}");
    app.screenshot("add-card-unknown-id").await;

    // Without a label, the card takes Campaign's own.
    app.fill("input[name='workflowId']", "WKF-SUMMER-SALE")
        .await;
    app.click("form.add-card button[type='submit']").await;
    let card = app.card("WKF-SUMMER-SALE").await;
    app.wait_for_text(&card, "Summer sale announcement").await;
    app.wait_for_text(&card, "Editing").await;
    app.close().await;
}

#[tokio::test]
async fn each_command_reaches_campaign_once_and_the_card_follows() {
    let app = App::launch().await;
    let cases = [
        ("WKF-WELCOME", "Pause Welcome journey", "pause", "Warning"),
        (
            "WKF-BIRTHDAY",
            "Resume Birthday offers",
            "resume",
            "In progress",
        ),
        (
            "WKF-NEWSLETTER",
            "Start Weekly newsletter",
            "start",
            "In progress",
        ),
    ];
    for (id, button, _, status) in cases {
        let card = app.card(id).await;
        app.click(&format!("button[aria-label='{button}']")).await;
        app.wait_for_text(&card, "requested").await;
        app.wait_for_text(&card, status).await;
    }

    // Stop asks first, naming the workflow; only the confirmation sends it.
    let winback = app.card("WKF-WINBACK").await;
    app.click("button[aria-label='Stop Win-back campaign']")
        .await;
    app.wait_for_text(
        &winback,
        "Stop “Win-back campaign” on Demo organisation? A stopped workflow cannot be resumed",
    )
    .await;
    assert_eq!(commands_sent(&app).await.len(), 3);
    app.click("[data-testid='card-WKF-WINBACK'] button.danger")
        .await;
    app.wait_for_text(&winback, "Finished").await;

    let methods: Vec<String> = commands_sent(&app)
        .await
        .iter()
        .map(|r| {
            serde_json::from_str::<Value>(r["body"].as_str().unwrap()).unwrap()["method"]
                .to_string()
        })
        .collect();
    assert_eq!(
        methods,
        ["\"pause\"", "\"resume\"", "\"start\"", "\"stop\""]
    );
    app.close().await;
}

/// Start on a workflow that finished runs it again from the beginning, deliveries and all: the
/// card asks first, saying when it finished, and only "Run it again" sends the Start, once.
#[tokio::test]
async fn start_on_a_finished_workflow_asks_first_saying_when_it_finished() {
    let app = App::launch().await;
    let card = app.card("WKF-WELCOME").await;
    app.wait_for_text(&card, "In progress").await;
    // Stopped from Flowdeck: the card reads the status until it has seen the workflow finish.
    app.click("button[aria-label='Stop Welcome journey']").await;
    app.click("[data-testid='card-WKF-WELCOME'] .confirm button.danger")
        .await;
    app.wait_for_text(&card, "Finished").await;
    let sent_before = commands_sent(&app).await.len();

    app.click("button[aria-label='Start Welcome journey']")
        .await;
    let question = app
        .find("[data-testid='card-WKF-WELCOME'] [data-testid='confirm-question']")
        .await;
    app.wait_for_text(&question, " ago. Start runs it again from the beginning")
        .await;
    app.screenshot("rerun-guard").await;
    app.click("[data-testid='card-WKF-WELCOME'] [data-confirm='cancel']")
        .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(
        commands_sent(&app).await.len(),
        sent_before,
        "Cancel sent nothing"
    );

    app.click("button[aria-label='Start Welcome journey']")
        .await;
    app.click("[data-testid='card-WKF-WELCOME'] .confirm button.danger")
        .await;
    app.wait_for_text(&card, "requested").await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(
        commands_sent(&app).await.len(),
        sent_before + 1,
        "one Start"
    );
    app.close().await;
}

#[tokio::test]
async fn a_workflow_renamed_in_campaign_says_so_with_the_request_id() {
    let app = App::launch().await;
    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&card, "Editing").await;
    app.simulator
        .rename("WKF-NEWSLETTER", "WKF-NEWSLETTER-2027")
        .await;

    app.click("button[aria-label='Start Weekly newsletter']")
        .await;
    app.wait_for_text(
        &card,
        "Campaign does not know a workflow with the ID “WKF-NEWSLETTER”.",
    )
    .await;
    app.wait_for_text(&card, "Its ID was probably changed in Campaign.")
        .await;
    let text = app.wait_for_text(&card, "Adobe request ID: sim-").await;
    assert!(!text.contains("requested"), "{text}");
    app.close().await;
}

#[tokio::test]
async fn a_lost_answer_is_never_resent_and_the_card_reads_the_status_instead() {
    let app = App::launch().await;
    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&card, "Editing").await;
    // Longer than the app's 15 s request timeout.
    app.simulator
        .set_switches(json!({ "responseDelayMs": 17_000 }))
        .await;

    app.click("button[aria-label='Start Weekly newsletter']")
        .await;
    let deadline = Instant::now() + Duration::from_secs(5);
    while commands_sent(&app).await.is_empty() {
        assert!(Instant::now() < deadline, "the command never arrived");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Campaign got it; from now on it answers at once, but this one answer is lost.
    app.simulator
        .set_switches(json!({ "responseDelayMs": 0 }))
        .await;

    app.wait_for_text_within(
        &card,
        "The command may or may not have run.",
        Duration::from_secs(25),
    )
    .await;
    app.wait_for_text(&card, "Flowdeck did not send it again.")
        .await;
    app.wait_for_text(&card, "In progress").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        commands_sent(&app).await.len(),
        1,
        "exactly one request, never a resend"
    );
    app.close().await;
}

#[tokio::test]
async fn a_busy_campaign_is_retried_after_the_wait_it_asked_for() {
    let app = App::launch().await;
    let card = app.card("WKF-NEWSLETTER").await;
    app.wait_for_text(&card, "Editing").await;
    app.simulator
        .set_switches(json!({ "throttleNext": 1, "retryAfterSecs": 2 }))
        .await;

    app.click("button[aria-label='Start Weekly newsletter']")
        .await;
    app.wait_for_text(&card, "Campaign is busy. Trying again in")
        .await;
    app.wait_for_text(&card, "Start requested").await;

    let statuses: Vec<Value> = commands_sent(&app)
        .await
        .iter()
        .map(|r| r["status"].clone())
        .collect();
    assert_eq!(
        statuses,
        [json!(429), json!(204)],
        "one refusal, then the one that ran"
    );
    app.close().await;
}
