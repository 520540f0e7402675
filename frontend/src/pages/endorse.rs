//! `/c/{slug}/endorse`: an organisation signs the campaign's call (the
//! organisers approve it first); `/c/{slug}/endorsements`: the approved
//! ones by country and city, with their count.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::{Endorse, Place};

use crate::api::{self, ApiError};
use crate::components::campaign::CAMPAIGN_LANG;
use crate::components::endorsement_list::GroupedEndorsements;
use crate::components::event_form::error_for;
use crate::components::place_picker::PlacePicker;
use crate::i18n::use_lang;
use crate::time;
use crate::ui::browser::scroll_to_top;
use crate::ui::field::{Honeypot, TextField};
use crate::ui::live::use_live;
use crate::ui::load_error::LoadError;
use crate::ui::title::{joined, use_title};

fn use_slug() -> String {
    use_params_map()
        .get_untracked()
        .get("slug")
        .unwrap_or_default()
}

/// The form's values, as the API receives them; blank fields are left out.
pub fn endorse_body(
    name: &str,
    name_alt: &str,
    place: Option<&Place>,
    website: &str,
    contact_email: &str,
    homepage: &str,
) -> Endorse {
    let optional = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    Endorse {
        name: optional(name),
        name_alt: optional(name_alt),
        city: place.map(|p| p.name.clone()),
        place_id: place.map(|p| p.place_id),
        country_code: place.map(|p| p.country_code.clone()),
        website: optional(website),
        contact_email: optional(contact_email),
        homepage: optional(homepage),
    }
}

#[component]
pub fn EndorsePage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let slug = StoredValue::new(use_slug());
    let campaign = LocalResource::new(move || {
        let slug = slug.get_value();
        async move { api::campaign(&slug).await }
    });
    use_title(move || {
        let name = campaign
            .get()
            .and_then(Result::ok)
            .map(|c| c.title)
            .unwrap_or_else(|| t().brand.to_string());
        joined(t().n_title, &name)
    });
    let name = RwSignal::new(String::new());
    let name_alt = RwSignal::new(String::new());
    let place = RwSignal::new(None::<Place>);
    let website = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let homepage = RwSignal::new(String::new());
    let send = Action::new_local(move |body: &Endorse| {
        let body = body.clone();
        let slug = slug.get_value();
        async move { api::endorse(&slug, &body).await }
    });
    let busy: Signal<bool> = send.pending().into();
    let answer = Memo::new(move |_| if busy.get() { None } else { send.value().get() });
    let error: Signal<Option<ApiError>> =
        Memo::new(move |_| answer.get().and_then(Result::err)).into();
    let done = Memo::new(move |_| answer.with(|a| matches!(a, Some(Ok(_)))));
    Effect::new(move |_| {
        if send.version().get() > 0 {
            scroll_to_top();
        }
    });
    let err = move |names: &'static [&'static str]| {
        Signal::derive(move || error.with(|e| error_for(e, names, lang.get())))
    };
    let pick = Callback::new(move |p: Place| place.set(Some(p)));
    let chosen_country = move || {
        place.with(|p| {
            p.as_ref()
                .map(|p| time::country_name(&p.country_code, &p.country, lang.get()))
        })
    };
    view! {
        <h1>{move || t().n_title}</h1>
        {move || campaign.get().map(|c| match c {
            Ok(c) => view! { <p class="hint"><a href=format!("/c/{}", c.slug) dir="auto" lang=CAMPAIGN_LANG>{c.title.clone()}</a></p> }.into_any(),
            Err(e) => view! { <LoadError error=e/> }.into_any(),
        })}
        <Show when=move || !done.get() fallback=move || view! {
            <div class="notice success" role="status" id="endorsed">
                <h2>{move || t().n_thanks}</h2>
                <p>{move || t().n_review_note}</p>
                <p><a href=move || format!("/c/{}/endorsements", slug.get_value())>{move || t().n_see_list}</a></p>
            </div>
        }>
            <p>{move || t().n_intro}</p>
            <form class="stack" id="endorse-form" novalidate on:submit=move |ev| {
                ev.prevent_default();
                let body = endorse_body(
                    &name.get_untracked(),
                    &name_alt.get_untracked(),
                    place.get_untracked().as_ref(),
                    &website.get_untracked(),
                    &email.get_untracked(),
                    &homepage.get_untracked(),
                );
                send.dispatch_local(body);
            }>
                {move || error.get().map(|e| view! {
                    <div class="notice error" role="alert" id="form-error">
                        {if e.detail.fields.is_empty() { e.detail.message.clone() } else { t().fix_errors.to_string() }}
                    </div>
                })}
                <TextField id="endorser-name" label=Signal::derive(move || t().n_name) value=name error=err(&["name"]) required=true autocomplete="organization"/>
                <TextField id="endorser-name-alt" label=Signal::derive(move || t().n_name_alt) hint=Signal::derive(move || t().h_name_alt) value=name_alt error=err(&["name_alt"])/>
                <PlacePicker id="endorser-city" label_text=Signal::derive(move || t().f_city) hint=Signal::derive(move || t().h_endorser_city)
                    error=err(&["city", "place_id", "country_code"]) on_pick=pick/>
                <p class="hint" id="endorser-country" aria-live="polite">
                    {move || chosen_country().map(|c| format!("{}: {c}", t().filter_country))}
                </p>
                <TextField id="endorser-website" input_type="url" label=Signal::derive(move || t().n_website) value=website error=err(&["website"])/>
                <TextField id="endorser-email" input_type="email" label=Signal::derive(move || t().f_contact_email) hint=Signal::derive(move || t().h_endorser_email) value=email error=err(&["contact_email"]) required=true autocomplete="email"/>
                <Honeypot value=homepage/>
                <div>
                    <button type="submit" class="primary" id="endorse-submit" disabled=move || busy.get()>
                        {move || if busy.get() { t().sending } else { t().n_submit }}
                    </button>
                </div>
            </form>
        </Show>
    }
}

