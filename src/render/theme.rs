//! The theme: templates parsed once into one environment, the UI strings of the site's
//! language, and the static files. The default theme is built into the binary (build.rs); a
//! site's own `themes/<name>/` wins, and its `templates/` override single templates.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use minijinja::value::{Enumerator, Object, ObjectRepr, Serde};
use minijinja::{Environment, Value};
use rustc_hash::FxHashMap;

use super::to_url_path;
use crate::config::{Config, CONFIG_FILE};
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use crate::markdown;
use crate::messages::{self, Lang};
use crate::model::PartialDate;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// A theme ready to render: templates parsed once, strings of the site's language.
pub struct Theme {
    env: Environment<'static>,
    /// Where each template came from, for error messages.
    files: HashMap<String, PathBuf>,
    pub strings: toml::Table,
    /// The theme's static files (output under static/), then the site's own static/ folder.
    pub static_files: Vec<(String, Vec<u8>)>,
    pub static_dirs: Vec<PathBuf>,
    /// The site's language, for the messages of template errors.
    lang: Lang,
}

/// minijinja's HTML escaping also escapes `/`, which turns every URL into `&#x2f;` soup;
/// escaping `& < > " '` is what HTML needs, in text and in quoted attributes.
fn html_formatter(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    if *state.auto_escape() == minijinja::AutoEscape::None || value.is_safe() {
        return minijinja::escape_formatter(out, state, value);
    }
    if value.is_none() || value.is_undefined() {
        return Ok(());
    }
    // Most values are strings: borrowed, not formatted into a new one.
    let formatted;
    let text = match value.as_str() {
        Some(s) => s,
        None => {
            formatted = value.to_string();
            &formatted
        }
    };
    crate::markdown::write_escaped_html(text, out).map_err(minijinja::Error::from)
}

impl Theme {
    pub(super) fn text(&self) -> Text<'_> {
        let months = self
            .strings
            .get("months")
            .and_then(|m| m.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        Text {
            table: &self.strings,
            months,
        }
    }

    /// Renders one page; an error names the template's file and line.
    pub(super) fn render(&self, template: &str, context: &Value) -> Result<String, Diagnostic> {
        self.env
            .get_template(template)
            .and_then(|t| t.render(context))
            .map_err(|e| template_diagnostic(&e, &self.files, self.lang))
    }
}

/// The UI strings of the site's language, and the ones that take logic (dates, report kinds).
pub(super) struct Text<'a> {
    table: &'a toml::Table,
    months: Vec<String>,
}

impl Text<'_> {
    /// `t` in every template.
    pub fn value(&self) -> Value {
        Value::from_object(UiStrings::new(self.table))
    }

    /// The string `key`; the key itself when the theme has none.
    pub fn get(&self, key: &str) -> String {
        self.table
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or(key)
            .to_string()
    }

    /// "Delårsbokslut" for the kind "delarsbokslut"; the kind itself when unnamed.
    pub fn kind_label(&self, kind: &str) -> String {
        self.table
            .get("kinds")
            .and_then(|k| k.get(kind))
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .unwrap_or_else(|| kind.to_string())
    }

    /// A date as precise as it is known: "17 juni 2025", "april 2026", "2026".
    pub fn date(&self, d: &PartialDate) -> String {
        let month = |m: u8| {
            self.months
                .get(m as usize - 1)
                .cloned()
                .unwrap_or_else(|| format!("{m:02}"))
        };
        match (d.month, d.day) {
            (Some(m), Some(day)) => format!("{day} {} {}", month(m), d.year),
            (Some(m), None) => format!("{} {}", month(m), d.year),
            _ => d.year.to_string(),
        }
    }
}

/// `t`: the UI strings, each made a template value once and found by hashing its name (a
/// page reads dozens of them; a serialised map of this size compares values on every lookup).
#[derive(Debug)]
struct UiStrings {
    values: FxHashMap<String, Value>,
    /// The names in the table's (sorted) order, for templates that loop over `t`.
    keys: Vec<Value>,
}

impl UiStrings {
    fn new(table: &toml::Table) -> Self {
        UiStrings {
            values: (table.iter())
                .map(|(k, v)| (k.clone(), Value::from(Serde(v))))
                .collect(),
            keys: table.keys().map(|k| Value::from(k.as_str())).collect(),
        }
    }
}

impl Object for UiStrings {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        key.as_str().and_then(|k| self.get_value_by_str(k))
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        self.values.get(key).cloned()
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(self.keys.clone())
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.keys.len())
    }
}

/// The theme's files, relative to the theme folder: from `<root>/themes/<name>/` when that
/// exists, else the default theme built into the binary.
/// (path relative to the theme folder, contents)
type ThemeFile = (String, Vec<u8>);

