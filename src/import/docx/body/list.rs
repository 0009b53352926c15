//! Word's list items as a Markdown list: consecutive items at the list's first level are its
//! items, and an item at a deeper level is written inside the item above it, under its text,
//! so that Markdown nests it and the outer items keep their own numbers (a decision's "punkt 3"
//! stays 3 whatever is listed under point 2).

use crate::import::doc::Block;

/// A list nested in the last item: its level, its kind, its items so far, the column its marks
/// start at (inside the item's text) and the width of its last mark.
struct Nested {
    level: u8,
    ordered: bool,
    count: usize,
    column: usize,
    width: usize,
}

pub(super) struct List {
    ordered: bool,
    level: u8,
    items: Vec<String>,
    nested: Vec<Nested>,
}

impl List {
    pub(super) fn new(ordered: bool, level: u8, text: String) -> List {
        List {
            ordered,
            level,
            items: vec![text],
            nested: Vec::new(),
        }
    }

    /// Adds an item, or gives it back when it starts another list (an item of another kind at
    /// this list's level).
    pub(super) fn add(&mut self, ordered: bool, level: u8, text: String) -> Option<String> {
        if level <= self.level {
            if ordered != self.ordered {
                return Some(text);
            }
            self.nested.clear();
            self.items.push(text);
            return None;
        }
        // Lists deeper than this item, or of another kind at its level, have ended.
        while self
            .nested
            .last()
            .is_some_and(|n| n.level > level || (n.level == level && n.ordered != ordered))
        {
            self.nested.pop();
        }
        if self.nested.last().is_none_or(|n| n.level != level) {
            // A new list starts under the text of the item above: its first column.
            let column = self.nested.last().map_or(0, |n| n.column + n.width + 1);
            self.nested.push(Nested {
                level,
                ordered,
                count: 0,
                column,
                width: 0,
            });
        }
        let (Some(nested), Some(last)) = (self.nested.last_mut(), self.items.last_mut()) else {
            return None;
        };
        nested.count += 1;
        let mark = if ordered {
            format!("{}.", nested.count)
        } else {
            "-".to_string()
        };
        nested.width = mark.len();
        last.push_str(&format!("\n{}{mark} {text}", " ".repeat(nested.column)));
        None
    }

    pub(super) fn into_block(self) -> Block {
        Block::List {
            ordered: self.ordered,
            items: self.items,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deeper_items_nest_under_the_item_above_and_the_outer_count_goes_on() {
        let mut list = List::new(true, 0, "Ett".into());
        assert_eq!(list.add(false, 1, "a".into()), None);
        assert_eq!(list.add(true, 2, "i".into()), None);
        assert_eq!(list.add(true, 2, "ii".into()), None);
        assert_eq!(list.add(false, 1, "b".into()), None);
        assert_eq!(list.add(true, 0, "Två".into()), None);
        assert_eq!(list.add(false, 0, "Punkt".into()), Some("Punkt".into()));
        let Block::List { ordered, items } = list.into_block() else {
            unreachable!()
        };
        assert!(ordered);
        assert_eq!(items, ["Ett\n- a\n  1. i\n  2. ii\n- b", "Två"]);
    }
}
