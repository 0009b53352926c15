//! Content an independent reviewer would try: what a site's authors can get wrong in ways
//! no fixture shows. Each must be an error (or a warning) at its file:line:column in the
//! site's language, never a page that says something the content does not.
mod common;
use common::site::{assert_has, Site};

#[test]
fn an_id_twice_in_one_continues_is_an_error_not_a_merge_of_an_area_with_itself() {
    let site = Site::new();
    // `continues = ["franvaro", "franvaro"]` was built as a merge: "Områdena Frånvaro och
    // Frånvaro slogs samman till Elever med hög frånvaro".
    site.edit(
        "content/areas.toml",
        "continues = [\"franvaro\"]",
        "continues = [\"franvaro\", \"franvaro\"]",
    );
    assert_has(
        &site.fails(),
        &[
            "fel: `hog-franvaro` fortsätter `franvaro` två gånger",
            "content/areas.toml:9:26",
            "= gör så här: ta bort det ena `franvaro` ur `continues`",
        ],
    );
}

#[test]
fn a_file_name_with_decomposed_letters_is_linked_and_published_composed() {
    let site = Site::new();
    // A Mac may save "bilåga.pdf" with å as a + ring (NFD); the author types the link with
    // å as one letter (NFC). The build said the file was missing and suggested the name the
    // link already had. A browser asks for the composed name too, so publish it composed.
    let decomposed = "content/2025/april/bila\u{30a}ga.pdf";
    site.write(decomposed, "pdf");
    site.write("content/2025/april/o\u{308}versikt.png", "png");
    let entry = "content/2025/april/01-hog-franvaro.md";
    let text = std::fs::read_to_string(site.root.join(entry)).unwrap();
    site.write(
        entry,
        format!("{text}\n[Bilagan](bilåga.pdf) och ![Översikt](o\u{308}versikt.png)\n"),
    );
    let run = site.run("build");
    assert!(run.ok, "{}", run.stderr);
    let folder = site.out.join("2025/april");
    assert_eq!(
        std::fs::read(folder.join("bilåga.pdf")).ok().as_deref(),
        Some(&b"pdf"[..]),
        "published under the composed name"
    );
    assert!(folder.join("översikt.png").is_file());
    assert!(!folder.join("bila\u{30a}ga.pdf").exists());
    let page = std::fs::read_to_string(folder.join("hog-franvaro/index.html")).unwrap();
    assert!(
        page.contains("href=\"/2025/april/bil%C3%A5ga.pdf\""),
        "the link names the published file"
    );
    assert!(page.contains("src=\"/2025/april/%C3%B6versikt.png\""));
}

#[test]
fn a_control_character_in_a_text_is_named_in_plain_words() {
    let site = Site::new();
    // A control character (here U+0001, as pasted from some old system) is no TOML inside a
    // text either. It got the parser's own English words: "raden går inte att läsa (invalid
    // basic string, expected non-double-quote visible characters, `\`)".
    site.edit(
        "content/2025/april/01-hog-franvaro.md",
        "title = \"Elever med hög",
        "title = \"Elever med\u{1}hög",
    );
    site.edit("content/areas.toml", "# A merge", "# A\u{7f} merge");
    // And in a text of many lines (the direction), where the other checks do not look.
    site.write(
        "content/2025/april/02-tidiga-insatser.md",
        "+++\narea = \"tidiga-insatser\"\ntitle = \"Tidiga insatser\"\ndirection = \"\"\"\nFler\nbarn\u{1b} ska nås.\n\"\"\"\n+++\nText.\n",
    );
    let err = site.fails();
    assert_has(
        &err,
        &[
            "fel: ett osynligt tecken: ett styrtecken (U+0001) på 3:20",
            "--> content/2025/april/01-hog-franvaro.md:3:20",
            "fel: ett osynligt tecken: ett styrtecken (U+007F) på 11:4",
            "--> content/areas.toml:11:4",
            "fel: ett osynligt tecken: ett styrtecken (U+001B) på 6:5",
            "--> content/2025/april/02-tidiga-insatser.md:6:5",
            "= gör så här: radera tecknet",
        ],
    );
    assert!(!err.contains("invalid"), "{err}");
}

#[test]
fn a_theme_is_a_folder_under_themes_never_a_path_out_of_the_site() {
    // `theme = "/srv/x"` replaced themes/ (Path::join of an absolute path), and `../../x`
    // climbed out of it: a folder outside the site was read as the theme and its static/
    // published. "/etc" got "the theme has no texts for the language `sv`".
    for theme in ["/etc", "../content", "../../..", "a/b", "..", ""] {
        let site = Site::new();
        let config = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
        site.write("site.toml", format!("theme = \"{theme}\"\n{config}"));
        let err = site.fails();
        assert_has(
            &err,
            &[
                &format!("fel: `theme` ska vara namnet på en mapp under themes/, inte `{theme}`"),
                "--> site.toml:1:1",
                "= gör så här: skriv bara mappens namn",
            ],
        );
        assert_eq!(common::site::count(&err), 1, "{err}");
    }
}

