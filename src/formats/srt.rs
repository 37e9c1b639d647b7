//! `SubRip` subtitles: numbered cues, `00:00:01,000 --> 00:00:04,000`, and
//! lines of text, some of them naming who speaks (see `common::captions`).

use std::sync::Arc;

use super::common::build::Builder;
use super::common::captions::{clean_lines, fold_cues, split_cues};
use super::{Confidence, ParseOptions, Reader};
use crate::model::{Buffer, Diagnostics, Transcript};

pub struct Srt;

impl Reader for Srt {
    fn about(&self) -> &'static super::About {
        &super::About {
            name: "srt",
            description: "SubRip subtitles (.srt): numbered cues with start --> end times; NAME:, >>, - and [NAME] turns",
            example: "12 ⏎ 00:01:02,500 --> 00:01:05,000 ⏎ CAPTAIN HOLT: We sailed at dawn.",
        }
    }

    fn sniff(&self, head: &str, extension: Option<&str>) -> Confidence {
        let mut first = head.lines().map(str::trim).filter(|l| !l.is_empty());
        let numbered = first
            .next()
            .is_some_and(|l| l.chars().all(|c| c.is_ascii_digit()));
        let timed = first.next().is_some_and(|l| l.contains("-->"));
        let by_name = extension == Some("srt");
        match (numbered && timed, by_name) {
            (true, true) => 100,
            (true, false) => 95,
            (false, true) if head.contains("-->") => 80,
            (false, true) => 45,
            (false, false) => 0,
        }
    }

    fn read(
        &self,
        text: &Arc<Buffer>,
        source: &str,
        options: &ParseOptions,
        diagnostics: Diagnostics,
    ) -> Transcript {
        let mut builder = Builder::new(diagnostics);
        let clean = clean_lines(text.as_str(), &mut builder);
        let is_number = |line: &str| line.chars().all(|c| c.is_ascii_digit());
        let cues = split_cues(&clean, options.fps, &mut builder, |_| false, is_number);
        fold_cues(&cues, &mut builder, |_| None);
        if cues.cues.is_empty() && !text.as_str().trim().is_empty() {
            builder.warn(
                0,
                0,
                "no cues found: no line of the form `00:00:01,000 --> 00:00:04,000`",
            );
        }
        builder.finish(self.name(), source)
    }
}
