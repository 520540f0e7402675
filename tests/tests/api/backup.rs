//! `server backup` and `server restore` on SQLite, with the real binary: a
//! backup taken while the server runs brings back exactly what was there
//! when it was taken; a restore refuses while the server runs and refuses a
//! file that is not a sound Day of Action database. On PostgreSQL both point
//! at pg_dump / pg_restore.

use std::path::Path;
use std::process::{Command, Output};

use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};
use shared::{EventList, Registered};
use tests::live::{ServerProcess, server_binary};
use tests::places::{BERLIN, PARIS};
use tests::{Backend, DAY, SLUG, action};

fn server(args: &[&str], database_url: &str) -> Output {
    Command::new(server_binary())
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("LOG", "warn")
        .output()
        .expect("server ran")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

async fn register(client: &reqwest::Client, base: &str, place: i64, time: &str) -> i64 {
    let response = client
        .post(format!("{base}/api/v1/campaigns/{SLUG}/events"))
        .json(&action(place, time))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::CREATED);
    response
        .json::<Registered>()
        .await
        .expect("Registered")
        .event
        .id
}

async fn listed(client: &reqwest::Client, base: &str) -> Vec<i64> {
    let list: EventList = client
        .get(format!("{base}/api/v1/campaigns/{SLUG}/events?limit=100"))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("EventList");
    let mut ids: Vec<i64> = list.events.iter().map(|e| e.id).collect();
    ids.sort();
    ids
}

async fn integrity(database_url: &str) -> String {
    let db = sea_orm::Database::connect(database_url)
        .await
        .expect("connection");
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "PRAGMA integrity_check",
        ))
        .await
        .expect("checked")
        .expect("a row");
    let verdict: String = row.try_get_by_index(0).expect("text");
    let _ = db.close().await;
    verdict
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_brings_back_exactly_what_was_there() {
    let database = tests::backends::Database::create(Backend::Sqlite).await;
    let url = database.url.clone();
    let file = server::db::sqlite_path(&url).expect("a file");
    let folder = file.parent().expect("folder").to_path_buf();
    let running = ServerProcess::start(&url).await;
    let db = sea_orm::Database::connect(&url).await.expect("connection");
    tests::create_campaign(&db, SLUG, DAY, DAY, false).await;
    let _ = db.close().await;
    let client = reqwest::Client::new();
    let mut first = vec![
        register(&client, &running.base, BERLIN, "2026-11-05T14:00").await,
        register(&client, &running.base, PARIS, "2026-11-05T15:00").await,
    ];
    first.sort();

    // Taken while the server runs.
    let backup = folder.join("backup.db");
    let taken = server(&["backup", path_str(&backup)], &url);
    assert!(taken.status.success(), "{}", text(&taken));
    assert!(
        text(&taken).contains("backed up 2 action(s) in 1 campaign(s)"),
        "{}",
        text(&taken)
    );
    let size = std::fs::metadata(&backup).expect("backup").len();
    // Never over an existing file.
    let again = server(&["backup", path_str(&backup)], &url);
    assert!(!again.status.success());
    assert!(text(&again).contains("exists already"), "{}", text(&again));
    assert_eq!(std::fs::metadata(&backup).expect("backup").len(), size);

    let later = register(&client, &running.base, BERLIN, "2026-11-05T18:00").await;
    assert_eq!(listed(&client, &running.base).await.len(), 3);

    // Not while the server has the database open.
    let refused = server(&["restore", path_str(&backup)], &url);
    assert!(!refused.status.success());
    assert!(text(&refused).contains("in use"), "{}", text(&refused));
    assert!(listed(&client, &running.base).await.contains(&later));
    drop(running);

    // Not a file that is not a sound Day of Action database.
    let junk = folder.join("junk.db");
    std::fs::write(&junk, "not a database at all").expect("junk");
    let refused = server(&["restore", path_str(&junk)], &url);
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("not a SQLite database"),
        "{}",
        text(&refused)
    );
    let other = tests::backends::Database::create(Backend::Sqlite).await;
    let empty = server::db::sqlite_path(&other.url).expect("a file");
    let made = sea_orm::Database::connect(&other.url).await.expect("empty");
    made.execute_unprepared("CREATE TABLE notes (body TEXT)")
        .await
        .expect("table");
    let _ = made.close().await;
    let refused = server(&["restore", path_str(&empty)], &url);
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("not a Day of Action database"),
        "{}",
        text(&refused)
    );

    let restored = server(&["restore", path_str(&backup)], &url);
    assert!(restored.status.success(), "{}", text(&restored));
    assert!(
        text(&restored).contains("restored 2 action(s)"),
        "{}",
        text(&restored)
    );
    assert_eq!(integrity(&url).await, "ok");
    let again = ServerProcess::start(&url).await;
    assert_eq!(listed(&client, &again.base).await, first);
    let leftovers: Vec<String> = std::fs::read_dir(&folder)
        .expect("folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".partial-") || name.contains(".restoring-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn on_postgresql_the_commands_point_at_pg_dump_and_pg_restore() {
    let url = tests::backends::postgres_admin_url();
    let backup = server(&["backup", "/nonexistent/doa.dump"], &url);
    assert!(!backup.status.success());
    assert!(text(&backup).contains("pg_dump"), "{}", text(&backup));
    let restore = server(&["restore", "/nonexistent/doa.dump"], &url);
    assert!(!restore.status.success());
    assert!(text(&restore).contains("pg_restore"), "{}", text(&restore));
}
