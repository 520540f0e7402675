//! Configuration, read once from the environment (and a `.env` file in
//! development) into one typed struct that is passed down.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use ipnet::IpNet;

#[derive(Clone)]
pub struct Config {
    pub database_url: String,
    /// A streaming replica of `database_url` for the reads that may be a
    /// moment behind: the public's lists, maps, feeds and counters
    /// (`READ_DATABASE_URL`; none: everything on `database_url`).
    pub read_database_url: Option<String>,
    /// Where live updates are listened for (`LISTEN_DATABASE_URL`; none:
    /// `database_url`): a direct connection to the primary when
    /// `database_url` goes through a transaction-mode pooler, which cannot
    /// hold a `LISTEN`.
    pub listen_database_url: Option<String>,
    pub listen: SocketAddr,
    /// Base of edit links and feeds, without a trailing slash.
    pub public_url: String,
    pub static_dir: PathBuf,
    /// Optional raster tiles, e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png`.
    pub tile_url: Option<String>,
    pub tile_attribution: Option<String>,
    pub smtp_url: Option<Secret>,
    /// The `From` of notification emails (`MAIL_FROM`).
    pub mail_from: String,
    pub log: String,
    /// How log lines are written (`LOG_FORMAT`).
    pub log_format: LogFormat,
    /// Where `/metrics` is served (`METRICS_LISTEN`; `None`: nowhere). Never
    /// on `listen`: the figures are for the operator, not the public.
    pub metrics_listen: Option<SocketAddr>,
    /// Write requests allowed per client address and minute (0: no limit).
    pub write_rate_per_minute: u32,
    /// Largest accepted request body.
    pub body_limit_bytes: usize,
    /// Reverse proxies whose `X-Forwarded-For` is believed (empty: none).
    pub trusted_proxies: Vec<IpNet>,
    /// Longest time a request may take until its response starts (503 after).
    pub request_timeout: Duration,
    /// Longest wait for the next piece of a request body (408 after).
    pub body_read_timeout: Duration,
    /// Longest time to receive a request's header, and to wait idle on a
    /// kept-alive connection for the next one.
    pub header_read_timeout: Duration,
    /// PostgreSQL `statement_timeout` of the serving pool (`None`: off).
    pub statement_timeout: Option<Duration>,
    /// Days after a campaign's last day after which private contact data of
    /// its actions is erased.
    pub contact_retention_days: u32,
    /// After SIGTERM, how long the server still serves while `/healthz`
    /// says it is going, so that a load balancer takes it out first (0: not).
    pub shutdown_drain: Duration,
    /// Then how long open requests may take to finish before they are cut.
    pub shutdown_grace: Duration,
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
            .field(
                "read_database",
                &self.read_database_url.as_deref().map(redact_url),
            )
            .field(
                "listen_database",
                &self.listen_database_url.as_deref().map(redact_url),
            )
            .field("listen", &self.listen)
            .field("public_url", &self.public_url)
            .field("static_dir", &self.static_dir)
            .field("tile_url", &self.tile_url)
            .field("smtp_url", &self.smtp_url)
            .field("mail_from", &self.mail_from)
            .field("log", &self.log)
            .field("log_format", &self.log_format)
            .field("metrics_listen", &self.metrics_listen)
            .field("write_rate_per_minute", &self.write_rate_per_minute)
            .field("body_limit_bytes", &self.body_limit_bytes)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("request_timeout", &self.request_timeout)
            .field("body_read_timeout", &self.body_read_timeout)
            .field("header_read_timeout", &self.header_read_timeout)
            .field("statement_timeout", &self.statement_timeout)
            .field("contact_retention_days", &self.contact_retention_days)
            .field("shutdown_drain", &self.shutdown_drain)
            .field("shutdown_grace", &self.shutdown_grace)
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

/// `LOG_FORMAT`: lines for people (the default) or one JSON object a line,
/// for a log collector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, thiserror::Error)]
#[error("{name}: {why}")]
pub struct ConfigError {
    pub name: &'static str,
    pub why: String,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/dayofaction.db?mode=rwc";
pub const DEFAULT_MAIL_FROM: &str = "Day of Action <noreply@localhost>";

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
        // Edit links built from `http://0.0.0.0:8080` would not work, and a
        // registration's edit link is the only copy of its token.
        if get("PUBLIC_URL").is_none() && !listen.ip().is_loopback() {
            return Err(ConfigError {
                name: "PUBLIC_URL",
                why: format!(
                    "must be set when LISTEN ({listen}) is not a loopback address, \
                     e.g. https://your.domain"
                ),
            });
        }
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
        let seconds = |name: &'static str, default: u64| -> Result<Duration, ConfigError> {
            match number(name, default)? {
                0 => Err(ConfigError {
                    name,
                    why: "must be at least 1 second".into(),
                }),
                n => Ok(Duration::from_secs(n)),
            }
        };
        let statement_timeout = Some(number("STATEMENT_TIMEOUT_SECONDS", 10)?).filter(|&n| n > 0);
        Ok(Config {
            database_url: get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into()),
            read_database_url: get("READ_DATABASE_URL"),
            listen_database_url: get("LISTEN_DATABASE_URL"),
            listen,
            public_url,
            static_dir: get("STATIC_DIR").unwrap_or_else(|| "dist".into()).into(),
            tile_url: get("TILE_URL"),
            tile_attribution: get("TILE_ATTRIBUTION"),
            smtp_url: get("SMTP_URL").map(Secret),
            mail_from: mail_from(get("MAIL_FROM"))?,
            log: get("LOG").unwrap_or_else(|| "info,sqlx=warn,sea_orm=warn".into()),
            log_format: log_format(get("LOG_FORMAT").as_deref())?,
            metrics_listen: get("METRICS_LISTEN")
                .map(|v| {
                    v.parse().map_err(|e| ConfigError {
                        name: "METRICS_LISTEN",
                        why: format!("not an address:port ({e})"),
                    })
                })
                .transpose()?,
            write_rate_per_minute: number("WRITE_RATE_PER_MINUTE", 30)? as u32,
            body_limit_bytes: number("BODY_LIMIT_BYTES", 64 * 1024)? as usize,
            trusted_proxies: trusted_proxies(get("TRUSTED_PROXIES").as_deref().unwrap_or(""))?,
            request_timeout: seconds("REQUEST_TIMEOUT_SECONDS", 30)?,
            body_read_timeout: seconds("BODY_READ_TIMEOUT_SECONDS", 10)?,
            header_read_timeout: seconds("HEADER_READ_TIMEOUT_SECONDS", 10)?,
            statement_timeout: statement_timeout.map(Duration::from_secs),
            contact_retention_days: u32::try_from(number("CONTACT_RETENTION_DAYS", 30)?).map_err(
                |_| ConfigError {
                    name: "CONTACT_RETENTION_DAYS",
                    why: "too large".into(),
                },
            )?,
            // Together 30 s, what orchestrators wait before they kill.
            shutdown_drain: Duration::from_secs(number("SHUTDOWN_DRAIN_SECONDS", 5)?),
            shutdown_grace: seconds("SHUTDOWN_GRACE_SECONDS", 25)?,
        })
    }
}

