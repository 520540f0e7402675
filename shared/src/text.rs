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
    fn folds_arabic_variants_to_persian() {
        assert_eq!(fold("كرمانشاه"), fold("کرمانشاه"));
        assert_eq!(fold("تهران"), "تهران");
        assert_eq!(fold("سنندج\u{200c}"), "سنندج");
    }
}
