//! Text folding for matching: case-, accent- and script-variant-insensitive.
//! One rule for the server (search, gazetteer) and the web app.

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// Folds `s` for matching: NFKD, combining marks removed, lower case, Arabic
/// letter variants unified with their Persian forms, runs of white space and
/// punctuation turned into one space. "Göteborg" and "goteborg" fold alike;
/// so do "تهران" written with Arabic or Persian yeh/kaf.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfkd() {
        if is_combining_mark(c) || c == '\u{200c}' || c == '\u{200d}' || c == '\u{0640}' {
            // Diacritics, zero-width (non-)joiners and tatweel change no letter.
            continue;
        }
        let c = match c {
            'ي' | 'ى' => 'ی',
            'ك' => 'ک',
            'ة' => 'ه',
            'ß' => {
                push_pending(&mut out, &mut pending_space);
                out.push_str("ss");
                continue;
            }
            'ø' | 'Ø' => 'o',
            'æ' | 'Æ' => 'a',
            'đ' | 'Đ' => 'd',
            'ł' | 'Ł' => 'l',
            'ı' => 'i',
            other => other,
        };
        if c.is_alphanumeric() {
            push_pending(&mut out, &mut pending_space);
            out.extend(c.to_lowercase());
        } else if !out.is_empty() {
            pending_space = true;
        }
    }
    out
}

/// Cases of the free-text filter, run through both sides: the web app's list
/// filter (frontend `search` tests) and the server's `q` (API tests).
/// Each is (an action's title, the query typed, whether it is found). The
/// rule is a substring of the folded text: the folded query must occur in
/// the folded title (so word order counts). The other fields of the action
/// must not contain the query themselves.
pub const FOLD_CASES: &[(&str, &str, bool)] = &[
    ("Göteborg solidarity rally", "goteborg", true),
    ("Goteborg solidarity rally", "Göteborg", true),
    ("Vigil in São Paulo", "sao paulo", true),
    ("Picket on the Straße", "strasse", true),
    ("København march", "KOBENHAVN", true),
    ("Łódź workers", "lodz", true),
    ("İstanbul meeting", "istanbul", true),
    ("St. John's vigil", "st johns", false),
    ("St. John's vigil", "st. john's", true),
    ("Haft  Tappeh   strike", "haft tappeh", true),
    ("تجمع در كرمانشاه", "کرمانشاه", true),
    ("تجمع در تهران", "تهران", true),
    ("Solidarity picket", "SOLIDARITY PICKET", true),
    ("Rally for jailed workers", "workers rally", false),
    ("Rally for jailed workers", "march", false),
    ("Göteborg", "göteborgs", false),
];

fn push_pending(out: &mut String, pending_space: &mut bool) {
    if *pending_space {
        out.push(' ');
        *pending_space = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_punctuation() {
        assert_eq!(fold("Göteborg"), "goteborg");
        assert_eq!(fold("GOTEBORG"), "goteborg");
        assert_eq!(fold("  São   Paulo "), "sao paulo");
        assert_eq!(fold("St. John's"), "st john s");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("København"), "kobenhavn");
    }

    #[test]
    fn fold_cases_hold_as_a_substring_of_the_folded_text() {
        for (text, query, found) in FOLD_CASES {
            assert_eq!(
                fold(text).contains(&fold(query)),
                *found,
                "{query:?} in {text:?}"
            );
        }
    }

    #[test]
    fn folds_arabic_variants_to_persian() {
        assert_eq!(fold("كرمانشاه"), fold("کرمانشاه"));
        assert_eq!(fold("تهران"), "تهران");
        assert_eq!(fold("سنندج\u{200c}"), "سنندج");
    }
}
