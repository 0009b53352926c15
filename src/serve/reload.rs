//! Live reload: a Server-Sent Events stream on the same port as the pages, the small script
//! that listens to it (injected only into served HTML, never into `build` output) and the
//! error overlay.
//!
//! Every SSE client has its own thread and its own unbounded queue: a broadcast only pushes
//! to queues, so an idle or slow client never holds up another client or a rebuild. The
//! script is `reload.js` beside this file, built into the binary.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde::Serialize;

use super::http::html_escape;
use crate::diagnostics::Diagnostics;
use crate::messages::{self, Lang};

/// An event for the open tabs.
#[derive(Debug, Clone)]
pub enum Event {
    /// Reload the page (the site changed; or it was broken and is fixed now).
    Reload { build: String },
    /// Only stylesheets changed: swap them in place.
    Css { build: String },
    /// The rebuild failed: show these errors over the page (the last good site stays).
    Errors(std::sync::Arc<Vec<ErrorItem>>),
}

/// One build error, as the overlay shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ErrorItem {
    /// "content/2025/april/01-a.md:3:8", or empty when not tied to a file.
    pub location: String,
    pub message: String,
    /// The whole diagnostic as the terminal shows it: location, source line, caret, hint.
    pub text: String,
}

pub fn error_items(errors: &Diagnostics) -> Vec<ErrorItem> {
    errors
        .0
        .iter()
        .map(|d| ErrorItem {
            location: d.location(),
            message: d.message.clone(),
            text: d.to_string().trim_end().to_string(),
        })
        .collect()
}

impl Event {
    /// The event in SSE wire format.
    pub fn to_sse(&self) -> String {
        let (name, data) = match self {
            Event::Reload { build } => ("reload", serde_json::json!({ "build": build })),
            Event::Css { build } => ("css", serde_json::json!({ "build": build })),
            Event::Errors(items) => ("errors", serde_json::json!({ "errors": &**items })),
        };
        // serde_json never emits a raw newline, so one data line is enough.
        format!("event: {name}\ndata: {data}\n\n")
    }
}

/// The open event streams. Each stream holds a `Subscription`, which leaves the hub when the
/// stream ends, so the hub counts the streams that are open, not those ever opened.
#[derive(Default)]
pub struct Hub {
    shared: Arc<Shared>,
}

#[derive(Default)]
struct Shared {
    clients: Mutex<Clients>,
    /// Signalled when a stream leaves.
    left: Condvar,
}

#[derive(Default)]
struct Clients {
    next: u64,
    open: Vec<(u64, Sender<Message>)>,
}

/// What goes to a stream's thread.
enum Message {
    Event(Event),
    /// Is the tab still there? (Asked when the hub is full; never sent to the tab.)
    Check,
}

