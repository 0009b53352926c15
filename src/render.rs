//! Render stage: the theme (templates built once, UI strings), the list of pages the site
//! has, and the context each page gets. Pages render in parallel straight into the sink.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use minijinja::value::Serde;
use minijinja::{Environment, Value};
use rayon::prelude::*;

use crate::config::{BaseUrl, Config, CONFIG_FILE};
use crate::diagnostics::{display_path, Diagnostic, Diagnostics};
use crate::markdown::{self, Rendered};
use crate::model::{EntryRef, PartialDate, Site, TimelineItem};
use crate::output::{OutputFile, Sink};
use crate::search::SearchDoc;

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
    let text = value.to_string();
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&text[last..i])
            .map_err(minijinja::Error::from)?;
        out.write_str(rep).map_err(minijinja::Error::from)?;
        last = i + 1;
    }
    out.write_str(&text[last..]).map_err(minijinja::Error::from)
}

/// The theme's files, relative to the theme folder: from `<root>/themes/<name>/` when that
/// exists, else the default theme built into the binary.
/// (path relative to the theme folder, contents)
type ThemeFile = (String, Vec<u8>);

fn theme_files(root: &Path, name: &str) -> Result<(Vec<ThemeFile>, PathBuf), Diagnostic> {
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
                    Diagnostic::new(format!("cannot read the theme file: {e}"))
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
    Err(Diagnostic::new(format!("the theme `{name}` does not exist"))
        .in_file(display_path(root, &dir))
        .with_hint("set `theme` in site.toml to a folder under themes/, or remove it to use the built-in default theme"))
}

/// Loads the theme and the site's own `templates/` overrides.
pub fn load_theme(root: &Path, config: &Config) -> Result<Theme, Diagnostics> {
    let (files, theme_dir) = theme_files(root, &config.theme)?;
    let mut errors = Diagnostics::default();
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
    // name -> (shown path, source); the site's templates/ override the theme's by name.
    let mut templates: BTreeMap<String, (PathBuf, Vec<u8>)> = BTreeMap::new();
    let mut i18n: Vec<(String, PathBuf, Vec<u8>)> = Vec::new();
    let mut static_files = Vec::new();
    for (rel, bytes) in files {
        if let Some(name) = rel.strip_prefix("templates/") {
            templates.insert(name.to_string(), (theme_dir.join(&rel), bytes));
        } else if let Some(name) = rel.strip_prefix("i18n/") {
            i18n.push((name.to_string(), theme_dir.join(&rel), bytes));
        } else if let Some(name) = rel.strip_prefix("static/") {
            static_files.push((format!("static/{name}"), bytes));
        }
    }
    if let Ok(read) = std::fs::read_dir(root.join("templates")) {
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
                    Diagnostic::new(format!("cannot read the template: {e}"))
                        .in_file(display_path(root, &path)),
                ),
            }
        }
    }
    let files: HashMap<String, PathBuf> = templates
        .iter()
        .map(|(n, (p, _))| (n.clone(), p.clone()))
        .collect();
    for (name, (shown, bytes)) in templates {
        match String::from_utf8(bytes) {
            Ok(source) => {
                if let Err(e) = env.add_template_owned(name, source) {
                    errors.push(template_diagnostic(&e, &files));
                }
            }
            Err(_) => errors.push(Diagnostic::new("the template is not UTF-8 text").in_file(shown)),
        }
    }
    let strings = load_strings(&i18n, &config.language, &mut errors);
    let static_dirs = if root.join("static").is_dir() {
        vec![root.join("static")]
    } else {
        vec![]
    };
    errors.into_result(Theme {
        env,
        files,
        strings,
        static_files,
        static_dirs,
    })
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
            Diagnostic::new(format!("the theme has no UI strings for the language `{lang}`"))
                .in_file(CONFIG_FILE)
                .with_hint("set `language` in site.toml to \"sv\" or \"en\", or add i18n/<language>.toml to the theme"),
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

