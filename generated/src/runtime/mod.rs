// Copied by graph-docgen from its `runtime/mod.rs`: edit it there and run `cargo run`.
//! The runtime the generated models build on. It is written by hand in the generator's
//! `runtime/` folder and copied into every generated crate, so that a generated crate stands
//! alone; edit it there, never in a generated crate.
//!
//! - [`Field`]: a property that is absent, explicitly `null`, or a value (Graph's PATCH
//!   semantics need all three).
//! - [`Additional`]: the properties and annotations a payload carries beyond what the docs list.
//! - [`Opaque`]: the value of a type the docs reference but do not define, kept as raw JSON.
//! - [`Double`]: an `Edm.Double`/`Edm.Single`, which Graph writes as a JSON number or as the
//!   strings `"NaN"`, `"INF"` and `"-INF"`.
//! - [`wire_enum!`](crate::wire_enum): an evolvable Graph enum whose values keep their wire
//!   spelling and that keeps values added to the service later.
//! - [`Flags`]: a flags enum value, written as comma-separated members.
//! - [`polymorphic!`](crate::polymorphic): a value of a type or of any type derived from it,
//!   chosen by the payload's `@odata.type`.
//! - [`edm`]: the other Edm primitives on well-kept crates (date-times and dates on `time`,
//!   GUIDs on `uuid`, binary on `base64`, durations checked with `iso8601`).
//! - `golden` (feature `round-trip`): the harness that reads every documented example through
//!   the models and writes it back.
//! - [`http`]: what the generated route stubs build requests with and read responses with.

pub mod edm;
#[cfg(feature = "round-trip")]
pub mod golden;
pub mod http;
mod projection;

pub use projection::{typed_projection, Additional, Opaque};

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

    /// Whether the property was present as `null` (which clears it in a `PATCH`).
    pub fn is_null(&self) -> bool {
        matches!(self, Field::Null)
    }

    /// Whether the property has a value.
    pub fn is_value(&self) -> bool {
        matches!(self, Field::Value(_))
    }

    /// The field with a reference to its value, absent and `null` kept.
    pub fn as_ref(&self) -> Field<&T> {
        match self {
            Field::Absent => Field::Absent,
            Field::Null => Field::Null,
            Field::Value(value) => Field::Value(value),
        }
    }

    /// The field with its value mapped, absent and `null` kept.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Field<U> {
        match self {
            Field::Absent => Field::Absent,
            Field::Null => Field::Null,
            Field::Value(value) => Field::Value(f(value)),
        }
    }
}

