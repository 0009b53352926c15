//! Config stage: `site.toml` into a typed, validated `Config`. Unknown keys are errors.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::{self, Lang};
use crate::toml_errors::{explain, Place};

mod language;

pub use language::language;

pub const CONFIG_FILE: &str = "site.toml";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default = "default_language")]
    pub language: String,
    /// As written: "/", "/uppfoljning/" or "https://example.se/uppfoljning/".
    #[serde(default = "default_base_url")]
    pub base_url: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub description: String,
    /// Raw HTML in Markdown is escaped unless the site opts in here.
    #[serde(default)]
    pub unsafe_html: bool,
    #[serde(default)]
    pub accessibility: Accessibility,
    #[serde(default)]
    pub feed: Feed,
    /// A short plain-language introduction for the home page, in Markdown.
    #[serde(default)]
    pub intro: String,
    /// The statuses an entry may state (`status = "<id>"`), in the order legends list them.
    #[serde(default)]
    pub status: Vec<Status>,
}

/// One status an entry may state: shown as its label with an icon (never colour alone).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Status {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub description: String,
    /// One of `STATUS_ICONS`; "dot" when not given.
    #[serde(default = "default_status_icon")]
    pub icon: String,
}

/// The icons the default theme draws for statuses.
pub const STATUS_ICONS: &[&str] = &["done", "ongoing", "delayed", "not-started", "dot"];

fn default_status_icon() -> String {
    "dot".into()
}

/// What the accessibility statement (tillgänglighetsredogörelse) says; the law requires the
/// verdict, the known gaps, the date of assessment and how to report a problem.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Accessibility {
    /// "full", "partial" or "none": compliance with WCAG 2.1 AA.
    #[serde(default = "default_verdict")]
    pub verdict: String,
    #[serde(default)]
    pub assessed: String,
    #[serde(default)]
    pub method: String,
    #[serde(default)]
    pub contact_email: String,
    #[serde(default)]
    pub contact_phone: String,
    #[serde(default)]
    pub known_gaps: Vec<String>,
    #[serde(default = "default_enforcement_url")]
    pub enforcement_url: String,
}

impl Default for Accessibility {
    fn default() -> Self {
        // Through serde, so the field defaults live in one place.
        toml::from_str("").expect("every accessibility field has a default")
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Feed {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default = "default_feed_limit")]
    pub limit: usize,
}

impl Default for Feed {
    fn default() -> Self {
        Feed {
            enabled: true,
            limit: default_feed_limit(),
        }
    }
}

fn default_language() -> String {
    "sv".into()
}
fn default_base_url() -> String {
    "/".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_verdict() -> String {
    "partial".into()
}
fn default_enforcement_url() -> String {
    "https://www.digg.se/tdosanmalan".into()
}
fn yes() -> bool {
    true
}
fn default_feed_limit() -> usize {
    20
}

/// base_url split into what links need (the path) and what feeds and sitemaps need (the origin).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BaseUrl {
    /// "https://example.se" or "" when base_url is a bare path.
    pub origin: String,
    /// Always starts and ends with '/': "/" or "/uppfoljning/".
    pub path: String,
}

impl BaseUrl {
    pub fn parse(raw: &str) -> Result<BaseUrl, String> {
        Self::parse_in(raw, Lang::En)
    }

    /// As `parse`, with the reason in `lang`.
    pub fn parse_in(raw: &str, lang: Lang) -> Result<BaseUrl, String> {
        let raw = raw.trim();
        let (origin, path) = if let Some(rest) = raw
            .strip_prefix("https://")
            .or_else(|| raw.strip_prefix("http://"))
        {
            let scheme_len = raw.len() - rest.len();
            let host_end = rest.find('/').unwrap_or(rest.len());
            if host_end == 0 {
                return Err(messages::base_url_no_host(lang, raw));
            }
            (
                raw[..scheme_len + host_end].to_string(),
                rest[host_end..].to_string(),
            )
        } else if raw.starts_with('/') || raw.is_empty() {
            (String::new(), raw.to_string())
        } else {
            return Err(messages::base_url_not_path(lang, raw));
        };
        if path.contains(['?', '#', ' ', '\\']) || path.contains("//") || path.contains("/../") {
            return Err(messages::base_url_not_plain(lang, raw));
        }
        let mut path = path;
        if !path.starts_with('/') {
            path.insert(0, '/');
        }
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl { origin, path })
    }

    /// Absolute URL of a site-relative path, for feeds and sitemaps (path-absolute when the
    /// site has no origin: readers then resolve it against the feed's own URL).
    pub fn absolute(&self, rel: &str) -> String {
        format!("{}{}{}", self.origin, self.path, rel)
    }
}

