//! What uppsikt says to the people who write the content, in the site's language: every
//! diagnostic's message and hint is one entry here, in Swedish and in English side by side, so
//! that a translation is never missing and a wording is changed in one place.
//!
//! The readers are communications staff, not developers: say what is wrong in plain words and
//! what to do about it, and show the fixed line where that is possible.

use std::fmt::Display;

/// The language of the messages: the site's `language` in site.toml ("sv" unless it says "en").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    /// "en", "en-GB" → English; anything else → Swedish, the language uppsikt's sites are in.
    pub fn of(code: &str) -> Lang {
        let code = code.trim().to_ascii_lowercase();
        if code == "en" || code.starts_with("en-") || code.starts_with("en_") {
            Lang::En
        } else {
            Lang::Sv
        }
    }
}

/// Each entry becomes `pub fn name(lang, args…) -> String`; the texts name the arguments as
/// `{arg}` (format! syntax), so a missing argument is a compile error.
macro_rules! messages {
    ($($name:ident($($arg:ident),*) { sv: $sv:literal, en: $en:literal $(,)? })*) => {
        $(
            #[allow(clippy::too_many_arguments)]
            pub fn $name(lang: Lang, $($arg: impl Display),*) -> String {
                match lang {
                    Lang::Sv => format!($sv),
                    Lang::En => format!($en),
                }
            }
        )*
    };
}

// The frame of every diagnostic.
messages! {
    error_label() { sv: "fel", en: "error" }
    warning_label() { sv: "varning", en: "warning" }
    hint_label() { sv: "gör så här", en: "hint" }
    build_failed() {
        sv: "Bygget misslyckades; ingenting skrevs.",
        en: "The build failed; nothing was written.",
    }
    built(summary, output) { sv: "Byggde {summary} → {output}", en: "Built {summary} → {output}" }
    checked(summary) { sv: "Kontrollerade {summary}: inga fel", en: "Checked {summary}: no errors" }
    did_you_mean(candidate) { sv: "menade du `{candidate}`?", en: "did you mean `{candidate}`?" }
}

/// The summary of a good build or check: "53 pages (4 reports, 20 areas), 57 files in 40 ms".
pub fn summary(
    lang: Lang,
    pages: usize,
    reports: usize,
    areas: usize,
    files: usize,
    ms: u128,
) -> String {
    let n = |n: usize, sv: [&str; 2], en: [&str; 2]| {
        let forms = if lang == Lang::Sv { sv } else { en };
        format!("{n} {}", forms[usize::from(n != 1)])
    };
    let (in_, pages, reports, areas, files) = (
        if lang == Lang::Sv { "på" } else { "in" },
        n(pages, ["sida", "sidor"], ["page", "pages"]),
        n(reports, ["rapport", "rapporter"], ["report", "reports"]),
        n(areas, ["område", "områden"], ["area", "areas"]),
        n(files, ["fil", "filer"], ["file", "files"]),
    );
    format!("{pages} ({reports}, {areas}), {files} {in_} {ms} ms")
}

/// The line after the warnings of a build that went on (`lint`'s, with `--strict`).
pub fn warnings(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Sv => format!(
            "{n} {} (webbplatsen byggs ändå; `--strict` gör dem till fel)",
            if n == 1 { "varning" } else { "varningar" }
        ),
        Lang::En => format!(
            "{n} warning{} (the site is built anyway; `--strict` makes them errors)",
            if n == 1 { "" } else { "s" }
        ),
    }
}

/// Added to `warnings` when only the first of them were shown (`build`, `serve`).
pub fn warnings_not_shown(lang: Lang, rest: usize) -> String {
    match lang {
        Lang::Sv => format!("; {rest} till visas inte här: `uppsikt check` visar alla"),
        Lang::En => format!("; {rest} more not shown here: `uppsikt check` lists them all"),
    }
}

/// "1 error", "2 errors" in English (the plural is not worth a macro case).
pub fn errors(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Sv => format!("{n} fel"),
        Lang::En => format!("{n} error{}", if n == 1 { "" } else { "s" }),
    }
}

// site.toml
messages! {
    cannot_read_config(file, e) { sv: "kan inte läsa {file}: {e}", en: "cannot read {file}: {e}" }
    cannot_read_config_hint(root) {
        sv: "kör uppsikt i webbplatsens mapp eller ange den med --root; letade i {root}",
        en: "run uppsikt in the site's folder or pass --root; looked in {root}",
    }
    bad_base_url(why) { sv: "base_url går inte att använda: {why}", en: "invalid base_url: {why}" }
    bad_base_url_hint() {
        sv: "skriv en sökväg som \"/uppfoljning/\" eller en adress som \"https://example.se/uppfoljning/\"",
        en: "write a path such as \"/uppfoljning/\" or a URL such as \"https://example.se/uppfoljning/\"",
    }
    base_url_no_host(raw) { sv: "`{raw}` saknar värdnamn", en: "`{raw}` has no host name" }
    base_url_not_path(raw) {
        sv: "`{raw}` är varken en sökväg som börjar med `/` eller en http(s)-adress",
        en: "`{raw}` is neither a path starting with `/` nor an http(s) URL",
    }
    base_url_not_plain(raw) {
        sv: "sökvägen i `{raw}` är inte en enkel mappsökväg",
        en: "the path of `{raw}` is not a plain directory path",
    }
    unknown_verdict(v) {
        sv: "okänd bedömning av tillgängligheten: `{v}`",
        en: "unknown accessibility verdict `{v}`",
    }
    unknown_verdict_hint() {
        sv: "skriv \"full\", \"partial\" eller \"none\"",
        en: "use \"full\", \"partial\" or \"none\"",
    }
    not_a_web_address(key, value) {
        sv: "`{key}` är inte en webbadress: `{value}`",
        en: "`{key}` is not a web address: `{value}`",
    }
    not_a_web_address_hint(key) {
        sv: "skriv en hel adress som börjar med https://, till exempel {key} = \"https://www.digg.se/tdosanmalan\"",
        en: "write a whole address starting with https://, for example {key} = \"https://www.digg.se/tdosanmalan\"",
    }
    not_a_regular_file(what) {
        sv: "{what} är inte en vanlig fil",
        en: "{what} is not a regular file",
    }
    not_a_regular_file_hint() {
        sv: "ersätt den med en vanlig textfil (den är en specialfil, till exempel en namngiven pipe eller en enhet)",
        en: "replace it with an ordinary text file (it is a special file, such as a named pipe or a device)",
    }
}

