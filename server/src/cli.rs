//! The command line: `server [serve]`, `migrate`, `campaign create`, `demo`,
//! `organiser add`, `purge`, `backup`, `restore`. Each prints what it did
//! and fails with a clear message.

use std::io::Read;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use shared::Role;

use crate::config::{Config, redact_url};
use crate::services::accounts::organisers;
use crate::services::{ServiceError, campaigns, retention};
use crate::state::AppState;
use crate::{backup, db, demo};

#[derive(Parser, Debug)]
#[command(
    name = "server",
    about = "Day of Action: coordinate a global day of protest",
    version
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run pending migrations, then serve (the default).
    Serve,
    /// Run pending migrations only.
    Migrate,
    /// Campaigns.
    #[command(subcommand)]
    Campaign(CampaignCommand),
    /// Load the demo campaign and its actions into an empty database.
    Demo {
        /// The day of action (local date in every city); default: next Saturday.
        #[arg(long)]
        date: Option<NaiveDate>,
    },
    /// Organiser accounts.
    #[command(subcommand)]
    Organiser(OrganiserCommand),
    /// Erase the private data (contact addresses, hidden meeting points) of
    /// campaigns that ended more than CONTACT_RETENTION_DAYS ago. The server
    /// also does this every day.
    Purge {
        /// Days after a campaign's last day to keep its private data
        /// (default: CONTACT_RETENTION_DAYS).
        #[arg(long)]
        days: Option<u32>,
    },
    /// Copy the SQLite database to FILE while the server runs (`VACUUM
    /// INTO`), then check the copy (`PRAGMA integrity_check`). Never
    /// replaces an existing file. On PostgreSQL: pg_dump (see the README).
    Backup {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Replace the SQLite database with the backup FILE, once checked. Stop
    /// the server first: the restore refuses while the database is open. On
    /// PostgreSQL: pg_restore (see the README).
    Restore {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum CampaignCommand {
    /// Create a campaign whose day(s) of action are the local dates FROM..TO.
    Create {
        #[arg(long)]
        slug: String,
        #[arg(long)]
        title: String,
        #[arg(long, default_value = "")]
        summary: String,
        #[arg(long = "from")]
        from: String,
        #[arg(long = "to")]
        to: String,
        /// New events wait for an organiser's review.
        #[arg(long)]
        review: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum OrganiserCommand {
    /// Create an organiser. The password is asked for on the terminal, or
    /// read from standard input when that is not a terminal; never an argument.
    Add {
        #[arg(long)]
        email: String,
        /// An admin (campaigns, organisers, everything); else a moderator
        /// without campaigns until an admin gives some.
        #[arg(long)]
        admin: bool,
    },
}

pub async fn run(cli: Cli, config: Config) -> anyhow::Result<()> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config).await,
        Command::Migrate => {
            let conn = db::connect(&config.database_url).await?;
            let applied = db::migrate(&conn).await?;
            println!(
                "{applied} migration(s) applied to {}",
                redact_url(&config.database_url)
            );
            Ok(())
        }
        Command::Campaign(CampaignCommand::Create {
            slug,
            title,
            summary,
            from,
            to,
            review,
        }) => {
            let conn = db::connect(&config.database_url).await?;
            db::migrate(&conn).await?;
            let created = campaigns::create(
                &conn,
                campaigns::NewCampaign {
                    slug,
                    title,
                    summary,
                    starts_on: from,
                    ends_on: to,
                    review,
                    ..Default::default()
                },
            )
            .await
            .map_err(explain)?;
            println!(
                "created campaign '{}' ({} to {}, {})",
                created.slug,
                created.starts_on,
                created.ends_on,
                if created.review {
                    "new events wait for review"
                } else {
                    "new events publish at once"
                }
            );
            Ok(())
        }
        Command::Demo { date } => {
            let conn = db::connect(&config.database_url).await?;
            db::migrate(&conn).await?;
            let state = AppState::new(conn, config)?;
            let day = date.unwrap_or_else(|| demo::next_saturday(chrono::Utc::now().date_naive()));
            let summary = demo::load(&state.services, day).await?;
            println!(
                "loaded demo campaign '{}' on {}: {} actions ({} cancelled), {} endorsing organisations",
                summary.slug, summary.day, summary.actions, summary.cancelled, summary.endorsements
            );
            // An admin to try the organisers' pages with; its password is
            // new with every demo database and printed this once.
            let (password, _) = crate::domain::token::generate();
            let password: String = password.chars().take(20).collect();
            let admin =
                organisers::add(&state.services.db, demo::ORGANISER, &password, Role::Admin)
                    .await
                    .map_err(explain)?;
            println!("demo organiser login: {} / {password}", admin.email);
            Ok(())
        }
        Command::Purge { days } => {
            let days = days.unwrap_or(config.contact_retention_days);
            let conn = db::connect(&config.database_url).await?;
            db::migrate(&conn).await?;
            let purged = retention::purge(&conn, chrono::Utc::now().date_naive(), days)
                .await
                .map_err(explain)?;
            println!(
                "erased the private data of {} action(s) in {} campaign(s) that ended more than {days} days ago",
                purged.actions, purged.campaigns
            );
            Ok(())
        }
        Command::Backup { file } => {
            let contents = backup::backup(&config.database_url, &file).await?;
            println!(
                "backed up {} action(s) in {} campaign(s) to {} (integrity ok)",
                contents.actions,
                contents.campaigns,
                file.display()
            );
            Ok(())
        }
        Command::Restore { file } => {
            let contents = backup::restore(&config.database_url, &file).await?;
            println!(
                "restored {} action(s) in {} campaign(s) from {} into {} (integrity ok); start the server",
                contents.actions,
                contents.campaigns,
                file.display(),
                redact_url(&config.database_url)
            );
            Ok(())
        }
        Command::Organiser(OrganiserCommand::Add { email, admin }) => {
            let password = read_password()?;
            let conn = db::connect(&config.database_url).await?;
            db::migrate(&conn).await?;
            let role = if admin { Role::Admin } else { Role::Moderator };
            let created = organisers::add(&conn, &email, &password, role)
                .await
                .map_err(explain)?;
            println!("created {} {}", created.role.as_str(), created.email);
            Ok(())
        }
    }
}

/// From the terminal without echo, or the first line of standard input.
fn read_password() -> anyhow::Result<String> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (at least 12 characters): ")?;
        let again = rpassword::prompt_password("The same again: ")?;
        if first != again {
            anyhow::bail!("the two passwords differ");
        }
        return Ok(first);
    }
    let mut password = String::new();
    std::io::stdin().read_to_string(&mut password)?;
    Ok(password.trim_end_matches(['\n', '\r']).to_string())
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let database = redact_url(&config.database_url);
    let static_dir = config.static_dir.clone();
    let on_postgres = config.database_url.starts_with("postgres");
    if !static_dir.join("index.html").exists() {
        tracing::warn!(dir = %static_dir.display(), "no built web app found (run `cargo xtask run`); serving the API only");
    }
    let (address, handle) = crate::start(config).await?;
    // The port and the kind of database only: no address goes into the log
    // (the line on standard output says where, for the one who started it).
    let backend = if on_postgres { "postgres" } else { "sqlite" };
    tracing::info!(port = address.port(), database = backend, "listening");
    println!("Day of Action is running at http://{address}/  (database: {database})");
    handle.await??;
    Ok(())
}

fn explain(e: ServiceError) -> anyhow::Error {
    match e {
        ServiceError::Invalid(fields) => anyhow::anyhow!(
            "{}",
            fields.summary_with(|field| format!("--{}", field.replace('_', "-")))
        ),
        other => anyhow::anyhow!("{other}"),
    }
}