/// Reads and validates `<root>/site.toml`.
pub fn load(root: &Path) -> Result<Config, Diagnostics> {
    let path = root.join(CONFIG_FILE);
    let lang = Lang::default();
    let bytes = read_regular(&path).map_err(|e| match e {
        Unreadable::Special => Diagnostic::new(messages::not_a_regular_file(lang, CONFIG_FILE))
            .in_file(CONFIG_FILE)
            .with_hint(messages::not_a_regular_file_hint(lang)),
        Unreadable::Io(e) => Diagnostic::new(messages::cannot_read_config(
            lang,
            CONFIG_FILE,
            messages::io(lang, &e),
        ))
        .in_file(CONFIG_FILE)
        .with_hint(messages::cannot_read_config_hint(lang, root.display())),
    })?;
    let source = utf8(bytes, Path::new(CONFIG_FILE), lang)?;
    parse(&source)
}

/// Why a file could not be read.
#[derive(Debug)]
pub enum Unreadable {
    /// A named pipe, a device, a socket: opening one could wait for ever, so it is not opened.
    Special,
    Io(std::io::Error),
}

/// The bytes of the regular file at `path` (a symbolic link is followed).
pub fn read_regular(path: &Path) -> Result<Vec<u8>, Unreadable> {
    let meta = std::fs::metadata(path).map_err(Unreadable::Io)?;
    if !meta.is_file() {
        return Err(Unreadable::Special);
    }
    std::fs::read(path).map_err(Unreadable::Io)
}

/// `bytes` as text, or an error pointing at the first byte that is not UTF-8.
pub fn utf8(bytes: Vec<u8>, shown: &Path, lang: Lang) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..good]).into_owned();
        Diagnostic::new(messages::not_utf8(lang))
            .in_file(shown)
            .at_offset(&prefix, good)
            .with_hint(messages::not_utf8_hint(lang))
    })
}

pub fn parse(source: &str) -> Result<Config, Diagnostics> {
    let lang = language::remembered(source.as_bytes());
    let place = Place {
        file: Path::new(CONFIG_FILE),
        file_text: source,
        offset: 0,
        lang,
    };
    let config: Config =
        toml::from_str(source).map_err(|e| Diagnostics(explain(&e, source, &place)))?;
    let mut errors = Diagnostics::default();
    let at_key = |key: &str, message: String| {
        let off = key_offset(source, key);
        Diagnostic::new(message)
            .in_file(CONFIG_FILE)
            .at_offset(source, off)
    };
    if let Err(e) = BaseUrl::parse_in(&config.base_url, lang) {
        errors.push(
            at_key("base_url", messages::bad_base_url(lang, e))
                .with_hint(messages::bad_base_url_hint(lang)),
        );
    }
    // The site's name is every page's title and header: blank, no page has a name.
    if config.title.trim().is_empty() {
        errors.push(
            at_key("title", messages::text_empty(lang, "title"))
                .with_hint(messages::site_title_empty_hint(lang)),
        );
    }
    if !is_folder_name(&config.theme) {
        errors.push(
            at_key("theme", messages::theme_not_a_name(lang, &config.theme))
                .with_hint(messages::theme_not_a_name_hint(lang)),
        );
    }
    let a = &config.accessibility;
    if !["full", "partial", "none"].contains(&a.verdict.as_str()) {
        errors.push(
            at_key("verdict", messages::unknown_verdict(lang, &a.verdict))
                .with_hint(messages::unknown_verdict_hint(lang)),
        );
    }
    // Every link the theme makes from site.toml is checked, as a report's `source` is: a
    // `javascript:` address would run in the reader's browser.
    if !is_web_address(&a.enforcement_url) {
        let key = "enforcement_url";
        errors.push(
            at_key(
                key,
                messages::not_a_web_address(lang, key, &a.enforcement_url),
            )
            .with_hint(messages::not_a_web_address_hint(lang, key)),
        );
    }
    if !a.assessed.trim().is_empty() {
        if let Err(d) = crate::model::check_date(&a.assessed, "assessed", lang) {
            errors.push(at_key("assessed", d.message).with_hint(d.hint.unwrap_or_default()));
        }
    }
    check_statuses(&config, source, lang, &mut errors);
    errors.into_result(config).map_err(|e| e.in_language(lang))
}