fn template_diagnostic(e: &minijinja::Error, files: &HashMap<String, PathBuf>) -> Diagnostic {
    let name = e.name().unwrap_or("template");
    let mut d = Diagnostic::new(format!(
        "template error in {name}: {}",
        e.detail()
            .map(str::to_string)
            .unwrap_or_else(|| e.kind().to_string())
    ));
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
    d.with_hint(
        "fix the template syntax; minijinja follows Jinja2 ({{ value }}, {% if %} … {% endif %})",
    )
}

/// What one build renders.
pub struct Input<'a> {
    pub root: &'a Path,
    pub config: &'a Config,
    pub base: &'a BaseUrl,
    pub theme: &'a Theme,
    pub site: &'a Site,
    /// Files under content/ that are not Markdown, copied to the same place.
    pub assets: &'a [PathBuf],
}

/// Counts for the summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub pages: usize,
    pub files: usize,
}

/// One page to produce.
struct Page {
    path: String,
    template: &'static str,
    context: Value,
    /// The URL without base, for sitemap and feed.
    url: String,
    /// The report (and entry) this page shows, for incremental updates.
    report: Option<usize>,
    entry: Option<(usize, usize)>,
}

/// Markdown rendered once per report and entry, shared by every page that shows it.
struct Html {
    /// Each report body, split at the areas marker: (before, HTML after).
    report: Vec<(Rendered, String)>,
    entry: Vec<Vec<(Rendered, Rendered)>>,
}

/// A template map from (key, value) pairs.
fn map<'a>(pairs: impl IntoIterator<Item = (&'a str, Value)>) -> Value {
    Value::from(
        pairs
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect::<BTreeMap<String, Value>>(),
    )
}

fn s(x: impl Into<String>) -> Value {
    Value::from(x.into())
}

/// Everything a build renders, kept so that `update_entries` can re-render a few pages.
pub struct Prepared {
    pages: Vec<Page>,
    /// Generated files (sitemap, feed, site.json, search index, theme assets).
    extra: Vec<OutputFile>,
    /// Files copied from disk: (from, to).
    copies: Vec<(PathBuf, String)>,
    /// Index into `pages` of each report's page and each entry's page.
    report_pages: Vec<usize>,
    entry_pages: Vec<Vec<usize>>,
    report_values: Vec<Value>,
    entry_values: Vec<Vec<Value>>,
    docs: Vec<SearchDoc>,
    /// Index into `docs` of each entry's document.
    entry_docs: Vec<Vec<usize>>,
    /// Per-document search work, reused when only a few documents change.
    search: crate::search::IndexCache,
    unsafe_html: bool,
    backref: String,
    footnotes: String,
}

