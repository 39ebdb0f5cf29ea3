//! How long a workflow may stay in a status before it matters, by Campaign's rules: paused or
//! failed for 7 days, Campaign Standard stops it; a command taking effect (pausing, stopping,
//! start pending) that long is stuck. Flowdeck knows a status only since it first saw it, so the
//! times it gives are at the latest.

use flowdeck_campaign::WorkflowStatus;
use flowdeck_store::CampaignProduct;

const MINUTE_MS: u64 = 60 * 1000;
pub(crate) const DAY_MS: u64 = 24 * 60 * MINUTE_MS;

/// Campaign Standard stops a workflow paused or failed this long.
pub const AUTO_STOP_AFTER_MS: u64 = 7 * DAY_MS;
/// A watched workflow Campaign will stop is told this long before.
pub const REMIND_BEFORE_STOP_MS: u64 = DAY_MS;
/// A command taking effect longer than this is stuck (a Stop on a busy server can take a
/// while; a quarter of an hour is beyond what a marketer should wait unknowing).
pub const STUCK_AFTER_MS: u64 = 15 * MINUTE_MS;

/// When Campaign stops a workflow in `status` since `since_ms`, if it will: after 7 days on
/// Campaign Standard, after the instance's period on v8.
pub fn auto_stop_at(
    status: WorkflowStatus,
    since_ms: u64,
    product: CampaignProduct,
) -> Option<u64> {
    let after_ms = match product {
        CampaignProduct::Standard => AUTO_STOP_AFTER_MS,
        CampaignProduct::V8 {
            stops_paused_after_days,
        } => u64::from(stops_paused_after_days) * DAY_MS,
    };
    matches!(status, WorkflowStatus::Warning | WorkflowStatus::Erroneous)
        .then(|| since_ms.saturating_add(after_ms))
}

/// Whether a workflow in `status` since `since_ms` is stuck at `now_ms`.
pub fn is_stuck(status: WorkflowStatus, since_ms: u64, now_ms: u64) -> bool {
    status == WorkflowStatus::InTransition && now_ms.saturating_sub(since_ms) >= STUCK_AFTER_MS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paused_and_failed_workflows_are_stopped_a_week_after_and_others_never() {
        let standard = CampaignProduct::Standard;
        assert_eq!(
            auto_stop_at(WorkflowStatus::Warning, 1_000, standard),
            Some(1_000 + 7 * DAY_MS)
        );
        assert_eq!(
            auto_stop_at(WorkflowStatus::Erroneous, 1_000, standard),
            Some(1_000 + 7 * DAY_MS)
        );
        let v8 = CampaignProduct::V8 {
            stops_paused_after_days: 28,
        };
        assert_eq!(
            auto_stop_at(WorkflowStatus::Warning, 1_000, v8),
            Some(1_000 + 28 * DAY_MS),
            "v8: the instance's period"
        );
        for status in [
            WorkflowStatus::InProgress,
            WorkflowStatus::Finished,
            WorkflowStatus::Editing,
            WorkflowStatus::InTransition,
        ] {
            assert_eq!(auto_stop_at(status, 1_000, standard), None, "{status:?}");
        }
    }

    #[test]
    fn a_transition_is_stuck_after_a_quarter_of_an_hour() {
        let since = 10 * DAY_MS;
        let status = WorkflowStatus::InTransition;
        assert!(!is_stuck(status, since, since + 14 * MINUTE_MS));
        assert!(is_stuck(status, since, since + 15 * MINUTE_MS));
        assert!(!is_stuck(WorkflowStatus::InProgress, since, since + DAY_MS));
    }
}
