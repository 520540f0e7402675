//! Keys every replica shares, made once and kept in the database: the key of
//! the keyed hash that recognises a group by its contact email without a
//! table of emails to match against.

use hmac::{Hmac, Mac};
use rand::RngCore;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};
use sha2::Sha256;
use tokio::sync::OnceCell;

use crate::entities::secret;

const CONTACT_KEY: &str = "contact_hash_key";

#[derive(Clone, Default)]
pub struct Keys {
    contact: std::sync::Arc<OnceCell<Vec<u8>>>,
}

impl Keys {
    /// HMAC-SHA256 of the normalised email, hex; empty for no email.
    pub async fn contact_hash(
        &self,
        db: &impl ConnectionTrait,
        email: &str,
    ) -> Result<String, DbErr> {
        let email = email.trim().to_lowercase();
        if email.is_empty() {
            return Ok(String::new());
        }
        let key = self
            .contact
            .get_or_try_init(|| load_or_make(db, CONTACT_KEY))
            .await?;
        let mut mac = Hmac::<Sha256>::new_from_slice(key)
            .map_err(|e| DbErr::Custom(format!("contact key: {e}")))?;
        mac.update(email.as_bytes());
        Ok(hex::encode(mac.finalize().into_bytes()))
    }
}

/// The key named `name`; made at first use. Of two replicas making it at
/// once, the first insert wins and both read it back.
async fn load_or_make(db: &impl ConnectionTrait, name: &str) -> Result<Vec<u8>, DbErr> {
    if let Some(row) = secret::Entity::find_by_id(name.to_string()).one(db).await? {
        return hex::decode(&row.value).map_err(|e| DbErr::Custom(format!("secret {name}: {e}")));
    }
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let insert = secret::Entity::insert(secret::ActiveModel {
        name: Set(name.to_string()),
        value: Set(hex::encode(bytes)),
    })
    .on_conflict_do_nothing()
    .exec(db)
    .await;
    if let Err(e) = insert {
        tracing::debug!(error = %e, "secret made by another process meanwhile");
    }
    let row = secret::Entity::find_by_id(name.to_string())
        .one(db)
        .await?
        .ok_or_else(|| DbErr::Custom(format!("secret {name} missing")))?;
    hex::decode(&row.value).map_err(|e| DbErr::Custom(format!("secret {name}: {e}")))
}
