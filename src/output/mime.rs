//! What kind of file an output path names, by its extension: its Content-Type (`serve` sends
//! it), and whether it is text (`Held` keeps text compressed for `serve`).

/// Content-Type by extension (from `mime_guess`); text types, and the JSON, XML and
/// JavaScript the site is made of, say utf-8.
pub fn content_type(path: &str) -> String {
    let mime = mime(path);
    if textual(&mime) {
        format!("{mime}; charset=utf-8")
    } else {
        mime
    }
}

/// Whether the file at `path` is text (served with a charset; held compressed by serve:
/// `super::Held`).
pub fn is_text(path: &str) -> bool {
    textual(&mime(path))
}

fn mime(path: &str) -> String {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        // A feed; mime_guess knows .xml only as XML in general, and as text/xml, which
        // RFC 7303 discourages.
        "xml" if path.ends_with(crate::paths::FEED_FILE) => "application/atom+xml".to_string(),
        "xml" => "application/xml".to_string(),
        // The search index's packed files are unpacked by the client, not by the browser.
        "gz" => "application/gzip".to_string(),
        "webmanifest" => "application/manifest+json".to_string(),
        ext => match mime_guess::from_ext(ext).first_raw() {
            Some(m) => m.to_string(),
            None => "application/octet-stream".to_string(),
        },
    }
}

fn textual(mime: &str) -> bool {
    mime.starts_with("text/")
        || ["json", "xml", "javascript"]
            .iter()
            .any(|t| mime.ends_with(&format!("/{t}")) || mime.ends_with(&format!("+{t}")))
}

pub fn is_html(path: &str) -> bool {
    content_type(path).starts_with("text/html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_name_utf8_for_text() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/x.CSS"), "text/css; charset=utf-8");
        assert_eq!(content_type("x.js"), "text/javascript; charset=utf-8");
        assert_eq!(
            content_type("data/site.json"),
            "application/json; charset=utf-8"
        );
        assert_eq!(
            content_type("sitemap.xml"),
            "application/xml; charset=utf-8"
        );
        assert_eq!(
            content_type("atom.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(content_type("a.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(content_type("a.png"), "image/png");
        assert_eq!(content_type("a.jpg"), "image/jpeg");
        assert_eq!(content_type("a.pdf"), "application/pdf");
        assert_eq!(content_type("a.woff2"), "font/woff2");
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("noext"), "application/octet-stream");
        assert_eq!(content_type("search/x/000.json.gz"), "application/gzip");
        assert_eq!(content_type("a.webp"), "image/webp");
        assert_eq!(content_type("a.csv"), "text/csv; charset=utf-8");
        assert_eq!(
            content_type("a.docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
    }
}
