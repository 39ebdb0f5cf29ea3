//! What Undo can bring back: the cards removed from a deck while it is open, and where each was.

use flowdeck_campaign::WorkflowId;
use flowdeck_store::Card;

/// Enough for a few removals in a row; older ones can no longer be undone.
const UNDO_DEPTH: usize = 10;

/// Cards removed from a deck while it is open, newest last, with where each was.
#[derive(Default)]
pub(crate) struct RecentlyRemoved(Vec<(usize, Card)>);

impl RecentlyRemoved {
    pub(crate) fn keep(&mut self, position: usize, card: Card) {
        self.0
            .retain(|(_, kept)| kept.workflow_id != card.workflow_id);
        if self.0.len() == UNDO_DEPTH {
            self.0.remove(0);
        }
        self.0.push((position, card));
    }

    pub(crate) fn take(&mut self, workflow_id: &WorkflowId) -> Option<(usize, Card)> {
        let index = self
            .0
            .iter()
            .position(|(_, c)| &c.workflow_id == workflow_id)?;
        Some(self.0.remove(index))
    }
}
