//! The `FLOWDECK_*` variables the product reads, for the end-to-end tests that cannot wait a
//! minute. A value that is not a whole number of seconds from 1 to an hour is logged once and
//! the default kept: a stray variable must never stop the app or stall a task.

use std::time::Duration;

const MOST_SECS: u64 = 60 * 60;

pub fn seconds(name: &str, default: Duration) -> Duration {
    let value = std::env::var(name).ok();
    let read = seconds_from(value.as_deref());
    if read.is_none() && value.is_some() {
        log::warn!(
            "{name}={value:?} is not from 1 to {MOST_SECS} seconds; using {} s",
            default.as_secs()
        );
    }
    read.unwrap_or(default)
}

fn seconds_from(value: Option<&str>) -> Option<Duration> {
    let secs = value?.trim().parse::<u64>().ok()?;
    (1..=MOST_SECS)
        .contains(&secs)
        .then(|| Duration::from_secs(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_sensible_number_of_seconds_replaces_the_default() {
        assert_eq!(seconds_from(Some("5")), Some(Duration::from_secs(5)));
        assert_eq!(seconds_from(Some(" 3600")), Some(Duration::from_secs(3600)));
        for bad in ["0", "-1", "3601", "soon", "18446744073709551616", ""] {
            assert_eq!(seconds_from(Some(bad)), None, "{bad:?}");
        }
        assert_eq!(seconds_from(None), None);
    }

    #[test]
    fn an_unset_or_bad_variable_gives_the_default() {
        let default = Duration::from_secs(30);
        assert_eq!(seconds("FLOWDECK_NEVER_SET_IN_ANY_TEST", default), default);
    }
}
