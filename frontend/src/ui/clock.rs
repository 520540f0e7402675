//! One clock for "in 3 h" / "happening now", ticking every 30 seconds.

use leptos::prelude::*;

use crate::time;

/// The current time in milliseconds, shared by every relative time.
#[derive(Clone, Copy)]
struct Clock(RwSignal<f64>);

/// Starts the clock for everything below the calling component.
pub fn provide_clock() {
    let now = RwSignal::new(time::now_ms());
    if let Ok(handle) = set_interval_with_handle(
        move || now.set(time::now_ms()),
        std::time::Duration::from_secs(30),
    ) {
        on_cleanup(move || handle.clear());
    }
    provide_context(Clock(now));
}

pub fn use_now() -> Signal<f64> {
    expect_context::<Clock>().0.into()
}
