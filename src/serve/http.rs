//! The HTTP side of `serve`: which in-memory file a request names (or why it names none),
//! Content-Type by extension (`mime_guess`), and the live-reload injection into served HTML.
//!
//! Only keys of the in-memory site are ever served, so no request reaches the file system;
//! on top of that, anything that looks like an escape attempt (`..`, `.` segments, encoded
//! slashes or backslashes, backslashes, NUL, `//`) is refused with 403 before any lookup.

/// What a request URL resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A key of the in-memory site ("2025/april/index.html").
    File(String),
    /// 301 to this location (`/base/dir` → `/base/dir/`, `/base` → `/base/`).
    Redirect(String),
    /// The live-reload event stream.
    Events,
    NotFound,
    Forbidden,
    BadRequest,
}

/// The reserved path, under the base path, of the live-reload event stream.
pub const EVENTS_PATH: &str = "__uppsikt/events";

/// Resolves a raw request target against the site's base path (`/` or `/dir/`) and the set of
/// files the site has.
pub fn resolve(raw: &str, base: &str, has: impl Fn(&str) -> bool) -> Resolved {
    let raw = raw.split('#').next().unwrap_or("");
    let (raw_path, query) = match raw.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (raw, None),
    };
    // A redirect copies the query into Location: a control character (a CR) there would
    // split the response head. conn refuses such requests already; this keeps `resolve`
    // safe on its own.
    if query.is_some_and(|q| q.chars().any(char::is_control)) {
        return Resolved::BadRequest;
    }
    let with_query = |p: String| match query {
        Some(q) => format!("{p}?{q}"),
        None => p,
    };
    let raw_path = origin_form(raw_path);
    if !raw_path.starts_with('/') {
        return Resolved::BadRequest;
    }
    if raw_path.contains('\\') {
        return Resolved::Forbidden;
    }
    let Some(path) = percent_decode(raw_path) else {
        return Resolved::BadRequest;
    };
    let path = match path {
        Decoded::Plain(p) => p,
        Decoded::Suspicious => return Resolved::Forbidden,
    };
    // Every segment but the first (before the leading '/') and the last (after a trailing
    // '/') must be a real name.
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len() - 1;
    for (i, seg) in segments.iter().enumerate() {
        if *seg == ".." || *seg == "." || (seg.is_empty() && i != 0 && i != last) {
            return Resolved::Forbidden;
        }
    }
    if format!("{path}/") == base {
        return Resolved::Redirect(with_query(base.to_string()));
    }
    let Some(rel) = path.strip_prefix(base) else {
        // Outside the base path: a static host serves something else (or nothing) there.
        // The root itself leads to the site, for convenience.
        return if path == "/" {
            Resolved::Redirect(base.to_string())
        } else {
            Resolved::NotFound
        };
    };
    if rel == EVENTS_PATH {
        return Resolved::Events;
    }
    if rel.is_empty() || rel.ends_with('/') {
        let key = format!("{rel}index.html");
        return if has(&key) {
            Resolved::File(key)
        } else {
            Resolved::NotFound
        };
    }
    if has(rel) {
        return Resolved::File(rel.to_string());
    }
    if has(&format!("{rel}/index.html")) {
        return Resolved::Redirect(with_query(format!("{raw_path}/")));
    }
    Resolved::NotFound
}

/// The path of an absolute-form target ("http://host/path", as sent to proxies); any other
/// target as it is.
fn origin_form(target: &str) -> &str {
    match target
        .strip_prefix("http://")
        .or_else(|| target.strip_prefix("https://"))
    {
        Some(rest) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => target,
    }
}

enum Decoded {
    Plain(String),
    /// Decodes to something no real URL of the site contains (encoded '/', '\\', NUL).
    Suspicious,
}

