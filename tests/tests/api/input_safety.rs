//! Text that reorders or hides what a reader sees is refused, naming the
//! field; line breaks are normalised; times outside a sane window are
//! refused instead of overflowing date arithmetic.

use shared::RegisterEvent;
use tests::places::{BERLIN, KATHMANDU, TEHRAN};
use tests::{SLUG, TestApp, action, api_test};

api_test!(
    look_alike_text_is_refused_naming_the_field,
    |app: TestApp| async move {
        type Spoil = fn(&mut RegisterEvent);
        let cases: [(&str, Spoil); 8] = [
            ("title", |r| r.title = Some("Rally \u{202E}gnp.exe".into())),
            ("title", |r| r.title = Some("Ral\u{200B}ly".into())),
            ("organiser_name", |r| {
                r.organiser_name = Some("\u{2066}Official\u{2069} union".into())
            }),
            ("address", |r| r.address = Some("Gate\u{FEFF} 3".into())),
            ("public_contact", |r| {
                r.public_contact = Some("@group\u{2060}".into())
            }),
            ("description", |r| {
                r.description = Some("Meet \u{202D}here".into())
            }),
            ("links", |r| {
                r.links = vec!["https://trusted.org@evil.example/".into()]
            }),
            ("links", |r| {
                r.links = vec!["https://example.org/\u{202E}fdp.exe".into()]
            }),
        ];
        for (field, spoil) in cases {
            let mut request = action(BERLIN, "2026-11-05T14:00");
            spoil(&mut request);
            app.refused(SLUG, &request, field).await;
        }
        assert_eq!(app.list(SLUG, "").await.total, 0, "nothing half-stored");

        // Persian, with its zero-width non-joiners, is fine.
        let mut persian = action(TEHRAN, "2026-11-05T14:00");
        persian.title = Some("تجمع برای کارگران زندانی هفت‌تپه".into());
        persian.organiser_name = Some("کانون صنفی معلمان؛ می‌خواهیم".into());
        persian.description = Some("آزادی بی‌قیدوشرط همه‌ی زندانیان".into());
        let e = app.registered(SLUG, &persian).await.event;
        assert_eq!(e.title, "تجمع برای کارگران زندانی هفت‌تپه");
        assert!(e.organiser_name.contains('\u{200C}'));
    }
);

api_test!(
    line_breaks_are_normalised_on_input,
    |app: TestApp| async move {
        let mut request = action(BERLIN, "2026-11-05T14:00");
        request.description = Some("First line\rEND:VEVENT\r\nBEGIN:VEVENT\nlast".into());
        let e = app.registered(SLUG, &request).await.event;
        assert_eq!(
            e.description.as_deref(),
            Some("First line\nEND:VEVENT\nBEGIN:VEVENT\nlast")
        );
        let stored = app.stored(e.id, "description").await.unwrap_or_default();
        assert!(!stored.contains('\r'), "{stored:?}");
    }
);

api_test!(
    times_outside_the_years_2000_to_2100_are_refused,
    |app: TestApp| async move {
        for start in [
            "+262142-12-31T23:59",
            "262143-01-01T00:00",
            "-0001-01-01T00:00",
            "1999-12-31T23:00",
            "2101-01-01T00:00",
        ] {
            let e = app
                .refused(SLUG, &action(KATHMANDU, start), "local_start")
                .await;
            assert_eq!(e.error.code, "validation_failed");
        }
        let mut end = action(BERLIN, "2026-11-05T14:00");
        end.local_end = Some("+262142-12-31T23:59".into());
        app.refused(SLUG, &end, "local_end").await;
    }
);
