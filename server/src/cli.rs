//! The command line: `server [serve]`, `migrate`, `campaign create`, `demo`,
//! `organiser add`. Each prints what it did and fails with a clear message.

use std::io::Read;

use argon2::password_hash::SaltString;
use argon2::password_hash::rand_core::OsRng;
use argon2::{Argon2, PasswordHasher};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::config::{Config, redact_url};
use crate::entities::organiser;
use crate::services::{ServiceError, campaigns, retention};
use crate::state::AppState;
use crate::{db, demo};

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
    /// Create an organiser; the password is read from standard input.
    Add {
        #[arg(long)]
        email: String,
    },
}

pub const MIN_PASSWORD_CHARS: usize = 12;

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
        Command::Organiser(OrganiserCommand::Add { email }) => {
            let email = email.trim().to_lowercase();
            if !email_address::EmailAddress::is_valid(&email) {
                anyhow::bail!("--email: not an email address: {email}");
            }
            let mut password = String::new();
            std::io::stdin().read_to_string(&mut password)?;
            let password = password.trim_end_matches(['\n', '\r']);
            if password.chars().count() < MIN_PASSWORD_CHARS {
                anyhow::bail!(
                    "the password (from standard input) must have at least {MIN_PASSWORD_CHARS} characters"
                );
            }
            let salt = SaltString::generate(&mut OsRng);
            let hash = Argon2::default()
                .hash_password(password.as_bytes(), &salt)
                .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))?
                .to_string();
            let conn = db::connect(&config.database_url).await?;
            db::migrate(&conn).await?;
            let exists = organiser::Entity::find()
                .filter(organiser::Column::Email.eq(email.as_str()))
                .one(&conn)
                .await?
                .is_some();
            if exists {
                anyhow::bail!("an organiser with email {email} exists already");
            }
            organiser::ActiveModel {
                email: Set(email.clone()),
                password_hash: Set(hash),
                created_at: Set(chrono::Utc::now()),
                ..Default::default()
            }
            .insert(&conn)
            .await?;
            println!("created organiser {email}");
            Ok(())
        }
    }
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let database = redact_url(&config.database_url);
    let static_dir = config.static_dir.clone();
    if !static_dir.join("index.html").exists() {
        tracing::warn!(dir = %static_dir.display(), "no built web app found (run `cargo xtask run`); serving the API only");
    }
    let (address, handle) = crate::start(config).await?;
    tracing::info!(%address, %database, "listening");
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