#[component]
pub fn EndorsementsPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let slug = StoredValue::new(use_slug());
    let reload = RwSignal::new(0u32);
    let campaign = LocalResource::new(move || {
        let slug = slug.get_value();
        async move { api::campaign(&slug).await }
    });
    let list = LocalResource::new(move || {
        reload.get();
        let slug = slug.get_value();
        async move { api::endorsements(&slug).await }
    });
    use_live(&slug.get_value(), &["stats"], move |_, _| {
        reload.try_update(|n| *n += 1);
    });
    // The last list that arrived: a live refresh never blanks the page.
    let current =
        Memo::new(
            move |before: Option<&Option<shared::EndorsementList>>| match list.get() {
                Some(Ok(l)) => Some(l),
                _ => before.cloned().flatten(),
            },
        );
    let endorsements = Signal::derive(move || {
        current.with(|l| {
            l.as_ref()
                .map(|l| l.endorsements.clone())
                .unwrap_or_default()
        })
    });
    use_title(move || {
        let name = campaign
            .get()
            .and_then(Result::ok)
            .map(|c| c.title)
            .unwrap_or_else(|| t().brand.to_string());
        joined(t().n_list_title, &name)
    });
    view! {
        <h1>{move || t().n_list_title}</h1>
        {move || campaign.get().and_then(Result::ok).map(|c| view! {
            <p class="hint"><a href=format!("/c/{}", c.slug) dir="auto" lang=CAMPAIGN_LANG>{c.title.clone()}</a></p>
        })}
        {move || list.get().and_then(Result::err).map(|e| view! { <LoadError error=e/> })}
        <p id="endorsement-count" aria-live="polite">
            {move || current.with(|l| l.as_ref().map(|l| lang.get().endorsement_count(l.total)))}
        </p>
        <p><a class="button primary" id="sign-call" href=move || format!("/c/{}/endorse", slug.get_value())>{move || t().n_sign}</a></p>
        <Show when=move || current.with(Option::is_some) fallback=move || view! { <p class="loading">{move || t().loading}</p> }>
            <GroupedEndorsements endorsements=endorsements/>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_carries_the_chosen_city_and_country_and_leaves_out_blanks() {
        let place = Place {
            place_id: 42,
            name: "Malmö".into(),
            admin1: "Skåne".into(),
            country_code: "SE".into(),
            country: "Sweden".into(),
            latitude: 55.6,
            longitude: 13.0,
            timezone: "Europe/Stockholm".into(),
            population: 0,
        };
        let body = endorse_body(
            " Malmö Solidarity ",
            "",
            Some(&place),
            "",
            "a@example.org",
            "",
        );
        assert_eq!(body.name.as_deref(), Some("Malmö Solidarity"));
        assert_eq!(body.name_alt, None);
        assert_eq!(body.city.as_deref(), Some("Malmö"));
        assert_eq!(body.place_id, Some(42));
        assert_eq!(body.country_code.as_deref(), Some("SE"));
        assert_eq!(body.website, None);
        assert_eq!(body.homepage, None);
        let robot = endorse_body("x", "", None, "", "", "http://spam");
        assert_eq!(robot.homepage.as_deref(), Some("http://spam"));
        assert_eq!(robot.city, None);
    }
}
