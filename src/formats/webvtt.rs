//! `WebVTT` captions: a `WEBVTT` header, cues with optional ids and
//! settings, `<v Name>` voices, and `NOTE`, `STYLE` and `REGION` blocks,
//! which are no cues and are kept as metadata notes (see `common::captions`).

use std::sync::Arc;

use super::common::build::Builder;
use super::common::captions::{clean_lines, fold_cues, split_cues};
use super::{Confidence, ParseOptions, Reader};
use crate::model::{Buffer, Diagnostics, Metadata, Transcript};

pub struct WebVtt;

impl Reader for WebVtt {
    fn about(&self) -> &'static super::About {
        &super::About {
            name: "webvtt",
            description: "WebVTT captions (.vtt): a WEBVTT header, cues with settings, <v Name> voices; NOTE and STYLE blocks kept as notes",
            example: "00:01:02.500 --> 00:01:05.000 align:start ⏎ <v Mara Holt>We sailed at dawn.",
        }
    }

    fn sniff(&self, head: &str, extension: Option<&str>) -> Confidence {
        let head = head.trim_start_matches('\u{feff}').trim_start();
        if head.starts_with("WEBVTT") {
            100
        } else if extension == Some("vtt") {
            60
        } else {
            0
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
        let mut clean = clean_lines(text.as_str(), &mut builder);
        // The header block: `WEBVTT` and `Key: value` lines up to the first blank.
        let mut metadata = Metadata::default();
        let header_end = clean
            .iter()
            .position(|(_, line)| line.trim().is_empty())
            .unwrap_or(clean.len());
        let starts_right = clean
            .first()
            .is_some_and(|(_, line)| line.trim_start().starts_with("WEBVTT"));
        if starts_right {
            for (_, line) in &clean[..header_end] {
                let line = line.trim();
                if let Some(title) = line.strip_prefix("WEBVTT").map(str::trim)
                    && !title.is_empty()
                    && metadata.title.is_none()
                {
                    metadata.title = Some(title.trim_start_matches(['-', ' ']).to_owned());
                } else if let Some((key, value)) = line.split_once(':')
                    && !metadata.fields.contains_key(key.trim())
                {
                    metadata
                        .fields
                        .insert(key.trim().to_owned(), value.trim().to_owned());
                } else if line != "WEBVTT" {
                    // A second title or a repeated key is kept, not written over.
                    metadata.notes.push(line.to_owned());
                }
            }
            clean.drain(..header_end);
        } else if let Some((number, _)) = clean.first() {
            builder.warn(*number, 1, "a WebVTT file starts with `WEBVTT`");
        }
        let skip = |line: &str| {
            ["NOTE", "STYLE", "REGION"]
                .iter()
                .any(|word| line == *word || line.starts_with(&format!("{word} ")))
        };
        // A cue id is one word; a line of words before a timing is text.
        let is_id = |line: &str| !line.contains("-->") && !line.contains(char::is_whitespace);
        let cues = split_cues(&clean, options.fps, &mut builder, skip, is_id);
        fold_cues(&cues, &mut builder, voice_of);
        let notes = builder.metadata.take().map(|m| m.notes).unwrap_or_default();
        metadata.notes.extend(notes);
        builder.metadata = Some(metadata);
        builder.finish(self.name(), source)
    }
}

/// The name in a `<v Name>` or `<v.class Name>` tag at the start of a line.
fn voice_of(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix("<v")?;
    let rest = rest.strip_prefix('.').map_or(rest, |classes| {
        classes.trim_start_matches(|c: char| !c.is_whitespace() && c != '>')
    });
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let (name, _) = rest.split_once('>')?;
    let name = name.trim();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::voice_of;

    #[test]
    fn voices_with_and_without_classes() {
        assert_eq!(voice_of("<v Mara Holt>We sailed"), Some("Mara Holt"));
        assert_eq!(voice_of("<v.loud.first Ana>Hi"), Some("Ana"));
        assert_eq!(voice_of("<vx>no"), None);
        assert_eq!(voice_of("plain"), None);
    }
}