/// Whether `theme` names one folder under themes/: joined to it, an absolute path would
/// replace themes/ and `..` climb out of it, and a folder outside the site would be read as
/// the theme and its static/ published.
fn is_folder_name(theme: &str) -> bool {
    let mut parts = Path::new(theme).components();
    let one = matches!(
        (parts.next(), parts.next()),
        (Some(std::path::Component::Normal(_)), None)
    );
    one && !theme.contains(['/', '\\'])
}

/// An absolute http(s) address with a host, and nothing a browser would read otherwise.
pub fn is_web_address(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control())
    })
}

/// Where `key = ` is written in `source` (the start of its line), or 0.
fn key_offset(source: &str, key: &str) -> usize {
    let mut start = 0;
    for line in source.split_inclusive('\n') {
        let t = line.trim_start();
        if t.strip_prefix(key)
            .is_some_and(|r| r.trim_start().starts_with('='))
        {
            return start + line.len() - t.len();
        }
        start += line.len();
    }
    0
}

/// Each `[[status]]` has a slug id of its own, a label and an icon the theme draws.
fn check_statuses(config: &Config, source: &str, lang: Lang, errors: &mut Diagnostics) {
    let mut seen = std::collections::HashSet::new();
    for s in &config.status {
        let at = |what: &str| {
            let off = source
                .find(&format!("\"{what}\""))
                .or_else(|| source.find("[[status]]"))
                .unwrap_or(0);
            Diagnostic::new(String::new())
                .in_file(CONFIG_FILE)
                .at_offset(source, off)
        };
        let problem = if crate::slug::slugify(&s.id) != s.id {
            Some((
                messages::status_not_slug(lang, &s.id),
                messages::status_not_slug_hint(lang, crate::slug::slugify(&s.id)),
            ))
        } else if !seen.insert(s.id.as_str()) {
            Some((
                messages::status_twice(lang, &s.id),
                messages::status_twice_hint(lang),
            ))
        } else if s.label.trim().is_empty() {
            Some((
                messages::status_no_label(lang, &s.id),
                messages::status_no_label_hint(lang),
            ))
        } else if !STATUS_ICONS.contains(&s.icon.as_str()) {
            Some((
                messages::status_unknown_icon(lang, &s.id, &s.icon),
                messages::status_use_one_of(lang, STATUS_ICONS.join(", ")),
            ))
        } else {
            None
        };
        if let Some((message, hint)) = problem {
            let mut d = at(&s.id);
            d.message = message;
            errors.push(d.with_hint(hint));
        }
    }
}

/// A TOML error as one diagnostic (for the theme's own files; content gets `toml_errors`).
pub fn toml_diagnostic(
    e: &toml::de::Error,
    source: &str,
    file: impl Into<std::path::PathBuf>,
) -> Diagnostic {
    let file = file.into();
    let place = Place {
        file: &file,
        file_text: source,
        offset: 0,
        lang: Lang::En,
    };
    explain(e, source, &place).swap_remove(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_forms() {
        assert_eq!(BaseUrl::parse("/").unwrap().path, "/");
        assert_eq!(
            BaseUrl::parse("/uppfoljning").unwrap().path,
            "/uppfoljning/"
        );
        let b = BaseUrl::parse("https://example.se/uppfoljning/").unwrap();
        assert_eq!(b.origin, "https://example.se");
        assert_eq!(b.path, "/uppfoljning/");
        assert_eq!(b.absolute("2025/"), "https://example.se/uppfoljning/2025/");
        assert!(BaseUrl::parse("uppfoljning").is_err());
    }

    #[test]
    fn unknown_key_is_an_error_with_position() {
        let err = parse("title = \"x\"\ntitel = \"y\"\n").unwrap_err();
        let d = &err.0[0];
        assert_eq!(d.message, "`titel` är ingen inställning som finns här");
        assert_eq!(d.hint.as_deref(), Some("menade du `title`?"));
        assert_eq!((d.line, d.column), (2, 1));
    }

    #[test]
    fn links_from_site_toml_must_be_web_addresses() {
        assert!(is_web_address("https://www.digg.se/tdosanmalan"));
        assert!(!is_web_address("javascript:alert(1)"));
        assert!(!is_web_address("https://"));
        assert!(!is_web_address("//evil.example"));
        assert!(!is_web_address("https://x.se/a b"));
    }

    #[test]
    fn defaults() {
        let c = parse("title = \"x\"").unwrap();
        assert_eq!(c.language, "sv");
        assert_eq!(c.base_url, "/");
        assert!(!c.unsafe_html);
        assert!(c.feed.enabled);
    }
}
