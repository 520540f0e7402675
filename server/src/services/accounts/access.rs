//! Who is asking, and what they may do: an admin everything; a moderator the
//! campaigns (and, where limited, the countries) they were given.

use shared::Role;

use crate::services::{ServiceError, ServiceResult};

/// A moderator's right over one campaign; `None` countries: all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub campaign_id: i64,
    pub countries: Option<Vec<String>>,
}

/// A logged-in organiser, as read from a live session.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub grants: Vec<Grant>,
    pub notify: bool,
    /// The session's CSRF token, for `GET /api/v1/session`.
    pub csrf_token: String,
}

impl Viewer {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    pub fn require_admin(&self) -> ServiceResult<()> {
        if self.is_admin() {
            Ok(())
        } else {
            Err(ServiceError::Forbidden("only an admin may do this".into()))
        }
    }

    /// The countries of `campaign_id` this organiser moderates: `Some(None)`
    /// for all of them, `None` when the campaign is not theirs.
    pub fn countries(&self, campaign_id: i64) -> Option<Option<&[String]>> {
        if self.is_admin() {
            return Some(None);
        }
        self.grants
            .iter()
            .find(|g| g.campaign_id == campaign_id)
            .map(|g| g.countries.as_deref())
    }

    pub fn moderates_campaign(&self, campaign_id: i64) -> bool {
        self.countries(campaign_id).is_some()
    }

    pub fn moderates(&self, campaign_id: i64, country_code: &str) -> bool {
        match self.countries(campaign_id) {
            Some(None) => true,
            Some(Some(list)) => list.iter().any(|c| c.eq_ignore_ascii_case(country_code)),
            None => false,
        }
    }

    /// Refuses with 403 unless this organiser moderates the campaign.
    pub fn require_campaign(&self, campaign_id: i64) -> ServiceResult<()> {
        if self.moderates_campaign(campaign_id) {
            Ok(())
        } else {
            Err(ServiceError::Forbidden(
                "you do not moderate this campaign".into(),
            ))
        }
    }

    /// Refuses with 403 unless this organiser moderates the country in the
    /// campaign.
    pub fn require(&self, campaign_id: i64, country_code: &str) -> ServiceResult<()> {
        if self.moderates(campaign_id, country_code) {
            Ok(())
        } else {
            Err(ServiceError::Forbidden(format!(
                "you do not moderate actions in {country_code} in this campaign"
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moderator(grants: Vec<Grant>) -> Viewer {
        Viewer {
            id: 2,
            email: "m@example.org".into(),
            role: Role::Moderator,
            grants,
            notify: true,
            csrf_token: String::new(),
        }
    }

    #[test]
    fn a_national_coordinator_moderates_their_country_only() {
        let de = moderator(vec![Grant {
            campaign_id: 1,
            countries: Some(vec!["DE".into()]),
        }]);
        assert!(de.moderates(1, "DE"));
        assert!(de.moderates(1, "de"));
        assert!(!de.moderates(1, "FR"));
        assert!(!de.moderates(2, "DE"));
        assert!(de.moderates_campaign(1));
        assert!(de.require_admin().is_err());

        let all = moderator(vec![Grant {
            campaign_id: 1,
            countries: None,
        }]);
        assert!(all.moderates(1, "FR"));
        let admin = Viewer {
            role: Role::Admin,
            ..moderator(vec![])
        };
        assert!(admin.moderates(9, "IR") && admin.require_admin().is_ok());
    }
}
