//! One budget of status reads for every connection together: the window's cards, the watcher
//! and the background sweep all take from it, so that however many connections are open,
//! Campaign never has more than [`READS_IN_FLIGHT`] reads from this Flowdeck at once.

use tokio::sync::{Semaphore, SemaphorePermit};

/// Status reads in flight at most, on every connection together.
pub const READS_IN_FLIGHT: usize = 8;

pub struct ReadBudget(Semaphore);

impl Default for ReadBudget {
    fn default() -> Self {
        Self(Semaphore::new(READS_IN_FLIGHT))
    }
}

impl ReadBudget {
    /// Waits for a place; the read is in flight for as long as the permit lives.
    pub(crate) async fn take(&self) -> Option<SemaphorePermit<'_>> {
        // The semaphore is never closed, so this is always a permit.
        self.0.acquire().await.ok()
    }
}
