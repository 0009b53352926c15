//! Live reload: a Server-Sent Events stream on the same port as the pages, the small script
//! that listens to it (injected only into served HTML, never into `build` output) and the
//! error overlay.
//!
//! Every SSE client has its own thread and its own unbounded queue: a broadcast only pushes
//! to queues, so an idle or slow client never holds up another client or a rebuild.

use std::io::Write;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

use serde::Serialize;

use super::http::html_escape;
use crate::diagnostics::Diagnostics;

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

/// The open event streams.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<Sender<Event>>>,
}

impl Hub {
    pub fn subscribe(&self) -> Receiver<Event> {
        let (tx, rx) = channel();
        if let Ok(mut c) = self.clients.lock() {
            c.push(tx);
        }
        rx
    }

    /// Sends to every open stream; returns how many there were. Never blocks on a client.
    pub fn broadcast(&self, event: &Event) -> usize {
        let Ok(mut clients) = self.clients.lock() else {
            return 0;
        };
        clients.retain(|tx| tx.send(event.clone()).is_ok());
        clients.len()
    }

    pub fn len(&self) -> usize {
        self.clients.lock().map(|c| c.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// How often an idle stream gets a comment line, so a closed tab is noticed and proxies keep
/// the connection open.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// Writes the stream to one client until it goes away: the response head, a `hello` with the
/// current build (a tab whose page is older reloads), the current errors if the site is
/// broken, then every event broadcast after `rx` was subscribed.
pub fn stream(
    mut out: Box<dyn Write + Send>,
    rx: Receiver<Event>,
    build: &str,
    errors: Option<Event>,
) -> std::io::Result<()> {
    let hello = serde_json::json!({ "build": build });
    write!(
        out,
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
         Cache-Control: no-store\r\nX-Accel-Buffering: no\r\nConnection: close\r\n\r\n\
         retry: 1000\nevent: hello\ndata: {hello}\n\n"
    )?;
    if let Some(e) = errors {
        out.write_all(e.to_sse().as_bytes())?;
    }
    out.flush()?;
    loop {
        match rx.recv_timeout(KEEPALIVE) {
            Ok(event) => out.write_all(event.to_sse().as_bytes())?,
            Err(RecvTimeoutError::Timeout) => out.write_all(b": keep-alive\n\n")?,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
        out.flush()?;
    }
}

/// Styles of the overlay (inline, so a broken or overridden theme cannot hide it).
const OVERLAY_STYLE: &str = "position:fixed;left:0;right:0;top:0;z-index:2147483647;\
max-height:75vh;overflow:auto;margin:0;padding:1rem 1.25rem;background:#fff;color:#1b1b1b;\
border-bottom:6px solid #b00020;box-shadow:0 4px 16px rgba(0,0,0,.35);\
font:15px/1.45 system-ui,sans-serif;text-align:left";
const PRE_STYLE: &str = "white-space:pre-wrap;overflow-wrap:anywhere;margin:.75rem 0 0;\
padding:.75rem;background:#fdf1f3;color:#1b1b1b;border-left:4px solid #b00020;\
font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";
const TITLE: &str = "uppsikt: the site could not be rebuilt";
const SUBTITLE: &str = "You are seeing the last version that built. Fix the errors below and \
save; this page reloads by itself.";

/// The overlay as HTML, escaped server side, for a page requested while the site is broken.
pub fn overlay_html(errors: &[ErrorItem]) -> String {
    let mut out = format!(
        "<div id=\"uppsikt-overlay\" role=\"alert\" style=\"{OVERLAY_STYLE}\">\
         <strong style=\"font-size:1.1em;color:#b00020\">{}</strong>\
         <p style=\"margin:.25rem 0 0\">{}</p>",
        html_escape(TITLE),
        html_escape(SUBTITLE)
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

/// The script injected into served pages. `events` is the stream's URL, `build` the build
/// the page came from.
pub fn client_script(events: &str, build: &str) -> String {
    let config = serde_json::json!({
        "events": events,
        "build": build,
        "overlayStyle": OVERLAY_STYLE,
        "preStyle": PRE_STYLE,
        "title": TITLE,
        "subtitle": SUBTITLE,
    })
    .to_string()
    // Inside <script>, "</script>" or "<!--" in a string would end or confuse the element.
    .replace('<', "\\u003c");
    format!("<script>/* uppsikt serve: live reload; not part of the built site */\n(function (cfg) {{{CLIENT_JS}}})({config});</script>")
}

const CLIENT_JS: &str = r#"
  "use strict";
  var key = "uppsikt-scroll:" + location.pathname + location.search;
  var saved = null;
  try { saved = sessionStorage.getItem(key); sessionStorage.removeItem(key); } catch (e) {}
  if (saved) {
    var xy = saved.split(",");
    var restore = function () { window.scrollTo(+xy[0] || 0, +xy[1] || 0); };
    if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
  }
  function reload() {
    try { sessionStorage.setItem(key, window.scrollX + "," + window.scrollY); } catch (e) {}
    location.reload();
  }
  function swapStylesheets() {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("uppsikt", Date.now().toString(36));
      links[i].href = url.href;
    }
  }
  function overlay(errors) {
    var old = document.getElementById("uppsikt-overlay");
    if (old) old.parentNode.removeChild(old);
    if (!errors || !errors.length) return;
    var box = document.createElement("div");
    box.id = "uppsikt-overlay";
    box.setAttribute("role", "alert");
    box.style.cssText = cfg.overlayStyle;
    var title = document.createElement("strong");
    title.style.cssText = "font-size:1.1em;color:#b00020";
    title.textContent = cfg.title;
    var sub = document.createElement("p");
    sub.style.cssText = "margin:.25rem 0 0";
    sub.textContent = cfg.subtitle;
    box.appendChild(title);
    box.appendChild(sub);
    for (var i = 0; i < errors.length; i++) {
      var pre = document.createElement("pre");
      pre.style.cssText = cfg.preStyle;
      pre.textContent = errors[i].text;
      box.appendChild(pre);
    }
    document.body.appendChild(box);
  }
  if (!window.EventSource) return;
  var es = new EventSource(cfg.events);
  es.addEventListener("hello", function (ev) {
    if (JSON.parse(ev.data).build !== cfg.build) reload();
  });
  es.addEventListener("reload", reload);
  es.addEventListener("css", function (ev) {
    cfg.build = JSON.parse(ev.data).build;
    overlay(null);
    swapStylesheets();
  });
  es.addEventListener("errors", function (ev) {
    overlay(JSON.parse(ev.data).errors);
  });
"#;

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
        let html = overlay_html(&items);
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
    }

    #[test]
    fn script_cannot_be_closed_by_its_data() {
        let s = client_script("/</script><b>/__uppsikt/events", "1");
        assert_eq!(s.matches("</script>").count(), 1, "{s}");
        assert!(s.ends_with("</script>"));
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
    fn broadcast_drops_closed_streams() {
        let hub = Hub::default();
        let a = hub.subscribe();
        let b = hub.subscribe();
        drop(b);
        let ev = Event::Reload { build: "2".into() };
        assert_eq!(hub.broadcast(&ev), 1);
        assert!(matches!(a.try_recv(), Ok(Event::Reload { .. })));
    }
}
