//! Deterministic synthetic corpus for benchmarks: Swedish-like committee follow-ups in uppsikt's
//! content format, and the same pages as a Hugo site with equivalent minimal templates.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --pages 10000 --out /tmp/corpus [--seed 1] [--years 10]
//! ```
//!
//! `--pages N` is the number of area-entry pages (`content/<year>/<report>/<NN-slug>.md`). The
//! report pages (`_index.md`, one per committee, year and report kind) come on top of N; the
//! generator prints both counts. Layout of DIR:
//!
//! ```text
//! DIR/uppsikt/site.toml, DIR/uppsikt/content/areas.toml, DIR/uppsikt/content/<year>/<report>/...
//! DIR/hugo/config.toml, DIR/hugo/layouts/..., DIR/hugo/static/style.css, DIR/hugo/content/...
//! ```
//!
//! The corpus is a set of committees (a municipality × a committee: "Barn- och ungdomsnämnden,
//! Alingsås kommun"), each with 10 years (`--years`) of three reports a year (april,
//! delarsbokslut, arsbokslut) over its areas. Between years, areas are renamed, merged and split,
//! recorded as lineage (`continues`) in areas.toml. Committees are added until N entries exist,
//! so the last committee may stop part-way. Every entry has ~600–1,200 words with headings, a
//! list, usually a table, and two footnotes. Same seed, same bytes.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

// ---------------------------------------------------------------------------------------------
// PRNG: splitmix64, seeded per entry so generation is order-independent (and parallel).

#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }
    fn range(&mut self, lo: usize, hi_inclusive: usize) -> usize {
        lo + self.below(hi_inclusive - lo + 1)
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }
}

fn mix(a: u64, b: u64) -> u64 {
    let mut r = Rng::new(a ^ b.wrapping_mul(0xD6E8_FEB8_6659_FD93));
    r.next_u64()
}

// ---------------------------------------------------------------------------------------------
// Vocabulary.

const KOMMUNER: &[&str] = &[
    "Alingsås",
    "Borås",
    "Härryda",
    "Lerum",
    "Mölndal",
    "Kungälv",
    "Vårgårda",
    "Herrljunga",
    "Trollhättan",
    "Vänersborg",
    "Uddevalla",
    "Skövde",
    "Lidköping",
    "Falköping",
    "Ulricehamn",
    "Tranemo",
    "Svenljunga",
    "Bollebygd",
    "Partille",
    "Öckerö",
    "Stenungsund",
    "Tjörn",
    "Orust",
    "Lysekil",
    "Sotenäs",
    "Munkedal",
    "Tanum",
    "Strömstad",
    "Bengtsfors",
    "Åmål",
    "Mellerud",
    "Färgelanda",
    "Essunga",
    "Grästorp",
    "Götene",
    "Skara",
    "Mariestad",
    "Töreboda",
    "Gullspång",
    "Hjo",
    "Tidaholm",
    "Tibro",
    "Karlsborg",
    "Vara",
    "Gislaved",
    "Jönköping",
    "Växjö",
    "Umeå",
    "Luleå",
    "Östersund",
    "Örebro",
    "Västerås",
    "Uppsala",
    "Norrköping",
    "Linköping",
    "Kalmar",
    "Karlstad",
    "Gävle",
    "Sundsvall",
    "Falun",
    "Kiruna",
    "Härnösand",
    "Sölvesborg",
    "Ängelholm",
];

/// (name, abbreviation)
const NAMNDER: &[(&str, &str)] = &[
    ("Barn- och ungdomsnämnden", "BUN"),
    ("Kultur- och fritidsnämnden", "KFN"),
    ("Socialnämnden", "SN"),
    ("Vård- och omsorgsnämnden", "VON"),
    ("Bygg- och miljönämnden", "BMN"),
    ("Tekniska nämnden", "TN"),
    ("Kommunstyrelsen", "KS"),
    ("Gymnasie- och vuxenutbildningsnämnden", "GVN"),
];

const AREA_NAMES: &[&str] = &[
    "Elever med hög frånvaro",
    "Skolfrånvaro och närvarofrämjande arbete",
    "Elevhälsan",
    "Trygghet och studiero",
    "Läsförståelse i de tidiga åren",
    "Måluppfyllelse i grundskolan",
    "Nyanlända elevers lärande",
    "Förskolans pedagogiska uppdrag",
    "Barns psykiska hälsa",
    "Arbetsmiljöarbetet",
    "Kompetensförsörjning",
    "Sjukfrånvaro bland medarbetare",
    "Heltid som norm",
    "Digitalisering av verksamheten",
    "Ekonomi i balans",
    "Lokalförsörjning",
    "Klimatanpassning",
    "Energieffektivisering",
    "Hållbar upphandling",
    "Tillgänglighet i offentliga miljöer",
    "Föreningslivets villkor",
    "Biblioteksverksamheten",
    "Fritidsgårdar och mötesplatser",
    "Kulturskolan",
    "Idrottsanläggningar",
    "Ekonomiskt bistånd",
    "Försörjningsstöd och arbetsmarknad",
    "Våld i nära relationer",
    "Barn och unga i utsatthet",
    "Missbruks- och beroendevården",
    "Hemtjänstens kontinuitet",
    "Äldreomsorgens kvalitet",
    "Demensvården",
    "Trygg hemgång efter sjukhusvistelse",
    "Brukarnas delaktighet",
    "Bostad med särskild service",
    "Handläggningstider för bygglov",
    "Tillsyn av livsmedelsverksamheter",
    "Miljötillsyn",
    "Detaljplanering och bostadsbyggande",
    "Vatten och avlopp",
    "Gator, parker och belysning",
    "Avfallshantering och återvinning",
    "Trafiksäkerhet kring skolor",
    "Medborgardialog",
    "Näringslivsklimat",
    "Intern kontroll",
    "Informationssäkerhet",
    "Gymnasieelevers genomströmning",
    "Vuxenutbildning och validering",
    "Språkutveckling i förskolan",
    "Fysisk aktivitet bland barn och unga",
    "Likvärdig bedömning och betygssättning",
    "Ledarskap och medarbetarskap",
    "Introduktion av nyanställda",
    "Samverkan med vårdnadshavare",
    "Ungdomars inflytande",
    "Folkhälsoarbete",
    "Krisberedskap",
    "Kostenheten och måltiderna",
];

