//! The moderation queue's keyboard: `j`/`k` move between actions, `x`
//! selects, `a` approves, `r` goes to the reason of a rejection, `s` marks
//! as spam. Keys typed into a field are the field's, never a decision.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    Next,
    Previous,
    Select,
    Approve,
    FocusReject,
    Spam,
}

/// What `key` does in the queue; `None` with a modifier held (the
/// browser's and the screen reader's shortcuts stay theirs) or while
/// typing in a field.
pub fn key_action(key: &str, modifier: bool, in_field: bool) -> Option<KeyAction> {
    if modifier || in_field {
        return None;
    }
    Some(match key {
        "j" => KeyAction::Next,
        "k" => KeyAction::Previous,
        "x" => KeyAction::Select,
        "a" => KeyAction::Approve,
        "r" => KeyAction::FocusReject,
        "s" => KeyAction::Spam,
        _ => return None,
    })
}

/// The item after (or before) `current` in a list of `len`, staying at the
/// ends; the first one when none is current yet.
pub fn step(current: Option<usize>, len: usize, forward: bool) -> Option<usize> {
    if len == 0 {
        return None;
    }
    Some(match current {
        None => 0,
        Some(i) if forward => (i + 1).min(len - 1),
        Some(i) => i.saturating_sub(1).min(len - 1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_map_to_actions_outside_fields_only() {
        assert_eq!(key_action("j", false, false), Some(KeyAction::Next));
        assert_eq!(key_action("k", false, false), Some(KeyAction::Previous));
        assert_eq!(key_action("x", false, false), Some(KeyAction::Select));
        assert_eq!(key_action("a", false, false), Some(KeyAction::Approve));
        assert_eq!(key_action("r", false, false), Some(KeyAction::FocusReject));
        assert_eq!(key_action("s", false, false), Some(KeyAction::Spam));
        assert_eq!(key_action("a", false, true), None);
        assert_eq!(key_action("a", true, false), None);
        assert_eq!(key_action("q", false, false), None);
        assert_eq!(key_action("J", false, false), None);
    }

    #[test]
    fn moving_stays_inside_the_list() {
        assert_eq!(step(None, 0, true), None);
        assert_eq!(step(None, 3, true), Some(0));
        assert_eq!(step(None, 3, false), Some(0));
        assert_eq!(step(Some(0), 3, true), Some(1));
        assert_eq!(step(Some(2), 3, true), Some(2));
        assert_eq!(step(Some(0), 3, false), Some(0));
        assert_eq!(step(Some(2), 3, false), Some(1));
        // The list became shorter (a decision took an item away).
        assert_eq!(step(Some(5), 3, false), Some(2));
        assert_eq!(step(Some(5), 3, true), Some(2));
    }
}