fn theme_files(
    root: &Path,
    name: &str,
    lang: Lang,
) -> Result<(Vec<ThemeFile>, PathBuf), Diagnostic> {
    let dir = root.join("themes").join(name);
    if dir.is_dir() {
        let mut files = Vec::new();
        for entry in ignore::WalkBuilder::new(&dir)
            .hidden(true)
            .build()
            .flatten()
        {
            if entry.file_type().is_some_and(|t| t.is_file()) {
                let rel = to_url_path(entry.path().strip_prefix(&dir).unwrap_or(entry.path()));
                let bytes = std::fs::read(entry.path()).map_err(|e| {
                    Diagnostic::new(messages::cannot_read_theme_file(
                        lang,
                        messages::io(lang, &e),
                    ))
                    .in_file(display_path(root, entry.path()))
                })?;
                files.push((rel, bytes));
            }
        }
        files.sort();
        return Ok((files, display_path(root, &dir)));
    }
    if name == "default" {
        let files = embedded::FILES
            .iter()
            .map(|(p, b)| (p.to_string(), b.to_vec()))
            .collect();
        return Ok((files, PathBuf::from("themes/default")));
    }
    Err(Diagnostic::new(messages::no_such_theme(lang, name))
        .in_file(display_path(root, &dir))
        .with_hint(messages::no_such_theme_hint(lang)))
}

/// Loads the theme and the site's own `templates/` overrides.
pub fn load_theme(root: &Path, config: &Config) -> Result<Theme, Diagnostics> {
    let lang = Lang::of(&config.language);
    let (files, theme_dir) = theme_files(root, &config.theme, lang)?;
    let mut errors = Diagnostics::default();
    let mut parts = ThemeParts::sort(files, &theme_dir);
    site_templates(root, lang, &mut parts.templates, &mut errors);
    let mut env = environment();
    let files = add_templates(&mut env, parts.templates, lang, &mut errors);
    let strings = load_strings(&parts.i18n, &config.language, &mut errors);
    let static_dirs = if root.join("static").is_dir() {
        vec![root.join("static")]
    } else {
        vec![]
    };
    errors.into_result(Theme {
        env,
        files,
        strings,
        static_files: parts.static_files,
        static_dirs,
        lang,
    })
}

/// The template environment every theme shares: HTML escaping for `.html` and `.xml`, our
/// formatter, the `shift_headings` filter, blocks that leave no blank lines.
fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") || name.ends_with(".xml") {
            minijinja::AutoEscape::Html
        } else {
            minijinja::AutoEscape::None
        }
    });
    env.set_formatter(html_formatter);
    // `{{ html | shift_headings(1) }}`: an area's text under the report page's own h2. A filter
    // rather than a second copy of every area's HTML, which would hold the site's text twice.
    env.add_filter("shift_headings", |html: &str, by: u8| {
        Value::from_safe_string(markdown::shift_headings(html, by))
    });
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    env
}

/// A template's name → (path shown in errors, source).
type Templates = BTreeMap<String, (PathBuf, Vec<u8>)>;

/// A theme's files by what they are.
struct ThemeParts {
    templates: Templates,
    /// (name inside i18n/, path shown in errors, contents)
    i18n: Vec<(String, PathBuf, Vec<u8>)>,
    /// (output path, contents)
    static_files: Vec<(String, Vec<u8>)>,
}

impl ThemeParts {
    fn sort(files: Vec<ThemeFile>, theme_dir: &Path) -> Self {
        let mut parts = ThemeParts {
            templates: BTreeMap::new(),
            i18n: Vec::new(),
            static_files: Vec::new(),
        };
        for (rel, bytes) in files {
            if let Some(name) = rel.strip_prefix("templates/") {
                let shown = theme_dir.join(&rel);
                parts.templates.insert(name.to_string(), (shown, bytes));
            } else if let Some(name) = rel.strip_prefix("i18n/") {
                parts
                    .i18n
                    .push((name.to_string(), theme_dir.join(&rel), bytes));
            } else if let Some(name) = rel.strip_prefix("static/") {
                parts
                    .static_files
                    .push((crate::paths::static_file(name), bytes));
            }
        }
        parts
    }
}

/// The site's own folder of template overrides.
const SITE_TEMPLATES: &str = "templates";

/// The site's own `templates/`: each file replaces the theme's template of the same name.
fn site_templates(root: &Path, lang: Lang, templates: &mut Templates, errors: &mut Diagnostics) {
    let Ok(read) = std::fs::read_dir(root.join(SITE_TEMPLATES)) else {
        return;
    };
    for path in read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
    {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        match std::fs::read(&path) {
            Ok(bytes) => {
                templates.insert(name, (display_path(root, &path), bytes));
            }
            Err(e) => errors.push(
                Diagnostic::new(messages::cannot_read_template(lang, messages::io(lang, &e)))
                    .in_file(display_path(root, &path)),
            ),
        }
    }
}

