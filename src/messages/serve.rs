//! `uppsikt serve`: the preview's terminal lines, its start-up errors, the error overlay and
//! the few words the server itself answers with.

use super::Lang;
use std::fmt::Display;

// `uppsikt serve`: the preview's terminal lines, its start-up errors, the error overlay and the
// few words the server itself answers with.
messages! {
    serve_serving(url) { sv: "Förhandsvisningen finns på {url}", en: "Serving the preview at {url}" }
    serve_on_network(url) {
        sv: "På en telefon eller en annan dator i samma nätverk: öppna {url}",
        en: "On a phone or another computer on the same network, open {url}",
    }
    serve_on_network_unknown(port) {
        sv: "Andra enheter i samma nätverk kan öppna förhandsvisningen på den här datorns nätverksadress, port {port} (uppsikt hittade inte adressen; datorns nätverksinställningar visar den).",
        en: "Other devices on your network can open this preview at this computer's network address, port {port} (uppsikt could not find that address; your computer's network settings show it).",
    }
    serve_watching() {
        sv: "Bevakar site.toml, content/, templates/, themes/ och static/ och bygger om när du sparar. Tryck Ctrl-C för att sluta (ingenting skrivs till disken).",
        en: "Watching site.toml, content/, templates/, themes/ and static/ and rebuilding on every save. Press Ctrl-C to stop (nothing is written to disk).",
    }
    serve_error_page() {
        sv: "Visar en sida med felen tills bygget lyckas.",
        en: "Serving a page with the errors until the build succeeds.",
    }
    serve_changed_one(file) { sv: "{file} ändrades: ", en: "{file} changed: " }
    serve_changed_many(file, more) {
        sv: "{file} och {more} till ändrades: ",
        en: "{file} and {more} more changed: ",
    }
    serve_no_page_changed() { sv: "ingen sida ändrades", en: "no page changed" }
    serve_no_tabs() { sv: "inga öppna flikar", en: "no open tabs" }
    serve_search_later(ms) {
        sv: "; sökindexet uppdaterat {ms} ms senare",
        en: "; search index updated {ms} ms later",
    }
    serve_failed(why, errors) { sv: "{why}bygget misslyckades:\n{errors}", en: "{why}the build failed:\n{errors}" }
    serve_no_site(root) { sv: "{root} har ingen site.toml", en: "{root} has no site.toml" }
    serve_no_site_hint() {
        sv: "kör uppsikt i webbplatsens mapp eller ange den med --root MAPP",
        en: "run uppsikt in the site's folder or pass it with --root DIR",
    }
    serve_port_in_use(port, bind) {
        sv: "porten {port} på {bind} används redan",
        en: "port {port} on {bind} is already in use",
    }
    serve_port_in_use_hint(port, next) {
        sv: "ett annat program (kanske en annan `uppsikt serve`) använder port {port}; stäng det, eller välj en annan port med --port {next} (eller --port 0 för vilken ledig port som helst)",
        en: "another program (perhaps another `uppsikt serve`) uses port {port}; stop it, or pick another port with --port {next} (or --port 0 for any free port)",
    }
    serve_port_not_allowed(port) {
        sv: "du har inte behörighet att använda port {port}",
        en: "you are not allowed to use port {port}",
    }
    serve_port_not_allowed_hint() {
        sv: "portar under 1024 är förbehållna systemet: välj en högre, till exempel --port 1111",
        en: "ports below 1024 are reserved for the system: pick a higher one, such as --port 1111",
    }
    serve_not_this_computer(bind) {
        sv: "adressen {bind} hör inte till den här datorn",
        en: "the address {bind} does not belong to this computer",
    }
    serve_not_this_computer_hint() {
        sv: "ta bort --bind (då kan bara den här datorn öppna förhandsvisningen) eller skriv --bind 0.0.0.0 för att dela den i nätverket",
        en: "leave out --bind (then only this computer can open the preview) or pass --bind 0.0.0.0 to share it on your network",
    }
    serve_cannot_listen(addr, e) {
        sv: "kan inte ta emot anslutningar på {addr} (teknisk detalj: {e})",
        en: "cannot accept connections on {addr} (technical detail: {e})",
    }
    serve_cannot_listen_hint() { sv: "kontrollera --bind och --port", en: "check --bind and --port" }
    serve_cannot_start(e) {
        sv: "förhandsvisningen kunde inte starta (teknisk detalj: {e})",
        en: "the preview could not start (technical detail: {e})",
    }
    serve_cannot_watch(root, e) {
        sv: "kan inte bevaka ändringar i {root} (teknisk detalj: {e})",
        en: "cannot watch {root} for changes (technical detail: {e})",
    }
    serve_cannot_watch_hint() {
        sv: "på Linux: be den som sköter datorn att höja gränsen fs.inotify.max_user_watches",
        en: "on Linux, ask whoever looks after the computer to raise fs.inotify.max_user_watches",
    }
    serve_without_watching() {
        sv: "Förhandsvisningen byggs inte om när du sparar: starta om `uppsikt serve` efter en ändring.",
        en: "The preview is not rebuilt when you save: start `uppsikt serve` again after a change.",
    }
    serve_no_browser(url, e) {
        sv: "Kunde inte öppna en webbläsare ({e}); öppna {url} själv.",
        en: "Could not open a browser ({e}); open {url} yourself.",
    }
    serve_overlay_title() {
        sv: "uppsikt: webbplatsen kunde inte byggas om",
        en: "uppsikt: the site could not be rebuilt",
    }
    serve_overlay_subtitle() {
        sv: "Du ser den senaste versionen som gick att bygga. Rätta felen nedan och spara, så laddas sidan om av sig själv.",
        en: "You are seeing the last version that built. Fix the errors below and save; this page reloads by itself.",
    }
    serve_overlay_subtitle_first() {
        sv: "Rätta felen nedan och spara, så laddas sidan om av sig själv.",
        en: "Fix the errors below and save; this page reloads by itself.",
    }
    serve_failed_page_title() { sv: "uppsikt: bygget misslyckades", en: "uppsikt: build failed" }
    serve_failed_page_heading() {
        sv: "Webbplatsen kunde inte byggas",
        en: "The site could not be built",
    }
    serve_only_get() { sv: "Bara GET och HEAD stöds.", en: "Only GET and HEAD are supported." }
    serve_forbidden() {
        sv: "Förbjudet: sökvägen ligger utanför webbplatsen.",
        en: "Forbidden: this path is outside the site.",
    }
    serve_other_host(host) {
        sv: "Förbjudet: förhandsvisningen visas bara på den här datorns egna adresser (localhost eller 127.0.0.1), inte under namnet `{host}`. En annan webbplats kan ha pekat sitt namn hit för att läsa förhandsvisningen.",
        en: "Forbidden: the preview is shown only at this computer's own addresses (localhost or 127.0.0.1), not under the name `{host}`. Another website may have pointed its name here to read the preview.",
    }
    serve_bad_request() {
        sv: "Felaktig begäran: sökvägen går inte att läsa.",
        en: "Bad request: not a valid path.",
    }
    serve_not_found() { sv: "Sidan finns inte.", en: "Not found." }
    serve_unreadable() {
        sv: "Sidan kunde inte läsas ur minnet: starta om uppsikt serve.",
        en: "The page could not be read from memory: restart uppsikt serve.",
    }
    serve_too_many_streams() {
        sv: "För många flikar väntar på ändringar: stäng några flikar med förhandsvisningen.",
        en: "Too many tabs are waiting for changes: close some preview tabs.",
    }
}

