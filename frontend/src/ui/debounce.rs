//! A signal that follows another once it has stopped changing for a while
//! (typing in a search field sends one request, not one per key).

use std::time::Duration;

use leptos::prelude::*;

pub fn debounced<T>(source: Signal<T>, wait: Duration) -> Signal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let out = RwSignal::new(source.get_untracked());
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let value = source.get();
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        set_timeout(
            move || {
                if generation.try_get_value() == Some(mine)
                    && out.try_get_untracked() != Some(value.clone())
                {
                    out.try_set(value);
                }
            },
            wait,
        );
    });
    out.into()
}
