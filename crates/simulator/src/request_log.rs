//! The requests the simulator received, newest last, holding at most a fixed number: the demo
//! organisation runs as long as the app does, and its log must not grow with the hours.

use std::collections::{BTreeMap, VecDeque};

use serde::{Deserialize, Serialize};

/// One request exactly as it arrived, for tests to assert on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordedRequest {
    pub method: String,
    /// The path as sent, still percent-encoded.
    pub path: String,
    /// Header names in lower case; a repeated header keeps its last value.
    pub headers: BTreeMap<String, String>,
    pub body: String,
    /// The HTTP status the simulator answered with; `None` while the answer is pending.
    pub status: Option<u16>,
    /// When the request arrived and when its answer went out, in microseconds since the Unix
    /// epoch: the bench reads from them how many requests were in flight, and how long a
    /// click took to reach Campaign.
    pub received_at_us: u64,
    pub answered_at_us: Option<u64>,
}

/// Now, in microseconds since the Unix epoch.
pub fn unix_micros() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| {
            u64::try_from(since.as_micros()).unwrap_or(u64::MAX)
        })
}

/// Enough for every test and bench run to see all it sent; an hour of a 500-card deck
/// refreshing every minute is 30,000 reads, so the demo keeps only the most recent ones.
pub const REQUEST_LOG_CAPACITY: usize = 10_000;

pub struct RequestLog {
    kept: VecDeque<RecordedRequest>,
    /// The sequence number of the oldest request kept: requests are numbered as they arrive.
    oldest: u64,
    capacity: usize,
}

impl RequestLog {
    pub fn new(capacity: usize) -> Self {
        Self {
            kept: VecDeque::new(),
            oldest: 0,
            capacity: capacity.max(1),
        }
    }

    /// Keeps a request as it arrives, dropping the oldest when full; returns its number, to
    /// note the answer later.
    pub fn record(&mut self, request: RecordedRequest) -> u64 {
        if self.kept.len() == self.capacity {
            self.kept.pop_front();
            self.oldest += 1;
        }
        self.kept.push_back(request);
        self.oldest + self.kept.len() as u64 - 1
    }

    /// The answer to request `number`, if it is still kept.
    pub fn record_answer(&mut self, number: u64, status: u16) {
        let Some(place) = number.checked_sub(self.oldest) else {
            return;
        };
        if let Some(request) = usize::try_from(place)
            .ok()
            .and_then(|place| self.kept.get_mut(place))
        {
            request.status = Some(status);
            request.answered_at_us = Some(unix_micros());
        }
    }

    pub fn to_vec(&self) -> Vec<RecordedRequest> {
        self.kept.iter().cloned().collect()
    }

    #[cfg(feature = "steering")]
    pub fn clear(&mut self) {
        self.oldest += self.kept.len() as u64;
        self.kept.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(path: &str) -> RecordedRequest {
        RecordedRequest {
            method: "GET".into(),
            path: path.into(),
            headers: Default::default(),
            body: String::new(),
            status: None,
            received_at_us: 0,
            answered_at_us: None,
        }
    }

    #[test]
    fn keeps_the_newest_requests_and_still_notes_their_answers() {
        let mut log = RequestLog::new(2);
        let first = log.record(request("/1"));
        let second = log.record(request("/2"));
        let third = log.record(request("/3"));
        log.record_answer(first, 200);
        log.record_answer(second, 204);
        log.record_answer(third, 429);
        let kept = log.to_vec();
        assert_eq!(
            kept.iter()
                .map(|r| (r.path.as_str(), r.status))
                .collect::<Vec<_>>(),
            [("/2", Some(204)), ("/3", Some(429))]
        );
    }

    #[test]
    fn an_answer_after_a_clear_goes_nowhere() {
        let mut log = RequestLog::new(10);
        let before = log.record(request("/1"));
        log.clear();
        let after = log.record(request("/2"));
        log.record_answer(before, 500);
        log.record_answer(after, 200);
        assert_eq!(log.to_vec()[0].status, Some(200));
        assert_eq!(log.to_vec().len(), 1);
    }
}
