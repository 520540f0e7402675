//! `/organise/team` (admins): the organisers, with their role, their
//! campaigns (and countries) and whether the account works; an invitation
//! makes a one-time link to give the new organiser.

use leptos::prelude::*;
use shared::{Invite, InviteLink, Organiser, Role, UpdateOrganiser};

use super::shell::{Organise, OrganiseError, check_session};
use crate::api::{ApiError, organise};
use crate::components::organise::scopes::{format_scopes, parse_scopes};
use crate::i18n::{Lang, use_lang};
use crate::ui::browser::copy_text;
use crate::ui::session::use_session;
use crate::ui::title::{joined, use_title};

fn role_label(lang: Lang, role: Role) -> &'static str {
    match role {
        Role::Admin => lang.texts().t_admin,
        Role::Moderator => lang.texts().t_moderator,
    }
}

#[component]
pub fn TeamPage() -> impl IntoView {
    view! { <Organise admin=true><Team/></Organise> }
}

#[component]
fn Team() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let session = use_session();
    use_title(move || joined(t().o_team, t().brand));
    let reload = RwSignal::new(0u32);
    let organisers = LocalResource::new(move || {
        reload.get();
        organise::organisers()
    });
    let update = Action::new_local(move |(id, body): &(i64, UpdateOrganiser)| {
        let (id, body) = (*id, body.clone());
        let csrf = session.csrf();
        async move { organise::update_organiser(&csrf, id, &body).await }
    });
    let announce = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(result) = update.value().get() {
            check_session(session, &result);
            match result {
                Ok(o) => {
                    announce.set(format!(
                        "{}: {}",
                        lang.get_untracked().texts().saved,
                        o.email
                    ));
                    reload.update(|n| *n += 1);
                }
                Err(e) => announce.set(e.detail.message),
            }
        }
    });
    let patch = move |id: i64, body: UpdateOrganiser| {
        update.dispatch_local((id, body));
    };
    let row = move |o: Organiser| {
        let id = o.id;
        let disabled = o.disabled;
        let scopes = RwSignal::new(format_scopes(&o.scopes));
        let me = session
            .info
            .with_untracked(|i| i.as_ref().map(|i| i.organiser.id))
            == Some(id);
        view! {
            <tr data-id=id class:disabled=disabled>
                <th scope="row" dir="ltr">{o.email.clone()}</th>
                <td>
                    <label class="visually-hidden" for=format!("role-{id}")>{move || t().t_role}</label>
                    <select id=format!("role-{id}") disabled=me on:change:target=move |ev| {
                        let role = if ev.target().value() == "admin" { Role::Admin } else { Role::Moderator };
                        patch(id, UpdateOrganiser { role: Some(role), ..Default::default() });
                    }>
                        {[Role::Moderator, Role::Admin].into_iter().map(|r| view! {
                            <option value=r.as_str() selected=o.role == r>{move || role_label(lang.get(), r)}</option>
                        }).collect_view()}
                    </select>
                </td>
                <td>
                    <label class="visually-hidden" for=format!("scopes-{id}")>{move || t().t_scopes}</label>
                    <input id=format!("scopes-{id}") type="text" dir="ltr" prop:value=move || scopes.get()
                        on:input:target=move |ev| scopes.set(ev.target().value())/>
                    <button type="button" id=format!("save-scopes-{id}") on:click=move |_| {
                        patch(id, UpdateOrganiser { scopes: Some(parse_scopes(&scopes.get_untracked())), ..Default::default() });
                    }>{move || t().save}</button>
                </td>
                <td>{move || if disabled { t().t_disabled } else { t().t_active }}</td>
                <td>
                    <button type="button" class:danger=!disabled id=format!("toggle-{id}") disabled=me on:click=move |_| {
                        patch(id, UpdateOrganiser { disabled: Some(!disabled), ..Default::default() });
                    }>{move || if disabled { t().t_enable } else { t().t_disable }}</button>
                </td>
            </tr>
        }
    };
    view! {
        <h1>{move || t().o_team}</h1>
        <p role="status" aria-live="polite" class="announce" id="team-announce">{move || announce.get()}</p>
        <p class="hint" id="scopes-hint">{move || t().h_scopes}</p>
        <Transition fallback=move || view! { <p class="loading">{move || t().loading}</p> }>
            {move || organisers.get().map(|r| match r {
                Err(e) => view! { <OrganiseError error=e/> }.into_any(),
                Ok(list) => view! {
                    <table class="data" id="organisers">
                        <thead><tr>
                            <th scope="col">{move || t().o_email}</th>
                            <th scope="col">{move || t().t_role}</th>
                            <th scope="col">{move || t().t_scopes}</th>
                            <th scope="col">{move || t().t_state}</th>
                            <th scope="col"><span class="visually-hidden">{move || t().t_actions}</span></th>
                        </tr></thead>
                        <tbody>{list.organisers.into_iter().map(row).collect_view()}</tbody>
                    </table>
                }.into_any(),
            })}
        </Transition>
        <InviteForm/>
    }
}

