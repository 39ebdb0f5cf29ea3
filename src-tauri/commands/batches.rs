//! Batches of Starts at Campaign's pace: queued and sent by the session (`runners/batches.rs`
//! moves them on), shown by the window.

use flowdeck_campaign::{WorkflowId, WorkflowStatus};
use flowdeck_session::{BatchItemState, BatchRequest, BatchView, Session};
use serde::Serialize;
use tauri::State;

use super::CommandResult;
use crate::ipc_error::IpcError;

/// A batch as the window shows it.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BatchWire {
    pub id: u64,
    pub connection_id: String,
    pub connection: String,
    pub at_most_running: u32,
    pub cancelled: bool,
    pub items: Vec<BatchItemWire>,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BatchItemWire {
    pub workflow_id: WorkflowId,
    pub label: String,
    pub state: BatchItemStep,
    /// The status read when it stopped running, where records carry one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<WorkflowStatus>,
    /// Why its Start was refused, or why it may have run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<IpcError>,
}

#[derive(Debug, Clone, Copy, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum BatchItemStep {
    Queued,
    Sending,
    Running,
    Ended,
    Failed,
    MayHaveRun,
    Cancelled,
}

impl From<BatchView> for BatchWire {
    fn from(view: BatchView) -> Self {
        Self {
            id: view.id,
            connection_id: view.connection_id,
            connection: view.connection,
            at_most_running: view.at_most_running,
            cancelled: view.cancelled,
            items: view
                .items
                .into_iter()
                .map(|item| {
                    let (state, status, error) = match item.state {
                        BatchItemState::Queued => (BatchItemStep::Queued, None, None),
                        BatchItemState::Sending => (BatchItemStep::Sending, None, None),
                        BatchItemState::Running(_) => (BatchItemStep::Running, None, None),
                        BatchItemState::Ended(status) => (BatchItemStep::Ended, status, None),
                        BatchItemState::Failed(error) => {
                            (BatchItemStep::Failed, None, Some(IpcError::from(&*error)))
                        }
                        BatchItemState::MayHaveRun(error, _) => (
                            BatchItemStep::MayHaveRun,
                            None,
                            Some(IpcError::from(&*error)),
                        ),
                        BatchItemState::Cancelled => (BatchItemStep::Cancelled, None, None),
                    };
                    BatchItemWire {
                        workflow_id: item.workflow_id,
                        label: item.label,
                        state,
                        status,
                        error,
                    }
                })
                .collect(),
        }
    }
}

/// Starts `workflow_ids`, cards of revision `revision` of connection `connection_id`, at most
/// `at_most_running` running at once; the first Starts go within a moment.
#[tauri::command]
#[specta::specta]
pub async fn start_batch(
    state: State<'_, Session>,
    connection_id: String,
    revision: u32,
    workflow_ids: Vec<String>,
    at_most_running: u32,
) -> CommandResult<BatchWire> {
    let request = BatchRequest {
        connection_id,
        revision,
        workflow_ids,
        at_most_running,
    };
    Ok(state.start_batch(request).await?.into())
}

#[tauri::command]
#[specta::specta]
pub fn batches(state: State<'_, Session>) -> Vec<BatchWire> {
    state.batches().into_iter().map(BatchWire::from).collect()
}

#[tauri::command]
#[specta::specta]
pub fn cancel_batch(state: State<'_, Session>, id: u64) -> CommandResult<BatchWire> {
    Ok(state.cancel_batch(id)?.into())
}

#[tauri::command]
#[specta::specta]
pub fn dismiss_batch(state: State<'_, Session>, id: u64) -> CommandResult<()> {
    Ok(state.dismiss_batch(id)?)
}
