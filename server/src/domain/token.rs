//! Edit tokens: 256 random bits shown once, stored only as a SHA-256 hash,
//! compared in constant time.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// A fresh token (43 URL-safe characters) and the hash to store.
pub fn generate() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash(&token);
    (token, hash)
}

/// Hex SHA-256. A fast hash is enough: the token has 256 bits of entropy, so
/// there is nothing to brute-force, unlike a password.
pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn verify(token: &str, stored_hash: &str) -> bool {
    hash(token).as_bytes().ct_eq(stored_hash.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_verifies_against_its_hash_only() {
        let (token, hash) = generate();
        assert_eq!(token.len(), 43);
        assert!(verify(&token, &hash));
        let (other, _) = generate();
        assert_ne!(token, other);
        assert!(!verify(&other, &hash));
        assert!(!verify("", &hash));
    }
}
