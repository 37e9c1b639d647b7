//! The last steps every transcript goes through, whichever reader made it:
//! ends for timed segments, roles where the log gives only names, and
//! questions paired with their answers.

use crate::model::{INTERVIEWER_ROLE, count_words, has_words};
use crate::model::{RoleSource, Segment, SegmentKind, SpeakerId, Timecode, Transcript};

/// Words per minute used to guess how long speech lasts.
pub const WORDS_PER_MINUTE: u64 = 150;

/// How far past twice the spoken estimate the next start may be and still
/// be taken as this segment's end: past it, the gap is silence or cut
/// material, not this speaker talking.
const PLAUSIBLE_SLACK_MS: u64 = 10_000;

/// How long speaking `words` words takes at an even pace, at least a second.
pub fn spoken_duration_ms(words: usize) -> u64 {
    (words as u64).saturating_mul(60_000) / WORDS_PER_MINUTE
}

/// The estimate, at least a second.
fn estimate_ms(segment: &Segment) -> u64 {
    spoken_duration_ms(count_words(&segment.text)).max(1000)
}

/// Whether a gap of `gap_ms` to the next start is within twice the
/// segment's spoken estimate plus the slack. Words are counted only as far
/// as the answer needs: a long log has many segments and long texts.
fn plausible_gap(segment: &Segment, gap_ms: u64) -> bool {
    let Some(beyond_slack) = gap_ms.checked_sub(PLAUSIBLE_SLACK_MS + 2 * 1000) else {
        return true;
    };
    // 2 × words × (60 s / 150) ≥ gap − slack, in whole words.
    let ms_per_two_words = 2 * 60_000 / WORDS_PER_MINUTE;
    let needed = (beyond_slack + 2 * 1000).div_ceil(ms_per_two_words);
    has_words(&segment.text, usize::try_from(needed).unwrap_or(usize::MAX))
}

/// Ends, roles and pairs: what every reader's transcript needs the same way.
pub fn finish(transcript: &mut Transcript) {
    settle_ends(&mut transcript.segments);
    infer_interviewer(transcript);
    pair_with_askers(transcript);
}

/// Roles whose speech is questions.
const ASKING_ROLES: &[&str] = &[INTERVIEWER_ROLE, "Host", "Moderator"];

/// Speakers with an asking role: their speech becomes questions, and what
/// others say after a question answers it.
fn pair_with_askers(transcript: &mut Transcript) {
    let askers: Vec<SpeakerId> = transcript
        .speakers
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            s.role
                .as_deref()
                .is_some_and(|role| ASKING_ROLES.iter().any(|a| a.eq_ignore_ascii_case(role)))
        })
        .map(|(i, _)| SpeakerId(i as u32))
        .collect();
    if !askers.is_empty() {
        pair_questions(&mut transcript.segments, &askers);
    }
}

/// Gives each timed segment an end: its own, else the next later start while
/// that is plausible, else an estimate from its words (flagged as such).
pub fn settle_ends(segments: &mut [Segment]) {
    let mut next_start: Option<Timecode> = None;
    for segment in segments.iter_mut().rev() {
        let Some(start) = segment.start else {
            segment.end = None;
            continue;
        };
        segment.end = segment.end.filter(|end| *end > start);
        if segment.end.is_none() {
            let speech = matches!(segment.kind, SegmentKind::Question | SegmentKind::Answer);
            let next = next_start.filter(|next| *next > start);
            let plausible =
                next.filter(|next| !speech || plausible_gap(segment, next.since(start)));
            segment.end = Some(plausible.unwrap_or_else(|| {
                segment.end_estimated = true;
                start.saturating_add_millis(estimate_ms(segment))
            }));
        }
        next_start = Some(start);
    }
}

/// Where no speaker has a role, the one who asks most of the questions is
/// the interviewer: roles make filtering work on podcasts and press
/// conferences too. Their segments become questions, and each answer after
/// one answers it.
fn infer_interviewer(transcript: &mut Transcript) {
    if transcript.speakers.iter().any(|s| s.role.is_some()) {
        return;
    }
    // Questions asked and segments spoken, per speaker.
    let mut asked = vec![(0usize, 0usize); transcript.speakers.len()];
    for segment in &transcript.segments {
        if let Some(id) = segment.speaker
            && let Some((questions, spoken)) = asked.get_mut(id.index())
        {
            *spoken += 1;
            *questions += usize::from(segment.text.trim_end().ends_with('?'));
        }
    }
    let mut by_questions: Vec<(usize, usize, usize)> = asked
        .iter()
        .enumerate()
        .map(|(index, &(questions, spoken))| (questions, spoken, index))
        .collect();
    by_questions.sort_by_key(|&(questions, _, index)| (std::cmp::Reverse(questions), index));
    let Some(&(most, spoken, index)) = by_questions.first() else {
        return;
    };
    let next = by_questions
        .get(1)
        .map_or(0, |&(questions, _, _)| questions);
    // A pattern, not a stray question: two or more, twice anyone else's,
    // and a third of what that speaker says.
    if most < 2 || most < 2 * next || most * 3 < spoken {
        return;
    }
    if let Some(speaker) = transcript.speakers.get_mut(index) {
        speaker.role = Some(INTERVIEWER_ROLE.to_owned());
        speaker.role_source = Some(RoleSource::Inferred);
    }
}

/// The interviewer's speech becomes questions, and what others say after a
/// question answers it, until the next question.
pub fn pair_questions(segments: &mut [Segment], askers: &[SpeakerId]) {
    let mut open_question = None;
    for segment in segments.iter_mut() {
        let asks = segment.speaker.is_some_and(|id| askers.contains(&id));
        match segment.kind {
            SegmentKind::Question | SegmentKind::Answer if asks => {
                segment.kind = SegmentKind::Question;
                segment.question = None;
                open_question = Some(segment.id);
            }
            SegmentKind::Answer if segment.speaker.is_some() => {
                segment.question = segment.question.or(open_question);
            }
            SegmentKind::Shot | SegmentKind::Chapter => open_question = None,
            _ => {}
        }
    }
}
