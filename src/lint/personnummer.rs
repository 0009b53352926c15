//! Swedish personal identity numbers (personnummer) and co-ordination numbers
//! (samordningsnummer: the day plus 60) in free text. A match must have the shape of one
//! (YYMMDD-NNNC, YYMMDDNNNC, YYYYMMDD-NNNC or YYYYMMDDNNNC, `+` for the over-hundreds, the
//! `-` also as a Unicode dash or a space, when not among other groups of digits), a date that
//! exists and a Luhn check digit that fits, so that dates ("2025-06-17"), diary numbers ("BUN
//! 2026.012") and most other digit runs are left alone.

use std::ops::Range;

/// The byte ranges of every identity number in `text`, in order.
pub fn find(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(d) = next_digit(b, i) {
        i = d;
        if continues_number(b, i) {
            i += 1;
            continue;
        }
        match candidate(b, i) {
            Some(end) => {
                found.push(i..end);
                i = end;
            }
            None => {
                // Skip the rest of this run of digits: a match starts where a number starts.
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
            }
        }
    }
    found
}

/// The offset of the first ASCII digit at or after `from`. Most text has few digits: it is
/// tested 32 bytes at a time, without early exit, so that the test compiles to vector compares.
fn next_digit(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i + 32 <= b.len() {
        let any = b[i..i + 32]
            .iter()
            .fold(false, |any, c| any | c.is_ascii_digit());
        if any {
            break;
        }
        i += 32;
    }
    b.get(i..)?
        .iter()
        .position(u8::is_ascii_digit)
        .map(|p| i + p)
}

/// Whether the digit at `i` continues a number that began before it ("12.191212…", "1-1912…").
fn continues_number(b: &[u8], i: usize) -> bool {
    match i.checked_sub(1).map(|p| b[p]) {
        Some(c) if c.is_ascii_digit() => true,
        Some(b'-' | b'+' | b'.' | b',' | b'/' | b':') => i >= 2 && b[i - 2].is_ascii_digit(),
        _ => false,
    }
}

/// The end of the identity number starting at `start`, if one does.
fn candidate(b: &[u8], start: usize) -> Option<usize> {
    let run = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let first = run(start);
    let (digits, end): (Vec<u8>, usize) = match first {
        10 | 12 => (b[start..start + first].to_vec(), start + first),
        6 | 8 => {
            let (sep, spaced) = separator(&b[start + first..])?;
            let second = start + first + sep;
            // A space also groups the digits of other long numbers ("1234 121212 1212"): a
            // spaced form counts only as a group of its own.
            if run(second) != 4 || (spaced && in_spaced_groups(b, start, second + 4)) {
                return None;
            }
            let mut d = b[start..start + first].to_vec();
            d.extend_from_slice(&b[second..second + 4]);
            (d, second + 4)
        }
        _ => return None,
    };
    if ends_number(b, end) {
        return None;
    }
    let digits: Vec<u8> = digits.iter().map(|c| c - b'0').collect();
    is_identity_number(&digits).then_some(end)
}

/// Unicode dashes an editor writes for '-': Word's non-breaking hyphen (kept by `uppsikt
/// import`, and used so that a number does not break over two lines) and its autocorrected
/// en dash, the hyphen, the figure dash and the minus sign. On the page each reads as '-'.
const DASHES: [char; 5] = ['\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2212}'];

/// Spaces an editor puts between the date and the last four: a space, and Word's no-break
/// and narrow no-break spaces (so that the number does not break over two lines).
const SPACES: [&[u8]; 3] = [b" ", "\u{a0}".as_bytes(), "\u{202f}".as_bytes()];

/// The length in bytes of the separator `rest` starts with ('-', '+', one of `DASHES` or of
/// `SPACES`), and whether it is a space.
fn separator(rest: &[u8]) -> Option<(usize, bool)> {
    if let Some(space) = SPACES.iter().find(|s| rest.starts_with(s)) {
        return Some((space.len(), true));
    }
    match rest.first()? {
        b'-' | b'+' => Some((1, false)),
        _ => {
            // Every dash is three bytes of UTF-8; `rest` starts at a char boundary (after a
            // digit), so its first three bytes are one whole char when they are a dash.
            let three = std::str::from_utf8(rest.get(..3)?).ok()?;
            three.starts_with(DASHES).then_some((3, false))
        }
    }
}

/// Whether the digits `start..end` are one of several groups of digits split by spaces: a
/// digit just before a space before `start`, or just after a space after `end`.
fn in_spaced_groups(b: &[u8], start: usize, end: usize) -> bool {
    let before = SPACES.iter().find(|s| b[..start].ends_with(s));
    let after = SPACES.iter().find(|s| b[end..].starts_with(s));
    before.is_some_and(|s| start > s.len() && b[start - s.len() - 1].is_ascii_digit())
        || after.is_some_and(|s| b.get(end + s.len()).is_some_and(u8::is_ascii_digit))
}

