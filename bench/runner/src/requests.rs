//! What the simulator received, as the bench reads it: when each request came and when its
//! answer went, so that what was in flight at once can be counted.

use serde_json::Value;

/// Now, in microseconds since the Unix epoch: the simulator's clock for its timestamps.
pub fn now_us() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_micros()).unwrap_or(u64::MAX))
}

pub struct Seen {
    pub method: String,
    pub path: String,
    pub received_us: u64,
    pub answered_us: u64,
}

impl Seen {
    pub fn is_read(&self) -> bool {
        self.method == "GET" && self.path.contains("/workflow/execution/")
    }

    pub fn is_command(&self) -> bool {
        self.method == "POST" && self.path.ends_with("/commands")
    }
}

pub fn parse(requests: &[Value]) -> Vec<Seen> {
    requests
        .iter()
        .filter_map(|r| {
            let received_us = r["receivedAtUs"].as_u64()?;
            Some(Seen {
                method: r["method"].as_str()?.to_owned(),
                path: r["path"].as_str()?.to_owned(),
                received_us,
                answered_us: r["answeredAtUs"].as_u64().unwrap_or(received_us),
            })
        })
        .collect()
}

/// The most of `requests` that were in flight at one moment.
pub fn most_in_flight<'a>(requests: impl Iterator<Item = &'a Seen>) -> f64 {
    let mut edges: Vec<(u64, i32)> = requests
        .flat_map(|r| [(r.received_us, 1), (r.answered_us, -1)])
        .collect();
    // An answer and a new request in the same microsecond: the answer first.
    edges.sort();
    let (mut now, mut most) = (0, 0);
    for (_, change) in edges {
        now += change;
        most = most.max(now);
    }
    f64::from(most)
}
