//! Edm primitives that JSON carries as strings, each a type that checks the text and gives a
//! typed value:
//!
//! | Edm type | Rust type | wire form |
//! |---|---|---|
//! | `Edm.DateTimeOffset` | [`DateTimeOffset`] (`time::OffsetDateTime`) | RFC 3339, `2021-12-14T11:15:43.207Z` |
//! | `Edm.Date` | [`Date`] (`time::Date`) | `2021-12-14` |
//! | `Edm.TimeOfDay` | [`TimeOfDay`] (`time::Time`) | `08:00:00.0000000` |
//! | `Edm.Duration` | [`Duration`] (ISO 8601, checked by `iso8601`) | `PT1H30M`, `P1D` |
//! | `Edm.Guid` | [`Guid`] (`uuid::Uuid`) | `5dcfcc88-da88-4252-8629-a0807b4b076d` |
//! | `Edm.Binary` | [`Binary`] (bytes) | base64 |
//!
//! Each keeps the text it was read from and writes it back unchanged, so a round trip never
//! rewrites a value (`+00:00` stays `+00:00`, an upper-case GUID stays upper-case); the typed
//! value is there to use and compare.

use base64::Engine;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Declares a string-carried primitive: the text as read, and the value parsed from it.
macro_rules! text_primitive {
    ($(#[$meta:meta])* $name:ident($value:ty), $parse:expr, $what:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            text: String,
            value: $value,
        }

        impl $name {
            /// Reads the wire text.
            pub fn parse(text: &str) -> Result<Self, String> {
                let parse: fn(&str) -> Option<$value> = $parse;
                match parse(text) {
                    Some(value) => Ok($name { text: text.to_string(), value }),
                    None => Err(format!(concat!("`{}` is not ", $what), text)),
                }
            }

            /// The typed value.
            pub fn value(&self) -> &$value {
                &self.value
            }

            /// The text as it was read (and is written back).
            pub fn as_str(&self) -> &str {
                &self.text
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.text)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.text)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                $name::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

text_primitive!(
    /// An `Edm.DateTimeOffset`: an instant with its offset (RFC 3339).
    DateTimeOffset(time::OffsetDateTime),
    |text| time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok(),
    "an RFC 3339 date-time"
);

text_primitive!(
    /// An `Edm.Date`: a calendar date, `YYYY-MM-DD`.
    Date(time::Date),
    |text| time::Date::parse(text, time::macros::format_description!("[year]-[month]-[day]")).ok(),
    "a YYYY-MM-DD date"
);

text_primitive!(
    /// An `Edm.TimeOfDay`: `HH:MM:SS` with optional fractional seconds.
    TimeOfDay(time::Time),
    |text| {
        let format = time::macros::format_description!(
            version = 2,
            "[hour]:[minute][optional [:[second][optional [.[subsecond]]]]]"
        );
        time::Time::parse(text, format).ok()
    },
    "an HH:MM:SS time of day"
);

text_primitive!(
        /// An `Edm.Duration`: an ISO 8601 duration such as `PT1H30M` (OData allows a leading `-`;
    /// the value is the magnitude, the text keeps the sign).
    Duration(iso8601::Duration),
    |text| iso8601::duration(text.strip_prefix('-').unwrap_or(text)).ok(),
    "an ISO 8601 duration"
);

text_primitive!(
    /// An `Edm.Guid`.
    Guid(uuid::Uuid),
    |text| uuid::Uuid::parse_str(text).ok(),
    "a GUID"
);

text_primitive!(
    /// An `Edm.Binary`: bytes written in base64.
    Binary(Vec<u8>),
    |text| base64::engine::general_purpose::STANDARD.decode(text).ok(),
    "base64"
);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn round_trip<T: Serialize + for<'de> Deserialize<'de>>(wire: serde_json::Value) -> T {
        let value: T = serde_json::from_value(wire.clone()).expect("reads");
        assert_eq!(
            serde_json::to_value(&value).unwrap(),
            wire,
            "written back unchanged"
        );
        value
    }

    #[test]
    fn date_times_keep_their_text_and_compare_as_instants() {
        let utc: DateTimeOffset = round_trip(json!("2021-12-14T11:15:43.207Z"));
        let offset: DateTimeOffset = round_trip(json!("2021-12-14T12:15:43.207+01:00"));
        assert_eq!(utc.value(), offset.value());
        assert!(serde_json::from_value::<DateTimeOffset>(json!("String (timestamp)")).is_err());
    }

    #[test]
    fn dates_times_durations_guids_and_binary() {
        let date: Date = round_trip(json!("2021-12-14"));
        assert_eq!(date.value().year(), 2021);
        let time: TimeOfDay = round_trip(json!("08:00:00.0000000"));
        assert_eq!(time.value().hour(), 8);
        round_trip::<TimeOfDay>(json!("17:30"));
        round_trip::<Duration>(json!("PT1H30M"));
        round_trip::<Duration>(json!("P1D"));
        round_trip::<Duration>(json!("-PT17.1357909S"));
        assert!(serde_json::from_value::<Duration>(json!("90 minutes")).is_err());
        let guid: Guid = round_trip(json!("5DCFCC88-DA88-4252-8629-A0807B4B076D"));
        assert_eq!(
            guid.value().to_string(),
            "5dcfcc88-da88-4252-8629-a0807b4b076d"
        );
        let bytes: Binary = round_trip(json!("aGVsbG8="));
        assert_eq!(bytes.value(), b"hello");
        assert!(serde_json::from_value::<Guid>(json!("Guid")).is_err());
    }
}
