//! Logs for the tests that read a log in parts: made of lines that change
//! what the fold carries from one line to the next.

use proptest::prelude::*;

/// One line of a footage log.
pub(super) fn line() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("09:55 Question:"),
        Just("10:01 (Ahmed, Citizen)"),
        Just("(No name given, Citizen)"),
        Just("“An open quote"),
        Just("closing words.”"),
        Just("“Is it a question?”"),
        Just("“An answer.”"),
        Just("Answer: yes"),
        Just("Question: why"),
        Just("SOUNDBITE (Arabic, Woman) Huda, Nurse"),
        Just("01:05 – 01:31"),
        Just("00:30 “Timed words”"),
        Just("00:02 Question: back in time?"),
        Just("1. Wide of street"),
        Just("Vox Pop 2:"),
        Just("Title line"),
        Just("A tab\there and an \u{1b}[31mescape"),
        Just(""),
    ]
}

/// A log of up to `lines` lines.
pub(super) fn log(lines: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(line(), 1..lines).prop_map(|lines| lines.join("\n"))
}