#[test]
fn a_theme_without_a_page_template_says_which_and_where_it_goes() {
    // A theme brought whole in themes/<name>/ must have every page's template. One without
    // report.html got "fel i mallen template: template \"report.html\" does not exist" at
    // `--> template`, with the hint to fix the template's syntax.
    let site = Site::new();
    let default = common::repo_root().join("themes/default");
    common::copy_dir(&default, &site.root.join("themes/mitt-tema"));
    std::fs::remove_file(site.root.join("themes/mitt-tema/templates/report.html")).unwrap();
    let config = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
    site.write("site.toml", format!("theme = \"mitt-tema\"\n{config}"));
    let err = site.fails();
    assert_has(
        &err,
        &[
            "fel: temat har ingen mall `report.html`",
            "--> themes/mitt-tema/templates",
            "= gör så här: lägg till `report.html` i themes/mitt-tema/templates/",
        ],
    );
    assert!(!err.contains("syntax"), "{err}");
    // A template that includes one that is not there is named at its line.
    common::copy_dir(&default, &site.root.join("themes/mitt-tema"));
    site.write("templates/search.html", "{% include \"saknas.html\" %}\n");
    assert_has(
        &site.fails(),
        &[
            "fel: temat har ingen mall `saknas.html`",
            "--> templates/search.html:1:1",
        ],
    );
}

#[test]
fn a_symbolic_link_in_content_is_an_error_not_a_file_said_to_be_missing() {
    // Links in content/ were skipped without a word: a link to an attachment was "a file
    // that does not exist" though it is there, and a linked _index.md made every entry of
    // the report "an entry in a folder without _index.md".
    let site = Site::new();
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = elsewhere.path();
    std::fs::write(outside.join("plan.pdf"), "pdf").unwrap();
    let folder = site.root.join("content/2025/april");
    std::os::unix::fs::symlink(outside.join("plan.pdf"), folder.join("plan.pdf")).unwrap();
    std::os::unix::fs::symlink(outside, folder.join("bilagor")).unwrap();
    std::os::unix::fs::symlink("loop", folder.join("loop")).unwrap();
    let err = site.fails();
    assert_has(
        &err,
        &[
            "fel: content/2025/april/plan.pdf är en symbolisk länk, och uppsikt följer inte länkar i content/",
            "--> content/2025/april/plan.pdf",
            "fel: content/2025/april/bilagor är en symbolisk länk",
            "fel: content/2025/april/loop är en symbolisk länk",
            "= gör så här: lägg filen eller mappen själv där länken är",
        ],
    );
    assert_eq!(common::site::count(&err), 3, "{err}");
}

#[test]
fn a_missing_key_of_site_toml_or_areas_toml_is_not_sent_between_plus_lines() {
    // The hint for a missing key was the front matter's ("add a line title = \"…\" between
    // the `+++` lines"), also for site.toml and areas.toml, which have no such lines.
    let site = Site::new();
    site.write("site.toml", "");
    let err = site.fails();
    assert_has(
        &err,
        &[
            "fel: inställningen `title` saknas",
            "--> site.toml:1:1",
            "= gör så här: lägg till en rad title = \"…\" i site.toml",
        ],
    );
    assert!(!err.contains("+++"), "{err}");
    let site = Site::new();
    let areas = std::fs::read_to_string(site.root.join("content/areas.toml")).unwrap();
    site.write(
        "content/areas.toml",
        format!("{areas}\n[[area]]\nid = \"ny\"\n"),
    );
    let err = site.fails();
    assert_has(
        &err,
        &[
            "fel: inställningen `name` saknas",
            "= gör så här: lägg till en rad name = \"…\" i content/areas.toml",
        ],
    );
    assert!(!err.contains("+++"), "{err}");
}

#[test]
fn a_negative_count_is_named_in_plain_words() {
    // `[feed] limit = -1` got the parser's words: "raden går inte att läsa (invalid value:
    // integer `-1`, expected usize)".
    let site = Site::new();
    let config = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
    site.write("site.toml", format!("{config}\n[feed]\nlimit = -1\n"));
    let err = site.fails();
    assert_has(
        &err,
        &[
            "fel: `limit` ska vara ett heltal som är 0 eller större",
            "--> site.toml:13:9",
        ],
    );
    assert!(!err.contains("usize"), "{err}");
}

