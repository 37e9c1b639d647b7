//! What the log says about the footage as a whole.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

/// Header information of a log. Lines that fit no field are kept in `notes`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Metadata {
    pub title: Option<String>,
    pub creator: Option<String>,
    pub location: Option<String>,
    #[serde(serialize_with = "serialize_date")]
    pub date: Option<NaiveDate>,
    pub license: Option<String>,
    pub media_format: Option<String>,
    pub bitrate: Option<String>,
    pub description: Option<String>,
    /// Other `KEY: value` header fields, in key order.
    pub fields: BTreeMap<String, String>,
    /// Header lines that fit no field, verbatim (sanitized).
    pub notes: Vec<String>,
}

impl Metadata {
    /// Adds a `KEY: value` field; a key met again keeps both values.
    pub fn add_field(&mut self, key: &str, value: &str) {
        self.fields
            .entry(key.to_owned())
            .and_modify(|existing| {
                existing.push_str("; ");
                existing.push_str(value);
            })
            .or_insert_with(|| value.to_owned());
    }

    pub fn is_empty(&self) -> bool {
        *self == Metadata::default()
    }
}

#[allow(clippy::ref_option, clippy::trivially_copy_pass_by_ref)] // serde passes fields by reference
fn serialize_date<S: serde::Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => s.serialize_str(&date.format("%Y-%m-%d").to_string()),
        None => s.serialize_none(),
    }
}