// Dates.
messages! {
    bad_date(key) { sv: "`{key}` är inte ett datum", en: "`{key}` is not a date" }
    bad_date_hint() {
        sv: "skriv det så exakt som dokumentet anger det: \"2026\", \"2026-04\" eller \"2026-02-09\"",
        en: "write it as precisely as the document states it: \"2026\", \"2026-04\" or \"2026-02-09\"",
    }
    impossible_date(key, date) {
        sv: "`{key}` är ett datum som inte finns: {date}",
        en: "`{key}` is a date that does not exist: {date}",
    }
    impossible_date_hint(month, days, last_day) {
        sv: "{month} har {days} dagar; rätta dagen (till exempel \"{last_day}\") eller ange bara år och månad (\"{month}\")",
        en: "{month} has {days} days; correct the day (for example \"{last_day}\") or give only year and month (\"{month}\")",
    }
    date_outside_year(date, year) {
        sv: "rapporten är daterad {date} men ligger i mappen för år {year}",
        en: "the report is dated {date} but is in the folder of the year {year}",
    }
    date_outside_year_hint(year, next) {
        sv: "flytta rapportens mapp till content/{year}/ eller rätta datumet; en rapport i {next}/ får vara daterad från {next} till och med juni året efter",
        en: "move the report's folder to content/{year}/ or correct the date; a report in {next}/ may be dated from {next} up to June of the following year",
    }
}

// The content folder and its files.
messages! {
    no_content_folder() { sv: "det finns ingen mapp content/", en: "there is no content/ folder" }
    no_content_folder_hint(path) {
        sv: "skapa {path} med areas.toml och en mapp per år",
        en: "create {path} with areas.toml and one folder per year",
    }
    cannot_read_content(e) { sv: "kan inte läsa mappen content: {e}", en: "cannot read the content folder: {e}" }
    not_a_year(year) { sv: "`{year}` är inte ett år", en: "`{year}` is not a year" }
    not_a_year_hint() {
        sv: "lägg rapporter i en mapp som heter som året med fyra siffror: content/2026/<rapport>/_index.md",
        en: "put reports in a folder named by four-digit year: content/2026/<report>/_index.md",
    }
    folder_not_slug(name) {
        sv: "rapportmappen `{name}` kan inte bli en webbadress",
        en: "the report folder `{name}` is not a URL slug",
    }
    folder_not_slug_hint(slug) {
        sv: "byt namn på mappen till `{slug}` (små bokstäver a–z, siffror och '-')",
        en: "rename the folder to `{slug}` (lower-case a-z, 0-9 and '-')",
    }
    folder_empty_slug_hint() {
        sv: "ge mappen ett namn med bokstäver eller siffror som säger vilken rapport det är, till exempel `delarsbokslut` eller `april` (små bokstäver a–z, siffror och '-')",
        en: "give the folder a name with letters or digits that says which report it is, such as `delarsbokslut` or `april` (lower-case a-z, 0-9 and '-')",
    }
    markdown_outside_report() {
        sv: "en Markdown-fil utanför alla rapporter",
        en: "a Markdown file outside any report",
    }
    markdown_outside_report_hint() {
        sv: "en rapport är content/<år>/<rapport>/_index.md och dess områden content/<år>/<rapport>/NN-namn.md",
        en: "reports are content/<year>/<report>/_index.md, their areas content/<year>/<report>/NN-slug.md",
    }
    no_areas_file_hint() {
        sv: "skapa content/areas.toml med en tabell [[area]] (id, name) per område",
        en: "create content/areas.toml with one [[area]] table (id, name) per area",
    }
    entry_without_report() {
        sv: "ett områdesavsnitt i en mapp utan _index.md",
        en: "an area entry in a folder without _index.md",
    }
    entry_without_report_hint(year, slug) {
        sv: "lägg till content/{year}/{slug}/_index.md med rapportens title, kind, date och committee",
        en: "add content/{year}/{slug}/_index.md with the report's title, kind, date and committee",
    }
    cannot_read_file(e) { sv: "kan inte läsa filen: {e}", en: "cannot read the file: {e}" }
    not_utf8() { sv: "filen är inte UTF-8-text", en: "the file is not UTF-8 text" }
    not_utf8_hint() {
        sv: "spara filen som UTF-8 (i de flesta program: \"Spara som\" → kodning UTF-8)",
        en: "save the file as UTF-8 (most editors: \"Save with encoding\" → UTF-8)",
    }
    no_front_matter() {
        sv: "filen börjar inte med `+++` och inställningar (front matter)",
        en: "the file does not start with `+++` front matter",
    }
    no_front_matter_hint() {
        sv: "börja filen med en rad `+++`, inställningarna och en rad `+++` till",
        en: "begin the file with a line `+++`, the TOML keys, and another line `+++`",
    }
    front_matter_not_closed() {
        sv: "inställningarna som börjar med `+++` på rad 1 avslutas aldrig",
        en: "the front matter opened with `+++` on line 1 is never closed",
    }
    front_matter_not_closed_hint() {
        sv: "lägg till en rad med bara `+++` efter den sista inställningen",
        en: "add a line with only `+++` after the last key",
    }
}

