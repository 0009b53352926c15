//! Dates as precise as a document states them ("2026", "2026-04", "2026-02-09"), checked.

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::messages::{self, Lang};

/// A date as precise as the document states it: a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// "2026", "2026-04" or "2026-02-09", a day that exists in its month.
    pub fn parse(s: &str) -> Option<PartialDate> {
        Self::parse_shape(s).filter(|d| d.exists())
    }

    /// The form alone: four digits, then a month 01–12 and a day 01–31 if given.
    fn parse_shape(s: &str) -> Option<PartialDate> {
        let mut parts = s.trim().split('-');
        let number = |p: &str, len: usize| {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok())?
        };
        let year: u16 = number(parts.next()?, 4)?;
        let month = match parts.next() {
            Some(m) => Some(number(m, 2).filter(|m| (1..=12).contains(m))? as u8),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(number(d, 2).filter(|d| (1..=31).contains(d))? as u8),
            None => None,
        };
        parts
            .next()
            .is_none()
            .then_some(PartialDate { year, month, day })
    }

    fn exists(&self) -> bool {
        match (self.month, self.day) {
            (Some(m), Some(d)) => d <= days_in_month(self.year, m),
            _ => true,
        }
    }
    /// ISO 8601 at the stated precision: "2026", "2026-04", "2026-02-09".
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// RFC 3339 timestamp at the start of the stated period, for feeds and sitemaps.
    pub fn rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `value` of the key `key` as a date, or a diagnostic (message and hint, no place yet) saying
/// whether it is not a date at all or a day that does not exist ("2026-02-30").
pub fn check_date(value: &str, key: &str, lang: Lang) -> Result<PartialDate, Diagnostic> {
    match PartialDate::parse_shape(value) {
        Some(d) if d.exists() => Ok(d),
        Some(d) => {
            let month = d.month.unwrap_or(1);
            let days = days_in_month(d.year, month);
            let year_month = format!("{:04}-{month:02}", d.year);
            let last_day = format!("{year_month}-{days}");
            Err(
                Diagnostic::new(messages::impossible_date(lang, key, value.trim())).with_hint(
                    messages::impossible_date_hint(lang, year_month, days, last_day),
                ),
            )
        }
        None => {
            Err(Diagnostic::new(messages::bad_date(lang, key))
                .with_hint(messages::bad_date_hint(lang)))
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::PartialDate;

    #[test]
    fn partial_dates() {
        assert_eq!(PartialDate::parse("2026-04").unwrap().iso(), "2026-04");
        assert_eq!(
            PartialDate::parse("2026-02-09").unwrap().iso(),
            "2026-02-09"
        );
        assert_eq!(
            PartialDate::parse("2026").unwrap().rfc3339(),
            "2026-01-01T00:00:00Z"
        );
        assert!(PartialDate::parse("2026-13").is_none());
        assert!(PartialDate::parse("april 2026").is_none());
        assert!(PartialDate::parse("2026-4").is_none());
        assert!(PartialDate::parse("2026-02") < PartialDate::parse("2026-02-09"));
        // Days that do not exist, leap years included.
        assert!(PartialDate::parse("2026-02-30").is_none());
        assert!(PartialDate::parse("2026-02-29").is_none());
        assert!(PartialDate::parse("2028-02-29").is_some());
        assert!(PartialDate::parse("2100-02-29").is_none());
        assert!(PartialDate::parse("2000-02-29").is_some());
        assert!(PartialDate::parse("2026-04-31").is_none());
        assert!(PartialDate::parse("2026-+4").is_none());
    }
}
