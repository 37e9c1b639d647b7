//! The transcript model every other part works on. No I/O here.

mod diagnostic;
mod metadata;
mod roles;
mod segment;
mod speaker;
mod text;
mod timecode;
mod transcript;
mod words;

pub use diagnostic::{Diagnostic, Diagnostics, KEPT_PER_SEVERITY, Severity, Unparsed, plural};
pub use metadata::Metadata;
pub use roles::{RoleGroup, group_by_role};
pub use segment::{Segment, SegmentKind};
pub use speaker::{INTERVIEWER_ROLE, RoleSource, Speaker, SpeakerId};
pub use text::{Buffer, Text};
pub use timecode::Timecode;
pub use transcript::Transcript;
pub use words::{count_words, has_words, is_one_line, one_line};