#[component]
fn InviteForm() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let session = use_session();
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Moderator);
    let scopes = RwSignal::new(String::new());
    let copied = RwSignal::new(false);
    let invite = Action::new_local(move |body: &Invite| {
        let body = body.clone();
        let csrf = session.csrf();
        async move { organise::invite(&csrf, &body).await }
    });
    Effect::new(move |_| {
        if let Some(r) = invite.value().get() {
            check_session(session, &r);
        }
    });
    let shown = move |r: Result<InviteLink, ApiError>| match r {
        Ok(link) => {
            let url = link.invite_url.clone();
            view! {
                <div class="notice success" role="status" id="invite-done">
                    <label for="invite-url"><strong>{move || t().t_invite_link}</strong></label>
                    <div class="edit-link">
                        <input id="invite-url" readonly dir="ltr" prop:value=url.clone() on:focus:target=move |ev| ev.target().select()/>
                        <button type="button" id="copy-invite-url" on:click=move |_| copy_text(url.clone(), copied)>{move || t().copy}</button>
                    </div>
                    <p>{move || t().t_invite_once}</p>
                    <Show when=move || copied.get()><p>{move || t().copied}</p></Show>
                </div>
            }
            .into_any()
        }
        Err(e) => view! { <OrganiseError error=e/> }.into_any(),
    };
    view! {
        <section aria-labelledby="invite-heading">
            <h2 id="invite-heading">{move || t().t_invite}</h2>
            <form class="stack narrow" id="invite-form" on:submit=move |ev| {
                ev.prevent_default();
                copied.set(false);
                invite.dispatch_local(Invite {
                    email: email.get_untracked().trim().to_string(),
                    role: role.get_untracked(),
                    scopes: parse_scopes(&scopes.get_untracked()),
                });
            }>
                <div class="field">
                    <label for="invite-email">{move || t().o_email}</label>
                    <input id="invite-email" type="email" required dir="ltr" autocomplete="off"
                        prop:value=move || email.get() on:input:target=move |ev| email.set(ev.target().value())/>
                </div>
                <div class="field">
                    <label for="invite-role">{move || t().t_role}</label>
                    <select id="invite-role" on:change:target=move |ev| role.set(if ev.target().value() == "admin" { Role::Admin } else { Role::Moderator })>
                        {[Role::Moderator, Role::Admin].into_iter().map(|r| view! {
                            <option value=r.as_str() selected=move || role.get() == r>{move || role_label(lang.get(), r)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="invite-scopes">{move || t().t_scopes}</label>
                    <span class="hint" id="invite-scopes-hint">{move || t().h_scopes}</span>
                    <input id="invite-scopes" type="text" dir="ltr" aria-describedby="invite-scopes-hint"
                        prop:value=move || scopes.get() on:input:target=move |ev| scopes.set(ev.target().value())/>
                </div>
                <div>
                    <button type="submit" class="primary" id="invite-submit" disabled=move || invite.pending().get()>{move || t().t_invite_button}</button>
                </div>
            </form>
            {move || invite.value().get().map(shown)}
        </section>
    }
}
