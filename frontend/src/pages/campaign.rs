//! The campaign home: `/` (the campaign whose day of action is next) and
//! `/c/{slug}`. The view itself is `components::campaign`.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api;
use crate::components::campaign::{CampaignSkeleton, CampaignView};
use crate::i18n::use_lang;
use crate::ui::load_error::LoadError;

/// `/`: the campaign whose day of action is next (or the latest one).
#[component]
pub fn CurrentCampaign() -> impl IntoView {
    let lang = use_lang();
    let current = LocalResource::new(api::current_campaign);
    // No <Suspense> here: the map must be created in the page, not off-screen.
    move || match current.get() {
        None => view! { <CampaignSkeleton/> }.into_any(),
        Some(Err(e)) => view! { <LoadError error=e/> }.into_any(),
        Some(Ok(None)) => view! { <p>{move || lang.get().texts().no_campaign}</p> }.into_any(),
        Some(Ok(Some(c))) => view! { <CampaignView slug=c.slug embedded=false/> }.into_any(),
    }
}

/// `/c/{slug}`
#[component]
pub fn CampaignPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let slug = params.read().get("slug").unwrap_or_default();
        view! { <CampaignView slug=slug embedded=false/> }
    }
}