/// "1 sida" / "2 sidor": the count and the noun (or adjective and noun) in its number.
fn counted(n: usize, [one, many]: [&str; 2]) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// serve's line after a good build: "byggde om 3 sidor på 12 ms" / "rebuilt 3 pages in 12 ms"
/// (`benches/compare.sh` reads the milliseconds of "rebuilt"/"byggde om").
pub fn serve_built(lang: Lang, first: bool, pages: usize, ms: u128) -> String {
    match (lang, first) {
        (Lang::Sv, true) => format!("byggde {} på {ms} ms", counted(pages, ["sida", "sidor"])),
        (Lang::Sv, false) => format!("byggde om {} på {ms} ms", counted(pages, ["sida", "sidor"])),
        (Lang::En, true) => format!("built {} in {ms} ms", counted(pages, ["page", "pages"])),
        (Lang::En, false) => format!("rebuilt {} in {ms} ms", counted(pages, ["page", "pages"])),
    }
}

/// What a good rebuild did to the open tabs: "laddar om 2 flikar" / "reloading 2 tabs".
pub fn serve_reloading(lang: Lang, tabs: usize) -> String {
    match lang {
        Lang::Sv => format!("laddar om {}", counted(tabs, ["flik", "flikar"])),
        Lang::En => format!("reloading {}", counted(tabs, ["tab", "tabs"])),
    }
}