/// Percent-decodes a path; None when the result is not UTF-8. A '%' not followed by two hex
/// digits stays as it is (as in browsers), so it can only name a file of that literal name.
fn percent_decode(s: &str) -> Option<Decoded> {
    let lower = s.to_ascii_lowercase();
    if ["%2f", "%5c", "%00"].iter().any(|e| lower.contains(e)) {
        return Some(Decoded::Suspicious);
    }
    let text = percent_encoding::percent_decode_str(s).decode_utf8().ok()?;
    if text.contains(['\0', '\\']) {
        return Some(Decoded::Suspicious);
    }
    Some(Decoded::Plain(text.into_owned()))
}

/// Whether a request's `Host` (name or address, with or without a port) is one a browser on
/// this computer uses for it: an IP address, `localhost` or a name under it, a `.local` name
/// or one without a dot (this computer's own name). A dotted name such as `evil.example` is
/// a DNS name someone can point at 127.0.0.1 (DNS rebinding) to read the preview from their
/// web page as its own origin. No Host (HTTP/1.0) is this computer's too.
pub fn is_local_host(host: &str) -> bool {
    let host = host.trim();
    let name = match host.strip_prefix('[') {
        // "[::1]:1111": an IPv6 address.
        Some(rest) => {
            return rest
                .split(']')
                .next()
                .is_some_and(|a| a.parse::<std::net::Ipv6Addr>().is_ok())
        }
        None => match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => host,
        },
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name.parse::<std::net::Ipv4Addr>().is_ok()
        || !name.contains('.')
        || name.ends_with(".localhost")
        || name.ends_with(".local")
}

/// Inserts `snippet` before the last `</body>` (any case), or at the end when there is none.
pub fn inject(html: &[u8], snippet: &str) -> Vec<u8> {
    let needle = b"</body";
    let at = html
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// What a request's `Range` header asks of a file of `len` bytes (RFC 9110 §14): one range of
/// bytes (`Some(Ok(start..end))`), or none it can satisfy (`Some(Err(()))`, 416). Several
/// ranges, other units or a malformed header are answered with the whole file (`None`), as the
/// RFC allows: the site's search client asks for one range at a time.
pub fn byte_range(header: Option<&str>, len: usize) -> Option<Result<std::ops::Range<usize>, ()>> {
    let spec = header?.trim().strip_prefix("bytes=")?.trim();
    if spec.contains(',') {
        return None;
    }
    let (first, last) = spec.split_once('-')?;
    let number = |s: &str| -> Option<usize> {
        let s = s.trim();
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().unwrap_or(usize::MAX))
    };
    let range = match (number(first), number(last)) {
        // "bytes=-N": the last N bytes.
        (None, Some(n)) if first.trim().is_empty() => len.saturating_sub(n)..len,
        (Some(a), None) if last.trim().is_empty() => a..len,
        (Some(a), Some(b)) if a <= b => a..b.saturating_add(1).min(len),
        _ => return None,
    };
    Some(if range.start < len && !range.is_empty() {
        Ok(range)
    } else {
        Err(())
    })
}

pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    crate::markdown::escape_html(s, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(key: &str) -> bool {
        [
            "index.html",
            "2025/index.html",
            "2025/april/index.html",
            "static/style.css",
            "404.html",
            "2025/april/plan 2.pdf",
        ]
        .contains(&key)
    }

    fn r(url: &str) -> Resolved {
        resolve(url, "/", site)
    }

    #[test]
    fn files_directories_and_redirects() {
        assert_eq!(r("/"), Resolved::File("index.html".into()));
        assert_eq!(r("/2025/"), Resolved::File("2025/index.html".into()));
        assert_eq!(r("/2025"), Resolved::Redirect("/2025/".into()));
        assert_eq!(r("/2025?x=1"), Resolved::Redirect("/2025/?x=1".into()));
        assert_eq!(
            r("/static/style.css?v=3"),
            Resolved::File("static/style.css".into())
        );
        assert_eq!(
            r("/2025/april/plan%202.pdf"),
            Resolved::File("2025/april/plan 2.pdf".into())
        );
        assert_eq!(r("/nope"), Resolved::NotFound);
        assert_eq!(r("/nope/"), Resolved::NotFound);
        assert_eq!(r("/__uppsikt/events"), Resolved::Events);
    }

    #[test]
    fn traversal_and_odd_paths_are_refused() {
        for url in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/%2f..",
            "/2025%2f..%2f..%2fsite.toml",
            "//etc/passwd",
            "/2025//index.html",
            "\\..\\Cargo.toml",
            "/\\..\\Cargo.toml",
            "/%5c..%5cCargo.toml",
            "/./index.html",
            "/2025/..",
            "/a%00b",
        ] {
            let got = r(url);
            assert!(
                matches!(
                    got,
                    Resolved::Forbidden | Resolved::NotFound | Resolved::BadRequest
                ),
                "{url}: {got:?}"
            );
        }
        // A '%' without hex digits is a literal '%' (no such file here); bytes that are not
        // UTF-8 are not a path.
        assert_eq!(r("/%zz"), Resolved::NotFound);
        assert_eq!(r("/%ff"), Resolved::BadRequest);
        assert_eq!(r("/%C3%A5r/"), Resolved::NotFound);
        assert_eq!(r("*"), Resolved::BadRequest);
    }

    #[test]
    fn a_query_with_control_characters_is_refused_not_redirected() {
        assert_eq!(r("/2025?a\rLocation:/x"), Resolved::BadRequest);
        assert_eq!(r("/2025?a\nb"), Resolved::BadRequest);
        assert_eq!(r("/2025?a%0Db"), Resolved::Redirect("/2025/?a%0Db".into()));
    }

    #[test]
    fn serves_under_the_base_path_only() {
        let r = |u: &str| resolve(u, "/uppfoljning/", site);
        assert_eq!(r("/uppfoljning/"), Resolved::File("index.html".into()));
        assert_eq!(
            r("/uppfoljning"),
            Resolved::Redirect("/uppfoljning/".into())
        );
        assert_eq!(r("/"), Resolved::Redirect("/uppfoljning/".into()));
        assert_eq!(r("/2025/"), Resolved::NotFound);
        assert_eq!(
            r("/uppfoljning/2025"),
            Resolved::Redirect("/uppfoljning/2025/".into())
        );
        assert_eq!(r("/uppfoljning/__uppsikt/events"), Resolved::Events);
        assert_eq!(r("/__uppsikt/events"), Resolved::NotFound);
    }

    #[test]
    fn byte_ranges_as_rfc_9110_reads_them() {
        let r = |h: &str| byte_range(Some(h), 100);
        assert_eq!(byte_range(None, 100), None);
        assert_eq!(r("bytes=0-7"), Some(Ok(0..8)));
        assert_eq!(r("bytes=96-200"), Some(Ok(96..100)));
        assert_eq!(r("bytes=90-"), Some(Ok(90..100)));
        assert_eq!(r("bytes=-10"), Some(Ok(90..100)));
        assert_eq!(r("bytes=-1000"), Some(Ok(0..100)));
        assert_eq!(r("bytes=100-120"), Some(Err(())));
        assert_eq!(r("bytes=-0"), Some(Err(())));
        assert_eq!(byte_range(Some("bytes=0-0"), 0), Some(Err(())));
        // Whole file: several ranges, other units, nonsense.
        assert_eq!(r("bytes=0-1,5-6"), None);
        assert_eq!(r("items=0-1"), None);
        assert_eq!(r("bytes=7-3"), None);
        assert_eq!(r("bytes=a-3"), None);
        assert_eq!(r("bytes=-"), None);
        assert_eq!(r("bytes=99999999999999999999999-"), Some(Err(())));
    }

    #[test]
    fn injection_goes_before_the_last_body_end() {
        let out = inject(b"<html><body><p>x</p></BODY></html>", "<script></script>");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<html><body><p>x</p><script></script></BODY></html>"
        );
        let out = inject(b"<p>no body</p>", "<i>");
        assert_eq!(String::from_utf8(out).unwrap(), "<p>no body</p><i>");
    }
}