/// One open stream's place in the hub.
pub struct Subscription {
    messages: Receiver<Message>,
    id: u64,
    shared: Arc<Shared>,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.shared.lock().open.retain(|(id, _)| *id != self.id);
        self.shared.left.notify_all();
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Clients> {
        self.clients.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// How long a new stream waits, when the hub is full, for streams whose tabs are gone to
/// notice it and leave.
const FULL_WAIT: Duration = Duration::from_millis(300);

impl Hub {
    /// A new stream's subscription, or None when `limit` streams are open. When the hub is
    /// full, every stream first checks whether its tab is still there (a tab that navigated
    /// has closed its old stream a moment ago), and those that are gone leave.
    pub fn subscribe(&self, limit: usize) -> Option<Subscription> {
        let mut clients = self.shared.lock();
        if clients.open.len() >= limit {
            clients
                .open
                .retain(|(_, tx)| tx.send(Message::Check).is_ok());
            let deadline = Instant::now() + FULL_WAIT;
            while clients.open.len() >= limit {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return None;
                }
                clients = match self.shared.left.wait_timeout(clients, left) {
                    Ok((c, _)) => c,
                    Err(p) => p.into_inner().0,
                };
            }
        }
        let (tx, rx) = channel();
        clients.next += 1;
        let id = clients.next;
        clients.open.push((id, tx));
        Some(Subscription {
            messages: rx,
            id,
            shared: self.shared.clone(),
        })
    }

    /// Sends to every open stream; returns how many there were. Never blocks on a client.
    pub fn broadcast(&self, event: &Event) -> usize {
        let mut clients = self.shared.lock();
        let message = || Message::Event(event.clone());
        clients.open.retain(|(_, tx)| tx.send(message()).is_ok());
        clients.open.len()
    }

    /// How many streams are open.
    pub fn len(&self) -> usize {
        self.shared.lock().open.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// How often an idle stream gets a comment line, so proxies keep the connection open.
const KEEPALIVE: Duration = Duration::from_secs(15);
/// How often a stream checks whether its tab has gone (navigated away or closed): a tab that
/// navigates opens a new stream at once, and the old one must not count for long.
const CLOSED_CHECK: Duration = Duration::from_millis(200);

/// The response head of an event stream (also all that HEAD of it gets): no length, as
/// the stream lasts until the tab goes, so the connection ends with it.
pub const STREAM_HEAD: &str =
    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
    Cache-Control: no-store\r\nX-Accel-Buffering: no\r\nConnection: close\r\n\r\n";

/// Writes the stream to one client until it goes away: the response head, a `hello` with the
/// current build (a tab whose page is older reloads), the current errors if the site is
/// broken, then every event broadcast after `subscription` was made.
pub fn stream(
    mut out: TcpStream,
    subscription: Subscription,
    build: &str,
    errors: Option<Event>,
) -> std::io::Result<()> {
    let hello = serde_json::json!({ "build": build });
    write!(
        out,
        "{STREAM_HEAD}retry: 1000\nevent: hello\ndata: {hello}\n\n"
    )?;
    if let Some(e) = errors {
        out.write_all(e.to_sse().as_bytes())?;
    }
    out.flush()?;
    let mut quiet_since = Instant::now();
    loop {
        match subscription.messages.recv_timeout(CLOSED_CHECK) {
            Ok(Message::Event(event)) => out.write_all(event.to_sse().as_bytes())?,
            Ok(Message::Check) | Err(RecvTimeoutError::Timeout) if peer_closed(&out) => {
                return Ok(())
            }
            Ok(Message::Check) => continue,
            Err(RecvTimeoutError::Timeout) if quiet_since.elapsed() >= KEEPALIVE => {
                out.write_all(b": keep-alive\n\n")?
            }
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
        out.flush()?;
        quiet_since = Instant::now();
    }
}

/// Has the client closed its side? A tab sends nothing after its request, so a read that
/// finds the end of the stream (or an error) means it is gone; anything it does send is
/// thrown away.
fn peer_closed(socket: &TcpStream) -> bool {
    if socket.set_nonblocking(true).is_err() {
        return false;
    }
    let mut buf = [0u8; 512];
    let closed = loop {
        match (&*socket).read(&mut buf) {
            Ok(0) => break true,
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => break e.kind() != std::io::ErrorKind::WouldBlock,
        }
    };
    closed || socket.set_nonblocking(false).is_err()
}

/// Styles of the overlay (inline, so a broken or overridden theme cannot hide it).
const OVERLAY_STYLE: &str = "position:fixed;left:0;right:0;top:0;z-index:2147483647;\
max-height:75vh;overflow:auto;margin:0;padding:1rem 1.25rem;background:#fff;color:#1b1b1b;\
border-bottom:6px solid #b00020;box-shadow:0 4px 16px rgba(0,0,0,.35);\
font:15px/1.45 system-ui,sans-serif;text-align:left";
const PRE_STYLE: &str = "white-space:pre-wrap;overflow-wrap:anywhere;margin:.75rem 0 0;\
padding:.75rem;background:#fdf1f3;color:#1b1b1b;border-left:4px solid #b00020;\
font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";
/// The overlay's second line: whether the page under it is the last good build (`built`), or
/// there is none yet.
fn subtitle(lang: Lang, built: bool) -> String {
    if built {
        messages::serve_overlay_subtitle(lang)
    } else {
        messages::serve_overlay_subtitle_first(lang)
    }
}

/// The overlay as HTML, escaped server side, for a page requested while the site is broken;
/// its words in the site's language (`lang` also marks the box, so a screen reader on an
/// English page of a Swedish site reads them right). `built`: a good build is served under it.
pub fn overlay_html(errors: &[ErrorItem], lang: Lang, built: bool) -> String {
    let mut out = format!(
        "<div id=\"uppsikt-overlay\" role=\"alert\" lang=\"{}\" style=\"{OVERLAY_STYLE}\">\
         <strong style=\"font-size:1.1em;color:#b00020\">{}</strong>\
         <p style=\"margin:.25rem 0 0\">{}</p>",
        lang_code(lang),
        html_escape(&messages::serve_overlay_title(lang)),
        html_escape(&subtitle(lang, built))
    );
    for e in errors {
        out.push_str(&format!(
            "<pre style=\"{PRE_STYLE}\">{}</pre>",
            html_escape(&e.text)
        ));
    }
    out.push_str("</div>");
    out
}

fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "sv",
        Lang::En => "en",
    }
}

/// The live-reload client, a plain script (see the file) built into the binary.
const CLIENT_JS: &str = include_str!("reload.js");

/// The script injected into served pages. `events` is the stream's URL, `build` the build
/// the page came from, `lang` the language of the overlay's words and `built` whether a good
/// build is served (as for `overlay_html`); the script reads them from its `data-uppsikt`
/// attribute.
pub fn client_script(events: &str, build: &str, lang: Lang, built: bool) -> String {
    let config = serde_json::json!({
        "events": events,
        "build": build,
        "overlayStyle": OVERLAY_STYLE,
        "preStyle": PRE_STYLE,
        "lang": lang_code(lang),
        "title": messages::serve_overlay_title(lang),
        "subtitle": subtitle(lang, built),
    });
    format!(
        "<script data-uppsikt=\"{}\">/* uppsikt serve: live reload; not part of the built site */\n{CLIENT_JS}</script>",
        html_escape(&config.to_string())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_escapes_messages() {
        let items = vec![ErrorItem {
            location: "content/a.md:1:1".into(),
            message: "<script>alert(1)</script>".into(),
            text: "error: <script>alert(1)</script> & \"x\"".into(),
        }];
        let html = overlay_html(&items, Lang::En, true);
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
    }

    #[test]
    fn the_overlay_speaks_the_sites_language() {
        let items = vec![ErrorItem {
            location: String::new(),
            message: "m".into(),
            text: "fel: m".into(),
        }];
        let sv = overlay_html(&items, Lang::Sv, true);
        assert!(sv.contains("lang=\"sv\""), "{sv}");
        assert!(sv.contains("webbplatsen kunde inte byggas om"), "{sv}");
        assert!(sv.contains("Rätta felen nedan och spara"), "{sv}");
        assert!(!sv.contains("could not be rebuilt"), "{sv}");
        let en = overlay_html(&items, Lang::En, true);
        assert!(
            en.contains("lang=\"en\"") && en.contains("could not be rebuilt"),
            "{en}"
        );
        let script = client_script("/__uppsikt/events", "1", Lang::Sv, true);
        assert!(
            script.contains("webbplatsen kunde inte byggas om"),
            "{script}"
        );
        // Before the first good build there is no last version to speak of.
        let first = overlay_html(&items, Lang::Sv, false);
        assert!(!first.contains("senaste versionen"), "{first}");
        assert!(first.contains("Rätta felen nedan och spara"), "{first}");
    }

    #[test]
    fn events_are_one_json_line_each() {
        let e = Event::Errors(std::sync::Arc::new(vec![ErrorItem {
            location: String::new(),
            message: "a\nb".into(),
            text: "a\nb".into(),
        }]));
        let sse = e.to_sse();
        assert!(sse.starts_with("event: errors\ndata: {"));
        assert_eq!(sse.matches('\n').count(), 3, "{sse}");
    }

    #[test]
    fn the_hub_counts_open_streams_only() {
        let hub = Hub::default();
        let a = hub.subscribe(2).unwrap();
        let b = hub.subscribe(2).unwrap();
        assert!(hub.subscribe(2).is_none(), "the limit holds");
        drop(b);
        assert_eq!(
            hub.len(),
            1,
            "a closed stream leaves at once, without a broadcast"
        );
        for _ in 0..300 {
            drop(hub.subscribe(2).unwrap());
        }
        assert_eq!(hub.len(), 1);
        let ev = Event::Reload { build: "2".into() };
        assert_eq!(hub.broadcast(&ev), 1);
        // `a` was also asked to check its tab when the hub was full.
        let mut got = a.messages.try_iter();
        assert!(got.any(|m| matches!(m, Message::Event(Event::Reload { .. }))));
    }

    #[test]
    fn the_client_is_a_script_that_cannot_end_early() {
        // The file goes inside <script>: it must not hold what would end the element.
        assert!(!CLIENT_JS.to_ascii_lowercase().contains("</script"));
        assert!(!CLIENT_JS.contains("<!--"));
        let s = client_script("/</script><b>/__uppsikt/events", "1", Lang::Sv, true);
        assert_eq!(s.matches("</script>").count(), 1, "{s}");
        assert!(s.ends_with("</script>"));
    }
}
