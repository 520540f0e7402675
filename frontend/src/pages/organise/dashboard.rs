//! `/organise/c/{slug}`: the dashboard. Counters of every status, the
//! public count as quoted, the table by country and city, the wave of start
//! times and the map coloured by status; it follows the campaign's live
//! events (`moderation`, `stats`) without a reload.

use leptos::prelude::*;
use shared::Dashboard;

use super::shell::{CampaignNav, Organise, OrganiseError, use_slug};
use crate::api::{ApiError, organise};
use crate::components::organise::status_map::StatusMap;
use crate::components::organise::wave::WaveChart;
use crate::i18n::{Texts, use_lang};
use crate::time;
use crate::ui::live::use_live;
use crate::ui::title::{joined, use_title};

#[component]
pub fn DashboardPage() -> impl IntoView {
    let slug = use_slug();
    view! { <Organise><DashboardView slug=slug.clone()/></Organise> }
}

#[component]
fn DashboardView(slug: String) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    use_title(move || joined(t().o_dashboard, t().brand));
    let reload = RwSignal::new(0u32);
    let slug_value = StoredValue::new(slug.clone());
    let dashboard = LocalResource::new(move || {
        reload.get();
        let slug = slug_value.get_value();
        async move { organise::dashboard(&slug).await }
    });
    use_live(&slug, &["moderation", "stats"], move |_, _| {
        reload.try_update(|n| *n += 1);
    });
    // The last dashboard that arrived: a refresh never blanks the page.
    let current = Memo::new(
        move |before: Option<&Option<Result<Dashboard, ApiError>>>| match dashboard.get() {
            Some(r) => Some(r),
            None => before.cloned().flatten(),
        },
    );
    let loaded = Memo::new(move |_| current.get().and_then(Result::ok));
    let points = Signal::derive(move || {
        loaded.with(|d| d.as_ref().map(|d| d.points.clone()).unwrap_or_default())
    });
    let hours = Signal::derive(move || {
        loaded.with(|d| {
            d.as_ref()
                .map(|d| d.by_utc_hour.clone())
                .unwrap_or_default()
        })
    });
    let counter = move |label: fn(&Texts) -> &'static str,
                        id: &'static str,
                        value: fn(&Dashboard) -> u64| {
        view! {
            <div class="stat" id=id>
                <dt>{move || label(lang.get().texts())}</dt>
                <dd>{move || loaded.with(|d| d.as_ref().map(|d| time::number(value(d) as f64, lang.get(), 0)).unwrap_or_else(|| "–".into()))}</dd>
            </div>
        }
    };
    view! {
        <h1>{move || t().o_dashboard}</h1>
        <CampaignNav slug=slug.clone()/>
        {move || current.get().and_then(Result::err).map(|e| view! { <OrganiseError error=e/> })}
        <section aria-labelledby="counts-heading">
            <h2 id="counts-heading">{move || t().d_counts}</h2>
            <dl class="stats" id="dashboard-counters" aria-live="polite">
                {counter(|t| t.d_published, "count-published", |d| d.statuses.published)}
                {counter(|t| t.d_pending, "count-pending", |d| d.statuses.pending)}
                {counter(|t| t.d_changed, "count-changed", |d| d.statuses.changed)}
                {counter(|t| t.d_rejected, "count-rejected", |d| d.statuses.rejected)}
                {counter(|t| t.d_cancelled, "count-cancelled", |d| d.statuses.cancelled)}
                {counter(|t| t.d_withdrawn, "count-withdrawn", |d| d.statuses.withdrawn)}
                {counter(|t| t.d_cities, "count-cities", |d| d.cities)}
                {counter(|t| t.d_countries, "count-countries", |d| d.countries)}
                {counter(|t| t.d_organisations, "count-organisations", |d| d.organisations)}
                {counter(|t| t.d_queue, "count-queue", |d| d.queue_length)}
                {counter(|t| t.d_pending_endorsements, "count-pending-endorsements", |d| d.pending_endorsements)}
            </dl>
            <p><a href=format!("/organise/c/{slug}/queue") class="button primary">{move || t().o_queue}</a></p>
        </section>
        <section aria-labelledby="wave-heading">
            <h2 id="wave-heading">{move || t().wave_title}</h2>
            <WaveChart hours=hours/>
        </section>
        <section aria-labelledby="map-heading">
            <h2 id="map-heading">{move || t().d_map}</h2>
            <StatusMap points=points slug=slug.clone()/>
        </section>
        <section aria-labelledby="exports-heading">
            <h2 id="exports-heading">{move || t().d_exports}</h2>
            <ul class="exports">
                <li><a id="export-csv" href=format!("/api/v1/campaigns/{slug}/events.csv") download=format!("{slug}-actions.csv")>{move || t().d_export_csv}</a></li>
                <li><a id="export-geojson" href=format!("/api/v1/campaigns/{slug}/events.geojson")>{move || t().d_export_geojson}</a></li>
                <li><a id="export-ics" href=format!("/api/v1/campaigns/{slug}/events.ics")>{move || t().d_export_ics}</a></li>
                <li><a id="export-atom" href=format!("/api/v1/campaigns/{slug}/events.atom")>{move || t().d_export_atom}</a></li>
            </ul>
        </section>
        <section aria-labelledby="by-country-heading">
            <h2 id="by-country-heading">{move || t().d_by_country}</h2>
            <table class="data" id="by-country">
                <thead>
                    <tr>
                        <th scope="col">{move || t().filter_country}</th>
                        <th scope="col">{move || t().f_city}</th>
                        <th scope="col">{move || t().d_published}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let lang = lang.get();
                        loaded.with(|d| d.iter().flat_map(|d| d.by_country.clone()).collect::<Vec<_>>())
                            .into_iter()
                            .map(|c| {
                                let name = time::country_name(&c.country_code, &c.country, lang);
                                view! {
                                    <tr class="country-row" data-country=c.country_code.clone()>
                                        <th scope="row" colspan="2">{name}</th>
                                        <td>{time::number(c.events as f64, lang, 0)}</td>
                                    </tr>
                                    {c.cities.into_iter().map(|city| view! {
                                        <tr class="city-row">
                                            <td></td>
                                            <th scope="row" dir="auto">{city.city.clone()}</th>
                                            <td>{time::number(city.events as f64, lang, 0)}</td>
                                        </tr>
                                    }).collect_view()}
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </section>
    }
}
