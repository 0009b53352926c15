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