const ADVERBIAL: &[&str] = &[
    "Under våren",
    "Under året",
    "Sedan förra uppföljningen",
    "Under hösten",
    "Under första tertialet",
    "Inom samtliga verksamheter",
    "Tillsammans med elevhälsan",
    "I samverkan med socialtjänsten",
    "Under perioden",
    "Efter beslut i nämnden",
    "Inom ramen för budgeten",
    "Som en del av det systematiska kvalitetsarbetet",
];

const AKTORER: &[&str] = &[
    "förvaltningen",
    "nämnden",
    "rektorerna",
    "skolledningen",
    "arbetslagen",
    "enhetscheferna",
    "verksamheterna",
    "kvalitetsstrategen",
    "styrgruppen",
    "elevhälsoteamet",
    "ledningsgruppen",
    "områdescheferna",
];

const VERB_PERF: &[&str] = &[
    "genomfört",
    "påbörjat",
    "utvecklat",
    "sammanställt",
    "följt upp",
    "tagit fram",
    "utvärderat",
    "förstärkt",
    "infört",
    "prioriterat",
    "reviderat",
    "slutfört",
];

const OBJEKT: &[&str] = &[
    "en kartläggning av skolfrånvaron",
    "en handlingsplan för arbetsmiljöarbetet",
    "nya rutiner för dokumentation",
    "en gemensam modell för uppföljning",
    "ett systematiskt kvalitetsarbete",
    "en fördjupad analys av resultaten",
    "riktade insatser för nyanlända elever",
    "en kompetensutvecklingsinsats i läsundervisning",
    "en översyn av schemaläggningen",
    "en närvarotrappa med tydliga ansvarsområden",
    "ett nytt stödmaterial för mentorer",
    "en enkät till vårdnadshavare och elever",
    "en riskbedömning av lokalerna",
    "en plan för kompetensförsörjningen",
    "uppföljningssamtal med samtliga enheter",
    "en digital ansökningstjänst",
    "ett samverkansavtal med regionen",
    "rutiner för tidig upptäckt av psykisk ohälsa",
    "en energikartläggning av fastighetsbeståndet",
    "ett utvecklingsarbete kring brukarnas delaktighet",
];

const NOMINAL: &[&str] = &[
    "skolfrånvaron",
    "arbetsmiljöarbetet",
    "elevhälsan",
    "kompetensförsörjningen",
    "det förebyggande arbetet",
    "samverkan med vårdnadshavare",
    "digitaliseringen",
    "likvärdigheten",
    "måluppfyllelsen",
    "tillgängligheten",
    "personalomsättningen",
    "sjukfrånvaron",
    "trygghetsarbetet",
    "lokalförsörjningen",
    "klimatanpassningen",
    "energieffektiviseringen",
    "föreningslivet",
    "biblioteksverksamheten",
    "hemtjänsten",
    "äldreomsorgen",
    "bemanningen",
    "introduktionen av nyanställda",
    "läsfrämjandet",
    "handläggningen",
    "kvalitetsuppföljningen",
    "närvaroarbetet",
    "studieron i klassrummen",
    "ledarskapet i klassrummet",
];

const ADVERB: &[&str] = &[
    "i rätt riktning",
    "långsammare än planerat",
    "enligt plan",
    "i huvudsak som förväntat",
    "bättre än föregående år",
    "ojämnt mellan enheterna",
    "stabilt över tid",
    "snabbare än beräknat",
];

const VERB_PRES: &[&str] = &[
    "utvecklas",
    "förbättras",
    "ligger kvar på samma nivå",
    "har stabiliserats",
    "behöver förstärkas",
    "går framåt",
    "har försämrats något",
    "följs upp varje månad",
];

const GRUPPER: &[&str] = &[
    "elever",
    "medarbetare",
    "brukare",
    "vårdnadshavare",
    "barn i förskolan",
    "ungdomar",
    "deltagare",
    "besökare",
    "sökande",
    "chefer",
];

const VERB_GRUPP: &[&str] = &[
    "känner sig trygga",
    "uppger att de är nöjda",
    "når målen i samtliga ämnen",
    "deltar i fritidsaktiviteter",
    "har en aktuell genomförandeplan",
    "upplever en god arbetsmiljö",
    "får svar inom utlovad tid",
    "rekommenderar verksamheten",
];

const ENHETER: &[&str] = &[
    "skolor",
    "förskolor",
    "enheter",
    "arbetsplatser",
    "verksamheter",
    "boenden",
    "fritidsgårdar",
    "hemtjänstgrupper",
];

const AKTIVITET: &[&str] = &[
    "utbildningsdagar",
    "nätverksträffar",
    "kollegialt lärande",
    "workshoppar",
    "handledning",
    "dialogmöten",
    "en pilotverksamhet",
    "studiebesök",
];

const INFINITIV: &[&str] = &[
    "minska skolfrånvaron",
    "stärka elevhälsan",
    "förbättra arbetsmiljön",
    "öka tillgängligheten",
    "säkra kompetensförsörjningen",
    "främja psykisk hälsa",
    "korta handläggningstiderna",
    "förebygga ohälsa",
    "höja måluppfyllelsen",
    "minska energiförbrukningen",
    "öka tryggheten",
    "stärka brukarnas inflytande",
    "hålla budgeten",
    "minska sjukfrånvaron",
];

