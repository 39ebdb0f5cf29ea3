//! How many status reads the whole host is answering at once, and the most it ever did: Adobe's
//! gateway sees every tenant's reads from one Flowdeck together, and so does this gauge.

use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Default)]
pub(crate) struct ReadGauge {
    now: AtomicUsize,
    peak: AtomicUsize,
}

/// A read being answered; it leaves the gauge when dropped.
pub(crate) struct Reading<'a>(&'a ReadGauge);

impl ReadGauge {
    pub(crate) fn enter(&self) -> Reading<'_> {
        let now = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak.fetch_max(now, Ordering::SeqCst);
        Reading(self)
    }

    pub(crate) fn peak(&self) -> usize {
        self.peak.load(Ordering::SeqCst)
    }
}

impl Drop for Reading<'_> {
    fn drop(&mut self) {
        self.0.now.fetch_sub(1, Ordering::SeqCst);
    }
}
