//! An organiser's account as shown: email, role, scopes, settings.

use sea_orm::ConnectionTrait;
use shared::{Organiser, Scope};

use crate::entities::organiser;
use crate::services::ServiceResult;
use crate::storage;

pub async fn view(db: &impl ConnectionTrait, model: &organiser::Model) -> ServiceResult<Organiser> {
    let mut scopes: Vec<Scope> = Vec::new();
    for (scope, slug) in storage::accounts::scopes(db, model.id).await? {
        match scopes.iter_mut().find(|s| s.campaign == slug) {
            Some(existing) => match scope.country_code {
                Some(code) if !existing.countries.is_empty() => existing.countries.push(code),
                _ => existing.countries.clear(),
            },
            None => scopes.push(Scope {
                campaign: slug,
                countries: scope.country_code.into_iter().collect(),
            }),
        }
    }
    Ok(Organiser {
        id: model.id,
        email: model.email.clone(),
        role: model.role,
        disabled: model.disabled_at.is_some(),
        scopes,
        notify: model.notify,
    })
}