const RUBRIKER: &[&str] = &[
    "Vad har gjorts",
    "Resultat och analys",
    "Uppföljning av indikatorer",
    "Insatser under perioden",
    "Samverkan",
    "Risker och utmaningar",
    "Ekonomiska konsekvenser",
    "Medarbetarnas perspektiv",
    "Brukarnas och elevernas röst",
    "Bedömning",
    "Vad planeras",
    "Fortsatt arbete",
];

const UNDERRUBRIKER: &[&str] = &[
    "Grundskolan",
    "Förskolan",
    "Gymnasieskolan",
    "Elevhälsan",
    "Hemtjänsten",
    "Medarbetare",
    "Ledning och styrning",
    "Lokaler",
    "Uppföljning på enhetsnivå",
];

const INDIKATORER: &[&str] = &[
    "Andel elever med frånvaro över 15 %",
    "Sjukfrånvaro bland medarbetare (%)",
    "Hållbart medarbetarengagemang (HME)",
    "Andel behöriga lärare (%)",
    "Kostnad per brukare (tkr)",
    "Handläggningstid, median (dagar)",
    "Andel nöjda brukare (%)",
    "Andel elever som känner sig trygga (%)",
    "Personalomsättning (%)",
    "Energiförbrukning (kWh/m²)",
];

const FORNAMN: &[&str] = &[
    "Anna", "Eva", "Maria", "Karin", "Lena", "Sara", "Åsa", "Märta", "Björn", "Erik", "Lars",
    "Johan", "Mikael", "Per", "Örjan", "Göran", "Helén", "Jönsson",
];

const EFTERNAMN: &[&str] = &[
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Lindström",
    "Åberg",
    "Öberg",
    "Sjöström",
    "Bäckström",
    "Ström",
];

const MANADER: &[&str] = &[
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

// ---------------------------------------------------------------------------------------------
// Helpers.

/// Lower-case ASCII slug: å/ä→a, ö→o, é→e, everything else non-alphanumeric → '-'.
fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in s.chars() {
        let c = match c {
            'å' | 'ä' | 'Å' | 'Ä' | 'á' | 'à' => 'a',
            'ö' | 'Ö' | 'ó' | 'ø' => 'o',
            'é' | 'É' | 'è' => 'e',
            'ü' | 'Ü' => 'u',
            c => c.to_ascii_lowercase(),
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

fn capitalize(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

fn lower_first(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_lowercase().chain(cs).collect(),
        None => String::new(),
    }
}

fn percent(rng: &mut Rng) -> String {
    let v = rng.range(20, 980);
    format!("{},{}", v / 10, v % 10)
}

/// A string for a TOML basic string: the generated text has no quotes or backslashes, but be safe.
fn toml_str(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

// ---------------------------------------------------------------------------------------------
// Text.

struct Ctx<'a> {
    year: u32,
    area_lc: &'a str,
}

fn sentence(rng: &mut Rng, cx: &Ctx, out: &mut String) {
    match rng.below(14) {
        0 => {
            let _ = write!(
                out,
                "{} har {} {} {} för att {}.",
                rng.pick(ADVERBIAL),
                rng.pick(AKTORER),
                rng.pick(VERB_PERF),
                rng.pick(OBJEKT),
                rng.pick(INFINITIV)
            );
        }
        1 => {
            let _ = write!(
                out,
                "{} bedömer att {} {} {}.",
                capitalize(rng.pick(AKTORER)),
                rng.pick(NOMINAL),
                rng.pick(VERB_PRES),
                rng.pick(ADVERB)
            );
        }
        2 => {
            let (a, b) = (percent(rng), percent(rng));
            let _ = write!(
                out,
                "Andelen {} som {} har {} från {} procent till {} procent.",
                rng.pick(GRUPPER),
                rng.pick(VERB_GRUPP),
                if a < b { "ökat" } else { "minskat" },
                a,
                b
            );
        }
        3 => {
            let _ = write!(
                out,
                "Arbetet med {} fortsätter under {} med fokus på {}.",
                cx.area_lc,
                if rng.chance(50) {
                    format!("hösten {}", cx.year)
                } else {
                    format!("våren {}", cx.year + 1)
                },
                rng.pick(NOMINAL)
            );
        }
        4 => {
            let _ = write!(
                out,
                "Inom ramen för {} har {} {} deltagit i {}.",
                rng.pick(NOMINAL),
                rng.range(3, 48),
                rng.pick(ENHETER),
                rng.pick(AKTIVITET)
            );
        }
        5 => {
            let _ = write!(
                out,
                "Det finns fortfarande skillnader mellan {} när det gäller {}, och {} behöver därför följas upp på enhetsnivå.",
                rng.pick(ENHETER),
                rng.pick(NOMINAL),
                rng.pick(NOMINAL)
            );
        }
        6 => {
            let _ = write!(
                out,
                "En viktig lärdom är att {} kräver både {} och uthålligt ledarskap.",
                rng.pick(NOMINAL),
                rng.pick(OBJEKT)
            );
        }
        7 => {
            let _ = write!(
                out,
                "Nämndens bedömning är att inriktningen för {} delvis är uppfylld.",
                cx.area_lc
            );
        }
        8 => {
            let _ = write!(
                out,
                "Kostnaden för insatsen uppgick till {} tkr, vilket är {} tkr {} än budgeterat.",
                rng.range(120, 9800),
                rng.range(10, 900),
                if rng.chance(50) { "mer" } else { "mindre" }
            );
        }
        9 => {
            let _ = write!(
                out,
                "Enligt {} upplever {} att {} har blivit {}.",
                if rng.chance(50) {
                    "medarbetarenkäten"
                } else {
                    "brukarundersökningen"
                },
                rng.pick(GRUPPER),
                rng.pick(NOMINAL),
                if rng.chance(60) {
                    "tydligare"
                } else {
                    "mer förutsägbar"
                }
            );
        }
        10 => {
            let _ = write!(
                out,
                "Under {} {} planeras {} för att {}.",
                rng.pick(MANADER),
                cx.year + rng.below(2) as u32,
                rng.pick(AKTIVITET),
                rng.pick(INFINITIV)
            );
        }
        11 => {
            let _ = write!(
                out,
                "Samtliga {} har nu {}, men {} är ännu inte fullt ut {}.",
                rng.pick(ENHETER),
                rng.pick(OBJEKT),
                rng.pick(NOMINAL),
                if rng.chance(50) {
                    "implementerat"
                } else {
                    "förankrat"
                }
            );
        }
        12 => {
            let _ = write!(
                out,
                "Resultaten visar att {} {} i {} av {} {}.",
                rng.pick(NOMINAL),
                rng.pick(VERB_PRES),
                rng.range(2, 12),
                rng.range(12, 30),
                rng.pick(ENHETER)
            );
        }
        _ => {
            let _ = write!(
                out,
                "För att {} behöver {} {} under kommande budgetår.",
                rng.pick(INFINITIV),
                rng.pick(AKTORER),
                if rng.chance(50) {
                    "prioritera det långsiktiga arbetet"
                } else {
                    "se över resursfördelningen"
                }
            );
        }
    }
}

/// A paragraph of `n` sentences; returns its word count.
fn paragraph(rng: &mut Rng, cx: &Ctx, n: usize, out: &mut String) -> usize {
    let start = out.len();
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        sentence(rng, cx, out);
    }
    // Now and then some inline emphasis, as staff write it.
    if rng.chance(15) {
        let _ = write!(out, " **Detta är en prioriterad fråga för nämnden.**");
    }
    let words = out[start..].split_ascii_whitespace().count();
    out.push_str("\n\n");
    words
}

fn direction_text(rng: &mut Rng, area_lc: &str) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "Nämnden ska verka för att {} genom att prioritera {}.",
        rng.pick(INFINITIV),
        area_lc
    );
    if rng.chance(70) {
        let _ = write!(
            s,
            " Andelen {} som {} ska öka jämfört med föregående år.",
            rng.pick(GRUPPER),
            rng.pick(VERB_GRUPP)
        );
    }
    if rng.chance(40) {
        let _ = write!(
            s,
            "\n\n- {}\n- {}",
            capitalize(rng.pick(INFINITIV)),
            capitalize(rng.pick(INFINITIV))
        );
    }
    s
}

