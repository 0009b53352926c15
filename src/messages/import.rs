//! `uppsikt import` and `uppsikt new`: why a document could not be read, and what was made
//! of it.

use super::Lang;
use std::fmt::Display;

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
    import_is_pdf_hint() {
        sv: "det är en PDF-fil: importera den med ett namn som slutar på .pdf",
        en: "it is a PDF file: import it with a name that ends in .pdf",
    }
    import_is_zip_hint() {
        sv: "det är ett zip-paket, som ett Word-dokument: är det ett, importera det med ett namn som slutar på .docx",
        en: "it is a zip package, as a Word document is: if it is one, import it with a name that ends in .docx",
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
    import_no_extension() {
        sv: "filen har ingen filändelse, och det går inte att se att den är en Word-fil eller PDF",
        en: "the file has no extension, and it cannot be seen to be a Word file or a PDF",
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

// `uppsikt import`: what it made of the document, area by area, and what to do next.
messages! {
    import_read(file) { sv: "Läste {file}.", en: "Read {file}." }
    import_report_line(title, committee, date, kind, decision) {
        sv: "Rapport: ”{title}” – {committee}, datum {date}, typ {kind}{decision}",
        en: "Report: “{title}” – {committee}, date {date}, kind {kind}{decision}",
    }
    import_decision(d) { sv: ", beslut {d}", en: ", decision {d}" }
    import_no_title() {
        sv: "Titel: hittades inte i dokumentet – skriv rapportens titel i _index.md",
        en: "Title: not found in the document – write the report's title in _index.md",
    }
    import_placeholder_title(name) { sv: "Importerad rapport: {name}", en: "Imported report: {name}" }
    import_no_committee() {
        sv: "Nämnd: hittades inte i texten – skriv nämndens namn (committee) i _index.md",
        en: "Committee: not found in the text – write the committee's name (committee) in _index.md",
    }
    import_unknown_committee() { sv: "Okänd nämnd", en: "Unknown committee" }
    import_areas_heading(n) { sv: "Områden ({n}):", en: "Areas ({n}):" }
    import_direction_found(why) { sv: "     inriktning: {why}", en: "     direction: {why}" }
    import_no_direction() {
        sv: "     inriktning: ingen hittades (lägg till direction i filen om området har en)",
        en: "     direction: none found (add direction to the file if the area has one)",
    }
    import_no_areas() {
        sv: "  inga områden hittades: hela texten står i _index.md",
        en: "  no areas found: the whole text is in _index.md",
    }
    import_note(text) { sv: "Obs: {text}", en: "Note: {text}" }
    import_kept() {
        sv: "behöll de filer du lagt i mappen (ta bort dem själv om de inte hör till den nya rapporten):",
        en: "kept the files you had put in the folder (remove them yourself if they do not belong to the new report):",
    }
    import_identity_numbers(file, numbers) {
        sv: "{file} har {numbers} som ser ut som ett personnummer eller samordningsnummer; sådana får aldrig publiceras: ta bort dem (uppsikt check --drafts visar var)",
        en: "{file} has {numbers} shaped like a personal identity number (personnummer or samordningsnummer), which must never be published: remove them (uppsikt check --drafts shows where)",
    }
    import_same_text(year, slug) {
        sv: "texten är nästan densamma som i content/{year}/{slug} – finns dokumentet redan? Publicera inte samma rapport två gånger; ersätt i så fall den mappen med --into content/{year}/{slug} --force",
        en: "the text is nearly the same as in content/{year}/{slug} – is the document there already? Do not publish the same report twice; if it is, replace that folder with --into content/{year}/{slug} --force",
    }
    import_image_not_shown(name, ext) {
        sv: "bilden ”{name}” ({ext}) visas inte av webbläsare och sparades inte: spara den som PNG eller JPG bredvid _index.md och länka den",
        en: "the image “{name}” ({ext}) is not shown by browsers and was not saved: save it as PNG or JPG beside _index.md and link it",
    }
    import_image_alt_todo() {
        sv: "TODO: beskriv bilden (alternativtext)",
        en: "TODO: describe the picture (alt text)",
    }
    import_image_stem(n) { sv: "bild-{n}", en: "image-{n}" }
    import_footnote_from_heading(notes, heading) {
        sv: "Fotnot {notes} stod i rubriken ”{heading}”, som blev en titel: hänvisningen står nu sist i första stycket under den. Flytta den om den hör till ett annat ord.",
        en: "Footnote {notes} was on the heading “{heading}”, which became a title: the reference is now at the end of the first paragraph below it. Move it if it belongs to another word.",
    }
    import_footnote_unplaced(note, label) {
        sv: "Fotnot {note}: hittade inte var i texten den hänvisas till; hänvisningen står sist i stycket före fotnoten. Flytta [^{label}] till rätt ord.",
        en: "Footnote {note}: could not find where the text refers to it; the reference is at the end of the paragraph before the footnote. Move [^{label}] to the right word.",
    }
    import_wrote_draft(folder, files) {
        sv: "Skrev utkastet {folder}/ ({files}, draft = true):",
        en: "Wrote the draft {folder}/ ({files}, draft = true):",
    }
    import_added_areas(areas) {
        sv: "Lade till {areas} sist i content/areas.toml: granska namn och continues.",
        en: "Added {areas} at the end of content/areas.toml: review their names and continues.",
    }
    import_next_steps() {
        sv: "Nästa steg:\n  1. uppsikt serve --drafts   (granska utkastet i webbläsaren)\n  2. rätta det som behövs i filerna, sedan uppsikt check\n  3. ta bort raden draft = true i _index.md när rapporten ska publiceras, och kör uppsikt build",
        en: "Next steps:\n  1. uppsikt serve --drafts   (review the draft in the browser)\n  2. correct what is needed in the files, then uppsikt check\n  3. remove the line draft = true in _index.md when the report is to be published, and run uppsikt build",
    }
    import_area_comment(source, year, slug) {
        sv: "# Tillagt av uppsikt import från {source} ({year}/{slug}). Granska: fortsätter området\n# ett tidigare område (nytt namn, sammanslagning, delning)? Skriv då continues = [\"id\"].",
        en: "# Added by uppsikt import from {source} ({year}/{slug}). Review: does the area continue\n# an earlier area (new name, merger, split)? Then write continues = [\"id\"].",
    }
}

// Why the import chose an area of areas.toml for a heading, or made a new one (`import::mapping`).
messages! {
    map_new_other_committee(other) {
        sv: "nytt område: ”{other}” har ett liknande namn men hör till en annan nämnd",
        en: "new area: “{other}” has a similar name but belongs to another committee",
    }
    map_new() {
        sv: "nytt område: inget område i areas.toml har samma eller liknande namn",
        en: "new area: no area in areas.toml has the same or a similar name",
    }
    map_same_name(name) { sv: "samma namn som området ”{name}”", en: "the same name as the area “{name}”" }
    map_same_direction(name, year, slug) {
        sv: "samma inriktning som området ”{name}” i {year}/{slug}",
        en: "the same direction as the area “{name}” in {year}/{slug}",
    }
    map_heading_contains(name) {
        sv: "rubriken innehåller områdets namn ”{name}”",
        en: "the heading contains the area's name “{name}”",
    }
    map_similar(name, percent) {
        sv: "liknande namn som området ”{name}” ({percent} % lika) – kontrollera att det är samma område",
        en: "a name like the area “{name}” ({percent} % alike) – check that it is the same area",
    }
    map_continued_by(names) {
        sv: " (obs: i areas.toml fortsätts det av ”{names}”)",
        en: " (note: in areas.toml it is continued by “{names}”)",
    }
    map_names_separator() { sv: "”, ”", en: "”, “" }
}

// Where the import found an area's direction (`import::structure`).
messages! {
    direction_under_heading() { sv: "stycket under rubriken ”Inriktning”", en: "the paragraph under the heading “Inriktning”" }
    direction_labelled() { sv: "stycket som börjar med ”Inriktning”", en: "the paragraph that begins with “Inriktning”" }
    direction_indented() {
        sv: "första stycket, indraget som nämndens inriktning",
        en: "the first paragraph, indented as the committee's direction",
    }
    direction_repeats_intro() {
        sv: "första stycket, som upprepar rapportens text om inriktningen",
        en: "the first paragraph, which repeats the report's text on the direction",
    }
    direction_emphasised() {
        sv: "första stycket, i kursiv eller fet stil",
        en: "the first paragraph, in italics or bold",
    }
}

// `uppsikt new`: the next follow-up started from the latest report.
messages! {
    new_site_has_errors(errors) {
        sv: "webbplatsens innehåll har fel som måste rättas först:\n{errors}",
        en: "the site's content has errors that must be fixed first:\n{errors}",
    }
    new_exists(path) {
        sv: "{path} finns redan; välj ett annat mappnamn (ingen rapport skrivs över)",
        en: "{path} already exists; choose another folder name (no report is overwritten)",
    }
    new_bad_date(date, year) {
        sv: "datumet ”{date}” går inte att läsa: skriv ”{year}”, ”{year}-04” eller ”{year}-04-15”",
        en: "the date “{date}” cannot be read: write “{year}”, “{year}-04” or “{year}-04-15”",
    }
    new_title_needed(year, slug, title) {
        sv: "ange den nya rapportens titel med --title (annars får den samma titel som {year}/{slug}: ”{title}”)",
        en: "give the new report's title with --title (otherwise it gets the same title as {year}/{slug}: “{title}”)",
    }
    new_taken_back(errors) {
        sv: "den nya rapporten gick inte att läsa in, så den togs bort igen:\n{errors}",
        en: "the new report could not be loaded, so it was taken out again:\n{errors}",
    }
    new_started(folder, year, slug, why, title, committee, kind, date) {
        sv: "Började {folder} från {year}/{slug} ({why}): ”{title}”, {committee}, {kind}, {date}, draft = true.\nSkrev:",
        en: "Started {folder} from {year}/{slug} ({why}): “{title}”, {committee}, {kind}, {date}, draft = true.\nWrote:",
    }
    new_next_steps() {
        sv: "Nästa steg:\n  1. skriv texten i filerna (raderna [//]: # \"TODO: …\" säger vad som ska stå där; ta bort dem sedan)\n  2. uppsikt serve --drafts   (granska utkastet i webbläsaren)\n  3. ta bort raden draft = true i _index.md när rapporten ska publiceras, och kör uppsikt check och uppsikt build",
        en: "Next steps:\n  1. write the text in the files (the lines [//]: # \"TODO: …\" say what goes there; remove them afterwards)\n  2. uppsikt serve --drafts   (review the draft in the browser)\n  3. remove the line draft = true in _index.md when the report is to be published, and run uppsikt check and uppsikt build",
    }
    new_no_such_report(year, slug, reports) {
        sv: "det finns ingen rapport content/{year}/{slug}; rapporterna är: {reports}",
        en: "there is no report content/{year}/{slug}; the reports are: {reports}",
    }
    new_no_such_committee(committee, committees) {
        sv: "ingen rapport har nämnden ”{committee}”; nämnderna är: {committees}",
        en: "no report has the committee “{committee}”; the committees are: {committees}",
    }
    new_nothing_to_start_from() {
        sv: "det finns ingen rapport att börja från; importera en med uppsikt import",
        en: "there is no report to start from; import one with uppsikt import",
    }
    new_several_committees(committees) {
        sv: "webbplatsen har flera nämnder ({committees}); välj med --committee \"…\" eller --from <år>/<mapp>",
        en: "the site has several committees ({committees}); choose with --committee \"…\" or --from <year>/<folder>",
    }
    new_latest_report() { sv: "nämndens senaste rapport", en: "the committee's latest report" }
    new_index_note() {
        sv: "[//]: # \"TODO: skriv rapportens egen text här: bakgrund och nämndens inriktning som helhet.\"",
        en: "[//]: # \"TODO: write the report's own text here: background and the committee's direction as a whole.\"",
    }
    new_after_note() {
        sv: "[//]: # \"TODO: text efter områdena, till exempel en sammanfattning, skrivs här.\"",
        en: "[//]: # \"TODO: text after the areas, for example a summary, goes here.\"",
    }
    new_entry_note() {
        sv: "[//]: # \"TODO: skriv här vad som har gjorts inom området och vad som planeras. Ändra inriktningen, direction ovan, om nämnden har gett en ny.\"",
        en: "[//]: # \"TODO: write here what has been done in the area and what is planned. Change the direction above if the committee has given a new one.\"",
    }
}
