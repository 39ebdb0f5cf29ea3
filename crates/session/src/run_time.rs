//! How long a workflow's runs take, from the statuses Flowdeck saw: the card says the last run's
//! duration and the usual one, and a watched workflow running much longer than usual is told.

use flowdeck_campaign::WorkflowStatus;
use flowdeck_store::StatusSeen;
use serde::Serialize;

/// The usual run is the middle of this many last runs: not pulled by one odd run.
const USUAL_OF_LAST: usize = 10;
/// A run this many times longer than usual is worth telling a watcher once.
pub const LONG_RUN_FACTOR: u64 = 2;

/// A card's status history as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StatusHistory {
    /// Oldest first.
    pub timeline: Vec<StatusSeen>,
    pub last_run_ms: Option<u64>,
    /// Only where at least two runs were timed.
    pub usual_run_ms: Option<u64>,
    /// How many runs the usual one is the middle of.
    pub usual_of_runs: u32,
}

impl StatusHistory {
    pub fn of(timeline: Vec<StatusSeen>) -> Self {
        let durations = run_durations(&timeline);
        Self {
            last_run_ms: durations.last().copied(),
            usual_run_ms: usual_run(&durations),
            usual_of_runs: u32::try_from(durations.len().min(USUAL_OF_LAST)).unwrap_or(0),
            timeline,
        }
    }
}

/// How long each run took, oldest first: from In progress seen after another status to Finished
/// seen after it. Only runs whose start and end Flowdeck saw count (a failed run is no run to
/// time); what it saw lags Campaign by up to one reading of the card.
pub fn run_durations(timeline: &[StatusSeen]) -> Vec<u64> {
    let mut durations = Vec::new();
    let mut started: Option<u64> = None;
    let mut before: Option<WorkflowStatus> = None;
    for seen in timeline {
        let passing = matches!(
            seen.status,
            WorkflowStatus::InProgress | WorkflowStatus::InTransition
        );
        if seen.status == WorkflowStatus::InProgress
            && before.is_some_and(|b| {
                !matches!(b, WorkflowStatus::InProgress | WorkflowStatus::InTransition)
            })
        {
            started = Some(seen.at_ms);
        } else if seen.status == WorkflowStatus::Finished {
            if let Some(start) = started.take() {
                durations.push(seen.at_ms.saturating_sub(start));
            }
        } else if !passing {
            started = None;
        }
        before = Some(seen.status);
    }
    durations
}

/// The middle of the last runs' durations, where at least two were timed.
pub fn usual_run(durations: &[u64]) -> Option<u64> {
    if durations.len() < 2 {
        return None;
    }
    let mut recent = durations[durations.len().saturating_sub(USUAL_OF_LAST)..].to_vec();
    recent.sort_unstable();
    let middle = recent.len() / 2;
    Some(if recent.len() % 2 == 1 {
        recent[middle]
    } else {
        (recent[middle - 1] + recent[middle]) / 2
    })
}

/// The usual run, where the run under way at `now_ms` has lasted more than
/// [`LONG_RUN_FACTOR`] times it.
pub fn running_long(timeline: &[StatusSeen], now_ms: u64) -> Option<u64> {
    let since_ms = running_since(timeline)?;
    let usual_ms = usual_run(&run_durations(timeline))?;
    (now_ms.saturating_sub(since_ms) > usual_ms.saturating_mul(LONG_RUN_FACTOR)).then_some(usual_ms)
}

/// When the run under way started, if the workflow is running and Flowdeck saw it start.
fn running_since(timeline: &[StatusSeen]) -> Option<u64> {
    let (last, earlier) = timeline.split_last()?;
    let before = earlier.last()?;
    (last.status == WorkflowStatus::InProgress
        && !matches!(
            before.status,
            WorkflowStatus::InProgress | WorkflowStatus::InTransition
        ))
    .then_some(last.at_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: u64 = 60_000;

    fn seen(status: WorkflowStatus, minute: u64) -> StatusSeen {
        StatusSeen {
            status,
            at_ms: minute * MINUTE,
            aborted: false,
        }
    }

    #[test]
    fn only_runs_whose_start_and_end_flowdeck_saw_are_timed_and_the_middle_one_is_usual() {
        use WorkflowStatus::*;
        let timeline = [
            seen(InProgress, 0), // already running when first seen: not timed
            seen(Finished, 5),
            seen(InProgress, 10),
            seen(Finished, 50),
            seen(InProgress, 60),
            seen(Erroneous, 61), // failed: not a run to time
            seen(InProgress, 70),
            seen(Finished, 100),
            seen(InProgress, 110),
            seen(InTransition, 115),
            seen(Finished, 200),
        ];
        assert_eq!(
            run_durations(&timeline),
            [40 * MINUTE, 30 * MINUTE, 90 * MINUTE]
        );
        let history = StatusHistory::of(timeline.to_vec());
        assert_eq!(history.last_run_ms, Some(90 * MINUTE));
        assert_eq!(history.usual_run_ms, Some(40 * MINUTE));
        assert_eq!(history.usual_of_runs, 3);
        assert_eq!(usual_run(&[40 * MINUTE, 30 * MINUTE]), Some(35 * MINUTE));
        assert_eq!(usual_run(&[40 * MINUTE]), None, "one run is no usual");
        assert_eq!(usual_run(&[]), None);
    }

    #[test]
    fn a_run_under_way_is_timed_from_when_flowdeck_saw_it_start() {
        use WorkflowStatus::*;
        assert_eq!(
            running_since(&[seen(Finished, 5), seen(InProgress, 10)]),
            Some(10 * MINUTE)
        );
        assert_eq!(running_since(&[seen(InProgress, 10)]), None, "start unseen");
        assert_eq!(
            running_since(&[seen(InProgress, 10), seen(Finished, 20)]),
            None
        );
    }
}
