//! Configuration, read once from the environment (and a `.env` file in
//! development) into one typed struct that is passed down.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Clone)]
pub struct Config {
    pub database_url: String,
    pub listen: SocketAddr,
    /// Base of edit links and feeds, without a trailing slash.
    pub public_url: String,
    pub static_dir: PathBuf,
    /// Optional raster tiles, e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png`.
    pub tile_url: Option<String>,
    pub tile_attribution: Option<String>,
    pub smtp_url: Option<Secret>,
    pub log: String,
    /// Write requests allowed per client address and minute (0: no limit).
    pub write_rate_per_minute: u32,
    /// Largest accepted request body.
    pub body_limit_bytes: usize,
}

/// A value that never appears in logs or debug output.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(…)")
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database", &redact_url(&self.database_url))
            .field("listen", &self.listen)
            .field("public_url", &self.public_url)
            .field("static_dir", &self.static_dir)
            .field("tile_url", &self.tile_url)
            .field("smtp_url", &self.smtp_url)
            .field("log", &self.log)
            .field("write_rate_per_minute", &self.write_rate_per_minute)
            .field("body_limit_bytes", &self.body_limit_bytes)
            .finish()
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:…@host/db`.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.find(':') {
                Some(colon) => format!(
                    "{}{}:…{}",
                    &url[..scheme + 3],
                    &userinfo[..colon],
                    &url[at..]
                ),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{name}: {why}")]
pub struct ConfigError {
    pub name: &'static str,
    pub why: String,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/dayofaction.db?mode=rwc";

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        let _ = dotenvy::dotenv();
        Self::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
    }

    /// Reads settings through `get`, so that tests need not touch the process
    /// environment.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let listen: SocketAddr = get("LISTEN")
            .unwrap_or_else(|| "127.0.0.1:8080".into())
            .parse()
            .map_err(|e| ConfigError {
                name: "LISTEN",
                why: format!("not an address:port ({e})"),
            })?;
        let public_url = get("PUBLIC_URL")
            .unwrap_or_else(|| format!("http://{listen}"))
            .trim_end_matches('/')
            .to_string();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(ConfigError {
                name: "PUBLIC_URL",
                why: "must start with http:// or https://".into(),
            });
        }
        let number = |name: &'static str, default: u64| -> Result<u64, ConfigError> {
            get(name).map_or(Ok(default), |v| {
                v.parse().map_err(|_| ConfigError {
                    name,
                    why: format!("not a whole number: {v}"),
                })
            })
        };
        Ok(Config {
            database_url: get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into()),
            listen,
            public_url,
            static_dir: get("STATIC_DIR").unwrap_or_else(|| "dist".into()).into(),
            tile_url: get("TILE_URL"),
            tile_attribution: get("TILE_ATTRIBUTION"),
            smtp_url: get("SMTP_URL").map(Secret),
            log: get("LOG").unwrap_or_else(|| "info,sqlx=warn,sea_orm=warn".into()),
            write_rate_per_minute: number("WRITE_RATE_PER_MINUTE", 30)? as u32,
            body_limit_bytes: number("BODY_LIMIT_BYTES", 64 * 1024)? as usize,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_errors_name_the_setting() {
        let config = Config::from_lookup(|_| None).expect("defaults");
        assert_eq!(config.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(config.public_url, "http://127.0.0.1:8080");
        assert_eq!(config.database_url, DEFAULT_DATABASE_URL);

        let err =
            Config::from_lookup(|n| (n == "LISTEN").then(|| "nowhere".into())).expect_err("bad");
        assert_eq!(err.name, "LISTEN");
    }

    #[test]
    fn secrets_do_not_print() {
        let config = Config::from_lookup(|n| match n {
            "SMTP_URL" => Some("smtp://u:hunter2@mail".into()),
            "DATABASE_URL" => Some("postgres://app:hunter2@db/doa".into()),
            _ => None,
        })
        .expect("valid");
        let shown = format!("{config:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
    }
}
