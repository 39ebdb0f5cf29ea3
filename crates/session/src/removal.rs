//! Removing a card, and putting it back: Undo restores the card as it was (label, tags, last
//! command, status timeline) in its old place.

use flowdeck_campaign::WorkflowId;
use flowdeck_store::Card;

use crate::deck::{Deck, lock};
use crate::error::SessionError;

impl Deck {
    /// Removes a card, unless a command is on its way to its workflow.
    pub fn remove(&self, workflow_id: &str) -> Result<(), SessionError> {
        let id = self.card_id(workflow_id)?;
        let _sending = self.begin_sending(&id)?;
        let (position, card) = self.store().remove(&id)?;
        lock(&self.removed).keep(position, card);
        Ok(())
    }

    /// Puts a card removed since this deck opened back where it was.
    pub fn restore(&self, workflow_id: &str) -> Result<Card, SessionError> {
        let id = WorkflowId::parse(workflow_id)?;
        let (position, card) =
            lock(&self.removed)
                .take(&id)
                .ok_or_else(|| SessionError::NothingToRestore {
                    workflow_id: id.clone(),
                    connection: self.organisation().name.clone(),
                })?;
        if let Err(error) = self.store().insert(position, card.clone()) {
            // Still removed: Undo may be tried again once the cause is fixed.
            lock(&self.removed).keep(position, card);
            return Err(error.into());
        }
        Ok(card)
    }
}

#[cfg(test)]
#[path = "removal_tests.rs"]
mod tests;
