//! The search bar of the campaign view: near me, kind, country, text and
//! the choice between the whole list and "happening now / next".

use leptos::prelude::*;
use shared::{EventKind, Stats};

use crate::components::campaign::near_me::NearMe;
use crate::i18n::use_lang;
use crate::time;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewMode {
    All,
    NowAndNext,
}

/// The toolbar's state, owned by the view.
#[derive(Clone, Copy)]
pub struct ToolbarState {
    pub kind: RwSignal<Option<EventKind>>,
    pub country: RwSignal<String>,
    pub text: RwSignal<String>,
    pub mode: RwSignal<ViewMode>,
    pub near: RwSignal<Option<String>>,
    pub near_denied: RwSignal<Option<&'static str>>,
}

/// `stats` gives the countries to choose from; `choose_country` is false
/// when the country is fixed (an embed for one country).
#[component]
pub fn Toolbar(
    state: ToolbarState,
    stats: Signal<Option<Stats>>,
    choose_country: bool,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let country_options = move || {
        let l = lang.get();
        let mut list: Vec<(String, String)> = stats.with(|s| {
            s.iter()
                .flat_map(|s| &s.by_country)
                .map(|k| {
                    (
                        k.country_code.clone(),
                        time::country_name(&k.country_code, &k.country, l),
                    )
                })
                .collect()
        });
        list.sort_by(|a, b| a.1.cmp(&b.1));
        list.into_iter()
            .map(|(code, name)| {
                let selected = state.country.get_untracked() == code;
                view! { <option value=code.clone() selected=selected>{name}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="toolbar" role="search" aria-label=move || t().cta_find>
            <NearMe point=state.near denied=state.near_denied/>
            <label>
                {move || t().filter_kind}
                <select id="filter-kind" on:change:target=move |ev| state.kind.set(ev.target().value().parse().ok())>
                    <option value="">{move || t().all_kinds}</option>
                    {EventKind::ALL.into_iter().map(|k| view! { <option value=k.as_str()>{move || lang.get().kind(k)}</option> }).collect_view()}
                </select>
            </label>
            {choose_country.then(|| view! {
                <label>
                    {move || t().filter_country}
                    <select id="filter-country" on:change:target=move |ev| state.country.set(ev.target().value())>
                        <option value="">{move || t().all_countries}</option>
                        {country_options}
                    </select>
                </label>
            })}
            <label>
                {move || t().filter_text}
                <input
                    id="filter-text"
                    type="search"
                    maxlength="200"
                    prop:value=move || state.text.get()
                    on:input:target=move |ev| state.text.set(ev.target().value())
                />
            </label>
            <label>
                {move || t().view}
                <select id="view-mode" on:change:target=move |ev| state.mode.set(if ev.target().value() == "now" { ViewMode::NowAndNext } else { ViewMode::All })>
                    <option value="all">{move || t().view_all}</option>
                    <option value="now">{move || t().view_now}</option>
                </select>
            </label>
        </div>
    }
}
