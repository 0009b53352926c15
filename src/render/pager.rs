//! Lists too long for one page (every area, a year's reports) cut into pages, as Hugo and
//! GOV.UK do: the first page at the list's own URL, page n at `<url>sida/<n>/`, each with a
//! pager (`pager` in the template) that links the previous and next page and the page numbers
//! near this one, the first and the last, with gaps between. A national portal's lists then
//! stay the same size whatever the number of committees.

use std::ops::Range;

use serde::Serialize;

/// Items a page of a list shows.
pub(super) const PER_PAGE: usize = 50;

/// The folder under a list's URL that holds its later pages.
const PAGES_DIR: &str = "sida";

/// `pager` in a template: this page's number and the count, the previous and next pages' URLs
/// (site-relative, as every `url`), and the page links to show, a gap as a link without number.
#[derive(Serialize, Debug, PartialEq)]
pub(super) struct PagerView {
    pub number: usize,
    pub count: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageLink>,
}

#[derive(Serialize, Debug, PartialEq)]
pub(super) struct PageLink {
    /// None for a gap ("…") between shown numbers.
    pub number: Option<usize>,
    pub url: String,
    pub current: bool,
}

/// One page of a list: which items it shows, its URL and its pager (none for a list of one page).
pub(super) struct ListPage {
    pub items: Range<usize>,
    pub url: String,
    pub number: usize,
    pub pager: Option<PagerView>,
}

/// The URL of page `n` (from 1) of the list at `url`.
pub(super) fn page_url(url: &str, n: usize) -> String {
    if n <= 1 {
        url.to_string()
    } else {
        format!("{url}{PAGES_DIR}/{n}/")
    }
}

/// The pages of a list of `len` items at `url`: one page (the whole list, no pager) up to
/// `PER_PAGE` items, and always at least one.
pub(super) fn pages(url: &str, len: usize) -> Vec<ListPage> {
    let count = len.div_ceil(PER_PAGE).max(1);
    (1..=count)
        .map(|number| ListPage {
            items: (number - 1) * PER_PAGE..(number * PER_PAGE).min(len),
            url: page_url(url, number),
            number,
            pager: (count > 1).then(|| pager(url, number, count)),
        })
        .collect()
}

fn pager(url: &str, number: usize, count: usize) -> PagerView {
    // The first, the last, and the pages next to this one; one gap for each run left out.
    let shown = |n: usize| n == 1 || n == count || n.abs_diff(number) <= 1;
    let mut pages = Vec::new();
    for n in 1..=count {
        if shown(n) {
            pages.push(PageLink {
                number: Some(n),
                url: page_url(url, n),
                current: n == number,
            });
        } else if shown(n - 1) {
            pages.push(PageLink {
                number: None,
                url: String::new(),
                current: false,
            });
        }
    }
    PagerView {
        number,
        count,
        prev: (number > 1).then(|| page_url(url, number - 1)),
        next: (number < count).then(|| page_url(url, number + 1)),
        pages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(p: &PagerView) -> Vec<Option<usize>> {
        p.pages.iter().map(|l| l.number).collect()
    }

    #[test]
    fn a_short_list_is_one_page_without_pager() {
        for len in [0, 1, PER_PAGE] {
            let p = pages("omraden/", len);
            assert_eq!(p.len(), 1);
            assert_eq!(
                (p[0].items.clone(), p[0].url.as_str()),
                (0..len, "omraden/")
            );
            assert!(p[0].pager.is_none());
        }
    }

    #[test]
    fn a_long_list_is_cut_into_pages_with_links_between() {
        let p = pages("2025/", 5 * PER_PAGE + 1);
        assert_eq!(p.len(), 6);
        assert_eq!(p[5].items, 5 * PER_PAGE..5 * PER_PAGE + 1);
        assert_eq!(p[1].url, "2025/sida/2/");
        let first = p[0].pager.as_ref().expect("a pager");
        assert_eq!(
            (first.prev.as_deref(), first.next.as_deref()),
            (None, Some("2025/sida/2/"))
        );
        assert_eq!(numbers(first), [Some(1), Some(2), None, Some(6)]);
        let third = p[2].pager.as_ref().expect("a pager");
        assert_eq!(
            numbers(third),
            [Some(1), Some(2), Some(3), Some(4), None, Some(6)]
        );
        assert_eq!(third.prev.as_deref(), Some("2025/sida/2/"));
        assert!(third.pages[2].current && !third.pages[1].current);
        let last = p[5].pager.as_ref().expect("a pager");
        assert_eq!(
            (last.next.as_deref(), last.pages[0].url.as_str()),
            (None, "2025/")
        );
    }
}
