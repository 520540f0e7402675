//! A public answer with its JSON, written once however many readers it is
//! sent to: the copies in the page cache are read far more often than they
//! change, and writing 50 actions' JSON costs more than finding them.

use std::ops::Deref;
use std::sync::OnceLock;

use bytes::Bytes;
use serde::Serialize;

pub struct Rendered<T> {
    value: T,
    json: OnceLock<Bytes>,
}

impl<T: Serialize> Rendered<T> {
    pub fn new(value: T) -> Self {
        Rendered {
            value,
            json: OnceLock::new(),
        }
    }

    /// The value as JSON, written at the first call.
    pub fn json(&self) -> Result<Bytes, serde_json::Error> {
        if let Some(json) = self.json.get() {
            return Ok(json.clone());
        }
        let json = Bytes::from(serde_json::to_vec(&self.value)?);
        // Two readers may write it at once; both wrote the same bytes.
        Ok(self.json.get_or_init(|| json).clone())
    }
}

impl<T> Deref for Rendered<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_is_the_values_and_written_once() {
        let rendered = Rendered::new(vec!["a", "b"]);
        let first = rendered.json().expect("json");
        assert_eq!(&first[..], br#"["a","b"]"#);
        let second = rendered.json().expect("json");
        assert_eq!(
            first.as_ptr(),
            second.as_ptr(),
            "the same bytes, not a copy"
        );
        assert_eq!(rendered.len(), 2);
    }
}
