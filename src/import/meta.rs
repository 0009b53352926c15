//! The report's metadata as the text states it: the committee, the date, a decision reference
//! ("2025-06-17 § 44"), a diary number ("Dnr BUN 2026.012") and the next follow-up.

const MONTHS: &[&str] = &[
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

#[derive(Debug, Default, PartialEq)]
pub struct Meta {
    pub committee: Option<String>,
    pub date: Option<String>,
    pub decision: Option<String>,
    pub diary_number: Option<String>,
    pub next_follow_up: Option<String>,
}

/// `all` is the whole document's text, `intro` the report's own text before the areas, `year`
/// the year folder the report goes into.
pub fn find(all: &str, intro: &str, year: u16) -> Meta {
    Meta {
        committee: committee(all),
        date: date(all, year),
        decision: decisions(intro).into_iter().next(),
        diary_number: diary_number(all),
        next_follow_up: next_follow_up(all),
    }
}

/// The committee named most often ("Barn- och ungdomsnämnden", also from "nämndens").
pub fn committee(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let lower = w.to_lowercase();
        let stem = ["nämndens", "nämnden", "styrelsens", "styrelsen"]
            .iter()
            .find(|s| lower.ends_with(*s) && lower.len() > s.len() + 2);
        let Some(stem) = stem else { continue };
        // The genitive ("nämndens") names the same committee.
        let mut name = if stem.ends_with('s') {
            &w[..w.len() - 1]
        } else {
            w
        }
        .to_string();
        if let (Some(first), Some("och")) = (
            i.checked_sub(2).map(|k| words[k]),
            i.checked_sub(1).map(|k| words[k]),
        ) {
            if first.ends_with(['-', '\u{2011}'])
                && first.chars().next().is_some_and(char::is_alphabetic)
            {
                name = format!(
                    "{}- och {}",
                    first.trim_end_matches(['-', '\u{2011}']),
                    name
                );
            }
        }
        let name = capitalise(&name.replace('\u{2011}', "-").to_lowercase());
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, c)) => *c += 1,
            None => counts.push((name, 1)),
        }
    }
    // A longer name that contains a shorter one ("Barn- och ungdomsnämnden", "Ungdomsnämnden")
    // takes its count.
    let merged: Vec<(String, usize)> = counts
        .iter()
        .map(|(n, c)| {
            let extra: usize = counts
                .iter()
                .filter(|(m, _)| m != n && n.to_lowercase().ends_with(&m.to_lowercase()))
                .map(|(_, c)| c)
                .sum();
            (n.clone(), c + extra)
        })
        .collect();
    let best = merged.iter().map(|(_, c)| *c).max()?;
    merged.into_iter().find(|(_, c)| *c == best).map(|(n, _)| n)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "2026-02-09" at the start of `s`, if it is a valid date.
fn iso_date(s: &str) -> Option<&str> {
    let d = s.get(..10)?;
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    let m: u8 = d[5..7].parse().ok()?;
    let day: u8 = d[8..10].parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&day)).then_some(d)
}

fn dates(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.char_indices().filter_map(move |(i, _)| {
        let before = text[..i].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        iso_date(&text[i..]).map(|d| (i, d))
    })
}

/// The document's own date: a date that is not a decision reference ("2025-06-17 § 44"), and
/// one the report's year folder can hold (its year, or the first half of the next, as the site
/// checks): a follow-up often names an earlier decision's date first, and the report would not
/// load with it.
pub fn date(text: &str, year: u16) -> Option<String> {
    dates(text)
        .filter(|(i, d)| !text[i + d.len()..].trim_start().starts_with('§'))
        .find(|(_, d)| fits(d, year))
        .map(|(_, d)| d.to_string())
}

