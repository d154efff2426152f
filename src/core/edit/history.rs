//! Undo and redo: a stack of edits, each the changes one command made. Consecutive edits
//! recorded under the same key (the steps of one drag) merge into one, so a drag undoes in
//! one step.

use super::{Change, Edit};
use crate::core::document::model::Design;

/// How many edits undo remembers; older ones are forgotten.
pub const UNDO_LIMIT: usize = 200;

#[derive(Debug, Clone, PartialEq)]
struct Entry {
    edit: Edit,
    key: Option<u64>,
}

/// The undo and redo stacks of one design.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
}

impl History {
    /// An empty history.
    pub fn new() -> History {
        History::default()
    }

    /// Records an edit that was just applied. An edit with the same `key` as the last one
    /// recorded merges into it (each part keeps its first "before" and takes the new "after").
    /// An empty edit is ignored. Recording clears what redo would have redone.
    pub fn record(&mut self, edit: Edit, key: Option<u64>) {
        if edit.is_empty() {
            return;
        }
        self.redo.clear();
        if let (Some(k), Some(last)) = (key, self.undo.last_mut()) {
            if last.key == Some(k) {
                for change in edit.changes {
                    match last
                        .edit
                        .changes
                        .iter_mut()
                        .find(|c| c.same_target(&change))
                    {
                        Some(old) => old.take_after(change),
                        None => last.edit.changes.push(change),
                    }
                }
                return;
            }
        }
        self.undo.push(Entry { edit, key });
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
    }

    /// Ends merging: the next edit starts a new undo step even with the same key.
    pub fn seal(&mut self) {
        if let Some(last) = self.undo.last_mut() {
            last.key = None;
        }
    }

    /// Takes back the last edit; false when there is none.
    pub fn undo(&mut self, design: &mut Design) -> bool {
        let Some(entry) = self.undo.pop() else {
            return false;
        };
        for change in entry.edit.changes.iter().rev() {
            change.revert(design);
        }
        self.redo.push(Entry {
            edit: entry.edit,
            key: None,
        });
        true
    }

    /// Applies again the last edit undone; false when there is none.
    pub fn redo(&mut self, design: &mut Design) -> bool {
        let Some(entry) = self.redo.pop() else {
            return false;
        };
        for change in &entry.edit.changes {
            change.reapply(design);
        }
        self.undo.push(entry);
        true
    }

    /// Drops the last edit without reverting it (the caller has put the design back itself)
    /// and returns it.
    pub fn pop(&mut self) -> Option<Edit> {
        self.undo.pop().map(|e| e.edit)
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// How many steps undo can take.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Forgets everything (a new design was loaded).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

impl Change {
    fn same_target(&self, other: &Change) -> bool {
        match (self, other) {
            (Change::Node { id: a, .. }, Change::Node { id: b, .. }) => a == b,
            (Change::Edge { id: a, .. }, Change::Edge { id: b, .. }) => a == b,
            (Change::Meta { .. }, Change::Meta { .. }) => true,
            _ => false,
        }
    }

    fn take_after(&mut self, newer: Change) {
        match (self, newer) {
            (Change::Node { after, .. }, Change::Node { after: a, .. }) => *after = a,
            (Change::Edge { after, .. }, Change::Edge { after: a, .. }) => *after = a,
            (Change::Meta { after, .. }, Change::Meta { after: a, .. }) => *after = a,
            _ => {}
        }
    }
}