/// Parses every template into `env`; returns where each came from, for error messages.
fn add_templates(
    env: &mut Environment<'static>,
    templates: Templates,
    lang: Lang,
    errors: &mut Diagnostics,
) -> HashMap<String, PathBuf> {
    let files: HashMap<String, PathBuf> = templates
        .iter()
        .map(|(n, (p, _))| (n.clone(), p.clone()))
        .collect();
    for (name, (shown, bytes)) in templates {
        match String::from_utf8(bytes) {
            Ok(source) => {
                if let Err(e) = env.add_template_owned(name, source) {
                    errors.push(template_diagnostic(&e, &files, lang));
                }
            }
            Err(_) => {
                errors.push(Diagnostic::new(messages::template_not_utf8(lang)).in_file(shown))
            }
        }
    }
    files
}

/// `i18n/<lang>.toml`, with `i18n/<part>.<lang>.toml` merged in under the key `<part>`.
fn load_strings(
    files: &[(String, PathBuf, Vec<u8>)],
    lang: &str,
    errors: &mut Diagnostics,
) -> toml::Table {
    let mut table = toml::Table::new();
    if !files
        .iter()
        .any(|(name, _, _)| *name == format!("{lang}.toml"))
    {
        errors.push(
            Diagnostic::new(messages::no_ui_strings(Lang::of(lang), lang))
                .in_file(CONFIG_FILE)
                .with_hint(messages::no_ui_strings_hint(Lang::of(lang))),
        );
        return table;
    }
    for (name, shown, bytes) in files {
        let Some(stem) = name.strip_suffix(".toml") else {
            continue;
        };
        let key = if stem == lang {
            None
        } else if let Some(part) = stem.strip_suffix(&format!(".{lang}")) {
            Some(part.to_string())
        } else {
            continue;
        };
        let source = String::from_utf8_lossy(bytes);
        match toml::from_str::<toml::Table>(&source) {
            Ok(t) => match key {
                None => table.extend(t),
                Some(k) => {
                    table.insert(k, toml::Value::Table(t));
                }
            },
            Err(e) => errors.push(crate::config::toml_diagnostic(&e, &source, shown)),
        }
    }
    table
}

fn template_diagnostic(
    e: &minijinja::Error,
    files: &HashMap<String, PathBuf>,
    lang: Lang,
) -> Diagnostic {
    if e.kind() == minijinja::ErrorKind::TemplateNotFound {
        return missing_template(e, files, lang);
    }
    let name = e.name().unwrap_or("template");
    let detail = e
        .detail()
        .map(str::to_string)
        .unwrap_or_else(|| e.kind().to_string());
    let mut d = Diagnostic::new(messages::template_error(lang, name, detail));
    // Also met while rendering, after the build has set the language of the others.
    d.lang = lang;
    d.file = Some(
        files
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(name)),
    );
    if let Some(line) = e.line() {
        d.line = line;
        d.column = 1;
        d.source_line = e
            .template_source()
            .and_then(|s| s.lines().nth(line - 1))
            .map(str::to_string);
    }
    d.with_hint(messages::template_error_hint(lang))
}

/// The first name in quotes of minijinja's message: `template "x.html" does not exist`,
/// `tried to include non-existing template 'x.html'`.
fn quoted_name(detail: &str) -> Option<&str> {
    let start = detail.find(['"', '\''])?;
    let quote = detail[start..].chars().next()?;
    let rest = &detail[start + 1..];
    rest.find(quote).map(|end| &rest[..end])
}

/// A template the pages (or an `include`/`extends`) need that the theme does not have: named,
/// at the line that asks for it or else at the theme's templates folder, with where it goes.
/// minijinja's own words ("template \"report.html\" does not exist") name no file.
fn missing_template(
    e: &minijinja::Error,
    files: &HashMap<String, PathBuf>,
    lang: Lang,
) -> Diagnostic {
    let detail = e.detail().unwrap_or_default();
    let missing = quoted_name(detail).unwrap_or(detail);
    // The theme's folder: where its own templates are, not the site's overrides.
    let folder = files
        .values()
        .filter(|p| !p.starts_with(SITE_TEMPLATES))
        .find_map(|p| p.parent())
        .map_or_else(|| PathBuf::from(SITE_TEMPLATES), Path::to_path_buf);
    let hint = messages::template_missing_hint(lang, missing, folder.display());
    let mut d = Diagnostic::new(messages::template_missing(lang, missing)).with_hint(hint);
    d.lang = lang;
    let asked_by = e.name().and_then(|n| files.get(n)).zip(e.line());
    match asked_by {
        Some((file, line)) => {
            d.file = Some(file.clone());
            (d.line, d.column) = (line, 1);
            d.source_line = e
                .template_source()
                .and_then(|s| s.lines().nth(line - 1))
                .map(str::to_string);
        }
        None => d.file = Some(folder),
    }
    d
}
