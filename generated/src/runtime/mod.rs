//! The hand-written runtime the generated models build on. Nothing here is generated: the
//! generator owns other files of this crate, never this one.
//!
//! - [`Field`]: a property that is absent, explicitly `null`, or a value (Graph's PATCH
//!   semantics need all three).
//! - [`Double`]: an `Edm.Double`/`Edm.Single`, which Graph writes as a JSON number or as the
//!   strings `"NaN"`, `"INF"` and `"-INF"`.
//! - [`wire_enum!`](crate::wire_enum): an evolvable Graph enum whose values keep their wire
//!   spelling and that keeps values added to the service later.
//! - [`Flags`]: a flags enum value, written as comma-separated members.
//! - [`edm`]: the other Edm primitives on well-kept crates (date-times and dates on `time`,
//!   GUIDs on `uuid`, binary on `base64`, durations checked with `iso8601`).
//! - [`http`]: what the generated route stubs build requests with and read responses with.

pub mod edm;
pub mod http;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A property as Graph sends it: absent, explicitly `null`, or a value.
///
/// Generated structs mark every `Field` with `#[serde(default, skip_serializing_if =
/// "Field::is_absent")]`, so an absent property stays absent and an explicit `null` is written
/// back as `null`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Field<T> {
    /// Not in the payload.
    #[default]
    Absent,
    /// Present as `null`.
    Null,
    /// Present with a value.
    Value(T),
}

impl<T> Field<T> {
    /// Whether the property was absent (used by `skip_serializing_if`).
    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    /// The value, if there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Field::Value(value) => Some(value),
            _ => None,
        }
    }

    /// The value, if there is one, taken out of the field.
    pub fn into_value(self) -> Option<T> {
        match self {
            Field::Value(value) => Some(value),
            _ => None,
        }
    }
}

impl<T> From<T> for Field<T> {
    fn from(value: T) -> Self {
        Field::Value(value)
    }
}

impl<T: Serialize> Serialize for Field<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Value(value) => value.serialize(serializer),
            Field::Absent | Field::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(value) => Field::Value(value),
            None => Field::Null,
        })
    }
}

/// An `Edm.Double` or `Edm.Single`: a JSON number, or `"NaN"`, `"INF"`, `"-INF"`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Double(pub f64);

impl Serialize for Double {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let value = self.0;
        if value.is_nan() {
            serializer.serialize_str("NaN")
        } else if value == f64::INFINITY {
            serializer.serialize_str("INF")
        } else if value == f64::NEG_INFINITY {
            serializer.serialize_str("-INF")
        } else {
            serializer.serialize_f64(value)
        }
    }
}

impl<'de> Deserialize<'de> for Double {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Wire<'a> {
            Number(f64),
            Text(&'a str),
            OwnedText(String),
        }
        let text = match Wire::deserialize(deserializer)? {
            Wire::Number(value) => return Ok(Double(value)),
            Wire::Text(text) => text.to_string(),
            Wire::OwnedText(text) => text,
        };
        match text.as_str() {
            "NaN" => Ok(Double(f64::NAN)),
            "INF" => Ok(Double(f64::INFINITY)),
            "-INF" => Ok(Double(f64::NEG_INFINITY)),
            other => Err(serde::de::Error::custom(format!(
                "expected a number, \"NaN\", \"INF\" or \"-INF\", found \"{other}\""
            ))),
        }
    }
}

/// A Graph enum type: each variant keeps its wire spelling, and a value the service added
/// after the docs were written is kept as `Other(text)` rather than rejected (Graph enums grow;
/// `unknownFutureValue` marks where).
///
/// ```
/// graph_models::wire_enum! {
///     /// The status of a review.
///     pub enum ReviewStatus {
///         /// Not yet started.
///         NotStarted = "notStarted",
///         InProgress = "inProgress",
///     }
/// }
/// let status: ReviewStatus = serde_json::from_str("\"paused\"").unwrap();
/// assert_eq!(status, ReviewStatus::Other("paused".into()));
/// assert_eq!(serde_json::to_string(&status).unwrap(), "\"paused\"");
/// ```
#[macro_export]
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $wire:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$variant_meta])* $variant, )*
            /// A value the docs do not list, kept as written.
            Other(::std::string::String),
        }

        impl $name {
            /// The wire spelling.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )*
                    $name::Other(text) => text,
                }
            }

            /// The variant for a wire spelling (`Other` when it is not documented).
            pub fn from_wire(text: &str) -> Self {
                match text {
                    $( $wire => $name::$variant, )*
                    other => $name::Other(other.to_string()),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok($name::from_wire(&text))
            }
        }
    };
}

/// The value of a flags enum: members written as one comma-separated string
/// (`"read,write"`), order and spelling kept.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Flags<E>(pub Vec<E>);

impl<E: Serialize + fmt::Display> Serialize for Flags<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        serializer.serialize_str(&text.join(","))
    }
}

impl<'de, E: Deserialize<'de>> Deserialize<'de> for Flags<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.split(',')
            .map(str::trim)
            .filter(|member| !member.is_empty())
            .map(|member| {
                E::deserialize(serde::de::value::StrDeserializer::<D::Error>::new(member))
            })
            .collect::<Result<Vec<E>, D::Error>>()
            .map(Flags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Patch {
        #[serde(default, skip_serializing_if = "Field::is_absent")]
        name: Field<String>,
        #[serde(default, skip_serializing_if = "Field::is_absent")]
        size: Field<i32>,
    }

    crate::wire_enum! {
        /// Access rights.
        pub enum Right {
            Read = "read",
            Write = "write",
        }
    }

    #[test]
    fn absent_null_and_value_are_three_states_and_round_trip() {
        let patch: Patch = serde_json::from_value(json!({"name": null})).unwrap();
        assert_eq!(patch.name, Field::Null);
        assert_eq!(patch.size, Field::Absent);
        assert_eq!(serde_json::to_value(&patch).unwrap(), json!({"name": null}));
        let patch: Patch = serde_json::from_value(json!({"size": 3})).unwrap();
        assert_eq!(patch.size.value(), Some(&3));
        assert_eq!(serde_json::to_value(&patch).unwrap(), json!({"size": 3}));
    }

    #[test]
    fn doubles_accept_the_special_strings() {
        for (wire, check) in [
            (json!("NaN"), f64::is_nan as fn(f64) -> bool),
            (json!("INF"), |v: f64| v == f64::INFINITY),
            (json!(1.5), |v: f64| v == 1.5),
        ] {
            let value: Double = serde_json::from_value(wire.clone()).unwrap();
            assert!(check(value.0));
            assert_eq!(serde_json::to_value(value).unwrap(), wire);
        }
        assert!(serde_json::from_value::<Double>(json!("1.5")).is_err());
    }

    #[test]
    fn enums_keep_unknown_values_and_flags_keep_their_order() {
        let right: Right = serde_json::from_value(json!("write")).unwrap();
        assert_eq!(right, Right::Write);
        let right: Right = serde_json::from_value(json!("admin")).unwrap();
        assert_eq!(right, Right::Other("admin".into()));
        assert_eq!(serde_json::to_value(&right).unwrap(), json!("admin"));
        let flags: Flags<Right> = serde_json::from_value(json!("write,read,admin")).unwrap();
        assert_eq!(
            flags.0,
            [Right::Write, Right::Read, Right::Other("admin".into())]
        );
        assert_eq!(
            serde_json::to_value(&flags).unwrap(),
            json!("write,read,admin")
        );
    }
}
