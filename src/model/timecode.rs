//! Time positions inside an interview, stored as whole milliseconds.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A position in the media, in milliseconds from its start.
///
/// Integer milliseconds keep arithmetic exact (frames, ranges, seeking) and the
/// type cheap to copy; the display form follows what editors write in logs.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Timecode(u64);

impl Timecode {
    pub const ZERO: Timecode = Timecode(0);
    /// Later than any log runs: the end of a clock with no media.
    pub const MAX: Timecode = Timecode(u64::MAX);

    pub const fn from_millis(ms: u64) -> Self {
        Timecode(ms)
    }

    pub const fn from_secs(secs: u64) -> Self {
        Timecode(secs.saturating_mul(1000))
    }

    pub const fn as_millis(self) -> u64 {
        self.0
    }

    pub const fn whole_seconds(self) -> u64 {
        self.0 / 1000
    }

    #[must_use]
    pub const fn saturating_add_millis(self, ms: u64) -> Self {
        Timecode(self.0.saturating_add(ms))
    }

    #[must_use]
    pub const fn saturating_sub_millis(self, ms: u64) -> Self {
        Timecode(self.0.saturating_sub(ms))
    }

    /// Milliseconds from `earlier` to `self`, zero when `earlier` is later.
    pub const fn since(self, earlier: Timecode) -> u64 {
        self.0.saturating_sub(earlier.0)
    }
}

/// `MM:SS` under an hour, `H:MM:SS` from an hour on; sub-second parts are cut.
impl fmt::Display for Timecode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.whole_seconds();
        let (hours, minutes, seconds) = (total / 3600, (total / 60) % 60, total % 60);
        if hours > 0 {
            write!(f, "{hours}:{minutes:02}:{seconds:02}")
        } else {
            write!(f, "{minutes:02}:{seconds:02}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_minutes_under_an_hour_and_hours_above() {
        assert_eq!(Timecode::from_secs(0).to_string(), "00:00");
        assert_eq!(Timecode::from_secs(9 * 60 + 55).to_string(), "09:55");
        assert_eq!(Timecode::from_millis(3_599_999).to_string(), "59:59");
        assert_eq!(Timecode::from_secs(3600).to_string(), "1:00:00");
        assert_eq!(Timecode::from_secs(36_000 + 62).to_string(), "10:01:02");
    }

    #[test]
    fn arithmetic_saturates() {
        assert_eq!(
            Timecode::from_secs(1).saturating_sub_millis(5000),
            Timecode::ZERO
        );
        assert_eq!(
            Timecode::from_millis(u64::MAX)
                .saturating_add_millis(1)
                .as_millis(),
            u64::MAX
        );
        assert_eq!(Timecode::from_secs(3).since(Timecode::from_secs(5)), 0);
    }
}
