//! Local links and images in Markdown. They are written relative to the Markdown file, as an
//! editor's preview shows them (`bild.png` beside the entry, `bilagor/plan.pdf`,
//! `../../2025/delarsbokslut/_index.md`), or from the site's root (`/omraden/`). Each is
//! rewritten to the site's path under base_url, so that it works the same on the report page,
//! on the entry pages (one folder deeper) and under a sub-path; a link to a file that is not
//! there is an error.

use std::collections::{HashMap, HashSet};

use crate::diagnostics::Diagnostic;
use crate::messages::{self, Lang};

/// What local links of one Markdown file resolve against.
#[derive(Debug, Clone, Copy)]
pub struct Links<'a> {
    /// The site's base path: "/" or "/uppfoljning/".
    pub base: &'a str,
    /// The Markdown file's folder as a site path: "2026/april/".
    pub dir: &'a str,
    /// The files copied from content/, as site paths: "2026/april/bild.png".
    pub files: &'a HashSet<String>,
    /// The page of each Markdown file of the build and the prefix of the ids in its text:
    /// "2026/april/03-franvaro.md" → ("2026/april/elever-med-hog-franvaro/",
    /// "elever-med-hog-franvaro--").
    pub pages: &'a HashMap<String, (String, String)>,
    /// The language of the errors about them.
    pub lang: Lang,
}

/// What the local links of a whole build resolve against; `at` gives one file's `Links`.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    pub base: String,
    pub files: HashSet<String>,
    pub pages: HashMap<String, (String, String)>,
    pub lang: Lang,
}

impl Targets {
    /// The links of a Markdown file in the folder `dir` ("2026/april/").
    pub fn at<'a>(&'a self, dir: &'a str) -> Links<'a> {
        Links {
            base: &self.base,
            dir,
            files: &self.files,
            pages: &self.pages,
            lang: self.lang,
        }
    }
}

impl Links<'_> {
    /// The URL to write for `url`: Ok(None) when it is not local (a scheme, `//host`, only a
    /// `#fragment`), Ok(Some(href)) for a local one that is there, Err((message, hint)) for a
    /// local one that is not.
    pub fn resolve(&self, url: &str) -> Result<Option<String>, (String, String)> {
        let url = url.trim();
        if url.is_empty() || url.starts_with('#') || url.starts_with("//") || has_scheme(url) {
            return Ok(None);
        }
        let split = url.find(['?', '#']).unwrap_or(url.len());
        let (path, suffix) = url.split_at(split);
        if path.is_empty() {
            return Ok(None);
        }
        let Some(target) = self.site_path(path) else {
            return Err((
                messages::link_outside(self.lang, url),
                messages::link_outside_hint(self.lang),
            ));
        };
        if target.ends_with(".md") {
            return match self.pages.get(&target) {
                // `03-franvaro.md#insatser`: the heading's id on the page has the file's prefix.
                Some((page, ids)) => Ok(Some(match suffix.split_once('#') {
                    Some((query, id)) if !id.is_empty() => {
                        format!("{}{page}{query}#{ids}{id}", self.base)
                    }
                    _ => format!("{}{page}{suffix}", self.base),
                })),
                None => Err((
                    messages::link_not_a_page(self.lang, url, &target),
                    messages::link_not_a_page_hint(self.lang),
                )),
            };
        }
        let href = format!("{}{}{suffix}", self.base, encode(&target));
        let name = target.rsplit('/').next().unwrap_or("");
        let page_like = name.is_empty() || !name.contains('.') || name.ends_with(".html");
        // Files the build makes itself (theme assets, feeds, the search index, the open data)
        // are rewritten but not checked here.
        let generated = crate::paths::is_generated(&target);
        if self.files.contains(&target) || page_like || generated {
            return Ok(Some(href));
        }
        Err((
            messages::link_missing(self.lang, url, &target),
            self.missing_hint(&target),
        ))
    }

    /// The URL of `name` (relative to the Markdown file) when it is a file that is there.
    pub fn file_href(&self, name: &str) -> Option<String> {
        if has_scheme(name) || name.starts_with("//") {
            return None;
        }
        let target = self.site_path(name)?;
        self.files
            .contains(&target)
            .then(|| format!("{}{}", self.base, encode(&target)))
    }

    /// `path` (percent-encoded, relative to `dir` or from the root) as a decoded site path;
    /// None when `..` climbs above the root.
    fn site_path(&self, path: &str) -> Option<String> {
        let (start, rest) = match path.strip_prefix('/') {
            Some(rest) => ("", rest),
            None => (self.dir, path),
        };
        let mut parts: Vec<String> = start
            .split('/')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        let mut folder = false;
        for seg in rest.split('/') {
            folder = matches!(seg, "" | "." | "..");
            match seg {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                // Composed, as the files' site paths are (`render::to_url_path`).
                s => parts.push(crate::paths::composed(&decode(s))),
            }
        }
        let mut out = parts.join("/");
        if folder && !out.is_empty() {
            out.push('/');
        }
        Some(out)
    }

    /// Did you mean a file of the same folder (a wrong case or extension is the usual slip)?
    fn missing_hint(&self, target: &str) -> String {
        let (folder, name) = target.rsplit_once('/').unwrap_or(("", target));
        let prefix = if folder.is_empty() {
            String::new()
        } else {
            format!("{folder}/")
        };
        let siblings = self.files.iter().filter_map(|f| {
            f.strip_prefix(&prefix)
                .filter(|n| !n.contains('/'))
                .map(|n| n.to_string())
        });
        let siblings: Vec<String> = siblings.collect();
        let lower = name.to_lowercase();
        let close = siblings
            .iter()
            .find(|s| s.to_lowercase() == lower)
            .cloned()
            .or_else(|| {
                crate::diagnostics::did_you_mean(
                    self.lang,
                    name,
                    siblings.iter().map(String::as_str),
                )
                .and_then(|d| Some(d.split('`').nth(1)?.to_string()))
            });
        match close {
            Some(c) => messages::link_did_you_mean(self.lang, c),
            None => messages::link_missing_hint(self.lang, prefix),
        }
    }
}

