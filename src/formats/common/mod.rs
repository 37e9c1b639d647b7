//! What every reader shares: decoding and sanitizing into lines, timecodes,
//! quotes, speaker labels, header fields, the speaker table, and the last
//! steps every transcript goes through (ends, roles, bounded diagnostics).

pub mod build;
pub mod captions;
pub mod date;
pub mod header;
pub mod quote;
pub mod sanitize;
pub mod settle;
pub mod source;
pub mod speaker;
pub mod speakers;
pub mod timecode;
