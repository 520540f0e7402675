//! The words of each notification, in English, Persian and Spanish (the
//! languages of the groups the seed documents speak of); English for any
//! other language.

use shared::Decision;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    En,
    Fa,
    Es,
}

impl Language {
    /// `fa`, `fa-IR`, `ES` …; English when there is no text for it.
    pub fn of(tag: Option<&str>) -> Language {
        let primary = tag
            .unwrap_or_default()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        match primary.as_str() {
            "fa" => Language::Fa,
            "es" => Language::Es,
            _ => Language::En,
        }
    }
}

struct Words {
    approve: (&'static str, &'static str),
    reject: (&'static str, &'static str),
    unpublish: (&'static str, &'static str),
    revert: (&'static str, &'static str),
    reason: &'static str,
    edit: &'static str,
    automatic: &'static str,
}

const EN: Words = Words {
    approve: (
        "Your action \"{title}\" is published",
        "Your action \"{title}\" in {campaign} was approved and is now public.",
    ),
    reject: (
        "Your action \"{title}\" was not accepted",
        "The organisers did not accept your action \"{title}\" in {campaign}.",
    ),
    unpublish: (
        "Your action \"{title}\" was taken down",
        "The organisers took down your action \"{title}\" in {campaign}; it is no longer public.",
    ),
    revert: (
        "The changes to your action \"{title}\" were undone",
        "The latest changes to your action \"{title}\" in {campaign} were not accepted; it shows again what was approved before.",
    ),
    reason: "Reason: {reason}",
    edit: "To see or change your action, open the private edit link you received when you registered. It opens {edit_page} (that address alone is not enough: the link you received carries your key, and this email does not).",
    automatic: "This message was sent automatically; please do not reply to it.",
};

const ES: Words = Words {
    approve: (
        "Tu acción «{title}» está publicada",
        "Tu acción «{title}» en {campaign} fue aprobada y ya es pública.",
    ),
    reject: (
        "Tu acción «{title}» no fue aceptada",
        "Los organizadores no aceptaron tu acción «{title}» en {campaign}.",
    ),
    unpublish: (
        "Tu acción «{title}» fue retirada",
        "Los organizadores retiraron tu acción «{title}» en {campaign}; ya no es pública.",
    ),
    revert: (
        "Se deshicieron los cambios de tu acción «{title}»",
        "Los últimos cambios de tu acción «{title}» en {campaign} no fueron aceptados; vuelve a mostrarse lo que se aprobó antes.",
    ),
    reason: "Motivo: {reason}",
    edit: "Para ver o cambiar tu acción, abre el enlace privado de edición que recibiste al registrarla. Ese enlace abre {edit_page} (esa dirección sola no basta: el enlace que recibiste lleva tu clave, y este correo no).",
    automatic: "Este mensaje se envió automáticamente; por favor, no respondas.",
};

const FA: Words = Words {
    approve: (
        "برنامهٔ شما «{title}» منتشر شد",
        "برنامهٔ شما «{title}» در {campaign} تأیید شد و اکنون عمومی است.",
    ),
    reject: (
        "برنامهٔ شما «{title}» پذیرفته نشد",
        "برگزارکنندگان برنامهٔ شما «{title}» در {campaign} را نپذیرفتند.",
    ),
    unpublish: (
        "برنامهٔ شما «{title}» برداشته شد",
        "برگزارکنندگان برنامهٔ شما «{title}» در {campaign} را برداشتند و دیگر عمومی نیست.",
    ),
    revert: (
        "تغییرات برنامهٔ شما «{title}» برگردانده شد",
        "آخرین تغییرات برنامهٔ شما «{title}» در {campaign} پذیرفته نشد و دوباره همان نسخهٔ تأییدشدهٔ قبلی نمایش داده می\u{200c}شود.",
    ),
    reason: "دلیل: {reason}",
    edit: "برای دیدن یا تغییر برنامهٔ خود، پیوند خصوصی ویرایش را که هنگام ثبت دریافت کردید باز کنید. آن پیوند صفحهٔ {edit_page} را باز می\u{200c}کند (این نشانی به\u{200c}تنهایی کافی نیست: پیوندی که دریافت کردید کلید شما را دارد و این ایمیل ندارد).",
    automatic: "این پیام خودکار فرستاده شده است؛ لطفاً به آن پاسخ ندهید.",
};