/// The body of an area entry: ~600–1,200 words with headings, lists, a table and footnotes.
fn entry_body(rng: &mut Rng, cx: &Ctx) -> String {
    let target = rng.range(560, 1040);
    let mut out = String::with_capacity(target * 9);
    let mut words = {
        let n = rng.range(3, 5);
        paragraph(rng, cx, n, &mut out)
    };
    // Footnote 1 after the intro.
    out.truncate(out.len() - 2);
    out.push_str("[^1]\n\n");

    let mut heads: Vec<usize> = (0..RUBRIKER.len()).collect();
    // Shuffle the heading order a little but keep "Vad planeras"/"Fortsatt arbete" late.
    for i in (1..8).rev() {
        let j = rng.below(i + 1);
        heads.swap(i, j);
    }
    let mut table_done = false;
    let mut footnote2 = false;
    let mut h = 0;
    while words < target || !footnote2 {
        let head = RUBRIKER[heads[h % heads.len()]];
        h += 1;
        let _ = write!(out, "## {head}\n\n");
        words += 3;
        for _ in 0..rng.range(1, 2) {
            words += {
                let n = rng.range(3, 6);
                paragraph(rng, cx, n, &mut out)
            };
        }
        if rng.chance(55) {
            let ordered = rng.chance(30);
            let task = !ordered && head.starts_with("Vad planeras") && rng.chance(50);
            for i in 0..rng.range(3, 6) {
                let item = if rng.chance(50) {
                    capitalize(rng.pick(OBJEKT))
                } else {
                    capitalize(rng.pick(INFINITIV))
                };
                if ordered {
                    let _ = writeln!(out, "{}. {item}", i + 1);
                } else if task {
                    let _ = writeln!(out, "- [{}] {item}", if rng.chance(50) { "x" } else { " " });
                } else {
                    let _ = writeln!(out, "- {item}");
                }
                words += item.split_ascii_whitespace().count();
            }
            out.push('\n');
        }
        if !table_done && (rng.chance(35) || h >= 3) {
            table_done = true;
            let _ = write!(
                out,
                "Tabell: utvecklingen {}–{}.[^2]\n\n| Indikator | {} | {} | {} | Målvärde |\n|---|--:|--:|--:|--:|\n",
                cx.year - 2,
                cx.year,
                cx.year - 2,
                cx.year - 1,
                cx.year
            );
            footnote2 = true;
            for _ in 0..rng.range(3, 6) {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} |",
                    rng.pick(INDIKATORER),
                    percent(rng),
                    percent(rng),
                    percent(rng),
                    percent(rng)
                );
                words += 10;
            }
            out.push('\n');
        }
        if rng.chance(25) {
            let _ = write!(out, "### {}\n\n", rng.pick(UNDERRUBRIKER));
            words += {
                let n = rng.range(2, 4);
                paragraph(rng, cx, n, &mut out)
            };
        }
        if rng.chance(8) {
            let _ = write!(
                out,
                "~~Insatsen planerades till {} {}~~ men har flyttats fram.\n\n",
                rng.pick(MANADER),
                cx.year
            );
        }
        if h > 40 {
            break; // cannot happen with the word budget, but never loop forever
        }
    }
    let _ = write!(
        out,
        "[^1]: Källa: Kolada och verksamhetens egen statistik, uttag {} {}. Se https://www.kolada.se/.\n\n",
        rng.pick(MANADER),
        cx.year
    );
    let _ = writeln!(
        out,
        "[^2]: Uppgifterna avser perioden januari–{} {}. Målvärdet beslutades av nämnden i budgeten.",
        rng.pick(MANADER),
        cx.year
    );
    out
}

