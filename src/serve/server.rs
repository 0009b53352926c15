//! The server itself: the current `Snapshot` of the site, rebuilding it on a change (and
//! telling the tabs), and answering requests from it.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use super::conn::{self, Reply};
use super::files::{Change, Files};
use super::http::{self, Resolved};
use super::reload::{self, ErrorItem, Event, Hub};
use super::ServeOptions;
use crate::config::BaseUrl;
use crate::messages::{self, Lang};
use crate::output::mime;
use crate::pipeline::{self, BuildOptions};

/// What the server shows: the last good site, and the errors of the latest build if it failed.
pub struct Snapshot {
    /// The files of the last good build, shared by every snapshot until the next one.
    pub files: Files,
    /// The base path the site is served under: "/" or "/uppfoljning/".
    pub base: String,
    /// Names the last good build, so a tab can tell whether its page is out of date.
    pub build: String,
    pub errors: Option<Arc<Vec<ErrorItem>>>,
    /// The site's language (site.toml's, read again at every build): the terminal, the overlay
    /// and the server's own answers speak it.
    pub lang: Lang,
}

pub struct Server {
    snapshot: RwLock<Arc<Snapshot>>,
    /// The previous build, so a change to an entry's text re-renders only its pages.
    session: std::sync::Mutex<pipeline::Session>,
    hub: Hub,
    /// Distinguishes this process's builds from a previous server's (for the `hello` check).
    epoch: u64,
    good_builds: AtomicUsize,
    /// Bound to this computer only (the default): requests under another site's name are
    /// refused (`http::is_local_host`). With `--bind 0.0.0.0` the preview is shared on
    /// purpose, under whatever name the network gives this computer.
    local_only: bool,
}

/// Open live-reload streams (each holds a thread and a connection) before new ones get 503.
/// A stream leaves the count when its tab goes (see `reload::stream`).
const MAX_STREAMS: usize = 128;

