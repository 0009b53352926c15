//! What the publishing check warns about (`lint`), broken local links and images, statuses,
//! and where a build may write (`output::folder`).

use super::Lang;
use std::fmt::Display;

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
    lint_identity_number_in_name() {
        sv: "filnamnet innehåller ett personnummer eller samordningsnummer",
        en: "the file name holds a personal identity number (personnummer or samordningsnummer)",
    }
    lint_identity_number_in_name_hint() {
        sv: "byt namn på filen eller mappen: personnummer får aldrig publiceras, och filen publiceras under sitt namn",
        en: "rename it: personal identity numbers must never be published, and the file is published under its name",
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

// Writing the new site (`pipeline`): the disk, not the content.
messages! {
    cannot_stage(output, e) {
        sv: "kan inte skapa en mapp bredvid {output}: {e}",
        en: "cannot create a folder beside {output}: {e}",
    }
    cannot_stage_hint(parent) {
        sv: "kontrollera att det går att skriva i {parent} och att disken har plats",
        en: "check that {parent} is writable and the disk has space",
    }
    cannot_swap_in(output, e) {
        sv: "kan inte lägga den nya webbplatsen på plats i {output}: {e}",
        en: "cannot put the new site in place at {output}: {e}",
    }
    cannot_swap_in_hint() {
        sv: "den nya webbplatsen görs bredvid utmappen och flyttas in, så båda måste ligga på samma disk: om utmappen är en monterad mapp, bygg till en mapp inuti den",
        en: "the new site is made beside the output and moved in, so both must be on one disk: if the output folder is a mounted one, build into a folder inside it",
    }
    cannot_write_site(output, e, path, n) {
        sv: "kan inte skriva webbplatsen till {output}: {e} (när {path} skrevs); filer som inte skrevs: {n}",
        en: "cannot write the site into {output}: {e} (writing {path}); files not written: {n}",
    }
    cannot_write_site_hint(output) {
        sv: "frigör plats på disken eller gör mappen skrivbar och bygg igen; den tidigare webbplatsen i {output} lämnades som den var",
        en: "free space on the disk or make the folder writable, then build again; the previous site in {output} was left as it was",
    }
}