#[test]
fn links_of_the_intro_carry_the_sub_path_and_are_checked_as_contents_are() {
    // The intro (site.toml, Markdown) kept its links as written: under base_url
    // "/uppfoljning/" its `/omraden/` went to the host's root, and a link to a file that is
    // not there was published without a word.
    let site = Site::new();
    let config = std::fs::read_to_string(site.root.join("site.toml")).unwrap();
    let intro = "intro = \"\"\"\nLäs om [områdena](/omraden/) och [planen](2025/april/plan.pdf).\nSe även [bilagan](saknas.pdf).\n\"\"\"\n";
    site.write(
        "site.toml",
        format!("base_url = \"/uppfoljning/\"\n{intro}{config}"),
    );
    site.write("content/2025/april/plan.pdf", "pdf");
    assert_has(
        &site.fails(),
        &[
            "fel: `saknas.pdf` pekar på en fil som inte finns: content/saknas.pdf",
            "--> site.toml:4:9",
        ],
    );
    site.edit("site.toml", "\nSe även [bilagan](saknas.pdf).", "");
    let run = site.run("build");
    assert!(run.ok, "{}", run.stderr);
    let home = std::fs::read_to_string(site.out.join("index.html")).unwrap();
    assert!(home.contains("href=\"/uppfoljning/omraden/\""), "{home}");
    assert!(home.contains("href=\"/uppfoljning/2025/april/plan.pdf\""));
}

#[test]
fn two_files_whose_names_differ_only_in_how_a_letter_is_written_are_told_apart() {
    // Published composed, "bilåga.pdf" and "bila\u{30a}ga.pdf" are one address; the error
    // named "content/…/bilåga.pdf och content/…/bilåga.pdf", which look the same, and
    // said that upper and lower case count as one.
    let site = Site::new();
    site.write("content/2025/april/bilåga.pdf", "1");
    site.write("content/2025/april/bila\u{30a}ga.pdf", "2");
    assert_has(
        &site.fails(),
        &[
            "fel: två filer vill ha adressen /2025/april/bilåga.pdf",
            "= gör så här: namnen skiljer sig bara i hur å, ä eller ö är skrivet",
        ],
    );
}

#[test]
fn a_committee_is_one_whatever_its_spaces_and_never_empty() {
    // "Testnämnden " (a space pasted along) was another committee: a second page
    // /namnder/testnamnden-2/ that looks the same, and no previous year across the two. A
    // blank committee made a page /namnder/namnd/ with no name.
    let site = Site::new();
    site.edit(
        "content/2024/arsbokslut/_index.md",
        "committee = \"Testnämnden\"",
        "committee = \" Testnämnden  \"",
    );
    let run = site.run("build");
    assert!(run.ok, "{}", run.stderr);
    let committees: Vec<_> = std::fs::read_dir(site.out.join("namnder"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(committees, ["testnamnden"]);
    site.edit(
        "content/2024/arsbokslut/_index.md",
        "committee = \" Testnämnden  \"",
        "committee = \"  \"",
    );
    assert_has(
        &site.fails(),
        &[
            "fel: `committee` är tom",
            "--> content/2024/arsbokslut/_index.md:5:13",
            "= gör så här: skriv nämndens namn",
        ],
    );
}

#[test]
fn a_blank_title_or_area_name_is_an_error_not_a_page_without_a_name() {
    // A page whose title is blank has an empty <title> and <h1>, and every link to it has no
    // text: nothing a screen reader can name (WCAG 2.4.2, 2.4.4).
    let site = Site::new();
    for file in ["_index.md", "01-hog-franvaro.md"] {
        let path = format!("content/2025/april/{file}");
        let text = std::fs::read_to_string(site.root.join(&path)).unwrap();
        let title = text.lines().find(|l| l.starts_with("title = ")).unwrap();
        site.write(&path, text.replacen(title, "title = \" \"", 1));
    }
    site.edit("content/areas.toml", "name = \"Frånvaro\"", "name = \"\"");
    let err = site.fails();
    assert_has(
        &err,
        &[
            "fel: `name` är tom",
            "--> content/areas.toml:4:8",
            "= gör så här: skriv områdets namn",
            "fel: `title` är tom",
            "--> content/2025/april/_index.md:2:9",
            "--> content/2025/april/01-hog-franvaro.md:3:9",
            "= gör så här: skriv rubriken",
        ],
    );
    assert_eq!(common::site::count(&err), 3, "{err}");
}

#[test]
fn a_blank_site_title_is_an_error() {
    // title = "" in site.toml gave the home page an empty <title> and every other page's
    // title ended in " – ".
    let site = Site::new();
    site.edit(
        "site.toml",
        "title = \"Testnämndens uppföljningar\"",
        "title = \" \"",
    );
    assert_has(
        &site.fails(),
        &[
            "fel: `title` är tom",
            "--> site.toml:1:1",
            "= gör så här: skriv webbplatsens namn",
        ],
    );
}
