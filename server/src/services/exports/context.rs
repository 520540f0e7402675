//! What rendering a row of an export needs, and how a failed write reads.

use sea_orm::DbErr;
use shared::Event;

use crate::entities::event;
use crate::services::views::{Audience, event_view};
use crate::services::{ServiceError, Services};

/// What rendering a row needs, owned so that a page can move to a blocking
/// thread.
#[derive(Clone)]
pub struct Context {
    pub services: Services,
    pub slug: String,
    pub host: String,
}

impl Context {
    pub fn new(services: &Services, slug: &str) -> Context {
        let host = services
            .public_url
            .split("://")
            .nth(1)
            .unwrap_or("dayofaction")
            .split(['/', ':'])
            .next()
            .unwrap_or("dayofaction")
            .to_string();
        Context {
            services: services.clone(),
            slug: slug.to_string(),
            host,
        }
    }

    pub fn event_url(&self, id: &impl std::fmt::Display) -> String {
        format!("{}/e/{id}", self.services.public_url)
    }

    /// The event as the public sees it, and the address of its page.
    pub fn public_view(&self, model: &event::Model) -> (Event, String) {
        let shown = event_view(model, &self.slug, &self.services.places, Audience::Public);
        let url = self.event_url(&shown.id);
        (shown, url)
    }
}

pub fn write_error(e: impl std::fmt::Display) -> ServiceError {
    ServiceError::Database(DbErr::Custom(format!("cannot write the export: {e}")))
}
