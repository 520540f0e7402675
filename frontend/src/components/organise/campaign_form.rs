//! The campaign editor: a new campaign (with its slug) or the settings of
//! one. The call to action in each interface language, each box in its
//! language's direction; the API's field errors beside their fields.

use std::collections::BTreeMap;

use leptos::prelude::*;
use shared::{CampaignInput, CampaignSettings, ModerationPolicy};

use crate::api::ApiError;
use crate::components::event_form::error_for;
use crate::i18n::{Lang, use_lang};
use crate::ui::field::TextField;

/// The editor's values, as typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CampaignValues {
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// The call to action by language code, the editor's languages and any
    /// other the campaign already has.
    pub call_to_action: BTreeMap<String, String>,
    pub starts_on: String,
    pub ends_on: String,
    pub review_first: bool,
    pub public_contact: String,
    pub archived: bool,
    pub max_pending_per_client_hour: String,
}

impl CampaignValues {
    pub fn new_campaign() -> Self {
        CampaignValues {
            review_first: true,
            max_pending_per_client_hour: "5".into(),
            ..Default::default()
        }
    }

    pub fn from_settings(c: &CampaignSettings) -> Self {
        CampaignValues {
            slug: c.slug.clone(),
            title: c.title.clone(),
            summary: c.summary.clone(),
            call_to_action: c.call_to_action.clone(),
            starts_on: c.starts_on.clone(),
            ends_on: c.ends_on.clone(),
            review_first: c.moderation == ModerationPolicy::ReviewFirst,
            public_contact: c.public_contact.clone().unwrap_or_default(),
            archived: c.archived,
            max_pending_per_client_hour: c.max_pending_per_client_hour.to_string(),
        }
    }

    /// The request body: every field (a PATCH of them all); the slug only
    /// for a new campaign; blank calls to action left out. A limit that is
    /// not a whole number is left out (the server keeps or defaults it).
    pub fn to_input(&self, new: bool) -> CampaignInput {
        let trimmed = |s: &str| s.trim().to_string();
        CampaignInput {
            slug: new.then(|| trimmed(&self.slug)),
            title: Some(trimmed(&self.title)),
            summary: Some(trimmed(&self.summary)),
            call_to_action: Some(
                self.call_to_action
                    .iter()
                    .filter(|(_, text)| !text.trim().is_empty())
                    .map(|(lang, text)| (lang.clone(), text.trim().to_string()))
                    .collect(),
            ),
            starts_on: Some(self.starts_on.clone()),
            ends_on: Some(self.ends_on.clone()),
            moderation: Some(if self.review_first {
                ModerationPolicy::ReviewFirst
            } else {
                ModerationPolicy::PublishAtOnce
            }),
            public_contact: Some(trimmed(&self.public_contact)).filter(|s| !s.is_empty()),
            archived: Some(self.archived),
            max_pending_per_client_hour: self.max_pending_per_client_hour.trim().parse().ok(),
        }
    }
}