/// Whether a number goes on after `end` ("…-1212-5", "…1212.5").
fn ends_number(b: &[u8], end: usize) -> bool {
    match b.get(end) {
        Some(c) if c.is_ascii_digit() => true,
        Some(b'-' | b'+' | b'.' | b',' | b'/' | b':') => {
            b.get(end + 1).is_some_and(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// 10 or 12 digits (values 0–9): a real date (day + 60 for a samordningsnummer) and a Luhn
/// check digit over the last ten.
pub fn is_identity_number(digits: &[u8]) -> bool {
    let (year, ten) = match digits.len() {
        10 => (None, digits),
        12 => {
            let century = u32::from(digits[0]) * 10 + u32::from(digits[1]);
            if !(18..=20).contains(&century) {
                return false;
            }
            (
                Some(century * 100 + u32::from(digits[2]) * 10 + u32::from(digits[3])),
                &digits[2..],
            )
        }
        _ => return false,
    };
    let two = |i: usize| u32::from(ten[i]) * 10 + u32::from(ten[i + 1]);
    let (yy, month, mut day) = (two(0), two(2), two(4));
    if day > 60 {
        day -= 60;
    }
    // Without a century, 29 February is allowed in any year divisible by four (2000 was leap).
    let leap = year.map_or(yy % 4 == 0, |y| {
        y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
    });
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day) && luhn_digit(&ten[..9]) == ten[9]
}

/// The Luhn check digit of `digits` (weights 2, 1, 2, … from the left, as Skatteverket uses).
pub fn luhn_digit(digits: &[u8]) -> u8 {
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let p = u32::from(d) * if i % 2 == 0 { 2 } else { 1 };
            p / 10 + p % 10
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A number with a valid check digit made from its first nine (or eleven) digits, so no
    /// real person's number needs to be written here.
    fn with_check(prefix: &str) -> String {
        let digits: Vec<u8> = prefix
            .bytes()
            .filter(u8::is_ascii_digit)
            .map(|c| c - b'0')
            .collect();
        let ten = &digits[digits.len() - 9..];
        format!("{prefix}{}", luhn_digit(ten))
    }

    fn found(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn luhn_matches_skatteverkets_test_number() {
        // 19121212-1212 is Skatteverket's well-known test number.
        assert_eq!(luhn_digit(&[1, 2, 1, 2, 1, 2, 1, 2, 1]), 2);
        assert_eq!(with_check("121212-121"), "121212-1212");
    }

    #[test]
    fn every_written_form_is_found() {
        let ten = with_check("121212-121");
        for form in [
            ten.clone(),
            ten.replace('-', ""),
            ten.replace('-', "+"),
            ten.replace('-', " "),
            ten.replace('-', "\u{a0}"),
            format!("19{}", ten.replace('-', "\u{202f}")),
            format!("19{ten}"),
            format!("19{}", ten.replace('-', "")),
        ] {
            let text = format!("Elevens personnummer är {form}, se bilaga.");
            assert_eq!(found(&text), [form.as_str()], "{text}");
        }
    }

    #[test]
    fn samordningsnummer_have_the_day_plus_60() {
        let s = with_check("701072-123");
        assert_eq!(found(&format!("nr {s}.")), [s.as_str()]);
        let s = with_check("20701072-123");
        assert_eq!(found(&format!("({s})")), [s.as_str()]);
        // Day 92 is not a day plus 60.
        assert!(found(&with_check("701092-123")).is_empty());
    }

    #[test]
    fn a_wrong_check_digit_is_not_a_number() {
        let good = with_check("121212-121");
        let last = good.as_bytes()[good.len() - 1] - b'0';
        let bad = format!("{}{}", &good[..good.len() - 1], (last + 1) % 10);
        assert!(found(&bad).is_empty(), "{bad}");
    }

    #[test]
    fn impossible_dates_are_not_numbers() {
        for p in [
            "121312-121",
            "120230-121",
            "120431-121",
            "120001-121",
            "120100-121",
        ] {
            let n = with_check(p);
            assert!(found(&n).is_empty(), "{n}");
        }
        // 29 February only in leap years.
        assert_eq!(found(&with_check("20000229-123")).len(), 1);
        assert!(found(&with_check("19000229-123")).is_empty());
        assert!(found(&with_check("20230229-123")).is_empty());
        assert_eq!(found(&with_check("040229-123")).len(), 1);
        assert!(found(&with_check("030229-123")).is_empty());
        // A twelve-digit form names its century: 17xx and 21xx are not birth years.
        assert!(found(&with_check("17121212-121")).is_empty());
    }

    #[test]
    fn dates_diary_numbers_and_phone_numbers_are_left_alone() {
        let text = "Beslut 2025-06-17 § 44, dnr BUN 2026.012 och BUN 2025/118. Ring 0322-61 60 00 \
                    eller 070-123 45 67. Budget 2026: 1 234 567 tkr. Tid 20260209-1030. \
                    Perioden 20250101–20251231, organisationsnummer 212000-1355.";
        // The organisation number has no valid month (20), so it is not a person's number.
        // Digits grouped by spaces are another number's groups, whatever their check digit.
        let n = with_check("121212 121");
        for grouped in [
            format!("1234 {n}"),
            format!("{n} 56"),
            format!("konto 12\u{a0}{n}"),
        ] {
            assert!(found(&grouped).is_empty(), "{grouped}");
        }
        assert!(found(text).is_empty(), "{:?}", found(text));
    }

    #[test]
    fn a_number_inside_a_longer_number_is_not_one() {
        let n = with_check("121212-121");
        for text in [
            format!("1{}", n.replace('-', "")),
            format!("{}5", n.replace('-', "")),
            format!("12-{n}"),
            format!("{n}-3"),
            format!("{n}.5"),
            format!("3.{}", n.replace('-', "")),
        ] {
            assert!(found(&text).is_empty(), "{text}");
        }
        // Beside letters and punctuation it is still found.
        assert_eq!(found(&format!("pnr:{n};")), [n.as_str()]);
        assert_eq!(found(&format!("å{n}ö")), [n.as_str()]);
    }

    #[test]
    fn several_numbers_are_found_with_their_byte_ranges() {
        let a = with_check("121212-121");
        let b = with_check("19701072-123");
        let text = format!("Två elever: {a} och {b}.");
        let ranges = find(&text);
        assert_eq!(ranges.len(), 2);
        assert_eq!(&text[ranges[0].clone()], a);
        assert_eq!(&text[ranges[1].clone()], b);
        assert_eq!(ranges[0].start, text.find(&a).unwrap());
    }
}