fn report_body(rng: &mut Rng, cx: &Ctx, committee: &str, kind: &str) -> String {
    let mut out = String::with_capacity(4000);
    out.push_str("## Bakgrund\n\n");
    let _ = write!(
        out,
        "{committee} beslutade i budget {} om inriktningar för verksamheten. Denna {} redovisar hur arbetet med inriktningarna har utvecklats.\n\n",
        cx.year,
        match kind {
            "april" => "uppföljning per april",
            "delarsbokslut" => "delårsrapport",
            _ => "årsredovisning",
        }
    );
    {
        let n = rng.range(3, 6);
        paragraph(rng, cx, n, &mut out)
    };
    out.push_str("## Nämndens inriktning som helhet\n\n");
    {
        let n = rng.range(3, 6);
        paragraph(rng, cx, n, &mut out)
    };
    out.push_str("## Sammanfattning\n\n");
    {
        let n = rng.range(3, 5);
        paragraph(rng, cx, n, &mut out)
    };
    out
}

// ---------------------------------------------------------------------------------------------
// Plan: committees, areas with lineage, reports and entries.

struct Area {
    id: String,
    name: String,
    description: String,
    continues: Vec<String>,
}

struct Committee {
    name: &'static str,
    abbr: &'static str,
    kommun: &'static str,
}

struct Entry {
    nn: usize,
    area: usize, // index into areas
    title: String,
}

struct Report {
    year: u32,
    kind: &'static str,
    committee: usize,
    slug: String,
    entries: Vec<Entry>,
}

const KINDS: &[&str] = &["april", "delarsbokslut", "arsbokslut"];

struct Plan {
    committees: Vec<Committee>,
    areas: Vec<Area>,
    reports: Vec<Report>,
    entries: usize,
}

fn plan(pages: usize, years: u32, seed: u64) -> Plan {
    let first_year = 2026 - years;
    let mut committees = Vec::new();
    let mut areas: Vec<Area> = Vec::new();
    let mut used_ids = BTreeSet::new();
    let mut reports = Vec::new();
    let mut count = 0usize;
    let mut c = 0usize;
    while count < pages {
        let (name, abbr) = NAMNDER[c % NAMNDER.len()];
        let kommun = KOMMUNER[(c / NAMNDER.len()) % KOMMUNER.len()];
        let round = c / (NAMNDER.len() * KOMMUNER.len());
        let mut code = format!("{}-{}", slug(kommun), abbr.to_ascii_lowercase());
        if round > 0 {
            let _ = write!(code, "-{round}");
        }
        committees.push(Committee { name, abbr, kommun });
        let mut rng = Rng::new(mix(seed, c as u64 + 1));

        // Names this committee has not used yet, in a shuffled order.
        let mut pool: Vec<usize> = (0..AREA_NAMES.len()).collect();
        for i in (1..pool.len()).rev() {
            let j = rng.below(i + 1);
            pool.swap(i, j);
        }
        let mut new_area =
            |name: String, continues: Vec<String>, year: u32, areas: &mut Vec<Area>| {
                let mut id = format!("{}-{}", slug(&name), code);
                if used_ids.contains(&id) {
                    id = format!("{id}-{year}");
                }
                used_ids.insert(id.clone());
                let description = format!("Nämndens arbete med {}.", lower_first(&name));
                areas.push(Area {
                    id,
                    name,
                    description,
                    continues,
                });
                areas.len() - 1
            };
        let initial = rng.range(9, 14);
        let mut active: Vec<usize> = Vec::new();
        for _ in 0..initial {
            let name = AREA_NAMES[pool.pop().unwrap()].to_string();
            active.push(new_area(name, vec![], first_year, &mut areas));
        }

        'years: for year in first_year..first_year + years {
            if year > first_year {
                // Lineage events between years.
                let r = rng.below(100);
                if r < 18 && !pool.is_empty() {
                    // rename
                    let i = rng.below(active.len());
                    let old = areas[active[i]].id.clone();
                    let name = AREA_NAMES[pool.pop().unwrap()].to_string();
                    active[i] = new_area(name, vec![old], year, &mut areas);
                } else if r < 30 && active.len() > 7 {
                    // merge two into one
                    let i = rng.below(active.len());
                    let a = active.remove(i);
                    let j = rng.below(active.len());
                    let b = active.remove(j);
                    let name = format!("{} och {}", areas[a].name, lower_first(&areas[b].name));
                    let continues = vec![areas[a].id.clone(), areas[b].id.clone()];
                    let n = new_area(name, continues, year, &mut areas);
                    active.insert(i.min(active.len()), n);
                } else if r < 42 && active.len() < 16 && pool.len() >= 2 {
                    // split one into two
                    let i = rng.below(active.len());
                    let old = areas[active[i]].id.clone();
                    let n1 = AREA_NAMES[pool.pop().unwrap()].to_string();
                    let n2 = AREA_NAMES[pool.pop().unwrap()].to_string();
                    let a1 = new_area(n1, vec![old.clone()], year, &mut areas);
                    let a2 = new_area(n2, vec![old], year, &mut areas);
                    active[i] = a1;
                    active.insert(i + 1, a2);
                }
            }
            for kind in KINDS {
                let mut entries = Vec::new();
                for (k, &a) in active.iter().enumerate() {
                    if count >= pages {
                        break;
                    }
                    let name = &areas[a].name;
                    let title = if rng.chance(8) {
                        format!("{name} – fördjupad uppföljning")
                    } else {
                        name.clone()
                    };
                    entries.push(Entry {
                        nn: k + 1,
                        area: a,
                        title,
                    });
                    count += 1;
                }
                if entries.is_empty() {
                    break 'years;
                }
                reports.push(Report {
                    year,
                    kind,
                    committee: c,
                    slug: format!("{code}-{kind}"),
                    entries,
                });
            }
        }
        c += 1;
    }
    Plan {
        committees,
        areas,
        reports,
        entries: count,
    }
}

