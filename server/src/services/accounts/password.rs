//! Passwords: argon2id, with the crate's recommended parameters.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, SaltString};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use shared::{FieldError, FieldErrors};

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 256;

/// The password's problem, if it is too short or too long.
pub fn check(password: &str) -> Result<(), FieldErrors> {
    let n = password.chars().count();
    if !(MIN_CHARS..=MAX_CHARS).contains(&n) {
        return Err(FieldErrors::one(
            "password",
            FieldError::LengthBetween {
                min: MIN_CHARS,
                max: MAX_CHARS,
            },
        ));
    }
    Ok(())
}

pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        // Hashing fails only for parameters out of range, which are fixed here.
        .map(|h| h.to_string())
        .unwrap_or_default()
}

pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A hash to verify against when there is no account, so that an unknown
/// email costs the same time as a wrong password.
pub fn decoy() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash("no account has this password"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_argon2id_hash_only() {
        let stored = hash("correct horse battery");
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(verify("correct horse battery", &stored));
        assert!(!verify("correct horse batterY", &stored));
        assert!(!verify("anything", "not a hash"));
        assert!(check("short").is_err());
        assert!(check("twelve chars").is_ok());
    }
}