impl Server {
    pub(super) fn new(options: ServeOptions) -> Server {
        let base = options
            .base_url
            .as_deref()
            .and_then(|b| BaseUrl::parse(b).ok())
            .map_or_else(|| "/".to_string(), |b| b.path);
        let epoch = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        let session = std::sync::Mutex::new(pipeline::Session::new(BuildOptions {
            root: options.root.clone(),
            output: PathBuf::new(),
            base_url: options.base_url.clone(),
            drafts: options.drafts,
        }));
        Server {
            session,
            snapshot: RwLock::new(Arc::new(Snapshot {
                files: Files::default(),
                base,
                build: format!("{epoch:x}-0"),
                errors: None,
                lang: crate::config::language(&options.root),
            })),
            hub: Hub::default(),
            epoch,
            good_builds: AtomicUsize::new(0),
            local_only: options.bind.is_loopback(),
        }
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        match self.snapshot.read() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn swap(&self, next: Snapshot) {
        let next = Arc::new(next);
        match self.snapshot.write() {
            Ok(mut s) => *s = next,
            Err(poisoned) => *poisoned.into_inner() = next,
        }
    }

    /// Builds the site, swaps it in (or records the errors), tells the tabs, and says in the
    /// terminal what happened; `changed` are the changed files (none for the first build).
    pub fn rebuild(&self, changed: &[PathBuf]) -> Outcome {
        let start = Instant::now();
        let (result, lang) = {
            let mut session = self.session();
            // The base path is the one the build used (site.toml's, or --base-url).
            let built = session.rebuild(changed);
            let lang = session.language();
            let built = built.map(|(rebuilt, summary)| {
                let base = session.base_path().unwrap_or("/").to_string();
                // A partial rebuild changes only entry text; its warnings stay as they were.
                if matches!(rebuilt, pipeline::Rebuilt::Full(_)) {
                    crate::cli::print_warnings(
                        session.warnings(),
                        Some(crate::cli::SHOWN_WARNINGS),
                        lang,
                    );
                }
                (rebuilt, summary.pages, base)
            });
            (built, lang)
        };
        let why = describe(lang, changed);
        match result {
            Ok((rebuilt, pages, base)) => {
                let done = self.swap_in(rebuilt, base, lang);
                // The time until the tabs were told; the search index follows, timed apart.
                let ms = start.elapsed().as_millis();
                let search = self.refresh_search(lang);
                let built = messages::serve_built(lang, done.first, pages, ms);
                crate::cli::say(&format!("{why}{built}{}{search}", done.what));
                Outcome::Built
            }
            Err(errors) => {
                let tabs = self.keep_last_good(&errors, lang);
                crate::cli::complain(&messages::serve_failed(lang, why, errors));
                // Before the first good build there is no last good site (`start` says so).
                if self.good_builds.load(Ordering::SeqCst) > 0 {
                    crate::cli::complain(&messages::serve_still_serving(lang, tabs));
                }
                Outcome::Failed
            }
        }
    }

    /// Swaps in the files of a good build and tells the tabs; says what that did.
    fn swap_in(&self, rebuilt: pipeline::Rebuilt, base: String, lang: Lang) -> SwappedIn {
        let old = self.snapshot();
        let (files, change) = match rebuilt {
            pipeline::Rebuilt::Full(all) => {
                let files = Files::whole(all);
                let change = old.files.change_to(&files);
                (files, change)
            }
            // Only the changed files were rendered; the rest are shared with the old snapshot.
            pipeline::Rebuilt::Partial(changed) => {
                let change = old.files.change_by(&changed);
                (old.files.with(changed), change)
            }
        };
        let was_broken = old.errors.is_some();
        let n = self.good_builds.fetch_add(1, Ordering::SeqCst) + 1;
        let build = format!("{:x}-{n}", self.epoch);
        self.swap(Snapshot {
            files,
            base,
            build: build.clone(),
            errors: None,
            lang,
        });
        let event = match change {
            _ if was_broken => Some(Event::Reload { build }),
            Change::None => None,
            Change::CssOnly => Some(Event::Css { build }),
            Change::Pages => Some(Event::Reload { build }),
        };
        let tabs = event.as_ref().map_or(0, |e| self.hub.broadcast(e));
        let what = match (&event, tabs) {
            // The first build: no tab can be open yet.
            _ if n == 1 => String::new(),
            (None, _) => messages::serve_no_page_changed(lang),
            (Some(_), 0) => messages::serve_no_tabs(lang),
            (Some(Event::Css { .. }), n) => messages::serve_css_swapped(lang, n),
            (Some(_), n) => messages::serve_reloading(lang, n),
        };
        SwappedIn {
            first: n == 1,
            what: if what.is_empty() {
                what
            } else {
                format!("; {what}")
            },
        }
    }

    /// After a failed build: the last good files stay, with the errors to show over them.
    /// Returns how many tabs were told.
    fn keep_last_good(&self, errors: &crate::diagnostics::Diagnostics, lang: Lang) -> usize {
        let old = self.snapshot();
        let items = Arc::new(reload::error_items(errors));
        self.swap(Snapshot {
            files: old.files.clone(),
            base: old.base.clone(),
            build: old.build.clone(),
            errors: Some(items.clone()),
            lang,
        });
        self.hub.broadcast(&Event::Errors(items))
    }

    /// After an incremental rebuild has reloaded the tabs: brings the search index up to date
    /// and swaps it in. Until then `/search/` serves the previous index, which is whole and
    /// consistent. Returns what to add to the terminal line.
    fn refresh_search(&self, lang: Lang) -> String {
        let start = Instant::now();
        let files = self.session().refresh_search();
        if files.is_empty() {
            return String::new();
        }
        let now = self.snapshot();
        self.swap(Snapshot {
            files: now.files.with(files),
            base: now.base.clone(),
            build: now.build.clone(),
            errors: now.errors.clone(),
            lang: now.lang,
        });
        messages::serve_search_later(lang, start.elapsed().as_millis())
    }

    /// The build session; a panic in an earlier build does not make it unusable.
    fn session(&self) -> std::sync::MutexGuard<'_, pipeline::Session> {
        match self.session.lock() {
            Ok(s) => s,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// Answers one request (on its connection's thread).
    pub(super) fn handle(&self, request: &conn::Request) -> Reply {
        let snap = self.snapshot();
        let lang = snap.lang;
        let host = request.header("Host").unwrap_or("");
        if self.local_only && !http::is_local_host(host) {
            return plain(403, &messages::serve_other_host(lang, host));
        }
        if !matches!(request.method.as_str(), "GET" | "HEAD") {
            let mut reply = plain(405, &messages::serve_only_get(lang));
            if let Reply::Full { headers, .. } = &mut reply {
                headers.push(("Allow", "GET, HEAD".into()));
            }
            return reply;
        }
        let exists = |k: &str| snap.files.contains_key(k);
        match http::resolve(&request.target, &snap.base, exists) {
            Resolved::Events if request.method == "HEAD" => events_head(),
            Resolved::Events => self.events(),
            Resolved::File(key) => self.file_or_range(&snap, &key, request),
            Resolved::NotFound => self.not_found(&snap),
            Resolved::Redirect(to) => Reply::Full {
                status: 301,
                headers: vec![("Location", to), ("Cache-Control", "no-store".into())],
                body: Arc::default(),
            },
            Resolved::Forbidden => plain(403, &messages::serve_forbidden(lang)),
            Resolved::BadRequest => plain(400, &messages::serve_bad_request(lang)),
        }
    }

    /// A file, or the byte range of it that the request asks for (the search client reads
    /// each result's fragment by range, as from any static host that honours `Range`). HTML
    /// is always whole: the live-reload script is injected into it.
    fn file_or_range(&self, snap: &Snapshot, key: &str, request: &conn::Request) -> Reply {
        let mut reply = self.file(snap, key, 200);
        let Reply::Full {
            status: status @ 200,
            headers,
            body,
        } = &mut reply
        else {
            return reply;
        };
        let len = body.len();
        // `If-Range` asks for the range only if the file is still the one its validator
        // names. serve sends no validator (no ETag, no Last-Modified), so none matches and
        // the range is ignored (RFC 9110 §13.1.5): a download resumed across a rebuild gets
        // the whole new file, not new bytes spliced onto old ones.
        let range = match request.header("If-Range") {
            Some(_) => None,
            None => request.header("Range"),
        };
        match http::byte_range(range, len).filter(|_| !mime::is_html(key)) {
            None => {}
            Some(Ok(r)) => {
                let last = r.end - 1;
                *body = Arc::new(body[r.start..r.end].to_vec());
                headers.push(("Content-Range", format!("bytes {}-{last}/{len}", r.start)));
                *status = 206;
            }
            Some(Err(())) => {
                headers.push(("Content-Range", format!("bytes */{len}")));
                *body = Arc::default();
                *status = 416;
            }
        }
        reply
    }

    fn file(&self, snap: &Snapshot, key: &str, status: u16) -> Reply {
        let Some(held) = snap.files.get(key) else {
            return self.not_found(snap);
        };
        let Ok(bytes) = held.bytes() else {
            return plain(500, &messages::serve_unreadable(snap.lang));
        };
        let body = if mime::is_html(key) {
            Arc::new(http::inject(&bytes, &self.injection(snap)))
        } else {
            bytes
        };
        Reply::Full {
            status,
            headers: vec![
                ("Content-Type", mime::content_type(key)),
                ("X-Content-Type-Options", "nosniff".into()),
                ("Cache-Control", "no-store".into()),
                (
                    "Accept-Ranges",
                    if mime::is_html(key) { "none" } else { "bytes" }.into(),
                ),
            ],
            body,
        }
    }

    fn not_found(&self, snap: &Snapshot) -> Reply {
        if snap.files.contains_key(crate::paths::NOT_FOUND) {
            return self.file(snap, crate::paths::NOT_FOUND, 404);
        }
        if snap.errors.is_some() {
            // The first build failed: there is no site yet, only the errors to show.
            let lang = snap.lang;
            let page = format!(
                "<!doctype html><html lang=\"{}\"><meta charset=\"utf-8\"><title>{}</title><body><h1>{}</h1>{}</body></html>",
                if lang == Lang::En { "en" } else { "sv" },
                http::html_escape(&messages::serve_failed_page_title(lang)),
                http::html_escape(&messages::serve_failed_page_heading(lang)),
                self.injection(snap)
            );
            return Reply::Full {
                status: 500,
                headers: vec![
                    ("Content-Type", "text/html; charset=utf-8".into()),
                    ("Cache-Control", "no-store".into()),
                ],
                body: Arc::new(page.into_bytes()),
            };
        }
        plain(404, &messages::serve_not_found(snap.lang))
    }

    /// What goes before `</body>` of a served page: the overlay when the site is broken, and
    /// the live-reload script.
    fn injection(&self, snap: &Snapshot) -> String {
        let mut out = String::new();
        // No files: the first build failed, and no good version is under the overlay.
        let built = !snap.files.is_empty();
        if let Some(errors) = &snap.errors {
            out.push_str(&reload::overlay_html(errors, snap.lang, built));
        }
        let events = format!("{}{}", snap.base, http::EVENTS_PATH);
        out.push_str(&reload::client_script(
            &events,
            &snap.build,
            snap.lang,
            built,
        ));
        out
    }

    /// A live-reload stream: it takes over the connection and its thread.
    fn events(&self) -> Reply {
        // Subscribe before reading the state, so no event falls between the two.
        let Some(subscription) = self.hub.subscribe(MAX_STREAMS) else {
            return plain(503, &messages::serve_too_many_streams(self.snapshot().lang));
        };
        let snap = self.snapshot();
        let build = snap.build.clone();
        let errors = snap.errors.clone().map(Event::Errors);
        Reply::Stream(Box::new(move |stream| {
            let _ = reload::stream(stream, subscription, &build, errors);
        }))
    }
}

pub enum Outcome {
    Built,
    Failed,
}

/// What `swap_in` did, for the terminal line: the first build, and "; reloading 2 tabs".
struct SwappedIn {
    first: bool,
    what: String,
}

/// "content/a.md changed: ", for the terminal.
fn describe(lang: Lang, changed: &[PathBuf]) -> String {
    match changed {
        [one] => messages::serve_changed_one(lang, one.display()),
        [first, rest @ ..] => messages::serve_changed_many(lang, first.display(), rest.len()),
        [] => String::new(),
    }
}

/// HEAD of the live-reload stream: the stream's head alone. A HEAD response has no body
/// (RFC 9110 §9.3.2), and a stream's length is unknown, so no Content-Length either; the
/// connection ends after it, as the stream's own does.
fn events_head() -> Reply {
    Reply::Stream(Box::new(|mut out| {
        let _ = out.write_all(reload::STREAM_HEAD.as_bytes());
        let _ = out.flush();
    }))
}

fn plain(status: u16, text: &str) -> Reply {
    Reply::Full {
        status,
        headers: vec![
            ("Content-Type", "text/plain; charset=utf-8".into()),
            ("Cache-Control", "no-store".into()),
        ],
        body: Arc::new(format!("{text}\n").into_bytes()),
    }
}
