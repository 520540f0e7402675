//! Organiser accounts: the first admin from the command line, others by a
//! one-time invitation link; admins change roles and scopes and disable
//! accounts (which ends their sessions).

use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, Set};
use serde_json::json;
use shared::{
    AcceptInvite, FieldError, FieldErrors, Invite, InviteLink, Organiser, OrganiserList, Role,
    Scope, SessionInfo, UpdateOrganiser,
};

use super::access::Viewer;
use super::password;
use super::profile::view;
use super::sessions::{self, SessionToken, normalise_email};
use crate::domain::token;
use crate::entities::{invitation, organiser};
use crate::services::audit::{self, Actor};
use crate::services::{ServiceError, ServiceResult, Services};
use crate::storage::{self, StorageError};

/// How long an invitation link works.
pub const INVITATION_DAYS: i64 = 7;

fn valid_email(email: &str) -> Result<String, FieldErrors> {
    let email = normalise_email(email);
    if email.len() > 320 || !email_address::EmailAddress::is_valid(&email) {
        return Err(FieldErrors::one(
            "email",
            FieldError::InvalidEmail {
                example: "name@example.org".into(),
            },
        ));
    }
    Ok(email)
}

/// Scopes as rows: `(campaign id, country or None for all)`; every campaign
/// must exist and every country be a code.
async fn scope_rows(
    db: &impl ConnectionTrait,
    scopes: &[Scope],
) -> ServiceResult<Vec<(i64, Option<String>)>> {
    let mut rows = Vec::new();
    for scope in scopes {
        let campaign = match storage::campaigns::find_by_slug(db, &scope.campaign).await {
            Err(StorageError::NotFound(_)) => {
                return Err(FieldErrors::one(
                    "scopes",
                    FieldError::UnknownCampaign {
                        slug: scope.campaign.clone(),
                    },
                )
                .into());
            }
            other => other?,
        };
        if scope.countries.is_empty() {
            rows.push((campaign.id, None));
        }
        for code in &scope.countries {
            let code = code.trim().to_ascii_uppercase();
            if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(FieldErrors::one(
                    "scopes",
                    FieldError::InvalidCountryCode {
                        example: "DE".into(),
                    },
                )
                .into());
            }
            rows.push((campaign.id, Some(code)));
        }
    }
    Ok(rows)
}

/// `server organiser add`: an account with a password, admin or not.
pub async fn add(
    db: &impl ConnectionTrait,
    email: &str,
    password_text: &str,
    role: Role,
) -> ServiceResult<organiser::Model> {
    let email = valid_email(email)?;
    password::check(password_text)?;
    let hash = password::hash(password_text);
    let row = organiser::ActiveModel {
        email: Set(email.clone()),
        password_hash: Set(hash),
        created_at: Set(Utc::now()),
        role: Set(role),
        disabled_at: Set(None),
        notify: Set(true),
        ..Default::default()
    };
    match storage::accounts::insert_organiser(db, row).await {
        Err(StorageError::Duplicate(_)) => Err(ServiceError::Conflict(format!(
            "an organiser with email {email} exists already"
        ))),
        other => Ok(other?),
    }
}

pub async fn list(services: &Services, viewer: &Viewer) -> ServiceResult<OrganiserList> {
    viewer.require_admin()?;
    let mut organisers = Vec::new();
    for model in storage::accounts::organisers(&services.db).await? {
        organisers.push(view(&services.db, &model).await?);
    }
    Ok(OrganiserList { organisers })
}

/// A one-time link (`{public_url}/invite#token=…`) for a new organiser.
pub async fn invite(
    services: &Services,
    viewer: &Viewer,
    invite: Invite,
) -> ServiceResult<InviteLink> {
    viewer.require_admin()?;
    let email = valid_email(&invite.email)?;
    if storage::accounts::organiser_by_email(&services.db, &email)
        .await?
        .is_some()
    {
        return Err(ServiceError::Conflict(format!(
            "{email} has an account already"
        )));
    }
    // Checked now, so that the link cannot fail later.
    scope_rows(&services.db, &invite.scopes).await?;
    let (link_token, token_hash) = token::generate();
    let now = Utc::now();
    let expires_at = now + Duration::days(INVITATION_DAYS);
    let txn = crate::db::begin_write(&services.write_db).await?;
    storage::accounts::insert_invitation(
        &txn,
        invitation::Model {
            token_hash,
            email: email.clone(),
            role: invite.role,
            scopes: serde_json::to_string(&invite.scopes).unwrap_or_else(|_| "[]".into()),
            invited_by: viewer.id,
            created_at: now,
            expires_at,
            used_at: None,
        },
    )
    .await?;
    audit::record_account(
        &txn,
        Actor::Organiser(viewer.id),
        "invite",
        json!({ "role": invite.role.as_str() }),
    )
    .await?;
    txn.commit().await?;
    Ok(InviteLink {
        invite_url: format!("{}/invite#token={link_token}", services.public_url),
        expires_at: expires_at.to_rfc3339(),
    })
}