fn log_format(value: Option<&str>) -> Result<LogFormat, ConfigError> {
    match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
        None | Some("text") => Ok(LogFormat::Text),
        Some("json") => Ok(LogFormat::Json),
        Some(other) => Err(ConfigError {
            name: "LOG_FORMAT",
            why: format!("either text or json, not {other}"),
        }),
    }
}

/// `Name <address>` or a bare address; refused at start when it is neither.
fn mail_from(value: Option<String>) -> Result<String, ConfigError> {
    let value = value.map_or_else(|| DEFAULT_MAIL_FROM.to_string(), |v| v.trim().to_string());
    value
        .parse::<lettre::message::Mailbox>()
        .map(|_| value.clone())
        .map_err(|e| ConfigError {
            name: "MAIL_FROM",
            why: format!("not an email address like \"Day of Action <noreply@example.org>\" ({e})"),
        })
}

/// `10.0.0.0/8, 192.168.1.7, fd00::/8`: networks, or single addresses.
fn trusted_proxies(list: &str) -> Result<Vec<IpNet>, ConfigError> {
    list.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            item.parse::<IpNet>()
                .or_else(|_| item.parse::<std::net::IpAddr>().map(IpNet::from))
                .map(|net| net.trunc())
                .map_err(|_| ConfigError {
                    name: "TRUSTED_PROXIES",
                    why: format!("not an address or CIDR network: {item}"),
                })
        })
        .collect()
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

    fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[test]
    fn new_settings_have_safe_defaults() {
        let config = Config::from_lookup(|_| None).expect("defaults");
        assert_eq!(config.contact_retention_days, 30);
        assert!(config.trusted_proxies.is_empty());
        assert_eq!(config.request_timeout, Duration::from_secs(30));
        assert_eq!(config.body_read_timeout, Duration::from_secs(10));
        assert_eq!(config.header_read_timeout, Duration::from_secs(10));
        assert_eq!(config.statement_timeout, Some(Duration::from_secs(10)));
        assert_eq!(config.shutdown_drain, Duration::from_secs(5));
        assert_eq!(config.shutdown_grace, Duration::from_secs(25));

        let config = Config::from_lookup(lookup(&[
            ("CONTACT_RETENTION_DAYS", "7"),
            ("STATEMENT_TIMEOUT_SECONDS", "0"),
            ("SHUTDOWN_DRAIN_SECONDS", "0"),
        ]))
        .expect("valid");
        assert_eq!(config.shutdown_drain, Duration::ZERO);
        assert_eq!(config.contact_retention_days, 7);
        assert_eq!(config.statement_timeout, None);

        let err =
            Config::from_lookup(lookup(&[("HEADER_READ_TIMEOUT_SECONDS", "0")])).expect_err("zero");
        assert_eq!(err.name, "HEADER_READ_TIMEOUT_SECONDS");
    }

    #[test]
    fn metrics_and_json_logs_are_off_unless_asked_for() {
        let config = Config::from_lookup(|_| None).expect("defaults");
        assert_eq!(config.metrics_listen, None);
        assert_eq!(config.log_format, LogFormat::Text);

        let config = Config::from_lookup(lookup(&[
            ("METRICS_LISTEN", "127.0.0.1:9100"),
            ("LOG_FORMAT", "JSON"),
        ]))
        .expect("valid");
        assert_eq!(
            config.metrics_listen.map(|a| a.to_string()).as_deref(),
            Some("127.0.0.1:9100")
        );
        assert_eq!(config.log_format, LogFormat::Json);

        for (name, bad) in [("METRICS_LISTEN", "9100"), ("LOG_FORMAT", "xml")] {
            let err = Config::from_lookup(lookup(&[(name, bad)])).expect_err(bad);
            assert_eq!(err.name, name);
        }
    }

    #[test]
    fn public_url_is_required_off_loopback() {
        for listen in ["0.0.0.0:8080", "192.168.1.20:8080", "[::]:8080"] {
            let err = Config::from_lookup(lookup(&[("LISTEN", listen)])).expect_err(listen);
            assert_eq!(err.name, "PUBLIC_URL", "{listen}");
        }
        let config = Config::from_lookup(lookup(&[
            ("LISTEN", "0.0.0.0:8080"),
            ("PUBLIC_URL", "https://actions.example.org/"),
        ]))
        .expect("with PUBLIC_URL");
        assert_eq!(config.public_url, "https://actions.example.org");
        for listen in ["127.0.0.1:9000", "[::1]:9000"] {
            let config = Config::from_lookup(lookup(&[("LISTEN", listen)])).expect(listen);
            assert_eq!(config.public_url, format!("http://{listen}"));
        }
    }

    #[test]
    fn trusted_proxies_are_cidr_lists() {
        let config = Config::from_lookup(lookup(&[(
            "TRUSTED_PROXIES",
            " 10.0.0.0/8, 192.168.1.7 ,fd00::/8,",
        )]))
        .expect("valid");
        let shown: Vec<String> = config
            .trusted_proxies
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(shown, ["10.0.0.0/8", "192.168.1.7/32", "fd00::/8"]);

        for bad in ["10.0.0.0/33", "proxy.local", "10.0.0.0/8;10.1.0.0/16"] {
            let err = Config::from_lookup(lookup(&[("TRUSTED_PROXIES", bad)])).expect_err(bad);
            assert_eq!(err.name, "TRUSTED_PROXIES", "{bad}");
        }
    }

    #[test]
    fn mail_from_has_a_default_and_must_be_an_address() {
        let config = Config::from_lookup(|_| None).expect("defaults");
        assert_eq!(config.mail_from, "Day of Action <noreply@localhost>");
        let config = Config::from_lookup(lookup(&[("MAIL_FROM", "Solidarity <day@example.org>")]))
            .expect("valid");
        assert_eq!(config.mail_from, "Solidarity <day@example.org>");
        let err = Config::from_lookup(lookup(&[("MAIL_FROM", "not an address")])).expect_err("bad");
        assert_eq!(err.name, "MAIL_FROM");
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
