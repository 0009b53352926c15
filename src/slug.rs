//! URL slugs. Letters fold with the same table as search (`search::text::normalize`: é → e,
//! ç → c, ü → y, æ → ä, ø → ö, soft hyphens dropped), and then, unlike in search, where å, ä and
//! ö are letters of their own, å/ä → a and ö → o: a URL is typed on any keyboard.

pub fn slugify(text: &str) -> String {
    let folded = crate::search::text::normalize(text);
    let mut out = String::with_capacity(folded.len());
    let mut dash = false;
    for c in folded.chars() {
        let c = match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn folds_swedish_letters() {
        assert_eq!(slugify("Förbättra arbetsmiljön"), "forbattra-arbetsmiljon");
        assert_eq!(
            slugify("Stödprocesser: Digitalisering, automatisering"),
            "stodprocesser-digitalisering-automatisering"
        );
        assert_eq!(slugify("Läsa, skriva, räkna"), "lasa-skriva-rakna");
        assert_eq!(slugify("  Café – idé "), "cafe-ide");
        assert_eq!(slugify("SU‑grupperna"), "su-grupperna");
    }

    #[test]
    fn folds_other_latin_letters_as_search_does() {
        // Each of these once became two words at the letter the old table did not know.
        assert_eq!(slugify("Façade"), "facade");
        assert_eq!(slugify("Łódź Ærø Straße"), "lodz-aro-strasse");
        assert_eq!(slugify("Noël Müller"), "noel-myller");
        // Decomposed (NFD) å, ä, ö, as a Mac may save them, and a soft hyphen inside a word.
        assert_eq!(slugify("Sko\u{301}la a\u{30a}r fo\u{308}r"), "skola-ar-for");
        assert_eq!(slugify("skol\u{ad}frånvaro"), "skolfranvaro");
    }
}