/// One line: no line break can reach a header.
fn one_line(s: &str) -> String {
    s.split(['\r', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The subject and body telling a group of a decision; `None` for the
/// decisions that send nothing (spam, accepted changes).
pub fn decision(
    language: Language,
    decision: Decision,
    title: &str,
    campaign: &str,
    reason: Option<&str>,
    edit_page: &str,
) -> Option<(String, String)> {
    let words = match language {
        Language::En => &EN,
        Language::Fa => &FA,
        Language::Es => &ES,
    };
    let (subject, opening) = match decision {
        Decision::Approve => words.approve,
        Decision::Reject => words.reject,
        Decision::Unpublish => words.unpublish,
        Decision::Revert => words.revert,
        Decision::Spam | Decision::Accept => return None,
    };
    let title = one_line(title);
    let campaign = one_line(campaign);
    let fill = |s: &str| {
        s.replace("{title}", &title)
            .replace("{campaign}", &campaign)
    };
    let mut body = fill(opening);
    body.push_str("\n\n");
    if let Some(reason) = reason {
        body.push_str(&words.reason.replace("{reason}", reason));
        body.push_str("\n\n");
    }
    body.push_str(&words.edit.replace("{edit_page}", edit_page));
    body.push_str("\n\n");
    body.push_str(words.automatic);
    body.push('\n');
    Some((one_line(&fill(subject)), body))
}

/// To moderators (English: organisers share it).
pub fn new_endorsement(
    public_url: &str,
    campaign: &str,
    slug: &str,
    name: &str,
    place: &str,
) -> (String, String) {
    let name = one_line(name);
    let subject = format!("New endorsement to review: {name}");
    let place = if place.is_empty() {
        String::new()
    } else {
        format!(" ({place})")
    };
    let body = format!(
        "{name}{place} signed the call of {campaign} and waits for review.\n\n\
         Review the endorsements of the campaign on the organisers' pages: \
         {}/organise/c/{slug}/endorsements\n",
        public_url.trim_end_matches('/'),
        campaign = one_line(campaign),
    );
    (subject, body)
}

/// Tells moderators of an action waiting for their review.
pub fn new_submission(
    public_url: &str,
    campaign: &str,
    slug: &str,
    title: &str,
    place: &str,
) -> (String, String) {
    let title = one_line(title);
    let subject = format!("New action to review: {title}");
    let body = format!(
        "\"{title}\" ({place}) was registered for {campaign} and waits for review.\n\n\
         Review it in the queue on the organisers' pages: {}/organise/c/{slug}/queue\n",
        public_url.trim_end_matches('/'),
        place = one_line(place),
        campaign = one_line(campaign),
    );
    (subject, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_by_their_tag() {
        assert_eq!(Language::of(Some("fa-IR")), Language::Fa);
        assert_eq!(Language::of(Some("ES")), Language::Es);
        assert_eq!(Language::of(Some("de")), Language::En);
        assert_eq!(Language::of(None), Language::En);
    }

    #[test]
    fn a_decision_names_the_action_the_reason_and_the_page_never_a_token() {
        let (subject, body) = decision(
            Language::En,
            Decision::Reject,
            "Vigil",
            "Day of solidarity",
            Some("No place given"),
            "https://a.example/edit/42",
        )
        .expect("sent");
        assert_eq!(subject, "Your action \"Vigil\" was not accepted");
        assert!(body.contains("\"Vigil\" in Day of solidarity"), "{body}");
        assert!(body.contains("Reason: No place given"), "{body}");
        assert!(
            body.contains("open the private edit link you received when you registered"),
            "{body}"
        );
        assert!(body.contains("https://a.example/edit/42 "), "{body}");
        assert!(!body.contains("token"), "{body}");
        for language in [Language::Fa, Language::Es] {
            let (subject, body) = decision(
                language,
                Decision::Approve,
                "Vigil",
                "Day",
                None,
                "https://a.example/edit/42",
            )
            .expect("sent");
            assert!(subject.contains("«Vigil»"), "{subject}");
            assert!(body.contains("https://a.example/edit/42"), "{body}");
        }
        assert!(decision(Language::En, Decision::Spam, "x", "y", None, "z").is_none());
        assert!(decision(Language::En, Decision::Accept, "x", "y", None, "z").is_none());
    }

    #[test]
    fn a_subject_stays_on_one_line() {
        let (subject, _) = decision(
            Language::En,
            Decision::Approve,
            "a\r\nBcc: x@example.org",
            "c",
            None,
            "p",
        )
        .expect("sent");
        assert!(!subject.contains(['\r', '\n']), "{subject}");
    }
}
