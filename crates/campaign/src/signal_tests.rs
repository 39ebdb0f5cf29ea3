use serde_json::{Value, json};

use super::*;

fn record(activities: Value) -> Vec<SignalActivity> {
    let Value::Object(record) = json!({ "PKey": "@1", "activities": { "activity": activities } })
    else {
        unreachable!()
    };
    listed_signals(&record)
}

type Parameters = Vec<(String, ParameterValue)>;

fn declaring(parameters: &[(&str, ParameterKind)]) -> SignalActivity {
    SignalActivity {
        name: "signal1".into(),
        parameters: Some(
            parameters
                .iter()
                .map(|&(name, kind)| DeclaredParameter {
                    name: name.into(),
                    kind: Some(kind),
                })
                .collect(),
        ),
        trigger_href: String::new(),
    }
}

fn body_of(signal: &Signal) -> Value {
    serde_json::from_str(signal.body()).unwrap()
}

#[test]
fn reads_adobes_sample_and_skips_activities_without_a_trigger() {
    let href =
        "https://mc.adobe.io/acme/campaign/workflow/execution/@a/activities/activity/@b/trigger/";
    let signals = record(json!({
        "signal1": { "trigger": { "href": href } },
        "query": { "label": "Query" },
        "broken": { "trigger": { "href": 12 } },
    }));
    assert_eq!(
        signals,
        vec![SignalActivity {
            name: "signal1".into(),
            parameters: None,
            trigger_href: href.into(),
        }]
    );
}

#[test]
fn reads_declared_parameters_and_their_types() {
    let signals = record(json!({ "signal1": {
        "trigger": { "href": "h" },
        "parameters": [
            { "name": "segment", "type": "string" },
            { "name": "size", "type": "integer" },
            { "name": "test", "type": "boolean" },
            { "name": "when", "type": "dateTime" },
            { "name": "odd", "type": "blob" },
            { "name": "not a name", "type": "string" },
        ],
    }}));
    let kinds: Vec<_> = signals[0]
        .parameters
        .as_ref()
        .unwrap()
        .iter()
        .map(|p| (p.name.as_str(), p.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("segment", Some(ParameterKind::Text)),
            ("size", Some(ParameterKind::Number)),
            ("test", Some(ParameterKind::Boolean)),
            ("when", Some(ParameterKind::DateTime)),
            ("odd", None),
        ]
    );
}

#[test]
fn builds_the_documented_body_with_each_type_as_json() {
    let activity = declaring(&[
        ("segment", ParameterKind::Text),
        ("size", ParameterKind::Number),
        ("ratio", ParameterKind::Number),
        ("test", ParameterKind::Boolean),
        ("when", ParameterKind::DateTime),
    ]);
    let signal = Signal::new(
        &activity,
        " Flowdeck ",
        &[
            ("segment".into(), ParameterValue::Text("VIP".into())),
            ("size".into(), ParameterValue::Number(1200.0)),
            ("ratio".into(), ParameterValue::Number(0.25)),
            ("test".into(), ParameterValue::Boolean(true)),
            (
                "when".into(),
                ParameterValue::DateTime("2026-12-24T10:00:00+01:00".into()),
            ),
        ],
    )
    .unwrap();
    assert_eq!(
        body_of(&signal),
        json!({ "source": "Flowdeck", "parameters": {
            "segment": "VIP", "size": 1200, "ratio": 0.25, "test": true,
            "when": "2026-12-24T09:00:00Z",
        }})
    );
    assert!(
        signal.body().contains("\"size\":1200,"),
        "{}",
        signal.body()
    );
    // Without parameters, the body is the source alone.
    let bare = Signal::new(&declaring(&[]), "Flowdeck", &[]).unwrap();
    assert_eq!(body_of(&bare), json!({ "source": "Flowdeck" }));
}

#[test]
fn refuses_what_campaign_would_refuse_before_sending() {
    let activity = declaring(&[("size", ParameterKind::Number)]);
    let number = |n: f64| vec![("size".to_owned(), ParameterValue::Number(n))];
    let cases: Vec<(&str, Parameters, SignalError)> = vec![
        (" ", vec![], SignalError::SourceMissing),
        (
            "Flowdeck",
            number(f64::NAN),
            SignalError::NotANumber("size".into()),
        ),
        (
            "Flowdeck",
            vec![("segment".into(), ParameterValue::Text("A".into()))],
            SignalError::Undeclared("segment".into()),
        ),
        (
            "Flowdeck",
            vec![("size".into(), ParameterValue::Text("12".into()))],
            SignalError::WrongKind {
                name: "size".into(),
                expected: ParameterKind::Number,
            },
        ),
        (
            "Flowdeck",
            [number(1.0), number(2.0)].concat(),
            SignalError::Duplicate("size".into()),
        ),
    ];
    for (source, parameters, expected) in cases {
        assert_eq!(Signal::new(&activity, source, &parameters), Err(expected));
    }
    let undeclared = SignalActivity {
        parameters: None,
        ..declaring(&[])
    };
    for (name, value, expected) in [
        (
            "1st",
            ParameterValue::Boolean(true),
            SignalError::InvalidName("1st".into()),
        ),
        (
            "when",
            ParameterValue::DateTime("24/12/2026".into()),
            SignalError::NotADateTime("when".into()),
        ),
        (
            "text",
            ParameterValue::Text("x".repeat(MAX_SIGNAL_PAYLOAD)),
            SignalError::TooLarge,
        ),
    ] {
        let parameters = [(name.to_owned(), value)];
        assert_eq!(
            Signal::new(&undeclared, "Flowdeck", &parameters),
            Err(expected)
        );
    }
    // Where nothing is declared, any well-named parameter goes: Campaign decides.
    let free = [("anything".to_owned(), ParameterValue::Boolean(false))];
    assert!(Signal::new(&undeclared, "Flowdeck", &free).is_ok());
}
