//! `/embed/{slug}` (optionally `?country=XX`): the map and list alone, for
//! partner organisations' sites; links open on this site in a new tab.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::campaign::CampaignView;

#[component]
pub fn EmbedPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    move || {
        let slug = params.read().get("slug").unwrap_or_default();
        let country = query
            .read()
            .get("country")
            .map(|c| c.to_ascii_uppercase())
            .filter(|c| c.len() == 2 && c.chars().all(|c| c.is_ascii_alphabetic()));
        view! { <CampaignView slug=slug embedded=true country_filter=country/> }
    }
}