/// Creates the invited account with its password, and logs it in.
pub async fn accept(
    services: &Services,
    accept: AcceptInvite,
) -> ServiceResult<(SessionToken, SessionInfo)> {
    password::check(&accept.password)?;
    let hash = {
        let p = accept.password.clone();
        tokio::task::spawn_blocking(move || password::hash(&p))
            .await
            .unwrap_or_default()
    };
    let now = Utc::now();
    let txn = crate::db::begin_write(&services.write_db).await?;
    let Some(invitation) =
        storage::accounts::take_invitation(&txn, &token::hash(accept.token.trim()), now).await?
    else {
        txn.rollback().await?;
        return Err(ServiceError::NotFound(
            "invitation (used, expired or unknown)",
        ));
    };
    let scopes: Vec<Scope> = serde_json::from_str(&invitation.scopes).unwrap_or_default();
    let rows = scope_rows(&txn, &scopes).await?;
    let row = organiser::ActiveModel {
        email: Set(invitation.email.clone()),
        password_hash: Set(hash),
        created_at: Set(now),
        role: Set(invitation.role),
        disabled_at: Set(None),
        notify: Set(true),
        ..Default::default()
    };
    let account = match storage::accounts::insert_organiser(&txn, row).await {
        Err(StorageError::Duplicate(_)) => {
            return Err(ServiceError::Conflict(
                "this email has an account already".into(),
            ));
        }
        other => other?,
    };
    storage::accounts::set_scopes(&txn, account.id, &rows).await?;
    audit::record_account(
        &txn,
        Actor::Organiser(account.id),
        "accept_invitation",
        json!({ "invited_by": invitation.invited_by }),
    )
    .await?;
    txn.commit().await?;
    sessions::start(services, account.id).await
}

/// An admin changes an account (role, scopes, disabled); an organiser may
/// change only their own `notify`.
pub async fn update(
    services: &Services,
    viewer: &Viewer,
    id: i64,
    change: UpdateOrganiser,
) -> ServiceResult<Organiser> {
    let only_notify = change.disabled.is_none() && change.role.is_none() && change.scopes.is_none();
    if !(viewer.is_admin() || (only_notify && viewer.id == id)) {
        return Err(ServiceError::Forbidden("only an admin may do this".into()));
    }
    if viewer.id == id && (change.disabled == Some(true) || change.role == Some(Role::Moderator)) {
        return Err(ServiceError::Conflict(
            "you cannot disable yourself or give up your own admin role".into(),
        ));
    }
    let model = storage::accounts::organiser(&services.db, id).await?;
    let rows = match &change.scopes {
        Some(scopes) => Some(scope_rows(&services.db, scopes).await?),
        None => None,
    };
    let txn = crate::db::begin_write(&services.write_db).await?;
    let mut active: organiser::ActiveModel = model.clone().into();
    if let Some(role) = change.role {
        active.role = Set(role);
    }
    if let Some(notify) = change.notify {
        active.notify = Set(notify);
    }
    if let Some(disabled) = change.disabled {
        active.disabled_at = Set(if disabled {
            Some(model.disabled_at.unwrap_or_else(Utc::now))
        } else {
            None
        });
    }
    let updated = sea_orm::ActiveModelTrait::update(active, &txn).await?;
    if change.disabled == Some(true) {
        storage::accounts::delete_sessions_of(&txn, id).await?;
    }
    if let Some(rows) = &rows {
        storage::accounts::set_scopes(&txn, id, rows).await?;
    }
    audit::record_account(
        &txn,
        Actor::Organiser(viewer.id),
        "update_organiser",
        json!({
            "organiser": id,
            "role": change.role.map(Role::as_str),
            "disabled": change.disabled,
            "scopes": change.scopes.as_ref().map(Vec::len),
            "notify": change.notify,
        }),
    )
    .await?;
    txn.commit().await?;
    view(&services.db, &updated).await
}