impl<T> Field<Box<T>> {
    /// A field holding `value`, boxed, as a property of a type that contains itself (or is
    /// large) holds it: `Field::boxed(recipient)` for `Field::Value(Box::new(recipient))`.
    pub fn boxed(value: T) -> Self {
        Field::Value(Box::new(value))
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
        use serde::de::{Error, Unexpected};
        const EXPECTED: &str = "a number, \"NaN\", \"INF\" or \"-INF\"";
        // Read as a `Value` rather than as a serde untagged enum: with `arbitrary_precision`
        // an untagged enum is handed a number as a map and refuses it, and a wrong kind of
        // value says "invalid type", which the golden harness counts as a docs defect, where an
        // untagged enum only says that no variant matched.
        let text = match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::Number(number) => {
                return number.as_f64().map(Double).ok_or_else(|| {
                    D::Error::custom(format!("{number} is beyond the range of a double"))
                });
            }
            serde_json::Value::String(text) => text,
            serde_json::Value::Bool(value) => {
                return Err(D::Error::invalid_type(Unexpected::Bool(value), &EXPECTED))
            }
            serde_json::Value::Null => {
                return Err(D::Error::invalid_type(Unexpected::Unit, &EXPECTED))
            }
            serde_json::Value::Array(_) => {
                return Err(D::Error::invalid_type(Unexpected::Seq, &EXPECTED))
            }
            serde_json::Value::Object(_) => {
                return Err(D::Error::invalid_type(Unexpected::Map, &EXPECTED))
            }
        };
        match text.as_str() {
            "NaN" => Ok(Double(f64::NAN)),
            "INF" => Ok(Double(f64::INFINITY)),
            "-INF" => Ok(Double(f64::NEG_INFINITY)),
            other => Err(D::Error::custom(format!(
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
/// (`"read,write"`), their order and each member's spelling kept. It is written as OData
/// writes flags, the members joined by `,` alone: `"read, write"` reads as the same value
/// and is written `"read,write"`.
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

/// A value whose declared type has derived types: the payload's `@odata.type` (with or without
/// the leading `#`) picks the derived type when the value is read, and the value is written back
/// with its `@odata.type` exactly as it came. A value without `@odata.type`, or with one the
/// docs do not list, is read as the declared type, with nothing lost. Every type of the enum
/// has an `additional: Additional` bag, as the generated structs do: a derived value whose bag
/// holds no `@odata.type` (one built in code) is written with its own.
///
/// ```
/// use graph_models::runtime::{Additional, Field};
/// #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
/// pub struct Shape {
///     #[serde(default, skip_serializing_if = "Field::is_absent")]
///     pub name: Field<String>,
///     #[serde(flatten)]
///     pub additional: Additional,
/// }
/// #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
/// pub struct Circle {
///     #[serde(default, skip_serializing_if = "Field::is_absent")]
///     pub name: Field<String>,
///     #[serde(default, skip_serializing_if = "Field::is_absent")]
///     pub radius: Field<i32>,
///     #[serde(flatten)]
///     pub additional: Additional,
/// }
/// graph_models::polymorphic! {
///     /// A shape or a circle.
///     pub enum AnyShape: Shape = "microsoft.graph.shape" {
///         Circle = "microsoft.graph.circle",
///     }
/// }
/// let wire = serde_json::json!({"@odata.type": "#microsoft.graph.circle", "radius": 2});
/// let shape: AnyShape = serde_json::from_value(wire.clone()).unwrap();
/// assert!(matches!(shape, AnyShape::Circle(ref c) if c.radius == Field::Value(2)));
/// assert_eq!(serde_json::to_value(&shape).unwrap(), wire);
/// // A derived value built in code is written with its type, for the service to tell.
/// let built = AnyShape::Circle(Box::new(Circle { radius: Field::Value(2), ..Default::default() }));
/// assert_eq!(serde_json::to_value(&built).unwrap(), wire);
/// ```
#[macro_export]
macro_rules! polymorphic {
    (
        $(#[$meta:meta])*
        pub enum $name:ident : $base:ident = $base_wire:literal {
            $( $variant:ident = $wire:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        pub enum $name {
            /// The declared type, or a derived type the docs do not list.
            $base(::std::boxed::Box<$base>),
            $(
                #[doc = concat!("`", $wire, "`.")]
                $variant(::std::boxed::Box<$variant>),
            )*
        }
        impl ::std::default::Default for $name {
            fn default() -> Self {
                $name::$base(::std::default::Default::default())
            }
        }
        impl $name {
            /// The qualified name of the type the value was read as.
            pub fn type_name(&self) -> &'static str {
                match self {
                    $name::$base(_) => $base_wire,
                    $( $name::$variant(_) => $wire, )*
                }
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $name::$base(value) => value.serialize(serializer),
                    // A value read from a payload keeps the payload's `@odata.type` in its bag,
                    // and is written as it came; one built in code is written with its own.
                    $( $name::$variant(value) if value.additional.contains_key("@odata.type") => value.serialize(serializer),
                    $name::$variant(value) => $crate::runtime::write_tagged(&**value, $wire, serializer), )*
                }
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let tag = $crate::runtime::odata_type(&value);
                $(
                    if tag.is_some_and(|tag| tag.eq_ignore_ascii_case($wire)) {
                        return $crate::runtime::read_buffered(value)
                            .map(|v| $name::$variant(::std::boxed::Box::new(v)))
                            .map_err(<D::Error as ::serde::de::Error>::custom);
                    }
                )*
                $crate::runtime::read_buffered(value)
                    .map(|v| $name::$base(::std::boxed::Box::new(v)))
                    .map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }
    };
}

/// Writes a value of a derived type of a [`polymorphic!`](crate::polymorphic) enum that has
/// no `@odata.type` of its own (one built in code) with `#` and the type's qualified name, so
/// that the service can tell which type it is.
#[doc(hidden)]
pub fn write_tagged<T: Serialize, S: serde::Serializer>(
    value: &T,
    wire: &str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match serde_json::to_value(value).map_err(serde::ser::Error::custom)? {
        serde_json::Value::Object(mut object) => {
            object.insert(
                "@odata.type".to_string(),
                serde_json::Value::String(format!("#{wire}")),
            );
            object.serialize(serializer)
        }
        other => other.serialize(serializer),
    }
}

/// Reads a value that a [`polymorphic!`](crate::polymorphic) enum buffered to look at its
/// `@odata.type`. With the `round-trip` feature, an error names the path inside the value
/// (`at .a.b: ...`), so that the path survives the buffering.
#[doc(hidden)]
pub fn read_buffered<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
) -> Result<T, String> {
    read_as_text(&value).map_err(|(path, message)| golden_path(&path, &message))
}

/// Reads `value` as a `T` from its JSON text rather than from the value itself: from a
/// `Value`, serde's buffer of the properties a type does not list (`#[serde(flatten)]`)
/// refuses a whole number beyond 64 bits, which from text it keeps whole. An error comes back
/// as the path where reading failed (empty without the `round-trip` feature) and the message.
pub(crate) fn read_as_text<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
) -> Result<T, (String, String)> {
    let text = value.to_string();
    #[cfg(feature = "round-trip")]
    {
        // The text is one value's writing, so nothing can follow it.
        let mut reader = serde_json::Deserializer::from_str(&text);
        serde_path_to_error::deserialize(&mut reader)
            .map_err(|error| (error.path().to_string(), message_of(error.inner())))
    }
    #[cfg(not(feature = "round-trip"))]
    {
        serde_json::from_str(&text).map_err(|error| (String::new(), message_of(&error)))
    }
}

/// A reading error's message without its place in the text read (` at line 1 column 40`): that
/// text is the bindings' own writing of a value, not the caller's.
fn message_of(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let place = format!(" at line {} column {}", error.line(), error.column());
    match message.strip_suffix(&place) {
        Some(bare) => bare.to_string(),
        None => message,
    }
}

/// The message of an error at `path` (see [`golden::at_path`]), or the message alone without
/// the `round-trip` feature, which records no path.
fn golden_path(path: &str, message: &str) -> String {
    #[cfg(feature = "round-trip")]
    {
        golden::at_path(path, message)
    }
    #[cfg(not(feature = "round-trip"))]
    {
        let _ = path;
        message.to_string()
    }
}

/// The `@odata.type` of a JSON object, without its leading `#`.
pub fn odata_type(value: &serde_json::Value) -> Option<&str> {
    let tag = value.get("@odata.type")?.as_str()?;
    Some(tag.strip_prefix('#').unwrap_or(tag))
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

    /// Shaped as the generated types are: a Decimal, a Double, an Int64 and a bag.
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    pub struct Measure {
        #[serde(default, skip_serializing_if = "Field::is_absent")]
        amount: Field<serde_json::Number>,
        #[serde(default, skip_serializing_if = "Field::is_absent")]
        ratio: Field<Double>,
        #[serde(default, skip_serializing_if = "Field::is_absent")]
        count: Field<i64>,
        #[serde(flatten)]
        additional: Additional,
    }

    /// A type derived from `Measure`, with the same properties.
    pub type Sample = Measure;

    crate::polymorphic! {
        /// A measure read through its `@odata.type`, as a base type is.
        pub enum AnyMeasure: Measure = "microsoft.graph.measure" {
            Sample = "microsoft.graph.sample",
        }
    }

    #[test]
    fn numbers_keep_every_digit_whether_read_directly_or_through_their_odata_type() {
        let wire = r#"{"amount":0.10000000000000000000001,"ratio":1e2,"count":9007199254740993,"big":100000000000000000000,"huge":1e400,"long":47.640568390488626}"#;
        let direct: Measure = serde_json::from_str(wire).unwrap();
        assert_eq!(direct.ratio, Field::Value(Double(100.0)));
        let written = serde_json::to_string(&direct).unwrap();
        // Every digit is kept; serde_json spells an exponent `e` with its sign.
        for kept in [
            "0.10000000000000000000001",
            "9007199254740993",
            "100000000000000000000",
            "1e+400",
            "47.640568390488626",
        ] {
            assert!(written.contains(kept), "{kept} lost in {written}");
        }
        let buffered: AnyMeasure = serde_json::from_str(wire).unwrap();
        assert_eq!(serde_json::to_string(&buffered).unwrap(), written);
        let derived = wire.replacen('{', r##"{"@odata.type":"#microsoft.graph.sample","##, 1);
        let buffered: AnyMeasure = serde_json::from_str(&derived).unwrap();
        assert_eq!(buffered.type_name(), "microsoft.graph.sample");
        let written = serde_json::to_string(&buffered).unwrap();
        assert!(written.contains("0.10000000000000000000001"), "{written}");
        assert!(written.contains("100000000000000000000"), "{written}");
    }

    #[test]
    fn a_field_tells_absent_null_and_value_apart_through_its_helpers() {
        let fields: [Field<i32>; 3] = [Field::Absent, Field::Null, Field::Value(2)];
        let told: Vec<(bool, bool, bool)> = fields
            .iter()
            .map(|f| (f.is_absent(), f.is_null(), f.is_value()))
            .collect();
        assert_eq!(
            told,
            [
                (true, false, false),
                (false, true, false),
                (false, false, true)
            ]
        );
        assert_eq!(Field::Value(2).map(|n| n * 10), Field::Value(20));
        assert_eq!(Field::<i32>::Null.map(|n| n * 10), Field::Null);
        assert_eq!(fields[2].as_ref(), Field::Value(&2));
        assert_eq!(Field::boxed(3), Field::Value(Box::new(3)));
    }

    #[test]
    fn a_derived_value_is_written_with_its_odata_type_as_read_or_else_its_own() {
        // Read: the payload's spelling is kept, and the properties' order.
        let wire = r##"{"count":2,"@odata.type":"#Microsoft.Graph.Sample","note":"x"}"##;
        let read: AnyMeasure = serde_json::from_str(wire).unwrap();
        assert_eq!(serde_json::to_string(&read).unwrap(), wire);
        // Built in code: the type is written, so the service can tell it from the base.
        let built = AnyMeasure::Sample(Box::new(Sample {
            count: Field::Value(2),
            ..Default::default()
        }));
        assert_eq!(
            serde_json::to_value(&built).unwrap(),
            json!({"@odata.type": "#microsoft.graph.sample", "count": 2})
        );
        // The base type needs none: no `@odata.type` means the declared type.
        let base = AnyMeasure::Measure(Box::default());
        assert_eq!(serde_json::to_string(&base).unwrap(), "{}");
    }

    #[test]
    fn an_error_read_through_the_odata_type_does_not_point_into_text_the_bindings_wrote() {
        let error = serde_json::from_str::<AnyMeasure>(r#"{"count": "many"}"#).unwrap_err();
        assert_eq!(
            error.to_string(),
            r#"at .count: invalid type: string "many", expected i64"#
        );
    }

    #[test]
    fn a_double_refuses_other_kinds_as_invalid_types() {
        for wire in [json!(true), json!([1]), json!({"a": 1})] {
            let error = serde_json::from_value::<Double>(wire).unwrap_err();
            assert!(error.to_string().starts_with("invalid type:"), "{error}");
        }
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