/// "stilmallarna bytta i 1 flik" / "stylesheets swapped in 1 tab".
pub fn serve_css_swapped(lang: Lang, tabs: usize) -> String {
    match lang {
        Lang::Sv => format!("stilmallarna bytta i {}", counted(tabs, ["flik", "flikar"])),
        Lang::En => format!("stylesheets swapped in {}", counted(tabs, ["tab", "tabs"])),
    }
}

/// After a failed rebuild: the last good site stays, and where the errors are shown.
pub fn serve_still_serving(lang: Lang, tabs: usize) -> String {
    match lang {
        Lang::Sv => format!(
            "Den senaste versionen som gick att bygga visas fortfarande; felen visas i {}. Rätta och spara, så byggs webbplatsen om.",
            counted(tabs, ["öppen flik", "öppna flikar"])
        ),
        Lang::En => format!(
            "Still serving the last good site; the errors are shown in {}. Fix and save to rebuild.",
            counted(tabs, ["open tab", "open tabs"])
        ),
    }
}

/// serve's start-up: the time until the site was served, and the peak memory where the system
/// tells it (`peak_kb`, Linux): "Igång efter 1,2 s (som mest 85 MB minne)".
pub fn serve_started(lang: Lang, elapsed: std::time::Duration, peak_kb: Option<u64>) -> String {
    let time = if elapsed.as_millis() < 1000 {
        format!("{} ms", elapsed.as_millis())
    } else {
        let secs = format!("{:.1} s", elapsed.as_secs_f64());
        match lang {
            Lang::Sv => secs.replace('.', ","),
            Lang::En => secs,
        }
    };
    let mb = peak_kb.map(|kb| kb.div_ceil(1024));
    match (lang, mb) {
        (Lang::Sv, Some(mb)) => format!("Igång efter {time} (som mest {mb} MB minne)"),
        (Lang::Sv, None) => format!("Igång efter {time}"),
        (Lang::En, Some(mb)) => format!("Started in {time} (peak memory {mb} MB)"),
        (Lang::En, None) => format!("Started in {time}"),
    }
}

#[cfg(test)]
mod serve_tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn serve_lines_count_in_both_languages() {
        assert_eq!(serve_built(Lang::Sv, true, 1, 5), "byggde 1 sida på 5 ms");
        assert_eq!(
            serve_built(Lang::Sv, false, 3, 12),
            "byggde om 3 sidor på 12 ms"
        );
        assert_eq!(
            serve_built(Lang::En, false, 1, 12),
            "rebuilt 1 page in 12 ms"
        );
        assert_eq!(serve_reloading(Lang::Sv, 2), "laddar om 2 flikar");
        assert_eq!(serve_reloading(Lang::En, 1), "reloading 1 tab");
        assert!(serve_still_serving(Lang::Sv, 0).contains("i 0 öppna flikar."));
        assert!(serve_still_serving(Lang::En, 1).contains("in 1 open tab."));
    }

    #[test]
    fn the_start_up_line_in_both_languages() {
        let kb = Some(87_000);
        assert_eq!(
            serve_started(Lang::Sv, Duration::from_millis(1250), kb),
            "Igång efter 1,2 s (som mest 85 MB minne)"
        );
        assert_eq!(
            serve_started(Lang::En, Duration::from_millis(40), kb),
            "Started in 40 ms (peak memory 85 MB)"
        );
        assert_eq!(
            serve_started(Lang::En, Duration::from_millis(21_460), None),
            "Started in 21.5 s"
        );
    }
}
