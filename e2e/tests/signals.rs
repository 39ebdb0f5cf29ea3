//! External signals through the installed app: typed parameters reach Campaign once, a second
//! send inside Campaign's ten-minute cool-down is held back, a refused parameter is named, and
//! a workflow that is not running offers no signal.

use flowdeck_e2e::App;
use serde_json::{Value, json};

const FORM: &str = "[data-testid='card-WKF-WELCOME'] [data-testid='signal-form']";

async fn open_signal_form(app: &App) {
    app.choose_in_card_menu(
        "[data-testid='card-WKF-WELCOME']",
        "[data-command='signal']",
    )
    .await;
    app.find(FORM).await;
}

fn value_of(parameter: &str) -> String {
    format!("{FORM} [data-parameter='{parameter}'] [name='parameterValue']")
}

async fn send(app: &App) {
    app.click(&format!("{FORM} button[type='submit']")).await;
}

fn body_of(trigger: &Value) -> Value {
    serde_json::from_str(trigger["body"].as_str().expect("a body")).expect("a JSON body")
}

#[tokio::test]
async fn a_signal_with_typed_parameters_reaches_campaign_once_and_not_again_within_ten_minutes() {
    // The date field is local time; UTC makes what Campaign receives predictable.
    let app = App::launch_with(&[("TZ", "UTC")]).await;
    let card = app.card("WKF-WELCOME").await;
    app.wait_for_text(&card, "In progress").await;

    open_signal_form(&app).await;
    app.fill(&value_of("segmentCode"), "VIP-2026").await;
    app.fill(&value_of("audienceSize"), "1500").await;
    app.choose(&value_of("isTest"), "true").await;
    app.pick(&value_of("sendAt"), "2026-12-24T09:30").await;
    app.screenshot("signal-form").await;
    send(&app).await;
    app.wait_for_text(&card, "Campaign accepted signal signal1.")
        .await;

    let triggers = app.simulator.signal_triggers().await;
    assert_eq!(triggers.len(), 1, "one signal, sent once");
    assert!(
        triggers[0]["path"]
            .as_str()
            .unwrap()
            .contains("/activities/activity/"),
        "sent to the href the record lists: {}",
        triggers[0]["path"]
    );
    assert_eq!(
        body_of(&triggers[0]),
        json!({
            "source": "Flowdeck",
            "parameters": {
                "segmentCode": "VIP-2026",
                "audienceSize": 1500,
                "isTest": true,
                "sendAt": "2026-12-24T09:30:00Z"
            }
        })
    );

    open_signal_form(&app).await;
    send(&app).await;
    let form = app.find(FORM).await;
    app.wait_for_text(&form, "was sent less than 10 minutes ago")
        .await;
    app.screenshot("signal-too-soon").await;
    assert_eq!(
        app.simulator.signal_triggers().await.len(),
        1,
        "the second send never left the app"
    );
    app.close().await;
}

#[tokio::test]
async fn a_parameter_the_activity_does_not_declare_is_named_and_the_corrected_signal_goes_through()
{
    let app = App::launch().await;
    app.simulator
        .set_switches(json!({ "signalDeclarations": "unlisted" }))
        .await;
    let card = app.card("WKF-WELCOME").await;
    app.wait_for_text(&card, "In progress").await;

    open_signal_form(&app).await;
    let form = app.find(FORM).await;
    app.wait_for_text(&form, "Campaign does not list this activity's parameters")
        .await;
    app.click(&format!("{FORM} .signal-parameters > button"))
        .await;
    app.fill(&format!("{FORM} [name='parameterName']"), "segmentcode")
        .await;
    app.fill(&format!("{FORM} [name='parameterValue']"), "VIP")
        .await;
    send(&app).await;
    app.wait_for_text(
        &form,
        "The signal activity does not declare the parameter “segmentcode”.",
    )
    .await;
    app.screenshot("signal-undeclared-parameter").await;
    assert_eq!(app.simulator.signal_triggers().await.len(), 1);

    app.fill(&format!("{FORM} [name='parameterName']"), "segmentCode")
        .await;
    send(&app).await;
    app.wait_for_text(&card, "Campaign accepted signal signal1.")
        .await;
    let triggers = app.simulator.signal_triggers().await;
    assert_eq!(triggers.len(), 2, "the refused one and the corrected one");
    assert_eq!(
        body_of(&triggers[1])["parameters"],
        json!({ "segmentCode": "VIP" })
    );
    app.close().await;
}

#[tokio::test]
async fn a_workflow_that_is_not_running_offers_no_signal_and_says_why() {
    let app = App::launch().await;
    let card = app.card("WKF-CRM-IMPORT").await;
    app.wait_for_text(&card, "Finished").await;
    app.click("[data-testid='card-WKF-CRM-IMPORT'] button[data-action='more']")
        .await;
    let item = app
        .find("[data-testid='card-WKF-CRM-IMPORT'] [role='menu'] [data-command='signal']")
        .await;
    assert_eq!(
        item.attr("aria-disabled").await.unwrap().as_deref(),
        Some("true")
    );
    app.wait_for_text(
        &card,
        "Campaign accepts a signal only while the workflow is in progress.",
    )
    .await;
    assert!(app.simulator.signal_triggers().await.is_empty());
    app.close().await;
}
