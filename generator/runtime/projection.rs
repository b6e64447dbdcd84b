//! The untyped parts of a model value: [`Additional`] (what a payload carries beyond the docs)
//! and [`Opaque`] (a value of a type the docs do not define). Both keep their JSON exactly.
//!
//! Both can also be left out of serialisation: [`typed_projection`] writes a value with every
//! untyped part empty, which is how the round-trip tests measure how much of a payload landed in
//! typed fields rather than in a bag.

use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};
use std::cell::Cell;
use std::ops::{Deref, DerefMut};

thread_local! {
    /// Whether serialisation on this thread leaves the untyped parts out.
    static TYPED_ONLY: Cell<bool> = const { Cell::new(false) };
}

fn typed_only() -> bool {
    TYPED_ONLY.with(Cell::get)
}

/// Writes `value` as JSON with every [`Additional`] bag and [`Opaque`] value left empty: the part
/// of the value that typed fields hold.
pub fn typed_projection<T: Serialize>(value: &T) -> serde_json::Result<Value> {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            TYPED_ONLY.with(|flag| flag.set(self.0));
        }
    }
    let _restore = Restore(TYPED_ONLY.with(|flag| flag.replace(true)));
    serde_json::to_value(value)
}

/// Properties and annotations a payload carries that the docs do not list for its type
/// (`@odata.context`, `@odata.etag`, `displayName@odata.type`, properties added to the service
/// later), kept as they came so that writing the value back loses nothing.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(transparent)]
pub struct Additional(pub Map<String, Value>);

impl Deref for Additional {
    type Target = Map<String, Value>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl DerefMut for Additional {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl Serialize for Additional {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if typed_only() {
            Map::new().serialize(serializer)
        } else {
            self.0.serialize(serializer)
        }
    }
}

/// The value of a type the docs reference but do not define: raw JSON, kept exactly.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(transparent)]
pub struct Opaque(pub Value);

impl Deref for Opaque {
    type Target = Value;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl Serialize for Opaque {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if typed_only() {
            Map::new().serialize(serializer)
        } else {
            self.0.serialize(serializer)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Serialize, Deserialize)]
    struct Widget {
        name: String,
        spec: Opaque,
        #[serde(flatten)]
        additional: Additional,
    }

    #[test]
    fn bags_keep_everything_and_the_projection_leaves_them_out() {
        let wire = json!({"name": "w", "spec": {"a": [1, 2]}, "@odata.etag": "W/1", "size": 3});
        let widget: Widget = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(widget.additional.get("size"), Some(&json!(3)));
        assert_eq!(serde_json::to_value(&widget).unwrap(), wire);
        assert_eq!(
            typed_projection(&widget).unwrap(),
            json!({"name": "w", "spec": {}})
        );
        // The projection mode ends with the call.
        assert_eq!(serde_json::to_value(&widget).unwrap(), wire);
    }
}
