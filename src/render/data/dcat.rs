//! The DCAT-AP-SE description of the open data (`data/dcat.jsonld`), for the national data
//! portal: one catalogue with one dataset (the follow-ups) and a distribution per file.

use serde_json::{json, Value};

use super::parts;
use crate::config::{BaseUrl, Config};
use crate::model::Site;
use crate::paths::{
    year_data, AREAS_CSV, CATALOGUE, DCAT, ENTRIES_CSV, REPORTS_CSV, YEAR_CATALOGUE,
};

/// The DCAT-AP-SE description: one catalogue with one dataset (the follow-ups) and a
/// distribution per file. Terms from DCAT 2, DCTERMS, FOAF and vCard, as DCAT-AP-SE 2 names them.
pub(super) fn dcat(config: &Config, base: &BaseUrl, site: &Site) -> Value {
    let publisher_name = if config.organisation.is_empty() {
        config.title.clone()
    } else {
        config.organisation.clone()
    };
    let publisher = json!({ "@type": "foaf:Agent", "foaf:name": publisher_name });
    let lang = if config.language == "en" {
        "ENG"
    } else {
        "SWE"
    };
    let language = json!({
        "@id": format!("http://publications.europa.eu/resource/authority/language/{lang}")
    });
    let distribution = |path: &str, title: String, format: &str| {
        json!({
            "@type": "dcat:Distribution",
            "dcterms:title": title,
            "dcat:accessURL": { "@id": base.absolute(path) },
            "dcat:downloadURL": { "@id": base.absolute(path) },
            "dcat:mediaType": {
                "@id": format!("http://www.iana.org/assignments/media-types/{format}")
            },
        })
    };
    let mut contact = json!({ "@type": "vcard:Organization", "vcard:fn": publisher_name });
    if !config.accessibility.contact_email.is_empty() {
        contact["vcard:hasEmail"] =
            json!({ "@id": format!("mailto:{}", config.accessibility.contact_email) });
    }
    let years: Vec<u16> = site.years.iter().map(|y| y.year).collect();
    let mut dataset = json!({
        "@type": "dcat:Dataset",
        "@id": base.absolute(crate::paths::DATASET),
        "dcterms:title": format!("{} – öppna data", config.title),
        "dcterms:description": dataset_description(config),
        "dcterms:publisher": publisher,
        "dcat:contactPoint": contact,
        "dcterms:language": language,
        "dcat:theme": { "@id": "http://publications.europa.eu/resource/authority/data-theme/GOVE" },
        "dcat:keyword": ["uppföljning", "nämnd", "budget", "inriktning"],
        "dcat:landingPage": { "@id": base.absolute("") },
        "dcat:distribution": distributions(site, &distribution),
    });
    if let (Some(first), Some(last)) = (years.iter().min(), years.iter().max()) {
        dataset["dcterms:temporal"] = json!({
            "@type": "dcterms:PeriodOfTime",
            "dcat:startDate": format!("{first}-01-01"),
            "dcat:endDate": format!("{last}-12-31"),
        });
    }
    json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dcterms": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
        },
        "@type": "dcat:Catalog",
        "@id": base.absolute(DCAT),
        "dcterms:title": config.title,
        "dcterms:description": dataset_description(config),
        "dcterms:publisher": { "@type": "foaf:Agent", "foaf:name": publisher_name },
        "dcterms:language": language,
        "foaf:homepage": { "@id": base.absolute("") },
        "dcat:dataset": [dataset],
    })
}

fn dataset_description(config: &Config) -> String {
    if config.description.trim().is_empty() {
        format!(
            "Nämndens uppföljningar av sina inriktningar: rapporter, områden och vad som gjorts, från {}.",
            config.title
        )
    } else {
        config.description.clone()
    }
}

/// A distribution per file: the site's catalogue, then each year's catalogue and tables. A
/// year cut in parts is its catalogue, which links its parts' files: the description grows
/// with the years, not with the reports.
fn distributions(site: &Site, distribution: &dyn Fn(&str, String, &str) -> Value) -> Vec<Value> {
    let json = "application/json";
    let mut all = vec![distribution(
        CATALOGUE,
        "Katalog: nämnder och år med länkar till årens filer".into(),
        json,
    )];
    for y in &site.years {
        let (year, parts) = (y.year, parts(y).len());
        let file = |name: &str| year_data(year, name);
        if parts > 1 {
            let title = format!(
                "Katalog {year}: årets {parts} delar med deras rapporter, områden och poster"
            );
            all.push(distribution(&file(YEAR_CATALOGUE), title, json));
            continue;
        }
        all.extend([
            distribution(
                &file(YEAR_CATALOGUE),
                format!("Katalog {year}: rapporter och områden"),
                json,
            ),
            distribution(&file(REPORTS_CSV), format!("Rapporter {year}"), "text/csv"),
            distribution(&file(AREAS_CSV), format!("Områden {year}"), "text/csv"),
            distribution(
                &file(ENTRIES_CSV),
                format!("Poster {year}: områdenas inriktning och vad som gjorts"),
                "text/csv",
            ),
        ]);
    }
    all
}