// TOML in plain words (front matter, site.toml, areas.toml).
messages! {
    quotes_inside(key) {
        sv: "texten i `{key}` innehåller citattecken, och då tar texten slut för tidigt",
        en: "the text of `{key}` has quotes inside it, which end the text too early",
    }
    quotes_inside_hint(fixed, single) {
        sv: "skriv ett \\ före varje citattecken inuti texten: {fixed}\neller omge texten med apostrofer: {single}",
        en: "put a \\ before each quote inside the text: {fixed}\nor put the text in single quotes: {single}",
    }
    quotes_inside_hint_escaped(fixed) {
        sv: "skriv ett \\ före varje citattecken inuti texten: {fixed}",
        en: "put a \\ before each quote inside the text: {fixed}",
    }
    curly_quotes(key, quote) {
        sv: "texten i `{key}` står inom typografiska citattecken ({quote})",
        en: "the text of `{key}` is in typographic quotes ({quote})",
    }
    curly_quotes_hint(fixed) {
        sv: "använd raka citattecken \" runt texten: {fixed} (ordbehandlare byter ofta \" mot ” när man skriver)",
        en: "use straight quotes \" around the text: {fixed} (word processors often turn \" into ” as you type)",
    }
    invisible_char(name, code, line, column) {
        sv: "ett osynligt tecken: {name} ({code}) på {line}:{column}",
        en: "an invisible character: {name} ({code}) at {line}:{column}",
    }
    invisible_char_hint() {
        sv: "radera tecknet och skriv ett vanligt mellanslag (eller inget) i stället; det kommer ofta med text som klistrats in från Word eller en webbsida",
        en: "delete the character and type an ordinary space (or nothing) instead; it often comes with text pasted from Word or a web page",
    }
    unquoted_text(key) {
        sv: "texten i `{key}` saknar citattecken",
        en: "the text of `{key}` is not in quotes",
    }
    unquoted_text_hint(fixed) {
        sv: "sätt raka citattecken runt texten: {fixed}",
        en: "put straight quotes around the text: {fixed}",
    }
    unknown_key(key) {
        sv: "`{key}` är ingen inställning som finns här",
        en: "`{key}` is not a setting here",
    }
    unknown_key_hint(keys) {
        sv: "ta bort raden eller rätta stavningen; inställningarna som finns är {keys}",
        en: "remove the line or correct the spelling; the settings are {keys}",
    }
    missing_key(key) {
        sv: "inställningen `{key}` saknas",
        en: "the setting `{key}` is missing",
    }
    missing_key_hint(key) {
        sv: "lägg till en rad {key} = \"…\" mellan raderna `+++`; README-avsnittet \"Content format\" visar ett exempel",
        en: "add a line {key} = \"…\" between the `+++` lines; the README's \"Content format\" shows an example",
    }
    wrong_type(key, expected) {
        sv: "`{key}` ska vara {expected}",
        en: "`{key}` must be {expected}",
    }
    wrong_type_hint() {
        sv: "text skrivs inom raka citattecken (\"…\"), tal utan, listor inom [ ] och sant/falskt som true eller false",
        en: "text goes in straight quotes (\"…\"), numbers without, lists in [ ] and yes/no as true or false",
    }
    duplicate_key(key) {
        sv: "`{key}` står två gånger",
        en: "`{key}` is there twice",
    }
    duplicate_key_hint() {
        sv: "ta bort den ena raden",
        en: "remove one of the lines",
    }
    toml_syntax(detail) {
        sv: "raden går inte att läsa ({detail})",
        en: "the line cannot be read ({detail})",
    }
    toml_syntax_hint() {
        sv: "varje rad är namn = värde; text inom raka citattecken (title = \"Min rubrik\"), listor inom [ ]",
        en: "each line is name = value; text in straight quotes (title = \"My title\"), lists in [ ]",
    }
    type_text() { sv: "text inom citattecken", en: "text in quotes" }
    type_number() { sv: "ett heltal", en: "a whole number" }
    type_bool() { sv: "true eller false", en: "true or false" }
    type_list() { sv: "en lista inom [ ]", en: "a list in [ ]" }
    type_table() { sv: "en tabell", en: "a table" }
}

// The register of areas, reports and entries.
messages! {
    area_id_empty() { sv: "områdets id är tomt", en: "the area id is empty" }
    area_id_empty_hint(suggestion) {
        sv: "ge området ett id av små bokstäver a–z, siffror och '-', till exempel id = \"{suggestion}\"; id:t blir områdets webbadress",
        en: "give the area an id of lower-case a-z, 0-9 and '-', such as id = \"{suggestion}\"; the id becomes the area's web address",
    }
    area_id_not_slug(id) { sv: "områdets id `{id}` kan inte bli en webbadress", en: "the area id `{id}` is not a slug" }
    area_id_not_slug_hint(slug) {
        sv: "skriv `{slug}`: små bokstäver a–z, siffror och '-'",
        en: "use `{slug}`: lower-case a-z, 0-9 and '-'",
    }
    area_id_twice(id) { sv: "området `{id}` finns två gånger i registret", en: "the area id `{id}` is registered twice" }
    area_id_twice_hint() {
        sv: "ge varje [[area]] ett eget id; slå ihop de två tabellerna om de är samma område",
        en: "give each [[area]] its own id; merge the two tables if they are one area",
    }
    continues_unknown(id, other) {
        sv: "`{id}` fortsätter det okända området `{other}`",
        en: "`{id}` continues the unknown area `{other}`",
    }
    continues_unknown_hint() {
        sv: "lägg till det tidigare området i areas.toml eller ta bort det ur `continues`",
        en: "add the earlier area to areas.toml or remove it from `continues`",
    }
    continues_itself(id) { sv: "`{id}` fortsätter sig självt", en: "`{id}` continues itself" }
    continues_itself_hint() {
        sv: "ta bort det ur sin egen `continues`",
        en: "remove it from its own `continues`",
    }
    lineage_cycle(cycle) {
        sv: "områdenas historik går i cirkel: {cycle}",
        en: "the lineage forms a cycle: {cycle}",
    }
    lineage_cycle_hint() {
        sv: "ett område kan bara fortsätta områden som fanns före det; ta bort en av länkarna i `continues`",
        en: "an area can only continue areas that came before it; remove one `continues` link",
    }
    kind_empty() { sv: "`kind` är tom", en: "`kind` is empty" }
    kind_not_slug(kind) { sv: "rapporttypen `{kind}` är inget id", en: "the kind `{kind}` is not a slug" }
    kind_not_slug_hint(slug) {
        sv: "skriv `{slug}` (typer är id:n som april, delarsbokslut, arsbokslut)",
        en: "use `{slug}` (kinds are ids such as april, delarsbokslut, arsbokslut)",
    }
    kind_empty_hint() {
        sv: "skriv vilken sorts rapport det är, till exempel kind = \"delarsbokslut\"",
        en: "say what kind of report it is, for example kind = \"delarsbokslut\"",
    }
    unknown_area(id) { sv: "okänt område `{id}`", en: "unknown area `{id}`" }
    unknown_area_hint() {
        sv: "lägg till området i content/areas.toml",
        en: "register the area in content/areas.toml",
    }
    area_twice_in_report(id) {
        sv: "området `{id}` finns två gånger i den här rapporten",
        en: "the area `{id}` appears twice in this report",
    }
    area_twice_in_report_hint(first) {
        sv: "det är redan området i {first}; ett område har ett avsnitt per rapport",
        en: "it is already the area of {first}; an area has one entry per report",
    }
}