/// Whether the date "YYYY-MM-DD" is a real one in `year` or in January to June of the next.
fn fits(d: &str, year: u16) -> bool {
    let (Ok(y), Ok(m), Ok(day)) = (
        d[..4].parse::<u16>(),
        d[5..7].parse::<u8>(),
        d[8..10].parse::<u8>(),
    ) else {
        return false;
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    day <= days && (y == year || (y == year + 1 && m <= 6))
}

/// Decision references "2025-06-17 § 44" in the order they appear.
pub fn decisions(text: &str) -> Vec<String> {
    dates(text)
        .filter_map(|(i, d)| {
            let rest = text[i + d.len()..]
                .trim_start()
                .strip_prefix('§')?
                .trim_start();
            let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
            (!n.is_empty()).then(|| format!("{d} § {n}"))
        })
        .collect()
}

/// "Dnr BUN 2026.012" → "BUN 2026.012".
pub fn diary_number(text: &str) -> Option<String> {
    let pos = text
        .match_indices("Dnr")
        .chain(text.match_indices("Diarienummer"))
        .map(|(p, m)| p + m.len())
        .next()?;
    let rest = text[pos..].trim_start_matches(|c: char| c == ':' || c == '.' || c.is_whitespace());
    // The number ends with its line: a heading on the next one ("Bakgrund") is no part of it.
    let rest = rest.split('\n').next().unwrap_or_default();
    let mut parts: Vec<&str> = Vec::new();
    for w in rest.split_whitespace().take(3) {
        if !w.chars().any(|c| c.is_ascii_digit() || c.is_uppercase()) {
            break;
        }
        parts.push(w);
        if w.ends_with(['.', ',', ';']) {
            break;
        }
    }
    let n = parts
        .join(" ")
        .trim_end_matches([',', '.', ';'])
        .to_string();
    n.chars().any(|c| c.is_ascii_digit()).then_some(n)
}

/// "Nästa uppföljning sker … i februari 2026." → "februari 2026".
pub fn next_follow_up(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let pos = lower.find("nästa uppföljning")?;
    let sentence = &lower[pos..];
    let sentence = &sentence[..sentence.find(". ").map_or(sentence.len(), |p| p + 1)];
    let words: Vec<&str> = sentence.split_whitespace().collect();
    words.windows(2).find_map(|w| {
        let year = w[1].trim_end_matches(['.', ',']);
        (MONTHS.contains(&w[0]) && year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()))
            .then(|| format!("{} {year}", w[0]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_committee_named_most_often() {
        let t = "I barn- och ungdomsnämnden sker uppföljning. Barn‑ och ungdomsnämndens mål. Nämnden beslutade. Kommunstyrelsen noterar.";
        assert_eq!(committee(t).as_deref(), Some("Barn- och ungdomsnämnden"));
        assert_eq!(
            committee("Socialnämnden beslutar.").as_deref(),
            Some("Socialnämnden")
        );
        assert_eq!(committee("Nämnden beslutade."), None);
    }

    #[test]
    fn dates_decisions_diary_numbers_and_the_next_follow_up() {
        let t = "Nämnden beslutade 2025-06-17 § 44 att … Dnr BUN 2026.012. Helena Balte, 2026-02-09. Nästa uppföljning sker i september 2026.";
        assert_eq!(date(t, 2026).as_deref(), Some("2026-02-09"));
        assert_eq!(date(t, 2025).as_deref(), Some("2026-02-09"));
        assert_eq!(date(t, 2027), None);
        assert_eq!(
            date("2027-02-29, 2028-02-29", 2027).as_deref(),
            Some("2028-02-29")
        );
        assert_eq!(decisions(t), vec!["2025-06-17 § 44"]);
        assert_eq!(diary_number(t).as_deref(), Some("BUN 2026.012"));
        assert_eq!(
            diary_number("Dnr BUN 2026.012\n\nBakgrund").as_deref(),
            Some("BUN 2026.012")
        );
        assert_eq!(
            diary_number("Dnr:\nBUN 2026.012\nBakgrund").as_deref(),
            Some("BUN 2026.012")
        );
        assert_eq!(next_follow_up(t).as_deref(), Some("september 2026"));
        assert_eq!(date("år 2025-13-40 och 12025-01-01", 2025), None);
    }
}