#[component]
pub fn CampaignForm(
    initial: CampaignValues,
    /// A new campaign: the slug can be chosen (it never changes after).
    new: bool,
    busy: Signal<bool>,
    error: Signal<Option<ApiError>>,
    on_submit: Callback<CampaignValues>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let slug = RwSignal::new(initial.slug.clone());
    let title = RwSignal::new(initial.title.clone());
    let summary = RwSignal::new(initial.summary.clone());
    let cta = RwSignal::new(initial.call_to_action.clone());
    let starts_on = RwSignal::new(initial.starts_on.clone());
    let ends_on = RwSignal::new(initial.ends_on.clone());
    let review_first = RwSignal::new(initial.review_first);
    let public_contact = RwSignal::new(initial.public_contact.clone());
    let archived = RwSignal::new(initial.archived);
    let max_pending = RwSignal::new(initial.max_pending_per_client_hour.clone());
    let err = move |names: &'static [&'static str]| {
        Signal::derive(move || error.with(|e| error_for(e, names, lang.get())))
    };
    let values = move || CampaignValues {
        slug: slug.get_untracked(),
        title: title.get_untracked(),
        summary: summary.get_untracked(),
        call_to_action: cta.get_untracked(),
        starts_on: starts_on.get_untracked(),
        ends_on: ends_on.get_untracked(),
        review_first: review_first.get_untracked(),
        public_contact: public_contact.get_untracked(),
        archived: archived.get_untracked(),
        max_pending_per_client_hour: max_pending.get_untracked(),
    };
    let error_line = move |names: &'static [&'static str], id: &'static str| {
        move || {
            err(names)
                .get()
                .map(|e| view! { <span class="error" id=id>{e}</span> })
        }
    };
    let cta_field = move |l: Lang| {
        let code = l.code();
        let id = format!("cta-{code}");
        let error_id = format!("cta-{code}-error");
        let key = format!("call_to_action.{code}");
        let error = Signal::derive(move || {
            error.with(|e| {
                let names = [key.as_str(), "call_to_action"];
                error_for(e, &names, lang.get())
            })
        });
        view! {
            <div class="field">
                <label for=id.clone()>{move || t().c_cta} " (" <span lang=code>{l.name()}</span> ")"</label>
                <textarea
                    id=id
                    rows="4"
                    lang=code
                    dir=l.dir()
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    aria-describedby=error_id.clone()
                    prop:value=move || cta.with(|m| m.get(code).cloned().unwrap_or_default())
                    on:input:target=move |ev| {
                        let v = ev.target().value();
                        cta.update(|m| { m.insert(code.to_string(), v); });
                    }
                ></textarea>
                {move || error.get().map(|e| view! { <span class="error" id=error_id.clone()>{e}</span> })}
            </div>
        }
    };
    view! {
        <form
            class="stack"
            id="campaign-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                on_submit.run(values());
            }
        >
            {move || error.get().map(|e| view! {
                <div class="notice error" role="alert" id="form-error">
                    {if e.detail.fields.is_empty() { e.detail.message.clone() } else { t().fix_errors.to_string() }}
                </div>
            })}
            {new.then(|| view! {
                <TextField id="slug" label=Signal::derive(move || t().c_slug) hint=Signal::derive(move || t().h_slug) value=slug error=err(&["slug"]) required=true/>
            })}
            <TextField id="campaign-title" label=Signal::derive(move || t().c_title) value=title error=err(&["title"]) required=true/>
            <div class="field">
                <label for="summary">{move || t().c_summary}</label>
                <textarea id="summary" rows="3" dir="auto" aria-describedby="summary-error"
                    aria-invalid=move || err(&["summary"]).with(Option::is_some).to_string()
                    prop:value=move || summary.get() on:input:target=move |ev| summary.set(ev.target().value())></textarea>
                {error_line(&["summary"], "summary-error")}
            </div>
            <fieldset>
                <legend>{move || t().c_cta}</legend>
                {Lang::ALL.into_iter().map(cta_field).collect_view()}
            </fieldset>
            <div class="row">
                <div class="field">
                    <label for="starts_on">{move || t().c_starts_on}</label>
                    <input id="starts_on" type="date" required aria-describedby="starts_on-error"
                        aria-invalid=move || err(&["starts_on"]).with(Option::is_some).to_string()
                        prop:value=move || starts_on.get() on:input:target=move |ev| starts_on.set(ev.target().value())/>
                    {error_line(&["starts_on"], "starts_on-error")}
                </div>
                <div class="field">
                    <label for="ends_on">{move || t().c_ends_on}</label>
                    <input id="ends_on" type="date" required aria-describedby="ends_on-error"
                        aria-invalid=move || err(&["ends_on"]).with(Option::is_some).to_string()
                        prop:value=move || ends_on.get() on:input:target=move |ev| ends_on.set(ev.target().value())/>
                    {error_line(&["ends_on"], "ends_on-error")}
                </div>
            </div>
            <fieldset>
                <legend>{move || t().c_moderation}</legend>
                <label><input type="radio" name="moderation" id="moderation-now" prop:checked=move || !review_first.get() on:change=move |_| review_first.set(false)/> " " {move || t().c_publish_at_once}</label><br/>
                <label><input type="radio" name="moderation" id="moderation-review" prop:checked=move || review_first.get() on:change=move |_| review_first.set(true)/> " " {move || t().c_review_first}</label>
                {error_line(&["moderation"], "moderation-error")}
            </fieldset>
            <TextField id="campaign-contact" label=Signal::derive(move || t().c_public_contact) hint=Signal::derive(move || t().h_campaign_contact) value=public_contact error=err(&["public_contact"])/>
            <div class="field">
                <label for="max-pending">{move || t().c_max_pending}</label>
                <span class="hint" id="max-pending-hint">{move || t().h_max_pending}</span>
                <input id="max-pending" type="number" min="0" step="1" inputmode="numeric" aria-describedby="max-pending-hint max-pending-error"
                    aria-invalid=move || err(&["max_pending_per_client_hour"]).with(Option::is_some).to_string()
                    prop:value=move || max_pending.get() on:input:target=move |ev| max_pending.set(ev.target().value())/>
                {error_line(&["max_pending_per_client_hour"], "max-pending-error")}
            </div>
            <div class="field">
                <label><input type="checkbox" id="archived" prop:checked=move || archived.get() on:change:target=move |ev| archived.set(ev.target().checked())/> " " {move || t().c_archived}</label>
                <span class="hint">{move || t().h_archived}</span>
            </div>
            <div>
                <button type="submit" class="primary" id="save-campaign" disabled=move || busy.get()>
                    {move || if busy.get() { t().sending } else if new { t().c_create } else { t().save }}
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> CampaignSettings {
        CampaignSettings {
            slug: "day".into(),
            title: "Day".into(),
            summary: "A day".into(),
            call_to_action: [
                ("en".to_string(), "Join".to_string()),
                ("de".to_string(), "Mach mit".to_string()),
            ]
            .into_iter()
            .collect(),
            starts_on: "2026-11-05".into(),
            ends_on: "2026-11-06".into(),
            moderation: ModerationPolicy::ReviewFirst,
            public_contact: None,
            archived: false,
            max_pending_per_client_hour: 3,
        }
    }

    #[test]
    fn settings_go_back_unchanged_and_keep_other_languages() {
        let values = CampaignValues::from_settings(&settings());
        let input = values.to_input(false);
        assert_eq!(input.slug, None);
        assert_eq!(input.title.as_deref(), Some("Day"));
        assert_eq!(input.moderation, Some(ModerationPolicy::ReviewFirst));
        assert_eq!(input.max_pending_per_client_hour, Some(3));
        assert_eq!(input.public_contact, None);
        let cta = input.call_to_action.unwrap_or_default();
        assert_eq!(cta.get("de").map(String::as_str), Some("Mach mit"));
        assert_eq!(cta.len(), 2);
    }

    #[test]
    fn a_new_campaign_sends_its_slug_and_leaves_out_blank_calls() {
        let mut values = CampaignValues::new_campaign();
        values.slug = " new-day ".into();
        values.call_to_action.insert("fa".into(), "  ".into());
        values.call_to_action.insert("es".into(), " Únete ".into());
        values.review_first = false;
        values.max_pending_per_client_hour = "many".into();
        let input = values.to_input(true);
        assert_eq!(input.slug.as_deref(), Some("new-day"));
        assert_eq!(input.moderation, Some(ModerationPolicy::PublishAtOnce));
        let cta = input.call_to_action.unwrap_or_default();
        assert_eq!(cta.len(), 1);
        assert_eq!(cta.get("es").map(String::as_str), Some("Únete"));
        assert_eq!(input.max_pending_per_client_hour, None);
    }
}
