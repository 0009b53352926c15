//! Tests of the line joiner, through the text reader.
use super::super::text::read_text;
use super::*;

fn blocks(text: &str) -> Vec<Block> {
    read_text(text, &["Läsa, skriva, räkna".to_string()])
        .unwrap()
        .doc
        .blocks
}

const WIDE: &str =
    "Det här är en rad som är lika bred som brödtexten i hela dokumentet och fortsätter";

#[test]
fn hyphenation_is_joined_and_real_hyphens_stay() {
    let text = format!("{WIDE} arbets-\nmiljön och förskole- \noch skolorganisation i SU-\ngrupperna och hälso‑\noch sjukvård.\n");
    let got = blocks(&text);
    assert_eq!(
        got,
        vec![Block::Paragraph(format!(
            "{WIDE} arbetsmiljön och förskole- och skolorganisation i SU-grupperna och hälso‑ och sjukvård."
        ))]
    );
}

#[test]
fn blank_lines_inside_paragraphs_are_joined_and_headings_found() {
    let text = format!(
        "Bakgrund\n{WIDE}\n\nsom slutar här.\n\nLäsa, skriva,\nräkna\n{WIDE} en gång till.\n"
    );
    let got = blocks(&text);
    assert_eq!(
        got[0],
        Block::Heading {
            level: 0,
            text: "Bakgrund".into()
        }
    );
    assert_eq!(got[1], Block::Paragraph(format!("{WIDE} som slutar här.")));
    assert_eq!(
        got[2],
        Block::Heading {
            level: 0,
            text: "Läsa, skriva, räkna".into()
        }
    );
}

#[test]
fn lost_bullets_and_glyph_bullets_are_lists() {
    let text = format!("{WIDE}.\n\n Första punkten som fortsätter \npå nästa rad.\n\n Andra punkten.\n\n• Tredje\n• Fjärde\n\nMer text här.\n");
    let got = blocks(&text);
    assert_eq!(
        got[1],
        Block::List {
            ordered: false,
            items: vec![
                "Första punkten som fortsätter på nästa rad.".into(),
                "Andra punkten.".into(),
                "Tredje".into(),
                "Fjärde".into()
            ]
        }
    );
}

#[test]
fn column_tables_become_tables() {
    let text = "Kostnader\n\nLärare 1 300 tkr\nElevhälsa    700 tkr\nTotalt 2 000 tkr\n\nSlut på texten här.\n";
    let got = blocks(text);
    assert_eq!(
        got[1],
        Block::Table {
            rows: vec![
                vec![String::new(), String::new()],
                vec!["Lärare".into(), "1 300 tkr".into()],
                vec!["Elevhälsa".into(), "700 tkr".into()],
                vec!["Totalt".into(), "2 000 tkr".into()],
            ]
        }
    );
}

#[test]
fn glued_footnote_markers_become_references() {
    let rule = " ".repeat(30);
    let text = format!(
        "{WIDE} enligt kapitel 2 §\n101. Och externa föreläsare2 samt KIR‑utläsning3, vilket gör att texten\nfortsätter på en rad som är ungefär lika bred som de andra raderna i stycket.\n{rule}\n1 Första noten.\n\nAndra stycket.\n2 Namn på föreläsare.\n3 KIR är ett register.\n Nästa sida börjar här och {WIDE}.\n"
    );
    let got = read_text(&text, &[]).unwrap();
    let Block::Paragraph(p) = &got.doc.blocks[0] else {
        panic!("{:?}", got.doc.blocks)
    };
    assert!(
        p.contains("kapitel 2 § 10[^1]. Och externa föreläsare[^2] samt KIR‑utläsning[^3],"),
        "{p}"
    );
    assert_eq!(
        got.doc.footnotes[0],
        ("1".into(), "Första noten.\n\nAndra stycket.".into())
    );
    assert_eq!(got.doc.footnotes.len(), 3);
    assert!(got.warnings.is_empty(), "{:?}", got.warnings);
    assert_eq!(got.doc.blocks.len(), 2, "{:?}", got.doc.blocks);
}

#[test]
fn a_repeated_table_of_contents_and_page_numbers_go() {
    let text = format!(
        "Bakgrund\n{WIDE}.\n\n 6 \n\nSammanfattning\n{WIDE}.\n\n\tBakgrund\n\tSammanfattning\n"
    );
    let got = blocks(&text);
    assert_eq!(got.len(), 4, "{got:?}");
}
