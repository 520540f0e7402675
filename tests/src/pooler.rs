//! PgBouncer in transaction mode in front of the test PostgreSQL, the real
//! program started by a test on a loopback port, in a folder of its own,
//! and stopped when dropped.
//!
//! The program is the one `DOA_PGBOUNCER` names (`cargo xtask test` builds
//! PgBouncer 1.24 from Debian's source when the machine has none that
//! tracks prepared statements), else `pgbouncer` on the PATH.

use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The first PgBouncer that keeps each client's prepared statements across
/// server connections (`max_prepared_statements`).
const TRACKS_PREPARED_STATEMENTS: (u32, u32) = (1, 21);

pub struct Pooler {
    child: Child,
    dir: PathBuf,
    pub port: u16,
}

/// The PgBouncer program and its version, or why there is none.
fn program() -> PathBuf {
    let program =
        std::env::var_os("DOA_PGBOUNCER").map_or_else(|| PathBuf::from("pgbouncer"), PathBuf::from);
    let version = Command::new(&program)
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let number = version.split_whitespace().nth(1).and_then(|v| {
        let mut parts = v.split('.').map(|n| n.parse::<u32>().ok());
        Some((parts.next()??, parts.next()??))
    });
    match number {
        Some(v) if v >= TRACKS_PREPARED_STATEMENTS => program,
        _ => panic!(
            "PgBouncer 1.21 or later is required ({} says {version:?}); `cargo xtask test` \
             builds one and names it in DOA_PGBOUNCER",
            program.display()
        ),
    }
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

impl Pooler {
    /// Starts PgBouncer in transaction mode on a free loopback port, in
    /// front of the PostgreSQL at `upstream` (host:port), for every
    /// database, with `server_connections` connections to each.
    pub fn start(upstream: (&str, u16), server_connections: u32) -> Pooler {
        let program = program();
        let port = crate::free_port();
        let dir = std::env::temp_dir().join(format!("doa-pooler-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("pooler folder");
        let path = |name: &str| dir.join(name).display().to_string();
        let (host, upstream_port) = upstream;
        let ini = format!(
            "[databases]\n\
             * = host={host} port={upstream_port}\n\
             [pgbouncer]\n\
             listen_addr = 127.0.0.1\n\
             listen_port = {port}\n\
             unix_socket_dir =\n\
             auth_type = trust\n\
             auth_file = {users}\n\
             pool_mode = transaction\n\
             default_pool_size = {server_connections}\n\
             max_client_conn = 500\n\
             max_prepared_statements = 200\n\
             ignore_startup_parameters = extra_float_digits, options\n\
             logfile = {log}\n",
            users = path("users.txt"),
            log = path("pgbouncer.log"),
        );
        std::fs::write(dir.join("pgbouncer.ini"), ini).expect("pooler settings");
        std::fs::write(dir.join("users.txt"), "\"postgres\" \"\"\n").expect("pooler users");
        // PgBouncer refuses to run as root: it runs as `postgres` then.
        let mut command = Command::new(&program);
        if running_as_root() {
            let id = |flag: &str| -> u32 {
                let out = Command::new("id")
                    .args([flag, "postgres"])
                    .output()
                    .expect("id");
                String::from_utf8_lossy(&out.stdout)
                    .trim()
                    .parse()
                    .expect("the postgres user's ids")
            };
            let (uid, gid) = (id("-u"), id("-g"));
            let chown = Command::new("chown")
                .arg("-R")
                .arg(format!("{uid}:{gid}"))
                .arg(&dir)
                .status()
                .expect("chown");
            assert!(chown.success(), "chown of the pooler folder failed");
            command.uid(uid).gid(gid);
        }
        let child = command
            .arg(dir.join("pgbouncer.ini"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("pgbouncer started");
        let mut pooler = Pooler { child, dir, port };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return pooler;
            }
            if let Ok(Some(status)) = pooler.child.try_wait() {
                panic!("pgbouncer ended at start ({status}): {}", pooler.log());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("pgbouncer did not listen within 5 s: {}", pooler.log());
    }

    /// The URL of `database` through the pooler.
    pub fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }

    /// What PgBouncer logged.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("pgbouncer.log")).unwrap_or_default()
    }
}

impl Drop for Pooler {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