// ---------------------------------------------------------------------------------------------
// Writing.

fn write_file(path: &Path, contents: &str) {
    if let Err(e) = std::fs::write(path, contents) {
        eprintln!("gen_corpus: cannot write {}: {e}", path.display());
        std::process::exit(1);
    }
}

fn mkdir(path: &Path) {
    if let Err(e) = std::fs::create_dir_all(path) {
        eprintln!("gen_corpus: cannot create {}: {e}", path.display());
        std::process::exit(1);
    }
}

fn site_toml(pages: usize, seed: u64) -> String {
    format!(
        r#"# Synthetic benchmark corpus: gen_corpus --pages {pages} --seed {seed}
title = "Uppföljning av nämndernas inriktningar"
language = "sv"
base_url = "/"
organisation = "Syntetiska kommunförbundet"
description = "Syntetiskt testinnehåll för prestandamätning: uppföljningar av nämndernas inriktningar."
unsafe_html = false

[accessibility]
verdict = "partial"
assessed = "2026-11-23"
method = "Egen granskning med automatiska verktyg och manuell kontroll."
contact_email = "tillganglighet@example.se"
contact_phone = "0322-61 60 00"
known_gaps = ["Vissa tabeller saknar sammanfattning."]
enforcement_url = "https://www.digg.se/tdosanmalan"

[feed]
enabled = true
limit = 20
"#
    )
}

fn areas_toml(plan: &Plan) -> String {
    let mut s = String::with_capacity(plan.areas.len() * 200);
    s.push_str("# The register of areas and their lineage (synthetic).\n");
    for a in &plan.areas {
        let _ = write!(
            s,
            "\n[[area]]\nid = {}\nname = {}\ndescription = {}\n",
            toml_str(&a.id),
            toml_str(&a.name),
            toml_str(&a.description)
        );
        if !a.continues.is_empty() {
            let list: Vec<String> = a.continues.iter().map(|c| toml_str(c)).collect();
            let _ = writeln!(s, "continues = [{}]", list.join(", "));
        }
    }
    s
}

struct ReportMeta {
    title: String,
    date: String,
    hugo_date: String,
    weight: usize,
    decision: String,
    diary: String,
    next: String,
    signatories: Vec<String>,
}

fn report_meta(rng: &mut Rng, r: &Report, com: &Committee) -> ReportMeta {
    let y = r.year;
    let (title, date, hugo_date, weight, next) = match r.kind {
        "april" => (
            format!("Uppföljning av nämndens inriktning i budget {y} per april"),
            format!("{y}-04"),
            format!("{y}-04-30"),
            1,
            format!("september {y}"),
        ),
        "delarsbokslut" => (
            format!("Delårsbokslut {y}: uppföljning av nämndens inriktningar"),
            format!("{y}-08-31"),
            format!("{y}-08-31"),
            2,
            format!("februari {}", y + 1),
        ),
        _ => (
            format!("Årsbokslut {y} för {}", lower_first(com.name)),
            format!("{y}"),
            format!("{y}-12-31"),
            3,
            format!("april {}", y + 1),
        ),
    };
    let month = match r.kind {
        "april" => rng.range(5, 6),
        "delarsbokslut" => rng.range(9, 10),
        _ => 12,
    };
    let decision = format!(
        "{y}-{:02}-{:02} § {}",
        month,
        rng.range(1, 28),
        rng.range(1, 140)
    );
    let diary = format!("{} {y}.{:03}", com.abbr, rng.range(1, 400));
    let signatories = vec![
        format!(
            "{} {}, förvaltningschef",
            rng.pick(FORNAMN),
            rng.pick(EFTERNAMN)
        ),
        format!("{} {}, controller", rng.pick(FORNAMN), rng.pick(EFTERNAMN)),
    ];
    ReportMeta {
        title,
        date,
        hugo_date,
        weight,
        decision,
        diary,
        next,
        signatories,
    }
}

struct Out {
    uppsikt: PathBuf,
    hugo: PathBuf,
}

