//! What user-written text may contain. Text is shown to supporters and read
//! by other programs (calendars, spreadsheets), so characters that reorder or
//! hide what a reader sees are refused, and line breaks are normalised.
//! Persian keeps its zero-width non-joiner (and emoji their joiner) between
//! visible characters.

use shared::FieldError;

/// `U+202E`
fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// Direction overrides and isolates (U+202A–U+202E, U+2066–U+2069): they
/// make text display in another order than it is stored.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that take no space and have no glyph, other than the joiners.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{2060}'
            ..='\u{2064}'
                | '\u{FEFF}'
                | '\u{180E}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{3164}'
                | '\u{FFA0}'
    )
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// A joiner is fine between two visible characters, as in Persian words.
fn joiner_between_visible(prev: Option<char>, next: Option<char>) -> bool {
    let visible = |c: Option<char>| {
        c.is_some_and(|c| {
            !c.is_whitespace() && !c.is_control() && !is_invisible(c) && !is_joiner(c)
        })
    };
    visible(prev) && visible(next)
}

/// Why `s` may not be stored, if it may not.
fn refusal(s: &str, multiline: bool) -> Option<FieldError> {
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let allowed_control = multiline && (c == '\n' || c == '\t');
        if c.is_control() && !allowed_control {
            return Some(FieldError::ControlCharacter);
        }
        if is_bidi_control(c) || is_invisible(c) {
            return Some(FieldError::InvisibleCharacter {
                character: code_point(c),
            });
        }
        if is_joiner(c)
            && !joiner_between_visible(
                chars.get(i.wrapping_sub(1)).copied(),
                chars.get(i + 1).copied(),
            )
        {
            return Some(FieldError::StrayJoiner {
                character: code_point(c),
            });
        }
    }
    None
}

/// A one-line field, trimmed.
pub fn one_line(s: &str) -> Result<String, FieldError> {
    let trimmed = s.trim();
    match refusal(trimmed, false) {
        Some(why) => Err(why),
        None => Ok(trimmed.to_string()),
    }
}

/// A multi-line field, trimmed, with every line break (CR LF, CR) made LF so
/// that no bare carriage return reaches a calendar or a CSV file.
pub fn multi_line(s: &str) -> Result<String, FieldError> {
    let normalised = s.replace("\r\n", "\n").replace('\r', "\n");
    let trimmed = normalised.trim();
    match refusal(trimmed, true) {
        Some(why) => Err(why),
        None => Ok(trimmed.to_string()),
    }
}

/// A web link people will follow: http(s), a host name, no user name or
/// password before the host (`https://trusted.org@evil.example` goes to
/// evil.example), nothing invisible.
pub fn link(s: &str, max_len: usize) -> Result<String, FieldError> {
    let s = s.trim();
    let why = || FieldError::BadLink { max: max_len };
    if s.len() > max_len || s.chars().any(char::is_whitespace) {
        return Err(why());
    }
    if let Some(refused) = refusal(s, false) {
        return Err(refused);
    }
    let url = url::Url::parse(s).map_err(|_| why())?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(why());
    }
    let authority = s
        .split_once("://")
        .map(|(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or_default())
        .unwrap_or_default();
    if !url.username().is_empty() || url.password().is_some() || authority.contains('@') {
        return Err(FieldError::LinkWithCredentials);
    }
    Ok(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persian_with_its_joiners_passes() {
        // «می‌خواهیم» is written with a zero-width non-joiner.
        assert!(one_line("می\u{200c}خواهیم آزادی").is_ok());
        assert!(one_line("کارگران هفت‌تپه").is_ok());
        // An emoji family keeps its joiners.
        assert!(one_line("👩\u{200d}👩\u{200d}👧").is_ok());
    }

    #[test]
    fn direction_overrides_and_invisibles_are_refused() {
        for bad in [
            "Rally \u{202E}gnp.exe",
            "a\u{2066}b\u{2069}",
            "zero\u{200B}width",
            "\u{FEFF}title",
            "word\u{2060}joiner",
            "\u{200C}leading",
            "trailing\u{200D}",
            "spaced \u{200C} joiner",
        ] {
            assert!(one_line(bad).is_err(), "{bad:?}");
            assert!(multi_line(bad).is_err(), "{bad:?}");
        }
        assert!(one_line("line\nbreak").is_err());
    }

    #[test]
    fn line_breaks_are_normalised() {
        assert_eq!(
            multi_line("one\r\ntwo\rthree\nfour").as_deref(),
            Ok("one\ntwo\nthree\nfour")
        );
        assert!(
            !multi_line("a\rEND:VEVENT")
                .unwrap_or_default()
                .contains('\r')
        );
    }

    #[test]
    fn links_go_where_they_say() {
        assert!(link("https://example.org/call?x=1#y", 500).is_ok());
        assert!(link("http://example.org", 500).is_ok());
        for bad in [
            "https://trusted.org@evil.example",
            "https://user:pass@evil.example/",
            "https://@evil.example/",
            "javascript:alert(1)",
            "ftp://example.org",
            "https://",
            "https://exa mple.org",
            "https://example.org/\u{202E}fdp.exe",
        ] {
            assert!(link(bad, 500).is_err(), "{bad}");
        }
    }
}
