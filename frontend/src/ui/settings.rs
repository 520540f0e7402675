//! Server settings (map tiles), loaded once for the whole app.

use leptos::prelude::*;
use shared::Settings;

use crate::api::{self, ApiError};

pub type SettingsResource = LocalResource<Result<Settings, ApiError>>;

pub fn provide_settings() {
    let settings: SettingsResource = LocalResource::new(api::settings);
    provide_context(settings);
}

pub fn use_settings() -> SettingsResource {
    expect_context::<SettingsResource>()
}