/// Writes one report and its entries into both trees.
fn write_report(plan: &Plan, ri: usize, seed: u64, out: &Out, bytes: &mut u64) {
    let r = &plan.reports[ri];
    let com = &plan.committees[r.committee];
    let mut rng = Rng::new(mix(seed ^ 0x5EED, ri as u64));
    let meta = report_meta(&mut rng, r, com);
    let rel = format!("content/{}/{}", r.year, r.slug);
    let udir = out.uppsikt.join(&rel);
    let hdir = out.hugo.join(&rel);
    mkdir(&udir);
    mkdir(&hdir);
    let organisation = format!("{} kommun", com.kommun);
    let cx = Ctx {
        year: r.year,
        area_lc: "nämndens inriktningar",
    };
    let body = report_body(&mut rng, &cx, com.name, r.kind);
    let sign: Vec<String> = meta.signatories.iter().map(|s| toml_str(s)).collect();
    let source = format!("{}-{}.pdf", r.slug, r.year);

    let ufm = format!(
        "+++\ntitle = {}\nkind = \"{}\"\ndate = \"{}\"\ncommittee = {}\norganisation = {}\ndecision = {}\ndiary_number = {}\nsource = {}\nnext_follow_up = {}\nsignatories = [{}]\nweight = {}\n+++\n",
        toml_str(&meta.title),
        r.kind,
        meta.date,
        toml_str(com.name),
        toml_str(&organisation),
        toml_str(&meta.decision),
        toml_str(&meta.diary),
        toml_str(&source),
        toml_str(&meta.next),
        sign.join(", "),
        meta.weight
    );
    // Hugo reserves `kind` and wants full dates: same data under other keys.
    let hfm = format!(
        "+++\ntitle = {}\ndate = \"{}\"\nweight = {}\nreport_kind = \"{}\"\ncommittee = {}\norganisation = {}\ndecision = {}\ndiary_number = {}\nsource = {}\nnext_follow_up = {}\nsignatories = [{}]\n+++\n",
        toml_str(&meta.title),
        meta.hugo_date,
        meta.weight,
        r.kind,
        toml_str(com.name),
        toml_str(&organisation),
        toml_str(&meta.decision),
        toml_str(&meta.diary),
        toml_str(&source),
        toml_str(&meta.next),
        sign.join(", ")
    );
    let u = format!("{ufm}{body}");
    let h = format!("{hfm}{body}");
    *bytes += (u.len() + h.len()) as u64;
    write_file(&udir.join("_index.md"), &u);
    write_file(&hdir.join("_index.md"), &h);

    for e in &r.entries {
        let area = &plan.areas[e.area];
        let mut rng = Rng::new(mix(mix(seed, ri as u64 + 1), e.nn as u64));
        let area_lc = lower_first(&area.name);
        let cx = Ctx {
            year: r.year,
            area_lc: &area_lc,
        };
        let direction = if rng.chance(85) {
            Some(direction_text(&mut rng, &area_lc))
        } else {
            None
        };
        let body = entry_body(&mut rng, &cx);
        let file = format!("{:02}-{}.md", e.nn, slug(&area.name));

        let mut u = String::with_capacity(body.len() + 600);
        let _ = write!(
            u,
            "+++\narea = {}\ntitle = {}\n",
            toml_str(&area.id),
            toml_str(&e.title)
        );
        if let Some(d) = &direction {
            let _ = write!(u, "direction = \"\"\"\n{d}\n\"\"\"\n");
        }
        u.push_str("+++\n");
        u.push_str(&body);

        let mut h = String::with_capacity(body.len() + 600);
        let _ = write!(
            h,
            "+++\ntitle = {}\nslug = {}\nweight = {}\ndate = \"{}\"\narea = {}\nomraden = [{}]\n",
            toml_str(&e.title),
            toml_str(&area.id),
            e.nn,
            meta.hugo_date,
            toml_str(&area.id),
            toml_str(&area.id)
        );
        if let Some(d) = &direction {
            let _ = write!(h, "direction = \"\"\"\n{d}\n\"\"\"\n");
        }
        h.push_str("+++\n");
        h.push_str(&body);

        *bytes += (u.len() + h.len()) as u64;
        write_file(&udir.join(&file), &u);
        write_file(&hdir.join(&file), &h);
    }
}

// ---------------------------------------------------------------------------------------------
// Hugo site: config and templates equivalent to uppsikt's pages (without search).

const HUGO_BASEOF: &str = r##"<!doctype html>
<html lang="{{ .Site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} – {{ end }}{{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<a class="skip" href="#main">Hoppa till innehållet</a>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
{{ if not .IsHome }}<nav aria-label="Brödsmulor"><ol>
{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}<li aria-current="page">{{ .Title }}</li>
</ol></nav>{{ end }}
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ .Site.Params.organisation }}</p></footer>
</body>
</html>
"##;

const HUGO_SINGLE: &str = r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ with .Params.direction }}<section class="direction" aria-labelledby="inriktning"><h2 id="inriktning">Nämndens inriktning</h2>
{{ . | markdownify }}
</section>{{ end }}
{{ .Content }}
<nav aria-label="Områden i rapporten">
{{ with .NextInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .PrevInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</nav>
</article>{{ end }}
"#;

const HUGO_LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ with .Params.committee }}<dl><dt>Nämnd</dt><dd>{{ . }}</dd><dt>Beslut</dt><dd>{{ $.Params.decision }}</dd></dl>{{ end }}
{{ .Content }}
<ol>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{ with .Params.direction }}<div class="direction">{{ . | markdownify }}</div>{{ end }}</li>
{{ end }}</ol>
{{ if .Params.committee }}{{/* a report: the whole report on one page, for print, like uppsikt */}}
{{ range .Pages }}<section class="report-area"><h2>{{ .Title }}</h2>
{{ with .Params.direction }}<section class="direction"><h3>Nämndens inriktning</h3>{{ . | markdownify }}</section>{{ end }}
{{ .Content }}
</section>
{{ end }}{{ with .Params.signatories }}<h2>Underskrifter</h2><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}{{ end }}
{{ end }}
"#;