/// Lists every page with its context and produces the generated files.
pub fn prepare(input: &Input) -> Result<Prepared, Diagnostics> {
    let Input {
        config,
        base,
        theme,
        site,
        root,
        ..
    } = *input;
    let t = &theme.strings;
    let str_of = |key: &str| {
        t.get(key)
            .and_then(|v| v.as_str())
            .unwrap_or(key)
            .to_string()
    };
    let backref = str_of("footnote_back");
    let footnotes = str_of("footnotes");
    let settings = markdown::Settings {
        id_prefix: "",
        unsafe_html: config.unsafe_html,
        backref_label: &backref,
        footnotes_label: &footnotes,
        reserved_ids: &[],
    };
    let md = |src: &str, prefix: &str| {
        markdown::render(
            src,
            markdown::Settings {
                id_prefix: prefix,
                ..settings
            },
        )
    };
    // Ids inside an area's text start with "<area>--": slugs never hold "--", so they cannot
    // meet the report's own heading ids, which only need to avoid the area anchors.
    let mut html = Html {
        report: site
            .reports
            .par_iter()
            .map(|r| {
                let anchors: Vec<String> = r.entries.iter().map(|e| e.area.clone()).collect();
                markdown::render_split(
                    &r.body,
                    markdown::Settings {
                        reserved_ids: &anchors,
                        ..settings
                    },
                )
            })
            .collect(),
        entry: site
            .reports
            .par_iter()
            .map(|r| {
                r.entries
                    .iter()
                    .map(|e| {
                        let prefix = format!("{}--", e.area);
                        (
                            md(
                                e.direction.as_deref().unwrap_or(""),
                                &format!("{prefix}inriktning-"),
                            ),
                            md(&e.body, &prefix),
                        )
                    })
                    .collect()
            })
            .collect(),
    };

    let months: Vec<String> = t
        .get("months")
        .and_then(|m| m.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let date_text = |d: &PartialDate| -> String {
        let month = |m: u8| {
            months
                .get(m as usize - 1)
                .cloned()
                .unwrap_or_else(|| format!("{m:02}"))
        };
        match (d.month, d.day) {
            (Some(m), Some(day)) => format!("{day} {} {}", month(m), d.year),
            (Some(m), None) => format!("{} {}", month(m), d.year),
            _ => d.year.to_string(),
        }
    };
    let kind_label = |kind: &str| -> String {
        t.get("kinds")
            .and_then(|k| k.get(kind))
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .unwrap_or_else(|| kind.to_string())
    };
    let area_name = |id: &str| {
        site.areas
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let area_by_id: HashMap<&str, usize> = site
        .areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();

    // Report and entry values, built once.
    let link = |r: &EntryRef| -> Value {
        let rep = &site.reports[r.report];
        let e = &rep.entries[r.entry];
        map([
            ("url", s(&e.url)),
            ("title", s(&e.title)),
            ("year", Value::from(rep.year)),
            ("report_title", s(&rep.title)),
            ("report_url", s(&rep.url)),
            ("area", s(&e.area)),
        ])
    };
    crate::timing::lap("markdown rendered");
    // The rendered HTML moves into the template values (the search docs need only the
    // sections): a copy of every page's HTML would double the build's memory.
    let entry_values: Vec<Vec<Value>> = site
        .reports
        .par_iter()
        .zip(html.entry.par_iter_mut())
        .map(|(r, rendered)| {
            r.entries
                .iter()
                .zip(rendered.iter_mut())
                .map(|(e, (dir, body))| {
                    map([
                        ("area", s(&e.area)),
                        ("area_name", s(area_name(&e.area))),
                        ("area_url", s(format!("omraden/{}/", e.area))),
                        ("title", s(&e.title)),
                        ("url", s(&e.url)),
                        ("anchor", s(&e.area)),
                        (
                            "direction_html",
                            if e.direction.is_some() {
                                Value::from_safe_string(std::mem::take(&mut dir.html))
                            } else {
                                Value::from(())
                            },
                        ),
                        (
                            "html",
                            Value::from_safe_string(std::mem::take(&mut body.html)),
                        ),
                        (
                            "previous",
                            e.previous.iter().map(link).collect::<Vec<_>>().into(),
                        ),
                        ("next", e.next.iter().map(link).collect::<Vec<_>>().into()),
                    ])
                })
                .collect()
        })
        .collect();
    let report_values: Vec<Value> =
        site.reports
            .iter()
            .enumerate()
            .map(|(ri, r)| {
                map([
                    ("title", s(&r.title)),
                    ("url", s(&r.url)),
                    ("year", Value::from(r.year)),
                    ("slug", s(&r.slug)),
                    ("kind", s(&r.kind)),
                    ("kind_label", s(kind_label(&r.kind))),
                    ("date", s(r.date.iso())),
                    ("date_text", s(date_text(&r.date))),
                    ("committee", s(&r.committee)),
                    (
                        "organisation",
                        Value::from(r.organisation.clone().or_else(|| {
                            Some(config.organisation.clone()).filter(|o| !o.is_empty())
                        })),
                    ),
                    ("decision", Value::from(r.decision.clone())),
                    ("diary_number", Value::from(r.diary_number.clone())),
                    ("source", Value::from(r.source.clone())),
                    (
                        "source_is_url",
                        Value::from(r.source.as_deref().is_some_and(|s| {
                            s.starts_with("http://") || s.starts_with("https://")
                        })),
                    ),
                    ("next_follow_up", Value::from(r.next_follow_up.clone())),
                    ("signatories", Value::from(Serde(&r.signatories))),
                    ("draft", Value::from(r.draft)),
                    (
                        "html",
                        Value::from_safe_string(html.report[ri].0.html.clone()),
                    ),
                    (
                        "html_after",
                        Value::from_safe_string(html.report[ri].1.clone()),
                    ),
                    ("entries", Value::from(entry_values[ri].clone())),
                ])
            })
            .collect();
    let years: Vec<Value> = site
        .years
        .iter()
        .map(|y| {
            map([
                ("year", Value::from(y.year)),
                ("url", s(&y.url)),
                (
                    "reports",
                    y.reports
                        .iter()
                        .map(|&i| report_values[i].clone())
                        .collect::<Vec<_>>()
                        .into(),
                ),
            ])
        })
        .collect();
    let area_values: Vec<Value> = site
        .areas
        .iter()
        .map(|a| {
            let names = |ids: &[String]| -> Value {
                ids.iter()
                    .map(|id| {
                        map([
                            ("id", s(id)),
                            ("name", s(area_name(id))),
                            ("url", s(format!("omraden/{id}/"))),
                        ])
                    })
                    .collect::<Vec<_>>()
                    .into()
            };
            let timeline: Vec<Value> = a
                .timeline
                .iter()
                .map(|item| match item {
                    TimelineItem::Entry { entry, area } => {
                        let rep = &site.reports[entry.report];
                        map([
                            ("type", s("entry")),
                            ("area", s(area)),
                            ("area_name", s(area_name(area))),
                            ("year", Value::from(rep.year)),
                            ("report", report_values[entry.report].clone()),
                            ("entry", entry_values[entry.report][entry.entry].clone()),
                        ])
                    }
                    TimelineItem::Change {
                        kind,
                        area,
                        from,
                        siblings,
                    } => map([
                        ("type", s("change")),
                        ("kind", Value::from(Serde(kind))),
                        ("area", s(area)),
                        ("area_name", s(area_name(area))),
                        ("area_url", s(format!("omraden/{area}/"))),
                        ("from", names(from)),
                        ("siblings", names(siblings)),
                    ]),
                })
                .collect();
            let latest = a
                .entries
                .last()
                .map(|r| entry_values[r.report][r.entry].clone());
            map([
                ("id", s(&a.id)),
                ("name", s(&a.name)),
                ("description", s(&a.description)),
                ("url", s(&a.url)),
                ("continues", names(&a.continues)),
                ("continued_by", names(&a.continued_by)),
                ("entry_count", Value::from(a.entries.len())),
                (
                    "years",
                    a.entries
                        .iter()
                        .map(|r| site.reports[r.report].year)
                        .collect::<std::collections::BTreeSet<_>>()
                        .into_iter()
                        .collect::<Vec<_>>()
                        .into(),
                ),
                ("latest", Value::from(latest)),
                ("timeline", timeline.into()),
            ])
        })
        .collect();

    let site_value = map([
        ("title", s(&config.title)),
        ("language", s(&config.language)),
        ("organisation", s(&config.organisation)),
        ("description", s(&config.description)),
        ("accessibility", Value::from(Serde(&config.accessibility))),
        ("feed", Value::from(config.feed.enabled)),
        ("committees", Value::from(Serde(&site.committees))),
        ("years", years.clone().into()),
    ]);
    let strings_value = Value::from(Serde(t));
    let crumb = |title: &str, url: &str| map([("title", s(title)), ("url", s(url))]);
    let home = crumb(&str_of("home"), "");
    let base_ctx =
        |page_title: &str, url: &str, crumbs: Vec<Value>| -> Vec<(&'static str, Value)> {
            vec![
                ("site", site_value.clone()),
                ("base_url", s(&base.path)),
                ("absolute_base", s(base.absolute(""))),
                ("lang", s(&config.language)),
                ("t", strings_value.clone()),
                (
                    "page",
                    map([
                        ("title", s(page_title)),
                        ("url", s(url)),
                        ("breadcrumbs", Value::from(crumbs)),
                    ]),
                ),
            ]
        };
    let page = |path: String,
                template: &'static str,
                url: &str,
                title: &str,
                crumbs: Vec<Value>,
                extra: Vec<(&'static str, Value)>| Page {
        path,
        template,
        url: url.to_string(),
        context: map(base_ctx(title, url, crumbs).into_iter().chain(extra)),
        report: None,
        entry: None,
    };

    crate::timing::lap("template values built");
    let mut pages: Vec<Page> = Vec::new();
    // The newest follow-up with areas leads the home page; a memo alone does not.
    let latest = site
        .reports
        .iter()
        .rposition(|r| !r.entries.is_empty())
        .or(site.reports.len().checked_sub(1));
    pages.push(page(
        "index.html".into(),
        "index.html",
        "",
        &config.title,
        vec![],
        vec![
            (
                "latest",
                Value::from(latest.map(|i| report_values[i].clone())),
            ),
            ("years", years.clone().into()),
            ("areas", area_values.clone().into()),
        ],
    ));
    for (y, yv) in site.years.iter().zip(&years) {
        let title = format!("{} {}", str_of("year_title"), y.year);
        pages.push(page(
            format!("{}index.html", y.url),
            "year.html",
            &y.url,
            &title,
            vec![home.clone()],
            vec![("year", yv.clone())],
        ));
    }
    for (ri, r) in site.reports.iter().enumerate() {
        let year_crumb = crumb(&r.year.to_string(), &format!("{}/", r.year));
        pages.push(page(
            format!("{}index.html", r.url),
            "report.html",
            &r.url,
            &r.title,
            vec![home.clone(), year_crumb.clone()],
            vec![("report", report_values[ri].clone())],
        ));
        pages.last_mut().expect("just pushed").report = Some(ri);
        for (ei, e) in r.entries.iter().enumerate() {
            let area = area_by_id
                .get(e.area.as_str())
                .map(|&i| area_values[i].clone());
            pages.push(page(
                format!("{}index.html", e.url),
                "entry.html",
                &e.url,
                &e.title,
                vec![home.clone(), year_crumb.clone(), crumb(&r.title, &r.url)],
                vec![
                    ("report", report_values[ri].clone()),
                    ("entry", entry_values[ri][ei].clone()),
                    ("area", Value::from(area)),
                    (
                        "prev_in_report",
                        Value::from(ei.checked_sub(1).map(|i| entry_values[ri][i].clone())),
                    ),
                    (
                        "next_in_report",
                        Value::from(entry_values[ri].get(ei + 1).cloned()),
                    ),
                ],
            ));
            pages.last_mut().expect("just pushed").entry = Some((ri, ei));
        }
    }
    let areas_title = str_of("areas_title");
    pages.push(page(
        "omraden/index.html".into(),
        "areas.html",
        "omraden/",
        &areas_title,
        vec![home.clone()],
        vec![("areas", area_values.clone().into())],
    ));
    for (a, av) in site.areas.iter().zip(&area_values) {
        pages.push(page(
            format!("{}index.html", a.url),
            "area.html",
            &a.url,
            &a.name,
            vec![home.clone(), crumb(&areas_title, "omraden/")],
            vec![("area", av.clone())],
        ));
    }
    pages.push(page(
        "sok/index.html".into(),
        "search.html",
        "sok/",
        &str_of("search_title"),
        vec![home.clone()],
        vec![],
    ));
    pages.push(page(
        "tillganglighet/index.html".into(),
        "accessibility.html",
        "tillganglighet/",
        &str_of("a11y_title"),
        vec![home.clone()],
        vec![],
    ));
    pages.push(page(
        "404.html".into(),
        "404.html",
        "404.html",
        &str_of("not_found_title"),
        vec![home.clone()],
        vec![],
    ));

    // Everything that is not a template page.
    let mut extra: Vec<OutputFile> = vec![
        OutputFile::new("sitemap.xml", sitemap(base, &pages, site)),
    ];
    if config.feed.enabled {
        extra.push(OutputFile::new(
            "atom.xml",
            atom(config, base, site, &date_text),
        ));
    }
    crate::timing::lap("pages listed, sitemap, feed, json");
    let (docs, entry_docs) = search_docs(site, &html, &kind_label, &area_name);
    let mut search = crate::search::IndexCache::new();
    extra.extend(search.build(&docs));
    for (path, bytes) in &theme.static_files {
        extra.push(OutputFile::new(path.clone(), bytes.clone()));
    }
    let mut copies: Vec<(PathBuf, String)> = Vec::new();
    for dir in &theme.static_dirs {
        for entry in ignore::WalkBuilder::new(dir).hidden(true).build().flatten() {
            if entry.file_type().is_some_and(|t| t.is_file()) {
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                copies.push((
                    entry.path().to_path_buf(),
                    format!("static/{}", to_url_path(rel)),
                ));
            }
        }
    }
    let content_dir = root.join(crate::content::CONTENT_DIR);
    for asset in input.assets {
        copies.push((content_dir.join(asset), to_url_path(asset)));
    }

    // Two things at one URL is an error, named with both sources.
    let mut errors = Diagnostics::default();
    let mut owners: HashMap<&str, String> = HashMap::new();
    let all = pages
        .iter()
        .map(|p| (p.path.as_str(), format!("the page {}", p.path)))
        .chain(
            extra
                .iter()
                .map(|f| f.path.as_str())
                .chain([crate::build::SITE_JSON])
                .map(|path| (path, format!("the generated file {path}"))),
        )
        .chain(
            copies
                .iter()
                .map(|(from, to)| (to.as_str(), display_path(root, from).display().to_string())),
        );
    for (path, owner) in all {
        if let Some(first) = owners.insert(path, owner.clone()) {
            errors.push(
                Diagnostic::new(format!(
                    "two files want the URL /{path}: {first} and {owner}"
                ))
                .in_file(owner)
                .with_hint("rename one of them (report folders and area ids become URLs)"),
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    crate::timing::lap("search index built");
    let mut report_pages = Vec::with_capacity(site.reports.len());
    let mut entry_pages: Vec<Vec<usize>> = site
        .reports
        .iter()
        .map(|r| Vec::with_capacity(r.entries.len()))
        .collect();
    for (i, p) in pages.iter().enumerate() {
        if let Some((ri, ei)) = p.entry {
            entry_pages[ri].push(i);
            debug_assert_eq!(entry_pages[ri].len(), ei + 1);
        } else if let Some(ri) = p.report {
            report_pages.push(i);
            debug_assert_eq!(report_pages.len(), ri + 1);
        }
    }
    Ok(Prepared {
        pages,
        extra,
        copies,
        report_pages,
        entry_pages,
        report_values,
        entry_values,
        docs,
        entry_docs,
        search,
        unsafe_html: config.unsafe_html,
        backref,
        footnotes,
    })
}

/// A new body (the Markdown below the front matter) for an existing entry.
pub struct BodyChange {
    pub report: usize,
    pub entry: usize,
    pub body: String,
}

impl Prepared {
    /// Re-renders what shows the changed bodies and returns those files. This is sound because
    /// a body is shown only on its entry page and (for print) its report page, is searched,
    /// and is in site.json; everything other pages show — titles, directions, lineage, dates
    /// — comes from front matter, which the caller checked is unchanged. `site` already holds
    /// the new bodies.
    pub fn update_entries(
        &mut self,
        theme: &Theme,
        site: &Site,
        changes: &[BodyChange],
    ) -> Result<Vec<OutputFile>, Diagnostics> {
        let mut touched: Vec<usize> = Vec::new();
        for c in changes {
            let prefix = format!("{}--", site.reports[c.report].entries[c.entry].area);
            let body = markdown::render(
                &c.body,
                markdown::Settings {
                    id_prefix: &prefix,
                    unsafe_html: self.unsafe_html,
                    backref_label: &self.backref,
                    footnotes_label: &self.footnotes,
                    reserved_ids: &[],
                },
            );
            let value = &mut self.entry_values[c.report][c.entry];
            *value = with_keys(
                value,
                [("html", Value::from_safe_string(body.html))],
            );
            self.docs[self.entry_docs[c.report][c.entry]].sections = body.sections;
            touched.push(self.entry_pages[c.report][c.entry]);
            if !touched.contains(&self.report_pages[c.report]) {
                touched.push(self.report_pages[c.report]);
            }
        }
        for &i in &touched {
            let page = &self.pages[i];
            let (ri, entry) = match (page.entry, page.report) {
                (Some((ri, ei)), _) => (ri, Some(ei)),
                (None, Some(ri)) => (ri, None),
                (None, None) => continue,
            };
            let report = with_keys(
                &self.report_values[ri],
                [("entries", Value::from(self.entry_values[ri].clone()))],
            );
            self.report_values[ri] = report.clone();
            let mut replace = vec![("report", report)];
            if let Some(ei) = entry {
                replace.push(("entry", self.entry_values[ri][ei].clone()));
            }
            self.pages[i].context = with_keys(&self.pages[i].context, replace);
        }
        crate::timing::lap("update: markdown and contexts");
        // The generated files that depend on bodies: the search index and site.json. `extra`
        // keeps the first build's copies: a Session writes a Prepared in full only once, so
        // refreshing them would copy tens of megabytes for nothing.
        let generated = self.search.build(&self.docs);
        crate::timing::lap("update: search index");

        let sink = Sink::Memory(Default::default());
        let mut errors = Diagnostics::default();
        for &i in &touched {
            let p = &self.pages[i];
            let rendered = theme
                .env
                .get_template(p.template)
                .and_then(|t| t.render(&p.context))
                .map_err(|e| template_diagnostic(&e, &theme.files));
            match rendered {
                Ok(html) => {
                    let _ = sink.put(OutputFile::new(p.path.clone(), html));
                }
                Err(d) => errors.push(d),
            }
        }
        crate::timing::lap("update: pages rendered");
        let Sink::Memory(files) = sink else {
            unreachable!("a memory sink")
        };
        let mut files = files.into_inner().unwrap_or_default();
        files.extend(generated);
        errors.into_result(files)
    }
}

/// A copy of the map `value` with some keys replaced.
fn with_keys<'a>(value: &Value, replace: impl IntoIterator<Item = (&'a str, Value)>) -> Value {
    let mut out: BTreeMap<String, Value> = BTreeMap::new();
    if let Ok(keys) = value.try_iter() {
        for key in keys {
            if let (Some(k), Ok(v)) = (key.as_str(), value.get_item(&key)) {
                out.insert(k.to_string(), v);
            }
        }
    }
    for (k, v) in replace {
        out.insert(k.to_string(), v);
    }
    Value::from(out)
}

/// Renders every page of `prepared` and writes it, the generated files and the copies.
pub fn write(prepared: &Prepared, theme: &Theme, sink: &Sink) -> Result<Counts, Diagnostics> {
    let Prepared {
        pages,
        extra,
        copies,
        ..
    } = prepared;
    let mut errors = Diagnostics::default();
    let results: Vec<Result<(), Diagnostic>> = pages
        .par_iter()
        .map(|p| {
            let tmpl = theme
                .env
                .get_template(p.template)
                .map_err(|e| template_diagnostic(&e, &theme.files))?;
            let html = tmpl
                .render(&p.context)
                .map_err(|e| template_diagnostic(&e, &theme.files))?;
            sink.put(OutputFile::new(p.path.clone(), html))
                .map_err(|e| write_error(&p.path, e))
        })
        .chain(
            extra
                .par_iter()
                .map(|f| sink.put(f.clone()).map_err(|e| write_error(&f.path, e))),
        )
        .chain(
            copies
                .par_iter()
                .map(|(from, to)| sink.copy(from, to).map_err(|e| write_error(to, e))),
        )
        .collect();
    let files = results.len();
    for r in results {
        if let Err(d) = r {
            // A broken template fails every page that uses it: report it once.
            if !errors.0.contains(&d) {
                errors.push(d);
            }
        }
    }
    errors.into_result(Counts {
        pages: pages.len(),
        files,
    })
}

pub(crate) fn write_error(path: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::new(format!("cannot write {path}: {e}"))
        .with_hint("check that the output folder is writable and the disk has space")
}

fn to_url_path(p: &Path) -> String {
    p.iter()
        .map(|c| c.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// One search document per entry and per report, and where each entry's document is.
fn search_docs(
    site: &Site,
    html: &Html,
    kind_label: &dyn Fn(&str) -> String,
    area_name: &dyn Fn(&str) -> String,
) -> (Vec<SearchDoc>, Vec<Vec<usize>>) {
    let mut docs = Vec::new();
    let mut entry_docs = Vec::with_capacity(site.reports.len());
    for (ri, r) in site.reports.iter().enumerate() {
        let report_doc = |sections| SearchDoc {
            url: r.url.clone(),
            title: r.title.clone(),
            year: r.year.to_string(),
            report_title: r.title.clone(),
            report_kind: r.kind.clone(),
            report_kind_label: kind_label(&r.kind),
            area_id: None,
            area_name: None,
            direction: String::new(),
            sections,
        };
        let mut indexes = Vec::with_capacity(r.entries.len());
        for (ei, e) in r.entries.iter().enumerate() {
            let (dir, body) = &html.entry[ri][ei];
            indexes.push(docs.len());
            docs.push(SearchDoc {
                url: e.url.clone(),
                title: e.title.clone(),
                area_id: Some(e.area.clone()),
                area_name: Some(area_name(&e.area)),
                direction: dir.plain_text(),
                ..report_doc(body.sections.clone())
            });
        }
        entry_docs.push(indexes);
        docs.push(report_doc(html.report[ri].0.sections.clone()));
    }
    (docs, entry_docs)
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn sitemap(base: &BaseUrl, pages: &[Page], site: &Site) -> String {
    let dates: BTreeMap<&str, String> = site
        .reports
        .iter()
        .flat_map(|r| {
            std::iter::once(r.url.as_str())
                .chain(r.entries.iter().map(|e| e.url.as_str()))
                .map(move |u| (u, r.date.rfc3339()))
        })
        .collect();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for p in pages.iter().filter(|p| p.path != "404.html") {
        out.push_str(&format!(
            "  <url><loc>{}</loc>",
            xml_escape(&base.absolute(&p.url))
        ));
        if let Some(d) = dates.get(p.url.as_str()) {
            out.push_str(&format!("<lastmod>{}</lastmod>", &d[..10]));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

fn atom(
    config: &Config,
    base: &BaseUrl,
    site: &Site,
    date_text: &dyn Fn(&PartialDate) -> String,
) -> String {
    let mut reports: Vec<&crate::model::Report> = site.reports.iter().collect();
    reports.reverse();
    reports.truncate(config.feed.limit);
    let updated = reports
        .iter()
        .map(|r| r.date)
        .max()
        .map(|d| d.rfc3339())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}\"/>\n  <updated>{updated}</updated>\n",
        xml_escape(&config.language),
        xml_escape(&config.title),
        xml_escape(&base.absolute("")),
        xml_escape(&base.absolute("")),
        xml_escape(&base.absolute("atom.xml")),
    );
    if !config.organisation.is_empty() {
        out.push_str(&format!(
            "  <author><name>{}</name></author>\n",
            xml_escape(&config.organisation)
        ));
    } else {
        out.push_str(&format!(
            "  <author><name>{}</name></author>\n",
            xml_escape(&config.title)
        ));
    }
    for r in reports {
        let url = base.absolute(&r.url);
        let areas: Vec<&str> = r.entries.iter().map(|e| e.title.as_str()).collect();
        let summary = format!(
            "{}, {}. {}",
            r.committee,
            date_text(&r.date),
            areas.join(" · ")
        );
        out.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}</updated>\n    <summary>{}</summary>\n  </entry>\n",
            xml_escape(&r.title),
            xml_escape(&url),
            xml_escape(&url),
            r.date.rfc3339(),
            xml_escape(summary.trim_end_matches(". ")),
        ));
    }
    out.push_str("</feed>\n");
    out
}
