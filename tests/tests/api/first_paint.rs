//! The campaign homes' first HTML: the built page with the campaign's call to
//! action and published counters in it, escaped, in the reader's language;
//! what is not public (a pending action) changes nothing in it.

use std::collections::BTreeMap;

use reqwest::StatusCode;
use server::services::campaigns::{self, NewCampaign};
use tests::places::{BERLIN, PARIS, TEHRAN};
use tests::{Backend, DAY, Options, REVIEW_SLUG, SLUG, action};

/// As Trunk builds it, cut short.
const INDEX: &str = "<!doctype html>\n<html lang=\"en\" dir=\"ltr\">\n  <head>\n    \
    <title>Day of Action</title>\n    <meta name=\"description\" content=\"Find an action\" />\n  \
    </head>\n  <body>\n    <noscript>This page needs JavaScript.</noscript>\n  </body>\n</html>\n";

const MARKED: &str = "marked-up";

async fn page(app: &tests::TestApp, path: &str, language: Option<&str>) -> (StatusCode, String) {
    let mut request = app.client.get(format!("{}{path}", app.base));
    if let Some(language) = language {
        request = request.header("accept-language", language);
    }
    let response = request.send().await.expect("page");
    let status = response.status();
    (status, response.text().await.expect("html"))
}

fn counters(html: &str) -> &str {
    let from = html
        .find("<ul class=\"counters\"")
        .expect("counters in the first HTML");
    let to = html[from..].find("</ul>").expect("end of counters");
    &html[from..from + to]
}

async fn first_html(backend: Backend) {
    let dir = std::env::temp_dir().join(format!(
        "doa-first-paint-{}-{backend:?}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("static dir");
    std::fs::write(dir.join("index.html"), INDEX).expect("index.html");
    let app = tests::spawn_with(
        backend,
        Options {
            static_dir: dir.display().to_string(),
            ..Default::default()
        },
    )
    .await;
    campaigns::create(
        &app.db,
        NewCampaign {
            slug: MARKED.into(),
            title: "Workers <b>first</b> & \"always\"".into(),
            summary: "<script>alert(1)</script>".into(),
            starts_on: DAY.into(),
            ends_on: DAY.into(),
            call_to_action: BTreeMap::from([
                ("en".into(), "Stand with Iran's workers".into()),
                ("fa".into(), "در کنار کارگران ایران".into()),
            ]),
            public_contact: Some("team@example.org".into()),
            ..Default::default()
        },
    )
    .await
    .expect("campaign");

    // The campaign's own text, escaped; the words are the app's.
    let (status, html) = page(&app, &format!("/c/{MARKED}"), Some("en-GB,en;q=0.9")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<h1 dir=\"auto\" lang=\"en\">Workers &lt;b&gt;first&lt;/b&gt; &amp; &quot;always&quot;</h1>"), "{html}");
    assert!(
        html.contains("<title>Workers &lt;b&gt;first&lt;/b&gt; &amp; &quot;always&quot;</title>")
    );
    assert!(!html.contains("<script>alert"), "the summary is text");
    assert!(
        html.contains("lang=\"en\">Stand with Iran&#39;s workers</p>")
            || html.contains("lang=\"en\">Stand with Iran's workers</p>")
    );
    assert!(html.contains("<strong>0</strong>actions"));
    assert!(html.contains("href=\"/register?c=marked-up\""));
    assert!(html.contains("href=\"mailto:team@example.org\""));
    assert!(
        html.contains("<noscript>"),
        "the built page is kept around it"
    );

    // In Persian: the direction, the call, the digits.
    let (_, persian) = page(
        &app,
        &format!("/c/{MARKED}"),
        Some("fa-IR,fa;q=0.9,en;q=0.5"),
    )
    .await;
    assert!(persian.contains("<html lang=\"fa\" dir=\"rtl\">"));
    assert!(persian.contains("lang=\"fa\">در کنار کارگران ایران</p>"));
    assert!(counters(&persian).contains("<strong>۰</strong>"));

    // Published actions move the counters at once; a pending one changes
    // nothing in the page of its campaign.
    for (place, hour) in [(BERLIN, 10), (PARIS, 11), (TEHRAN, 12)] {
        app.registered(SLUG, &action(place, &format!("{DAY}T{hour}:00")))
            .await;
    }
    let (_, html) = page(&app, &format!("/c/{SLUG}"), None).await;
    let shown = counters(&html);
    assert!(shown.contains("<li><strong>3</strong>actions</li><li><strong>3</strong>cities</li><li><strong>3</strong>countries</li>"), "{shown}");
    let (_, before) = page(&app, &format!("/c/{REVIEW_SLUG}"), None).await;
    app.registered(REVIEW_SLUG, &action(BERLIN, &format!("{DAY}T10:00")))
        .await;
    let (_, after) = page(&app, &format!("/c/{REVIEW_SLUG}"), None).await;
    assert_eq!(
        before, after,
        "a pending action is not in any public answer"
    );

    // `/` is the campaign the app would show: the next one, as the API lists them.
    let list: shared::CampaignList = app
        .get("/api/v1/campaigns")
        .await
        .json()
        .await
        .expect("campaigns");
    let today = chrono::Utc::now().date_naive().to_string();
    let current =
        shared::campaign_home::current_campaign(list.campaigns, &today).expect("a campaign");
    let (_, home) = page(&app, "/", None).await;
    assert!(
        home.contains(&format!("href=\"/register?c={}\"", current.slug)),
        "{home}"
    );

    // The form's page: its heading; an unknown campaign and every other
    // page: the built page as it is.
    let (_, form) = page(&app, "/register", Some("es")).await;
    assert!(form.contains("<html lang=\"es\" dir=\"ltr\">"), "{form}");
    assert!(form.contains("<main id=\"content\" tabindex=\"-1\"><h1>"));
    for path in ["/c/no-such-campaign", "/e/1", "/organise"] {
        let (status, html) = page(&app, path, None).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(html, INDEX, "{path}");
    }
    let (status, _) = page(&app, "/c/x.map", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_html_carries_the_call_and_the_published_counts_sqlite() {
    first_html(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_html_carries_the_call_and_the_published_counts_postgres() {
    first_html(Backend::Postgres).await;
}
