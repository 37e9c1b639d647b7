//! Roles and speakers across the library: talk time, and in how many
//! interviews each appears. The same name with the same role (in any case)
//! in several logs is one person.

use std::collections::HashMap;

use super::Interview;
use crate::stats::Tally;

/// One person across the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// As first written; unnamed speakers by what tells them apart.
    pub name: String,
    pub tally: Tally,
    pub interviews: usize,
}

/// One role across the library, with its people, most talk first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleAcross {
    /// As first written; `None` for speakers with no role.
    pub role: Option<String>,
    pub tally: Tally,
    pub interviews: usize,
    pub people: Vec<Person>,
}

/// Figures that count once per interview: the last interview counted.
struct Counted<T> {
    value: T,
    last_interview: Option<usize>,
}

impl<T> Counted<T> {
    /// Whether `interview` is met for the first time (interviews come in order).
    fn first_time_in(&mut self, interview: usize) -> bool {
        let first = self.last_interview != Some(interview);
        self.last_interview = Some(interview);
        first
    }
}

/// Every role of `interviews` with its people, most talk time first.
pub fn across(interviews: &[Interview]) -> Vec<RoleAcross> {
    let mut roles: Vec<Counted<RoleAcross>> = Vec::new();
    let mut role_at: HashMap<Option<String>, usize> = HashMap::new();
    let mut person_at: HashMap<(usize, String), usize> = HashMap::new();
    let mut people: Vec<Vec<Counted<Person>>> = Vec::new();
    for (i, interview) in interviews.iter().enumerate() {
        for role_stats in &interview.stats.roles {
            let key = role_stats.role.as_deref().map(str::to_lowercase);
            let r = *role_at.entry(key).or_insert_with(|| {
                roles.push(Counted {
                    value: RoleAcross {
                        role: role_stats.role.clone(),
                        tally: Tally::default(),
                        interviews: 0,
                        people: Vec::new(),
                    },
                    last_interview: None,
                });
                people.push(Vec::new());
                roles.len() - 1
            });
            let role = &mut roles[r];
            role.value.tally.merge(&role_stats.tally);
            if role.first_time_in(i) {
                role.value.interviews += 1;
            }
            for (id, tally) in &role_stats.speakers {
                let name = interview
                    .speakers
                    .get(id.index())
                    .and_then(|s| s.name.clone().or_else(|| s.detail.clone()))
                    .unwrap_or_else(|| "(no name)".to_owned());
                let p = *person_at
                    .entry((r, name.to_lowercase()))
                    .or_insert_with(|| {
                        people[r].push(Counted {
                            value: Person {
                                name: crate::model::one_line(&name),
                                tally: Tally::default(),
                                interviews: 0,
                            },
                            last_interview: None,
                        });
                        people[r].len() - 1
                    });
                let person = &mut people[r][p];
                person.value.tally.merge(tally);
                if person.first_time_in(i) {
                    person.value.interviews += 1;
                }
            }
        }
    }
    let mut across: Vec<RoleAcross> = roles
        .into_iter()
        .zip(people)
        .map(|(role, people)| {
            let mut role = role.value;
            role.people = people.into_iter().map(|p| p.value).collect();
            role.people
                .sort_by_key(|p| std::cmp::Reverse(p.tally.talk_ms));
            role
        })
        .collect();
    across.sort_by_key(|r| std::cmp::Reverse(r.tally.talk_ms));
    across
}

#[cfg(test)]
mod tests {
    use super::*;

    fn interview(text: &str) -> Interview {
        crate::catalog::interview_for_test("x.txt", text)
    }

    #[test]
    fn one_person_in_two_logs_is_one_row_counted_in_both() {
        let library = [
            interview(
                "00:10 (Ana Berg, Nurse)\n\u{201c}The ward flooded.\u{201d}\n\
                 00:20 (Ivo Sand, Driver)\n\u{201c}The road flooded too.\u{201d}\n",
            ),
            interview(
                "00:05 (ana berg, nurse)\n\u{201c}We moved the beds.\u{201d}\n\
                 00:09 (Mira Holt, Nurse)\n\u{201c}All of them.\u{201d}\n",
            ),
        ];
        let roles = across(&library);
        let nurse = roles
            .iter()
            .find(|r| r.role.as_deref() == Some("Nurse"))
            .expect("nurses");
        assert_eq!(nurse.interviews, 2);
        assert_eq!(nurse.tally.segments, 3);
        let ana = nurse.people.iter().find(|p| p.name == "Ana Berg");
        assert_eq!(ana.map(|p| (p.interviews, p.tally.segments)), Some((2, 2)));
        assert_eq!(nurse.people.len(), 2);
        let driver = roles.iter().find(|r| r.role.as_deref() == Some("Driver"));
        assert_eq!(driver.map(|r| r.interviews), Some(1));
    }
}