/// `mailto:`, `https:`, `tel:`…: a scheme (RFC 3986) ends before the first `/`, `?` or `#`.
fn has_scheme(url: &str) -> bool {
    let Some(colon) = url.find(':') else {
        return false;
    };
    let scheme = &url[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `%C3%A5` → `å`; invalid sequences stay as written.
fn decode(seg: &str) -> String {
    let b = seg.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| seg.to_string())
}

/// A site path as a URL path: every byte outside the characters a path may hold as they are
/// (RFC 3986) is percent-encoded: spaces, `#`, `?`, `%`, non-ASCII letters.
fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&()*+,;=:@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A link or image to a local file that is not there, at a line and column of the Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// 1-based, in the Markdown that was rendered.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub line_text: String,
    pub message: String,
    pub hint: String,
}

impl BrokenLink {
    /// At comrak's source position (line, byte column) of `source`.
    pub fn at(source: &str, line: usize, column: usize, message: String, hint: String) -> Self {
        let text = source.lines().nth(line.saturating_sub(1)).unwrap_or("");
        let mut byte = column.saturating_sub(1).min(text.len());
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        BrokenLink {
            line,
            column: text[..byte].chars().count() + 1,
            line_text: text.trim_end_matches('\r').to_string(),
            message,
            hint,
        }
    }

