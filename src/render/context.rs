//! The context of a page as the template engine reads it. Every variable a template names
//! (`base_url`, `t`, `site`, `entry`, …) is looked up in it, dozens of times a page: a `match`
//! on the name finds it, where a serialised map would compare it with each key in turn, and
//! nothing is copied into a map per page.

use std::sync::Arc;

use minijinja::value::{Enumerator, Object, ObjectRepr};
use minijinja::Value;

use super::views::Own;

/// The context of every page: what all templates read, then the page's own values (`Own`).
#[derive(Debug)]
pub(super) struct PageContext {
    pub site: Value,
    pub base_url: Value,
    pub absolute_base: Value,
    pub lang: Value,
    /// The UI strings (`theme::UiStrings`).
    pub t: Value,
    /// A `views::PageView`.
    pub page: Value,
    pub own: Own,
}

/// The names every page's context has, before its own.
const SHARED_KEYS: [&str; 6] = ["site", "base_url", "absolute_base", "lang", "t", "page"];

impl Object for PageContext {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        key.as_str().and_then(|k| self.get_value_by_str(k))
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        let value = match key {
            "site" => &self.site,
            "base_url" => &self.base_url,
            "absolute_base" => &self.absolute_base,
            "lang" => &self.lang,
            "t" => &self.t,
            "page" => &self.page,
            _ => return self.own.get(key),
        };
        Some(value.clone())
    }

    /// The names in sorted order, as the serialised map had them (serve's `with_keys` copies
    /// a context through them).
    fn enumerate(self: &Arc<Self>) -> Enumerator {
        let mut keys: Vec<&'static str> = SHARED_KEYS.to_vec();
        keys.extend_from_slice(self.own.keys());
        keys.sort_unstable();
        Enumerator::Values(keys.into_iter().map(Value::from).collect())
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(SHARED_KEYS.len() + self.own.keys().len())
    }
}

impl Own {
    /// The names this page's template reads beside the shared ones.
    pub fn keys(&self) -> &'static [&'static str] {
        match self {
            Own::Home { .. } => &["intro", "latest", "years", "areas", "committees"],
            Own::Year { .. } => &["year", "reports", "pager"],
            Own::Report { .. } => &["report"],
            Own::Entry { .. } => &[
                "report",
                "entry",
                "area",
                "prev_in_report",
                "next_in_report",
            ],
            Own::Compare { .. } => &["compare"],
            Own::Areas { .. } => &["areas", "pager"],
            Own::Area { .. } => &["area"],
            Own::Committee { .. } => &["committee", "years", "pager"],
            Own::Committees { .. } => &["committees", "pager"],
            Own::OpenData { .. } | Own::OpenDataYear { .. } => &["data"],
            Own::Search {} | Own::Accessibility {} | Own::NotFound {} => &[],
        }
    }

    /// The value `key` of this page; none is a value too (an entry without area has `area`).
    pub fn get(&self, key: &str) -> Option<Value> {
        let opt = |v: &Option<Value>| Some(Value::from(v.clone()));
        match (self, key) {
            (Own::Home { intro, .. }, "intro") => opt(intro),
            (Own::Home { latest, .. }, "latest") => opt(latest),
            (Own::Home { years, .. }, "years") => Some(years.clone()),
            (Own::Home { areas, .. }, "areas") => Some(areas.clone()),
            (Own::Home { committees, .. }, "committees") => Some(committees.clone()),
            (Own::Year { year, .. }, "year") => Some(year.clone()),
            (Own::Year { reports, .. }, "reports") => Some(reports.clone()),
            (Own::Year { pager, .. } | Own::Areas { pager, .. }, "pager") => opt(pager),
            (Own::Committee { pager, .. } | Own::Committees { pager, .. }, "pager") => opt(pager),
            (Own::Committees { committees, .. }, "committees") => Some(committees.clone()),
            (Own::Report { report }, "report") => Some(report.clone()),
            (Own::Entry { report, .. }, "report") => Some(report.clone()),
            (Own::Entry { entry, .. }, "entry") => Some(entry.clone()),
            (Own::Entry { area, .. }, "area") => opt(area),
            (Own::Entry { prev_in_report, .. }, "prev_in_report") => opt(prev_in_report),
            (Own::Entry { next_in_report, .. }, "next_in_report") => opt(next_in_report),
            (Own::Compare { compare }, "compare") => Some(compare.clone()),
            (Own::Areas { areas, .. }, "areas") => Some(areas.clone()),
            (Own::Area { area }, "area") => Some(area.clone()),
            (Own::Committee { committee, .. }, "committee") => Some(committee.clone()),
            (Own::Committee { years, .. }, "years") => Some(years.clone()),
            (Own::OpenData { data } | Own::OpenDataYear { data }, "data") => Some(data.clone()),
            _ => None,
        }
    }
}
