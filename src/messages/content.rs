//! What is wrong with the site's own files: site.toml, dates, the content folder, TOML in
//! plain words, the register of areas and reports, and the pages' addresses.

use super::Lang;
use std::fmt::Display;

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
    theme_not_a_name(theme) {
        sv: "`theme` ska vara namnet på en mapp under themes/, inte `{theme}`",
        en: "`theme` must be the name of a folder under themes/, not `{theme}`",
    }
    theme_not_a_name_hint() {
        sv: "skriv bara mappens namn (theme = \"mitt-tema\" för themes/mitt-tema/), eller ta bort raden för att använda det inbyggda temat",
        en: "write the folder's name alone (theme = \"my-theme\" for themes/my-theme/), or remove the line to use the built-in theme",
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
    symbolic_link(what) {
        sv: "{what} är en symbolisk länk, och uppsikt följer inte länkar i content/",
        en: "{what} is a symbolic link, and uppsikt does not follow links in content/",
    }
    symbolic_link_hint() {
        sv: "lägg filen eller mappen själv där länken är (en länk kan peka ut ur webbplatsen, och på en annan dator finns inte det den pekar på)",
        en: "put the file or folder itself where the link is (a link can point out of the site, and another computer does not have what it points to)",
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
    changed_during_build() {
        sv: "filen ändrades medan webbplatsen byggdes",
        en: "the file changed while the site was being built",
    }
    changed_during_build_hint() {
        sv: "bygg webbplatsen igen när filen är sparad (inget av bygget har publicerats)",
        en: "build the site again once the file is saved (nothing of this build was published)",
    }
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
    missing_key_in_file_hint(key, file) {
        sv: "lägg till en rad {key} = \"…\" i {file}; README-avsnittet \"Content format\" visar ett exempel",
        en: "add a line {key} = \"…\" to {file}; the README's \"Content format\" shows an example",
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
    type_count() { sv: "ett heltal som är 0 eller större", en: "a whole number, 0 or more" }
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
    continues_twice(id, from) {
        sv: "`{id}` fortsätter `{from}` två gånger",
        en: "`{id}` continues `{from}` twice",
    }
    continues_twice_hint(from) {
        sv: "ta bort det ena `{from}` ur `continues`",
        en: "remove one `{from}` from `continues`",
    }
    lineage_cycle(cycle) {
        sv: "områdenas historik går i cirkel: {cycle}",
        en: "the lineage forms a cycle: {cycle}",
    }
    lineage_cycle_hint() {
        sv: "ett område kan bara fortsätta områden som fanns före det; ta bort en av länkarna i `continues`",
        en: "an area can only continue areas that came before it; remove one `continues` link",
    }
    text_empty(key) { sv: "`{key}` är tom", en: "`{key}` is empty" }
    title_empty_hint() {
        sv: "skriv rubriken som dokumentet har den: sidans titel och varje länk till sidan är den",
        en: "write the title as the document has it: it is the page's title and every link's text",
    }
    site_title_empty_hint() {
        sv: "skriv webbplatsens namn: det står i varje sidas titel och sidhuvud",
        en: "write the site's name: it is in every page's title and header",
    }
    area_name_empty_hint() {
        sv: "skriv områdets namn: det är områdessidans rubrik och varje länk till den",
        en: "write the area's name: it is the area page's heading and every link's text",
    }
    committee_empty() { sv: "`committee` är tom", en: "`committee` is empty" }
    committee_empty_hint() {
        sv: "skriv nämndens namn, till exempel committee = \"Barn- och ungdomsnämnden\"",
        en: "write the committee's name, for example committee = \"Barn- och ungdomsnämnden\"",
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
    same_url_composed_hint() {
        sv: "namnen skiljer sig bara i hur å, ä eller ö är skrivet (som en bokstav, eller som a eller o och ett tecken ovanpå, som en Mac kan spara det) och blir samma adress: ta bort den ena filen",
        en: "the names differ only in how a letter such as å is written (as one letter, or as a letter and a mark, as a Mac may save it) and make one URL: remove one of the files",
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
    template_missing(name) {
        sv: "temat har ingen mall `{name}`",
        en: "the theme has no template `{name}`",
    }
    template_missing_hint(name, folder) {
        sv: "lägg till `{name}` i {folder}/ eller i webbplatsens templates/ (det inbyggda temats mall att utgå från är themes/default/templates/{name} i uppsikts källkod)",
        en: "add `{name}` to {folder}/ or to the site's templates/ (the built-in theme's, to start from, is themes/default/templates/{name} in uppsikt's source)",
    }
    the_page(path, title) { sv: "sidan «{title}» ({path})", en: "the page “{title}” ({path})" }
    the_generated_file(path) { sv: "den skapade filen {path}", en: "the generated file {path}" }
}
