//! Synthetic footage logs of any length, for benchmarks and load tests,
//! and silent media for the tests that play it in mpv.
//!
//! The text is made from a fixed word list by a small deterministic generator,
//! so the same size always gives the same log.

use std::fmt::Write;

use crate::model::Timecode;

const WORDS: &[&str] = &[
    "the",
    "river",
    "road",
    "morning",
    "we",
    "waited",
    "for",
    "news",
    "from",
    "town",
    "and",
    "nobody",
    "came",
    "back",
    "before",
    "dark",
    "so",
    "people",
    "walked",
    "along",
    "bridge",
    "water",
    "bread",
    "school",
    "children",
    "market",
    "closed",
    "again",
    "after",
    "storm",
    "our",
    "neighbours",
    "helped",
    "carry",
    "boxes",
    "to",
    "trucks",
    "near",
    "old",
    "mill",
    "families",
    "left",
    "their",
    "homes",
    "with",
    "only",
    "what",
    "they",
    "could",
    "hold",
];

const SPEAKERS: &[(&str, &str)] = &[
    ("Mira Kade", "Nurse"),
    ("Tomas Brandt", "Ferry Captain"),
    ("Lena Ortiz", "Teacher"),
    ("Yusuf Amari", "Civil Defense Worker"),
    ("Ines Holm", "Resident"),
    ("Piotr Varga", "Farmer"),
    ("Sara Lind", "Resident"),
    ("Omar Haddad", "Civil Defense Worker"),
    ("Elsa Moreau", "Shop Owner"),
    ("Karl Nyberg", "Teacher"),
    ("Dana Ruiz", "Nurse"),
    ("Ali Rahimi", "Farmer"),
];

/// A tiny linear congruential generator: deterministic and dependency-free.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

fn sentence(rng: &mut Lcg, out: &mut String, words: usize) {
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        let word = WORDS[rng.next(WORDS.len())];
        if i == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(word);
        }
    }
}

/// A one-interview log with `segments` segments (questions and answers in
/// turn), about 275 bytes a segment (200,000 segments make about 55 MB and
/// 560 hours, within the 1000 hours a timecode may reach).
pub fn footage_log(segments: usize) -> String {
    footage_log_seeded(segments, 0x5eed)
}

/// A generated footage log whose words differ with `seed`: many of them
/// make a library.
pub fn footage_log_seeded(segments: usize, seed: u64) -> String {
    let mut rng = Lcg(seed);
    let mut out = String::with_capacity(segments * 280 + 1024);
    out.push_str(
        "A Long Day on the River: Generated Interview\n\nNon-Exclusive License $100.00\n\n",
    );
    out.push_str(
        "Created by The Generator\n\nNowhere 01 Jan 2024\n\nFormat mpeg4, Bitrate 10 mbps\n\n",
    );
    out.push_str(
        "A synthetic log for measuring how fast soundbite reads and shows large interviews.\n\n",
    );
    let mut at_ms = 5_000u64;
    for i in 0..segments {
        let time = Timecode::from_millis(at_ms);
        if i % 2 == 0 {
            let _ = write!(out, "{time} Question:\n“");
            let words = 12 + rng.next(8);
            sentence(&mut rng, &mut out, words);
            out.push_str("?”\n\n");
            at_ms += 3_000 + rng.next(2_000) as u64;
        } else {
            let (name, role) = SPEAKERS[rng.next(SPEAKERS.len())];
            let _ = write!(out, "{time} ({name}, {role})\n“");
            for s in 0..3 {
                if s > 0 {
                    out.push(' ');
                }
                let words = 18 + rng.next(10);
                sentence(&mut rng, &mut out, words);
                out.push('.');
            }
            out.push_str("”\n\n");
            at_ms += 10_000 + rng.next(10_000) as u64;
        }
    }
    out
}

/// A silent WAV of `seconds`: 48 kHz, 16-bit, mono. mpv reads PCM in
/// blocks of bytes, so a lower rate would make its clock move in steps.
pub fn silent_wav(seconds: u32) -> Vec<u8> {
    const RATE: u32 = 48_000;
    const BYTES_PER_SAMPLE: u16 = 2;
    let data = RATE * u32::from(BYTES_PER_SAMPLE) * seconds;
    let mut wav = Vec::with_capacity(44 + data as usize);
    wav.extend_from_slice(b"RIFF");
    wav.extend_from_slice(&(36 + data).to_le_bytes());
    wav.extend_from_slice(b"WAVEfmt ");
    wav.extend_from_slice(&16_u32.to_le_bytes()); // the size of this chunk
    wav.extend_from_slice(&1_u16.to_le_bytes()); // PCM
    wav.extend_from_slice(&1_u16.to_le_bytes()); // mono
    wav.extend_from_slice(&RATE.to_le_bytes());
    wav.extend_from_slice(&(RATE * u32::from(BYTES_PER_SAMPLE)).to_le_bytes());
    wav.extend_from_slice(&BYTES_PER_SAMPLE.to_le_bytes()); // block align
    wav.extend_from_slice(&(BYTES_PER_SAMPLE * 8).to_le_bytes()); // bits
    wav.extend_from_slice(b"data");
    wav.extend_from_slice(&data.to_le_bytes());
    wav.resize(44 + data as usize, 0);
    wav
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{ParseOptions, parse_str};

    #[test]
    fn generated_logs_parse_cleanly_into_the_asked_number_of_segments() {
        let log = footage_log(101);
        let t = parse_str(&log, "generated", ParseOptions::default());
        assert_eq!(t.segments.len(), 101);
        assert!(t.diagnostics.is_empty(), "{:?}", t.diagnostics);
        assert_eq!(footage_log(101), log, "deterministic");
    }
}
