//! Config stage: `site.toml` into a typed, validated `Config`. Unknown keys are errors.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Diagnostics};

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
        let raw = raw.trim();
        let (origin, path) = if let Some(rest) = raw
            .strip_prefix("https://")
            .or_else(|| raw.strip_prefix("http://"))
        {
            let scheme_len = raw.len() - rest.len();
            let host_end = rest.find('/').unwrap_or(rest.len());
            if host_end == 0 {
                return Err(format!("`{raw}` has no host name"));
            }
            (
                raw[..scheme_len + host_end].to_string(),
                rest[host_end..].to_string(),
            )
        } else if raw.starts_with('/') || raw.is_empty() {
            (String::new(), raw.to_string())
        } else {
            return Err(format!(
                "`{raw}` is neither a path starting with `/` nor an http(s) URL"
            ));
        };
        if path.contains(['?', '#', ' ', '\\']) || path.contains("//") || path.contains("/../") {
            return Err(format!("the path of `{raw}` is not a plain directory path"));
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
    let source = std::fs::read_to_string(&path).map_err(|e| {
        Diagnostic::new(format!("cannot read {CONFIG_FILE}: {e}"))
            .in_file(CONFIG_FILE)
            .with_hint(format!(
                "run uppsikt in the site's folder or pass --root; looked in {}",
                root.display()
            ))
    })?;
    parse(&source)
}

pub fn parse(source: &str) -> Result<Config, Diagnostics> {
    let config: Config =
        toml::from_str(source).map_err(|e| toml_diagnostic(&e, source, CONFIG_FILE))?;
    let mut errors = Diagnostics::default();
    let at_key = |key: &str| {
        let off = source.find(key).unwrap_or(0);
        Diagnostic::new(String::new())
            .in_file(CONFIG_FILE)
            .at_offset(source, off)
    };
    if let Err(e) = BaseUrl::parse(&config.base_url) {
        let mut d = at_key("base_url");
        d.message = format!("invalid base_url: {e}");
        errors.push(d.with_hint("write a path such as \"/uppfoljning/\" or a URL such as \"https://example.se/uppfoljning/\""));
    }
    if !["full", "partial", "none"].contains(&config.accessibility.verdict.as_str()) {
        let mut d = at_key("verdict");
        d.message = format!(
            "unknown accessibility verdict `{}`",
            config.accessibility.verdict
        );
        errors.push(d.with_hint("use \"full\", \"partial\" or \"none\""));
    }
    check_statuses(&config, source, &mut errors);
    errors.into_result(config)
}

/// Each `[[status]]` has a slug id of its own, a label and an icon the theme draws.
fn check_statuses(config: &Config, source: &str, errors: &mut Diagnostics) {
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
                format!("the status id `{}` is not a slug", s.id),
                format!(
                    "use `{}`: lower-case a-z, 0-9 and '-'",
                    crate::slug::slugify(&s.id)
                ),
            ))
        } else if !seen.insert(s.id.as_str()) {
            Some((
                format!("the status `{}` is defined twice", s.id),
                "give each [[status]] its own id".to_string(),
            ))
        } else if s.label.trim().is_empty() {
            Some((
                format!("the status `{}` has no label", s.id),
                "write the label residents read, such as label = \"Pågår\"".to_string(),
            ))
        } else if !STATUS_ICONS.contains(&s.icon.as_str()) {
            Some((
                format!("the status `{}` has the unknown icon `{}`", s.id, s.icon),
                format!("use one of {}", STATUS_ICONS.join(", ")),
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

/// A TOML error as a diagnostic pointing at the span toml reports.
pub fn toml_diagnostic(
    e: &toml::de::Error,
    source: &str,
    file: impl Into<std::path::PathBuf>,
) -> Diagnostic {
    let mut d = Diagnostic::new(first_line(e.message())).in_file(file);
    if let Some(span) = e.span() {
        d = d.at_offset(source, span.start);
    }
    let hint = if e.message().contains("unknown field") {
        "remove the key or check its spelling; the README's \"Content format\" lists every key"
    } else if e.message().contains("missing field") {
        "add the key; the README's \"Content format\" shows an example"
    } else {
        "check the TOML syntax: strings in \"quotes\", one key = value per line"
    };
    d.with_hint(hint)
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).trim().to_string()
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
        assert!(d.message.contains("unknown field"), "{}", d.message);
        assert_eq!((d.line, d.column), (2, 1));
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