// Pages and their addresses.
messages! {
    in_search_folder(path, dir, owner) {
        sv: "/{path} ligger i sökindexets mapp /{dir}: {owner}",
        en: "/{path} is in the search index's folder /{dir}: {owner}",
    }
    in_search_folder_hint() {
        sv: "flytta eller byt namn på den: sökindexet äger den mappen",
        en: "move or rename it: the search index owns that folder",
    }
    same_url(path, first, owner) {
        sv: "två filer vill ha adressen /{path}: {first} och {owner}",
        en: "two files want the URL /{path}: {first} and {owner}",
    }
    same_url_hint() {
        sv: "byt namn på en av dem (rapportmappar och områdenas id blir adresser; stora och små bokstäver räknas som samma)",
        en: "rename one of them (report folders and area ids become URLs; upper and lower case count as the same)",
    }
    file_and_folder(path, first, owner) {
        sv: "/{path} är både en fil och en mapp: {first} och {owner}",
        en: "/{path} is both a file and a folder: {first} and {owner}",
    }
    cannot_read_theme_file(e) { sv: "kan inte läsa temats fil: {e}", en: "cannot read the theme file: {e}" }
    no_such_theme(name) { sv: "temat `{name}` finns inte", en: "the theme `{name}` does not exist" }
    no_such_theme_hint() {
        sv: "ange i `theme` i site.toml en mapp under themes/, eller ta bort raden för att använda det inbyggda temat",
        en: "set `theme` in site.toml to a folder under themes/, or remove it to use the built-in default theme",
    }
    cannot_read_template(e) { sv: "kan inte läsa mallen: {e}", en: "cannot read the template: {e}" }
    template_not_utf8() { sv: "mallen är inte UTF-8-text", en: "the template is not UTF-8 text" }
    no_ui_strings(code) {
        sv: "temat har inga texter för språket `{code}`",
        en: "the theme has no UI strings for the language `{code}`",
    }
    no_ui_strings_hint() {
        sv: "skriv language = \"sv\" eller \"en\" i site.toml, eller lägg till i18n/<språk>.toml i temat",
        en: "set `language` in site.toml to \"sv\" or \"en\", or add i18n/<language>.toml to the theme",
    }
    template_error(name, detail) {
        sv: "fel i mallen {name}: {detail}",
        en: "template error in {name}: {detail}",
    }
    template_error_hint() {
        sv: "rätta mallens syntax; minijinja följer Jinja2 ({{{{ värde }}}}, {{% if %}} … {{% endif %}})",
        en: "fix the template syntax; minijinja follows Jinja2 ({{{{ value }}}}, {{% if %}} … {{% endif %}})",
    }
    the_page(path) { sv: "sidan {path}", en: "the page {path}" }
    the_generated_file(path) { sv: "den skapade filen {path}", en: "the generated file {path}" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_and_their_arguments() {
        assert_eq!(unknown_area(Lang::Sv, "x"), "okänt område `x`");
        assert_eq!(unknown_area(Lang::En, "x"), "unknown area `x`");
        assert_eq!(errors(Lang::En, 1), "1 error");
        assert_eq!(errors(Lang::En, 2), "2 errors");
        assert_eq!(errors(Lang::Sv, 2), "2 fel");
        assert_eq!(
            template_error_hint(Lang::En),
            "fix the template syntax; minijinja follows Jinja2 ({{ value }}, {% if %} … {% endif %})"
        );
        assert_eq!(
            summary(Lang::Sv, 1, 2, 1, 3, 40),
            "1 sida (2 rapporter, 1 område), 3 filer på 40 ms"
        );
    }

    #[test]
    fn language_codes() {
        assert_eq!(Lang::of("en"), Lang::En);
        assert_eq!(Lang::of("en-GB"), Lang::En);
        assert_eq!(Lang::of("sv"), Lang::Sv);
        assert_eq!(Lang::of(""), Lang::Sv);
    }
}

// The publishing check's warnings (`lint`).
messages! {
    lint_identity_number() {
        sv: "det här ser ut som ett personnummer eller samordningsnummer",
        en: "this looks like a personal identity number (personnummer or samordningsnummer)",
    }
    lint_identity_number_hint() {
        sv: "personnummer får aldrig publiceras: ta bort det (sidan, sökningen och de öppna data skulle alla visa det)",
        en: "personal identity numbers must never be published: remove it (the page, search and the open data would all show it)",
    }
    lint_leftover(mark) { sv: "`{mark}` står kvar i texten", en: "`{mark}` is left in the text" }
    lint_leftover_hint() {
        sv: "gör klart eller ta bort det som markeringen gäller innan du publicerar",
        en: "finish or remove what it marks before publishing",
    }
    lint_word_bullet(c) {
        sv: "raden börjar med en punkt från Word, `{c}`",
        en: "a Word bullet `{c}` starts this line",
    }
    lint_word_bullet_hint() {
        sv: "sidan visar den som ett enda stycke: börja i stället varje punkt i listan med `- ` (bindestreck och mellanslag)",
        en: "the page shows it as a run-on paragraph: start each list item with `- ` (a hyphen and a space) instead",
    }
    lint_pasted_table() {
        sv: "de här raderna med tabbar ser ut som en tabell inklistrad från Word eller Excel",
        en: "these lines separated by tabs look like a table pasted from Word or Excel",
    }
    lint_pasted_table_hint() {
        sv: "sidan visar dem som ett enda stycke: skriv en Markdown-tabell, `| År | Antal |`, sedan `|---|---|`, sedan en rad `| … | … |` per rad",
        en: "the page shows them as one paragraph: write a Markdown table, `| År | Antal |`, then `|---|---|`, then one `| … | … |` line per row",
    }
    lint_image_without_alt() { sv: "bilden saknar alternativtext", en: "this image has no alt text" }
    lint_image_without_alt_hint() {
        sv: "beskriv bilden mellan hakparenteserna, `![Diagram över frånvaron 2025](bild.png)`: det är vad skärmläsare läser upp",
        en: "describe the image between the brackets, `![Diagram över frånvaron 2025](bild.png)`: it is what screen readers say",
    }
    lint_placeholder(value) {
        sv: "`{value}` ser ut som en platshållare",
        en: "`{value}` looks like a placeholder",
    }
    lint_placeholder_hint() {
        sv: "skriv in det riktiga värdet innan du publicerar (adresser på .invalid, .example och example.* når ingen)",
        en: "set the real value before publishing (.invalid, .example and example.* addresses reach no one)",
    }
    lint_empty_entry() { sv: "området saknar text", en: "this area entry has no text" }
    lint_empty_entry_hint() {
        sv: "skriv vad som har gjorts och vad som planeras under front matter, eller markera posten `draft = true` tills den är skriven",
        en: "write what was done and what is planned below the front matter, or mark the entry `draft = true` until it is written",
    }
    lint_no_direction(title, year) {
        sv: "posten saknar inriktning, men området hade en i {title} ({year})",
        en: "this entry has no direction, but the area had one in {title} ({year})",
    }
    lint_no_direction_hint() {
        sv: "skriv nämndens inriktning för i år som `direction = \"\"\"…\"\"\"` i front matter, eller strunta i detta om nämnden inte gav någon",
        en: "add the committee's direction for this year as `direction = \"\"\"…\"\"\"` in the front matter, or ignore this if the committee gave none",
    }
    lint_strict() { sv: "ett fel på grund av --strict", en: "an error because of --strict" }
}

// Local links and images (`markdown::links`).
messages! {
    link_outside(url) { sv: "`{url}` pekar utanför webbplatsen", en: "`{url}` points outside the site" }
    link_outside_hint() {
        sv: "länka till en fil i content/ (räknat från den här filen) eller till en sida på webbplatsen",
        en: "link to a file in content/ (relative to this file) or to a page of the site",
    }
    link_not_a_page(url, target) {
        sv: "`{url}` länkar till content/{target}, som inte är en sida på webbplatsen",
        en: "`{url}` links to content/{target}, which is not a page of the site",
    }
    link_not_a_page_hint() {
        sv: "kontrollera filnamnet; ett utkast (`draft = true`) byggs bara med --drafts",
        en: "check the file name; a draft (`draft = true`) is built only with --drafts",
    }
    link_missing(url, target) {
        sv: "`{url}` pekar på en fil som inte finns: content/{target}",
        en: "`{url}` points to a file that does not exist: content/{target}",
    }
    link_did_you_mean(name) {
        sv: "menade du `{name}`? (filnamn måste stämma exakt, även stora och små bokstäver)",
        en: "did you mean `{name}`? (file names must match exactly, case too)",
    }
    link_missing_hint(folder) {
        sv: "lägg filen i content/{folder} (bredvid Markdown-filen eller i en mapp där) eller rätta namnet",
        en: "put the file in content/{folder} (beside the Markdown file, or in a folder there) or correct the name",
    }
}

// Statuses (`[[status]]` in site.toml, `status` in an entry).
messages! {
    status_not_slug(id) { sv: "statusens id `{id}` är inte ett giltigt id", en: "the status id `{id}` is not a slug" }
    status_not_slug_hint(slug) {
        sv: "skriv `{slug}`: små bokstäver a–z, siffror och '-'",
        en: "use `{slug}`: lower-case a-z, 0-9 and '-'",
    }
    status_twice(id) { sv: "statusen `{id}` finns två gånger", en: "the status `{id}` is defined twice" }
    status_twice_hint() { sv: "ge varje [[status]] ett eget id", en: "give each [[status]] its own id" }
    status_no_label(id) { sv: "statusen `{id}` saknar text (label)", en: "the status `{id}` has no label" }
    status_no_label_hint() {
        sv: "skriv texten som invånarna läser, till exempel label = \"Pågår\"",
        en: "write the label residents read, such as label = \"Pågår\"",
    }
    status_unknown_icon(id, icon) {
        sv: "statusen `{id}` har en ikon som inte finns: `{icon}`",
        en: "the status `{id}` has the unknown icon `{icon}`",
    }
    status_use_one_of(list) { sv: "använd en av {list}", en: "use one of {list}" }
    status_unknown(id) { sv: "statusen `{id}` finns inte", en: "unknown status `{id}`" }
    status_none_defined() {
        sv: "ange statusarna i site.toml ([[status]] med id och label), eller ta bort `status`",
        en: "define the statuses in site.toml ([[status]] with id and label), or remove `status`",
    }
}

// The output folder (`output::folder`): where a build may write.
messages! {
    out_unresolvable(path, e) { sv: "kan inte ta reda på var {path} är: {e}", en: "cannot find out where {path} is: {e}" }
    out_unresolvable_hint() {
        sv: "kontrollera sökvägen som gavs med --root eller --output",
        en: "check the path given with --root or --output",
    }
    out_never(named, why) { sv: "bygger inte i {named}: {why}", en: "will not build into {named}: {why}" }
    out_never_hint(example) {
        sv: "välj en annan mapp med --output, till exempel --output {example}; --force ändrar inte detta",
        en: "choose another output folder with --output, for example --output {example}; --force does not change this",
    }
    out_is_site() {
        sv: "det är webbplatsens egen mapp, och ett bygge ersätter allt i sin utmapp (site.toml och content/ skulle försvinna)",
        en: "it is the site's own folder, and a build replaces everything in its output (site.toml and content/ would be lost)",
    }
    out_holds_site(root) {
        sv: "den innehåller webbplatsens mapp {root}, som ett bygge skulle ersätta",
        en: "it holds the site's folder {root}, which a build would replace",
    }
    out_inside_input(input, path) {
        sv: "den ligger i webbplatsens mapp {input}/ ({path}), bland filerna webbplatsen byggs av",
        en: "it is inside the site's {input}/ folder ({path}), among the files the site is built from",
    }
    out_is_input(input, path) {
        sv: "det är webbplatsens mapp {input}/ ({path}), som ett bygge skulle ersätta",
        en: "it is the site's {input}/ folder ({path}), which a build would replace",
    }
    out_holds_input(input, path) {
        sv: "den innehåller webbplatsens mapp {input}/ ({path}), som ett bygge skulle ersätta",
        en: "it holds the site's {input}/ folder ({path}), which a build would replace",
    }
    out_is_home(home) {
        sv: "det är din hemmapp ({home}), som ett bygge skulle ersätta",
        en: "it is your home folder ({home}), which a build would replace",
    }
    out_holds_home(home) {
        sv: "den innehåller din hemmapp ({home}), som ett bygge skulle ersätta",
        en: "it holds your home folder ({home}), which a build would replace",
    }
    out_cannot_read(named, e) { sv: "kan inte läsa {named}: {e}", en: "cannot read {named}: {e}" }
    out_cannot_read_hint() {
        sv: "kontrollera att utmappen går att läsa",
        en: "check that the output folder is readable",
    }
    out_file(named) {
        sv: "bygger inte i {named}: det är en fil, inte en mapp",
        en: "will not build into {named}: it is a file, not a folder",
    }
    out_file_hint() {
        sv: "välj en mapp med --output (en ny mapp skapas); filen lämnades orörd",
        en: "choose a folder with --output (a new one is made); the file was left as it is",
    }
    out_not_empty(named, stamp) {
        sv: "bygger inte i {named}: mappen är inte tom och gjordes inte av uppsikt (den saknar filen {stamp}), och ett bygge ersätter allt i sin utmapp",
        en: "will not build into {named}: the folder is not empty and was not made by uppsikt (it has no {stamp} file), and a build replaces everything in its output",
    }
    out_not_empty_hint(named) {
        sv: "välj en ny eller tom mapp med --output, eller bygg igen med --force för att ersätta allt i {named} med webbplatsen",
        en: "choose a new or empty folder with --output, or build again with --force to replace everything in {named} with the site",
    }
    out_that_is(given, dir) { sv: "{given} (det vill säga {dir})", en: "{given} (that is, {dir})" }
}

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
    serve_bad_request() {
        sv: "Felaktig begäran: sökvägen går inte att läsa.",
        en: "Bad request: not a valid path.",
    }
    serve_not_found() { sv: "Sidan finns inte.", en: "Not found." }
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

// `uppsikt import`: why a document could not be read (`import::doc::ImportError`), and the
// details of a damaged file in plain words; the reader's own words only as a technical detail.
messages! {
    import_no_file() { sv: "filen finns inte", en: "the file does not exist" }
    import_no_file_hint() {
        sv: "kontrollera namnet och sökvägen (skriv den relativt till mappen du står i)",
        en: "check the name and the path (write it relative to the folder you are in)",
    }
    import_no_permission() { sv: "du har inte behörighet att läsa filen", en: "you are not allowed to read the file" }
    import_no_permission_hint() {
        sv: "kopiera filen till en mapp där du har behörighet och importera kopian",
        en: "copy the file to a folder where you are allowed to and import the copy",
    }
    import_cannot_read(e) {
        sv: "kan inte läsa filen (teknisk detalj: {e})",
        en: "cannot read the file (technical detail: {e})",
    }
    import_folder() { sv: "det är en mapp, inte en fil", en: "it is a folder, not a file" }
    import_folder_hint() { sv: "ange dokumentets fil", en: "give the document's file" }
    import_too_large(mb, max) {
        sv: "filen är för stor ({mb} MB; högst {max} MB)",
        en: "the file is too large ({mb} MB; at most {max} MB)",
    }
    import_too_large_hint() {
        sv: "kontrollera att det är rätt fil; minska bildernas storlek i Word och spara igen",
        en: "check that it is the right file; make the pictures smaller in Word and save again",
    }
    import_empty() { sv: "filen är tom", en: "the file is empty" }
    import_right_file_hint() { sv: "kontrollera att det är rätt fil", en: "check that it is the right file" }
    import_text_too_large(mb, max) {
        sv: "texten är för stor ({mb} MB; högst {max} MB)",
        en: "the text is too large ({mb} MB; at most {max} MB)",
    }
    import_text_too_large_hint() {
        sv: "kontrollera att det är rätt fil: en nämnds rapport är långt mindre",
        en: "check that it is the right file: a committee's report is far smaller",
    }
    import_not_utf8(at) {
        sv: "texten är inte UTF-8 (fel vid byte {at})",
        en: "the text is not UTF-8 (wrong at byte {at})",
    }
    import_not_utf8_hint() {
        sv: "spara texten som UTF-8 (i Anteckningar: Spara som → Kodning: UTF-8)",
        en: "save the text as UTF-8 (in Notepad: Save as → Encoding: UTF-8)",
    }
    import_not_a(what) { sv: "filen är inte en {what}", en: "the file is not a {what}" }
    import_a_word_file() { sv: "Word-fil (.docx)", en: "Word file (.docx)" }
    import_a_pdf_file() { sv: "PDF-fil", en: "PDF file" }
    import_not_a_encrypted_hint() {
        sv: "filen är krypterad eller i det gamla Word-formatet: ta bort lösenordet och spara som .docx",
        en: "the file is encrypted or in the old Word format: remove the password and save it as .docx",
    }
    import_not_a_damaged_hint() {
        sv: "filen är skadad eller har fel filändelse; öppna den i Word och spara den igen",
        en: "the file is damaged or has the wrong extension; open it in Word and save it again",
    }
    import_old_doc() {
        sv: "det gamla Word-formatet (.doc) kan inte läsas",
        en: "the old Word format (.doc) cannot be read",
    }
    import_save_as_docx_hint() {
        sv: "öppna filen i Word och spara den som Word-dokument (.docx)",
        en: "open the file in Word and save it as a Word document (.docx)",
    }
    import_unknown_type(ext) {
        sv: "filtypen ”.{ext}” kan inte importeras",
        en: "files of the type “.{ext}” cannot be imported",
    }
    import_unknown_type_hint() {
        sv: "importera ett Word-dokument (.docx), en PDF (.pdf) eller text ur en PDF (.txt)",
        en: "import a Word document (.docx), a PDF (.pdf) or text from a PDF (.txt)",
    }
    import_binary_text() {
        sv: "filen är inte en textfil (den innehåller binära tecken)",
        en: "the file is not a text file (it holds binary characters)",
    }
    import_binary_text_hint() {
        sv: "importera Word-filen (.docx) eller PDF-filen direkt, eller spara texten som vanlig text (UTF-8)",
        en: "import the Word file (.docx) or the PDF file itself, or save the text as plain text (UTF-8)",
    }
    import_no_text() { sv: "dokumentet innehåller ingen text", en: "the document holds no text" }
    import_no_text_hint() {
        sv: "kontrollera att det är rätt fil; en inskannad PDF måste först göras sökbar (OCR)",
        en: "check that it is the right file; a scanned PDF must first be made searchable (OCR)",
    }
}

// `uppsikt import` of a Word document (`import::docx`).
messages! {
    docx_too_large(mb, max) {
        sv: "Word-dokumentet är för stort för att importeras ({mb} MB; högst {max} MB)",
        en: "the Word document is too large to import ({mb} MB; at most {max} MB)",
    }
    docx_smaller_pictures_hint() {
        sv: "kontrollera att det är nämndens rapport; stora bilder kan göras mindre i Word (Bildformat → Komprimera bilder) innan du sparar igen",
        en: "check that it is the committee's report; large pictures can be made smaller in Word (Picture Format → Compress Pictures) before you save again",
    }
    docx_no_text() {
        sv: "Word-dokumentet har ingen text att importera",
        en: "the Word document has no text to import",
    }
    docx_no_text_hint() {
        sv: "kontrollera att det är rätt fil; ett dokument med bara inskannade sidor som bilder måste först textigenkännas (OCR)",
        en: "check that it is the right file; a document of scanned pages as pictures must first be run through text recognition (OCR)",
    }
    docx_not_word(why) {
        sv: "filen är inte ett Word-dokument (.docx): {why}",
        en: "the file is not a Word document (.docx): {why}",
    }
    docx_resave_hint() {
        sv: "öppna filen i Word, spara den som ”Word-dokument (.docx)” och importera den sparade filen",
        en: "open the file in Word, save it as “Word Document (.docx)” and import the saved file",
    }
    docx_no_main_part() { sv: "huvuddelen saknas", en: "its main part is missing" }
    docx_is_empty() { sv: "filen är tom", en: "the file is empty" }
    docx_is_pdf() {
        sv: "det är en PDF-fil (importera den med ett namn som slutar på .pdf)",
        en: "it is a PDF file (import it with a name that ends in .pdf)",
    }
    docx_not_zip() {
        sv: "det är inte ett zip-paket, som alla .docx-filer är",
        en: "it is not a zip package, which every .docx file is",
    }
    docx_no_relationships() {
        sv: "paketets relationer går inte att läsa",
        en: "the package's table of its parts cannot be read",
    }
    docx_zip_without_document() {
        sv: "det är ett zip-arkiv utan dokumentdelen som en .docx-fil har",
        en: "it is a zip archive without the document part a .docx file has",
    }
    docx_is_other(kind) { sv: "det är {kind}", en: "it is {kind}" }
    docx_an_excel_workbook() { sv: "en Excel-arbetsbok", en: "an Excel workbook" }
    docx_a_powerpoint() { sv: "en PowerPoint-presentation", en: "a PowerPoint presentation" }
    docx_an_opendocument() {
        sv: "en OpenDocument-fil (spara den som .docx i LibreOffice eller Word)",
        en: "an OpenDocument file (save it as .docx in LibreOffice or Word)",
    }
    docx_damaged(part, detail) {
        sv: "Word-dokumentet är skadat: delen {part} går inte att läsa ({detail})",
        en: "the Word document is damaged: its part {part} cannot be read ({detail})",
    }
    docx_damaged_hint() {
        sv: "öppna filen i Word (som erbjuder sig att reparera en skadad fil), spara den igen och importera den sparade filen",
        en: "open the file in Word (which offers to repair a damaged file), save it again and import the saved file",
    }
    docx_the_package() { sv: "(zip-paketet)", en: "(the zip package)" }
    docx_cut_off() { sv: "det är avklippt eller trasigt", en: "it is cut off or broken" }
    docx_no_body() { sv: "dokumentet har ingen brödtext", en: "the document has no body text" }
    docx_part_not_utf8() { sv: "texten är inte UTF-8", en: "its text is not UTF-8" }
    docx_compressed_broken() {
        sv: "den packade datan är trasig, kanske för att filen klipptes av när den laddades ned eller kopierades",
        en: "its packed data is broken, perhaps because the file was cut off when it was downloaded or copied",
    }
    docx_packed_unsupported(detail) {
        sv: "den är packad på ett sätt som inte kan läsas; teknisk detalj: {detail}",
        en: "it is packed in a way that cannot be read; technical detail: {detail}",
    }
    docx_xml_broken(detail) {
        sv: "dess text är inte välformad XML; teknisk detalj: {detail}",
        en: "its text is not well-formed XML; technical detail: {detail}",
    }
    docx_part_too_large(part, max) {
        sv: "Word-dokumentet är för stort för att importeras: delen {part} blir mer än {max} MB uppackad",
        en: "the Word document is too large to import: its part {part} unpacks to more than {max} MB",
    }
    docx_password() {
        sv: "Word-dokumentet är skyddat med lösenord, så texten går inte att läsa",
        en: "the Word document is protected by a password, so its text cannot be read",
    }
    docx_password_hint() {
        sv: "öppna filen i Word, ta bort lösenordet (Arkiv → Information → Skydda dokument → Kryptera med lösenord, töm fältet), spara och importera den sparade kopian",
        en: "open the file in Word, remove the password (File → Info → Protect Document → Encrypt with Password, empty the field), save and import the saved copy",
    }
    docx_old_format() {
        sv: "det här är ett gammalt Word 97–2003-dokument (.doc), som inte kan importeras",
        en: "this is an old Word 97–2003 document (.doc), which cannot be imported",
    }
}

// `uppsikt import` of a PDF (`import::pdf`).
messages! {
    pdf_too_large(mb, max) {
        sv: "PDF-filen är för stor för att importeras ({mb} MB; högst {max} MB)",
        en: "the PDF file is too large to import ({mb} MB; at most {max} MB)",
    }
    pdf_committee_report_hint() {
        sv: "kontrollera att det är nämndens rapport",
        en: "check that it is the committee's report",
    }
    pdf_not_pdf() { sv: "filen är inte en PDF-fil", en: "the file is not a PDF file" }
    pdf_not_pdf_hint() {
        sv: "importera den PDF som nämnden publicerade, eller ett Word-dokument med ett namn som slutar på .docx",
        en: "import the PDF the committee published, or a Word document with a name that ends in .docx",
    }
    pdf_damaged(detail) {
        sv: "PDF-filen är skadad och texten går inte att läsa ({detail})",
        en: "the PDF file is damaged and its text cannot be read ({detail})",
    }
    pdf_damaged_hint() {
        sv: "öppna den i ett PDF-program, spara eller skriv ut den som en ny PDF och importera den filen",
        en: "open it in a PDF program, save or print it as a new PDF and import that file",
    }
    pdf_reader_stopped() { sv: "läsaren stannade på den", en: "the reader stopped on it" }
    pdf_no_pages() { sv: "den har inga sidor", en: "it has no pages" }
    pdf_pages_unreadable() { sv: "sidornas innehåll går inte att läsa", en: "the pages' content cannot be read" }
    pdf_cut_off() {
        sv: "filen tar slut för tidigt, kanske för att den klipptes av när den laddades ned eller kopierades",
        en: "the file ends too early, perhaps because it was cut off when it was downloaded or copied",
    }
    pdf_packed_broken() {
        sv: "en packad del av filen är trasig",
        en: "a packed part of the file is broken",
    }
    pdf_parts_broken() {
        sv: "filens förteckning över sina delar är trasig",
        en: "the file's table of its parts is broken",
    }
    pdf_unsupported(detail) {
        sv: "den använder en PDF-funktion som uppsikt inte kan läsa; teknisk detalj: {detail}",
        en: "it uses a PDF feature uppsikt cannot read; technical detail: {detail}",
    }
    pdf_structure_broken(detail) {
        sv: "filens uppbyggnad går inte att läsa; teknisk detalj: {detail}",
        en: "the file's structure cannot be read; technical detail: {detail}",
    }
    pdf_too_many_pages(n, max) {
        sv: "PDF-filen har {n} sidor; högst {max} kan importeras",
        en: "the PDF file has {n} pages; at most {max} can be imported",
    }
    pdf_too_many_pages_hint() {
        sv: "importera själva rapporten, inte en samling dokument",
        en: "import the report itself, not a collection of documents",
    }
    pdf_scanned() {
        sv: "PDF-filen har ingen text att läsa: sidorna är bilder (ett inskannat dokument)",
        en: "the PDF file has no text to read: its pages are pictures (a scanned document)",
    }
    pdf_scanned_hint() {
        sv: "kör först textigenkänning (OCR) på den, till exempel i Adobe Acrobat (Skanna och OCR) eller med OCRmyPDF, och importera den PDF som det ger",
        en: "first run text recognition (OCR) on it, for example in Adobe Acrobat (Scan & OCR) or with OCRmyPDF, and import the PDF that gives",
    }
    pdf_password() {
        sv: "PDF-filen är skyddad med lösenord, så texten går inte att läsa",
        en: "the PDF file is protected by a password, so its text cannot be read",
    }
    pdf_password_hint() {
        sv: "öppna den med lösenordet, spara eller skriv ut den som en PDF utan lösenord och importera den filen",
        en: "open it with the password, save or print it as a PDF without a password and import that file",
    }
}

// `uppsikt import`: the target folder and writing the report.
messages! {
    import_nothing_written() { sv: "Inget skrevs.", en: "Nothing was written." }
    import_not_a_report_folder(into) {
        sv: "”{into}” är ingen rapportmapp: skriv content/<år>/<mapp>, till exempel content/2026/april",
        en: "“{into}” is not a report folder: write content/<year>/<folder>, for example content/2026/april",
    }
    import_folder_not_slug(slug, fixed) {
        sv: "mappnamnet ”{slug}” blir rapportens adress och får bara ha små bokstäver a–z, siffror och bindestreck; till exempel ”{fixed}”",
        en: "the folder name “{slug}” becomes the report's address and may only have lower-case letters a–z, digits and hyphens; for example “{fixed}”",
    }
    import_exists(target) {
        sv: "{target} finns redan; inget skrevs. Välj en annan mapp med --into, eller lägg till --force för att ersätta den",
        en: "{target} already exists; nothing was written. Choose another folder with --into, or add --force to replace it",
    }
    import_no_parent() { sv: "målmappen saknar överordnad mapp", en: "the target folder has no parent folder" }
    import_bad_folder_name() { sv: "ogiltigt mappnamn", en: "the folder name cannot be used" }
    import_cannot_create(path, e) { sv: "kan inte skapa {path}: {e}", en: "cannot create {path}: {e}" }
    import_cannot_write(path, e) { sv: "kan inte skriva {path}: {e}", en: "cannot write {path}: {e}" }
    import_site_has_errors(errors) {
        sv: "webbplatsens innehåll har fel som måste rättas före importen:\n{errors}",
        en: "the site's content has errors that must be fixed before the import:\n{errors}",
    }
    import_taken_back(errors) {
        sv: "den importerade rapporten gick inte att läsa in, så den togs bort igen:\n{errors}",
        en: "the imported report could not be loaded, so it was taken out again:\n{errors}",
    }
}
