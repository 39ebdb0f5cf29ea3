//! The behaviours Adobe leaves undocumented (acs-api.md §7), each a switch so that the app's
//! tests can run against more than one plausible Campaign.

use serde::{Deserialize, Serialize};

use crate::faults::ArmedFault;

/// Whether, and how, `GET /workflow/execution/<id>` reports the workflow's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RecordStatus {
    /// Only the documented fields: no status at all.
    Absent,
    /// `"state": "started"` and similar internal words.
    State,
    /// `"status": "In progress"`, the UI's words.
    Label,
    /// `"status": "Draft"`, Campaign v8's UI words (for customers who moved from Standard).
    LabelV8,
    /// The classic engine's numbers: `"state": 13, "failed": 1`.
    Engine,
}

/// What a command that makes no sense in the current status gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum InvalidTransition {
    /// 400 with an RST plain-text body.
    RstBadRequest,
    /// 500 with an RST plain-text body.
    RstServerError,
    /// 500 with only Campaign's boilerplate sentence: no reason to pass on.
    BareServerError,
    /// Campaign v8's: 500 with `500 - An error has occurred - please contact your
    /// administrator.` as plain text, no RST code (acs-api.md §6).
    V8ServerError,
    /// Accepted like any other command, and silently ignored.
    Ignored,
}

/// The body of a successful command (undocumented: the page has an empty placeholder).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CommandBody {
    /// 204 with no body.
    NoContent,
    /// 200 with `{}`.
    EmptyObject,
    /// 200 with a small JSON document about the workflow.
    Record,
    /// 200 with `OK` as plain text.
    PlainText,
}

/// What a workflow ID the simulator does not know gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum UnknownId {
    /// 404 with `RST-360011 … Unable to find document …` as plain text.
    RstNotFound,
    /// 404 with `{"code":404,"message":…}`.
    JsonNotFound,
    /// Campaign v8's: 404 with `404 - Unable to find document with path …` as plain text, no
    /// RST code (acs-api.md §6).
    V8NotFound,
}

/// Whether the workflow record lists what each signal activity declares (undocumented: Adobe's
/// sample shows only the trigger's href).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SignalDeclarations {
    /// `"parameters": [{"name": "fileName", "type": "string"}, …]` beside the trigger.
    Listed,
    /// Only the trigger's href, as in Adobe's sample.
    Unlisted,
}

/// What a signal sent again within its cool-down gets: "a non-JSON answer" is all that is
/// known (acs-api.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SignalCooldownAnswer {
    /// 500 with an HTML error page.
    HtmlError,
    /// 200 with `OK` as plain text, and the signal silently dropped.
    PlainOk,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Switches {
    pub record_status: RecordStatus,
    pub invalid_transition: InvalidTransition,
    pub command_body: CommandBody,
    pub unknown_id: UnknownId,
    pub start_resumes_paused: bool,
    /// How long an accepted command takes to change the status (commands are asynchronous).
    pub apply_delay_ms: u64,
    /// Whether, meanwhile, the record says so ("Pausing", "stopping", 15) or still shows the
    /// old status.
    pub report_transitions: bool,
    /// A stop that Campaign accepts but that never takes effect: the workflow stays
    /// "Stopping" (a long-running query that will not cancel).
    pub stop_never_effective: bool,
    /// How long a started workflow runs before it finishes by itself; 0: until it is stopped.
    pub run_ms: u64,
    /// How long every answer is held back; longer than the client's timeout simulates a lost answer.
    pub response_delay_ms: u64,
    /// The next this-many Campaign requests get 429.
    pub throttle_next: u32,
    /// Whether those 429s carry `Retry-After`, and with how many seconds.
    pub retry_after_secs: Option<u64>,
    /// How long the tokens IMS issues are valid (Adobe's: 86399 s).
    pub token_lifetime_secs: u64,
    /// Answer every Campaign request with 403023: the credential's product profile does not
    /// match this tenant.
    pub profile_mismatch: bool,
    pub signal_declarations: SignalDeclarations,
    /// How long a signal activity refuses to be triggered again (Adobe: 10 minutes).
    pub signal_cooldown_secs: u64,
    pub signal_cooldown_answer: SignalCooldownAnswer,
    /// Lists trigger hrefs on this base (`http://host:port`) instead of the simulator's own
    /// address: a record pointing elsewhere, where no token may go.
    pub signal_href_base: Option<String>,
    /// Network faults, each for the next requests to one endpoint; the first that matches acts.
    pub faults: Vec<ArmedFault>,
}

impl Switches {
    /// Campaign v8, for a customer who moved from Campaign Standard: v8's words in the record
    /// and its errors without RST codes (acs-api.md §6).
    pub fn v8() -> Self {
        Self {
            record_status: RecordStatus::LabelV8,
            unknown_id: UnknownId::V8NotFound,
            invalid_transition: InvalidTransition::V8ServerError,
            ..Self::default()
        }
    }

    /// Campaign v8 whose record carries the engine's state and failed flag: the one shape in
    /// which a workflow its error management aborted can be told from a suspended one.
    pub fn v8_engine() -> Self {
        Self {
            record_status: RecordStatus::Engine,
            ..Self::v8()
        }
    }
}

impl Default for Switches {
    fn default() -> Self {
        Self {
            record_status: RecordStatus::Absent,
            invalid_transition: InvalidTransition::RstBadRequest,
            command_body: CommandBody::NoContent,
            unknown_id: UnknownId::RstNotFound,
            start_resumes_paused: false,
            apply_delay_ms: 0,
            run_ms: 0,
            report_transitions: true,
            stop_never_effective: false,
            response_delay_ms: 0,
            throttle_next: 0,
            retry_after_secs: None,
            token_lifetime_secs: 86_399,
            profile_mismatch: false,
            signal_declarations: SignalDeclarations::Listed,
            signal_cooldown_secs: 600,
            signal_cooldown_answer: SignalCooldownAnswer::HtmlError,
            signal_href_base: None,
            faults: Vec::new(),
        }
    }
}
