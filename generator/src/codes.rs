//! Stable diagnostic codes of the parser and model builder. The checker adds its own rules on
//! top; every code keeps its meaning forever once published.

/// The file could not be read (permissions, a directory, an I/O error).
pub const UNREADABLE_FILE: &str = "GD0001";
/// The file is not valid UTF-8; it was read with replacement characters.
pub const INVALID_UTF8: &str = "GD0002";
/// The file is empty.
pub const EMPTY_PAGE: &str = "GD0003";
/// The YAML front matter could not be read.
pub const FRONT_MATTER_INVALID: &str = "GD0004";
/// An annotation comment is not strict JSON but its intent is clear; it was repaired.
pub const ANNOTATION_NOT_STRICT_JSON: &str = "GD0101";
/// An annotation comment cannot be read as JSON at all.
pub const ANNOTATION_UNREADABLE: &str = "GD0102";
/// An annotation describes a block but no fence follows it in its section.
pub const ANNOTATION_UNBOUND: &str = "GD0103";
/// An annotation has a `blockType` no tool knows.
pub const ANNOTATION_UNKNOWN_BLOCK_TYPE: &str = "GD0104";
/// An HTML comment is never closed and swallows the rest of the page.
pub const UNTERMINATED_COMMENT: &str = "GD0105";
/// A code fence is never closed, or is closed by what looks like a new fence.
pub const UNCLOSED_FENCE: &str = "GD0201";
/// A table row has a different number of cells from its header; cells may be lost.
pub const TABLE_CELL_COUNT: &str = "GD0301";
/// An example or template payload is not strict JSON but was read leniently.
pub const PAYLOAD_NOT_STRICT_JSON: &str = "GD0401";
/// An example or template payload cannot be read as JSON at all.
pub const PAYLOAD_UNREADABLE: &str = "GD0402";
/// A type cell in a table names no type the tool can read.
pub const TYPE_CELL_UNREADABLE: &str = "GD0501";
/// Two pages define the same type differently.
pub const CONFLICTING_DEFINITION: &str = "GD0502";
/// "Inherits from" in the text and `baseType` in the annotation disagree.
pub const BASE_TYPE_DISAGREEMENT: &str = "GD0503";
/// Base types form a cycle.
pub const BASE_TYPE_CYCLE: &str = "GD0504";
