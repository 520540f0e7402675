//! The live counters: actions, cities, countries, organisations. Until the
//! campaign arrives they hold their place with dashes, so nothing moves.

use leptos::prelude::*;
use shared::Stats;

use crate::i18n::{Counter, use_lang};
use crate::time;

#[component]
pub fn Counters(stats: Signal<Option<Stats>>) -> impl IntoView {
    let lang = use_lang();
    let item = move |counter: Counter, value: fn(&Stats) -> u64| {
        view! {
            <li>
                {move || {
                    let l = lang.get();
                    match stats.with(|s| s.as_ref().map(value)) {
                        Some(n) => view! {
                            <strong>{time::number(n as f64, l, 0)}</strong>{l.counter(counter, n)}
                        }
                        .into_any(),
                        None => view! { <strong class="skeleton-text">"–"</strong> }.into_any(),
                    }
                }}
            </li>
        }
    };
    view! {
        <ul
            class="counters"
            id="counters"
            aria-label=move || lang.get().texts().counters_label
            aria-busy=move || stats.with(Option::is_none).to_string()
        >
            {item(Counter::Actions, |s| s.events)}
            {item(Counter::Cities, |s| s.cities)}
            {item(Counter::Countries, |s| s.countries)}
            {item(Counter::Organisations, |s| s.organisations)}
        </ul>
    }
}