const HUGO_INDEX: &str = r#"{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<h2>År</h2>
<ul>
{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
<h2>Områden</h2>
<ul>
{{ range .Site.Taxonomies.omraden }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}</ul>
{{ end }}
"#;

const HUGO_404: &str = r#"{{ define "main" }}<h1>Sidan finns inte</h1>
<p><a href="{{ "/" | relURL }}">Till startsidan</a></p>
{{ end }}
"#;

const STYLE_CSS: &str = "body{font-family:system-ui,sans-serif;max-width:45rem;margin:0 auto;padding:1rem;line-height:1.5;color:#1a1a1a}\n\
.skip{position:absolute;left:-999px}.skip:focus{left:1rem}\n\
table{border-collapse:collapse;display:block;overflow-x:auto}td,th{border:1px solid #999;padding:.25rem .5rem}\n\
.direction{border-left:4px solid #005a9c;padding-left:1rem}\n";

fn hugo_config() -> String {
    r#"baseURL = "/"
languageCode = "sv"
defaultContentLanguage = "sv"
title = "Uppföljning av nämndernas inriktningar"
enableRobotsTXT = false
disableHugoGeneratorInject = true

[params]
organisation = "Syntetiska kommunförbundet"

[taxonomies]
omrade = "omraden"

# One feed at the root and a sitemap, like uppsikt; no per-section feeds.
[outputs]
home = ["HTML", "RSS"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML"]
page = ["HTML"]

[markup.goldmark.renderer]
unsafe = false

[markup.goldmark.extensions]
typographer = false
"#
    .to_string()
}

fn write_hugo_skeleton(plan: &Plan, hugo: &Path) {
    mkdir(&hugo.join("layouts/_default"));
    mkdir(&hugo.join("static"));
    write_file(&hugo.join("config.toml"), &hugo_config());
    write_file(&hugo.join("layouts/_default/baseof.html"), HUGO_BASEOF);
    write_file(&hugo.join("layouts/_default/single.html"), HUGO_SINGLE);
    write_file(&hugo.join("layouts/_default/list.html"), HUGO_LIST);
    write_file(&hugo.join("layouts/index.html"), HUGO_INDEX);
    write_file(&hugo.join("layouts/404.html"), HUGO_404);
    write_file(&hugo.join("static/style.css"), STYLE_CSS);
    // uppsikt makes /<year>/ and /omraden/ pages itself; Hugo needs section pages for them.
    let years: BTreeSet<u32> = plan.reports.iter().map(|r| r.year).collect();
    for y in years {
        let dir = hugo.join(format!("content/{y}"));
        mkdir(&dir);
        write_file(
            &dir.join("_index.md"),
            &format!("+++\ntitle = \"{y}\"\nweight = {}\n+++\n", 3000 - y),
        );
    }
    mkdir(&hugo.join("content/omraden"));
    write_file(
        &hugo.join("content/omraden/_index.md"),
        "+++\ntitle = \"Områden\"\n+++\nAlla områden som nämnderna följer upp.\n",
    );
    // Term pages carry the area's name and description, as uppsikt's timelines do.
    for a in &plan.areas {
        let dir = hugo.join("content/omraden").join(&a.id);
        mkdir(&dir);
        write_file(
            &dir.join("_index.md"),
            &format!(
                "+++\ntitle = {}\n+++\n{}\n",
                toml_str(&a.name),
                a.description
            ),
        );
    }
}

// ---------------------------------------------------------------------------------------------

fn usage() -> ! {
    eprintln!("usage: gen_corpus --pages N --out DIR [--seed S] [--years Y]");
    eprintln!("  N area-entry pages (report pages come on top); writes DIR/uppsikt and DIR/hugo");
    std::process::exit(2);
}

fn main() {
    let mut pages: Option<usize> = None;
    let mut out: Option<PathBuf> = None;
    let mut seed: u64 = 1;
    let mut years: u32 = 10;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--pages" => pages = Some(val().parse().unwrap_or_else(|_| usage())),
            "--out" => out = Some(PathBuf::from(val())),
            "--seed" => seed = val().parse().unwrap_or_else(|_| usage()),
            "--years" => years = val().parse().unwrap_or_else(|_| usage()),
            "-h" | "--help" => usage(),
            _ => usage(),
        }
    }
    let (Some(pages), Some(out)) = (pages, out) else {
        usage()
    };
    if years == 0 || years > 100 {
        usage();
    }
    let t0 = Instant::now();
    let o = Out {
        uppsikt: out.join("uppsikt"),
        hugo: out.join("hugo"),
    };
    for d in [&o.uppsikt, &o.hugo] {
        if d.exists() {
            if let Err(e) = std::fs::remove_dir_all(d) {
                eprintln!("gen_corpus: cannot remove {}: {e}", d.display());
                std::process::exit(1);
            }
        }
    }
    let plan = plan(pages, years, seed);
    mkdir(&o.uppsikt.join("content"));
    write_file(&o.uppsikt.join("site.toml"), &site_toml(pages, seed));
    write_file(&o.uppsikt.join("content/areas.toml"), &areas_toml(&plan));
    write_hugo_skeleton(&plan, &o.hugo);

    // Reports are independent (each has its own seeded PRNG): write them on all cores.
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let total: u64 = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut bytes = 0u64;
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if i >= plan.reports.len() {
                            break;
                        }
                        write_report(&plan, i, seed, &o, &mut bytes);
                    }
                    bytes
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    let renames = plan.areas.iter().filter(|a| a.continues.len() == 1).count();
    let merges = plan.areas.iter().filter(|a| a.continues.len() > 1).count();
    println!(
        "gen_corpus: {} area entries + {} report pages ({} committees, {} areas, {} continuing one id, {} merges), {:.1} MB in {:.2} s -> {}",
        plan.entries,
        plan.reports.len(),
        plan.committees.len(),
        plan.areas.len(),
        renames,
        merges,
        total as f64 / 1e6,
        t0.elapsed().as_secs_f64(),
        out.display()
    );
}
