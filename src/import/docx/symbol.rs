//! Word's symbol characters (`w:sym`, Insert → Symbol in a symbol font): a code in the font's
//! own encoding, which is the text only in that font. The Symbol font's encoding is Adobe's,
//! mapped here whole for what a report writes (≥, ≤, ±, ×, →, Greek letters); of Wingdings the
//! check marks, boxes and arrows a list or a table uses. Other fonts' codes in Word's private
//! range are not text a reader can know, and are left out as before.

/// Symbol-font codes above ASCII and their characters.
const SYMBOL_HIGH: &[(u8, char)] = &[
    (0xA1, 'ϒ'),
    (0xA2, '′'),
    (0xA3, '≤'),
    (0xA4, '⁄'),
    (0xA5, '∞'),
    (0xA6, 'ƒ'),
    (0xA7, '♣'),
    (0xA8, '♦'),
    (0xA9, '♥'),
    (0xAA, '♠'),
    (0xAB, '↔'),
    (0xAC, '←'),
    (0xAD, '↑'),
    (0xAE, '→'),
    (0xAF, '↓'),
    (0xB0, '°'),
    (0xB1, '±'),
    (0xB2, '″'),
    (0xB3, '≥'),
    (0xB4, '×'),
    (0xB5, '∝'),
    (0xB6, '∂'),
    (0xB7, '•'),
    (0xB8, '÷'),
    (0xB9, '≠'),
    (0xBA, '≡'),
    (0xBB, '≈'),
    (0xBC, '…'),
    (0xC5, '⊕'),
    (0xC6, '∅'),
    (0xC7, '∩'),
    (0xC8, '∪'),
    (0xD6, '√'),
    (0xD7, '⋅'),
    (0xD8, '¬'),
    (0xD9, '∧'),
    (0xDA, '∨'),
    (0xDB, '⇔'),
    (0xDC, '⇐'),
    (0xDD, '⇑'),
    (0xDE, '⇒'),
    (0xDF, '⇓'),
    (0xE5, '∑'),
    (0xF2, '∫'),
];

/// The Symbol font's Latin letters are Greek ones, in this order from A (and from a).
const GREEK_UPPER: &str = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ";
const GREEK_LOWER: &str = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ";

/// Wingdings codes a report uses: check marks and boxes, bullets, arrows.
const WINGDINGS: &[(u8, char)] = &[
    (0x6C, '●'),
    (0x6E, '■'),
    (0xA7, '▪'),
    (0xD8, '➢'),
    (0xE0, '→'),
    (0xE8, '➔'),
    (0xFB, '✗'),
    (0xFC, '✓'),
    (0xFD, '☒'),
    (0xFE, '☑'),
];

/// The character of `w:sym` with `font` and hex `code` ("F0B3"), if it can be known.
pub fn char_of(font: Option<&str>, code: Option<&str>) -> Option<char> {
    let code = u32::from_str_radix(code?.trim(), 16).ok()?;
    // Word stores a symbol font's byte b as U+F000 + b; a code outside that range is Unicode.
    let Some(byte) = code.checked_sub(0xF000).filter(|b| *b <= 0xFF) else {
        return char::from_u32(code).filter(|c| !c.is_control());
    };
    let byte = byte as u8;
    let font = font.unwrap_or_default().to_ascii_lowercase();
    if font == "symbol" {
        symbol(byte)
    } else if font.starts_with("wingdings") {
        WINGDINGS.iter().find(|(b, _)| *b == byte).map(|(_, c)| *c)
    } else {
        None
    }
}

fn symbol(byte: u8) -> Option<char> {
    match byte {
        b'A'..=b'Z' => GREEK_UPPER.chars().nth(usize::from(byte - b'A')),
        b'a'..=b'z' => GREEK_LOWER.chars().nth(usize::from(byte - b'a')),
        0x22 => Some('∀'),
        0x24 => Some('∃'),
        0x27 => Some('∋'),
        0x2D => Some('−'),
        0x40 => Some('≅'),
        0x5C => Some('∴'),
        0x5E => Some('⊥'),
        0x20..=0x7E => Some(char::from(byte)),
        _ => SYMBOL_HIGH
            .iter()
            .find(|(b, _)| *b == byte)
            .map(|(_, c)| *c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbol_and_wingdings_codes_and_unicode_ones() {
        assert_eq!(char_of(Some("Symbol"), Some("F0B3")), Some('≥'));
        assert_eq!(char_of(Some("Symbol"), Some("F061")), Some('α'));
        assert_eq!(char_of(Some("Symbol"), Some("F044")), Some('Δ'));
        assert_eq!(char_of(Some("Symbol"), Some("F025")), Some('%'));
        assert_eq!(char_of(Some("Wingdings"), Some("F0FC")), Some('✓'));
        assert_eq!(char_of(Some("Wingdings"), Some("F021")), None);
        assert_eq!(char_of(Some("Webdings"), Some("F0B3")), None);
        assert_eq!(char_of(Some("Calibri"), Some("2265")), Some('≥'));
        assert_eq!(char_of(None, Some("zz")), None);
        assert_eq!(char_of(None, Some("0007")), None);
    }
}