    /// The error, in `file` whose Markdown starts at `start`: a line, and the characters
    /// before it on that line (a direction's text can start after `direction = "`).
    pub fn diagnostic(&self, file: &str, start: (usize, usize)) -> Diagnostic {
        let shifted = self.line == 1 && start.1 > 0;
        let mut d = Diagnostic::new(&self.message)
            .in_file(file)
            .at_line_col(
                start.0 + self.line - 1,
                self.column + if shifted { start.1 } else { 0 },
            )
            .with_hint(&self.hint);
        // The snippet is the file's line only where the Markdown's line is all of it.
        if !shifted {
            d.source_line = Some(self.line_text.clone());
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with<T>(f: impl FnOnce(Links) -> T) -> T {
        let files: HashSet<String> = [
            "2026/april/bild.png",
            "2026/april/bilagor/plan ett.pdf",
            "2026/april/Rapport.pdf",
            "2025/delarsbokslut/diagram.svg",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        let pages: HashMap<String, (String, String)> = [
            ("2026/april/_index.md", "2026/april/", ""),
            (
                "2026/april/03-franvaro.md",
                "2026/april/elever-med-hog-franvaro/",
                "elever-med-hog-franvaro--",
            ),
        ]
        .into_iter()
        .map(|(a, b, c)| (a.to_string(), (b.to_string(), c.to_string())))
        .collect();
        f(Links {
            base: "/uppfoljning/",
            dir: "2026/april/",
            files: &files,
            pages: &pages,
            lang: Lang::En,
        })
    }

    #[test]
    fn local_files_are_rewritten_from_the_markdown_files_folder() {
        with(|l| {
            let ok = |u: &str| l.resolve(u).unwrap();
            assert_eq!(
                ok("bild.png").as_deref(),
                Some("/uppfoljning/2026/april/bild.png")
            );
            assert_eq!(
                ok("./bild.png#x").as_deref(),
                Some("/uppfoljning/2026/april/bild.png#x")
            );
            assert_eq!(
                ok("bilagor/plan%20ett.pdf").as_deref(),
                Some("/uppfoljning/2026/april/bilagor/plan%20ett.pdf")
            );
            assert_eq!(
                ok("../../2025/delarsbokslut/diagram.svg").as_deref(),
                Some("/uppfoljning/2025/delarsbokslut/diagram.svg")
            );
            assert_eq!(
                ok("/2025/delarsbokslut/diagram.svg?v=2").as_deref(),
                Some("/uppfoljning/2025/delarsbokslut/diagram.svg?v=2")
            );
        });
    }

    #[test]
    fn markdown_files_become_their_pages() {
        with(|l| {
            assert_eq!(
                l.resolve("03-franvaro.md#insatser").unwrap().as_deref(),
                Some("/uppfoljning/2026/april/elever-med-hog-franvaro/#elever-med-hog-franvaro--insatser")
            );
            assert_eq!(
                l.resolve("_index.md#bakgrund").unwrap().as_deref(),
                Some("/uppfoljning/2026/april/#bakgrund")
            );
            assert!(l
                .resolve("04-utkast.md")
                .unwrap_err()
                .0
                .contains("not a page"));
        });
    }

    #[test]
    fn other_links_are_left_or_only_get_the_base() {
        with(|l| {
            for u in [
                "https://alingsas.se/a.pdf",
                "mailto:a@b.se",
                "tel:0322",
                "#fn-1",
                "//cdn/x.js",
                "",
            ] {
                assert_eq!(l.resolve(u).unwrap(), None, "{u}");
            }
            assert_eq!(
                l.resolve("/omraden/").unwrap().as_deref(),
                Some("/uppfoljning/omraden/")
            );
            assert_eq!(
                l.resolve("/sok/?q=a").unwrap().as_deref(),
                Some("/uppfoljning/sok/?q=a")
            );
            assert_eq!(
                l.resolve("../").unwrap().as_deref(),
                Some("/uppfoljning/2026/")
            );
            assert_eq!(
                l.resolve("/atom.xml").unwrap().as_deref(),
                Some("/uppfoljning/atom.xml")
            );
        });
    }

    #[test]
    fn missing_files_are_errors_with_a_hint() {
        with(|l| {
            let (msg, hint) = l.resolve("Bild.png").unwrap_err();
            assert!(msg.contains("content/2026/april/Bild.png"), "{msg}");
            assert!(hint.contains("`bild.png`"), "{hint}");
            let (_, hint) = l.resolve("rapport.pdf").unwrap_err();
            assert!(hint.contains("`Rapport.pdf`"), "{hint}");
            let (_, hint) = l.resolve("helt-annat.docx").unwrap_err();
            assert!(hint.contains("content/2026/april/"), "{hint}");
            assert!(l
                .resolve("../../../x.png")
                .unwrap_err()
                .0
                .contains("outside"));
        });
    }

    #[test]
    fn the_source_file_is_linked_only_when_it_is_there() {
        with(|l| {
            assert_eq!(
                l.file_href("Rapport.pdf").as_deref(),
                Some("/uppfoljning/2026/april/Rapport.pdf")
            );
            assert_eq!(l.file_href("saknas.pdf"), None);
            assert_eq!(l.file_href("https://x.se/a.pdf"), None);
        });
    }

    #[test]
    fn positions_count_characters() {
        let src = "Rad ett\nÅÄÖ [x](y.png)\n";
        let b = BrokenLink::at(src, 2, 8, "m".into(), "h".into());
        assert_eq!(
            (b.line, b.column, b.line_text.as_str()),
            (2, 5, "ÅÄÖ [x](y.png)")
        );
        let d = b.diagnostic("content/2026/april/_index.md", (6, 0));
        assert_eq!(d.location(), "content/2026/april/_index.md:7:5");
        let b = BrokenLink::at("[x](y.png)", 1, 1, "m".into(), "h".into());
        assert_eq!(b.diagnostic("f.md", (3, 13)).location(), "f.md:3:14");
    }
}
