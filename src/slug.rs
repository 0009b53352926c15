//! URL slugs: Swedish letters fold to ASCII here (å/ä→a, ö→o, é→e), unlike in search, where
//! å, ä and ö are letters of their own.

pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' | 'æ' => 'a',
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' | 'ù' => 'u',
            'í' | 'ì' | 'ï' => 'i',
            c => c,
        };
        if folded.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(folded);
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
}
