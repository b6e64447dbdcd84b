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

// The checker's rules (`graph-docgen check`). `check::rules` holds each rule's name, default
// severity and explanation.

/// An annotation has a key no tool reads (often a misspelling).
pub const ANNOTATION_UNKNOWN_KEY: &str = "GD1001";
/// A request example has no response example.
pub const REQUEST_WITHOUT_RESPONSE: &str = "GD1101";
/// A response example follows no request example.
pub const RESPONSE_WITHOUT_REQUEST: &str = "GD1102";
/// Two request examples share a name.
pub const DUPLICATE_EXAMPLE_NAME: &str = "GD1103";
/// An example URL matches none of the page's request templates.
pub const EXAMPLE_URL_UNMATCHED: &str = "GD1201";
/// An example uses another method than the template its URL matches.
pub const EXAMPLE_METHOD_DIFFERS: &str = "GD1202";
/// An example on a v1.0 page calls the beta endpoint, or a v1.0 page includes the beta
/// disclaimer.
pub const VERSION_MISMATCH: &str = "GD1203";
/// A request template writes a sample id (a GUID) where a placeholder belongs.
pub const TEMPLATE_SAMPLE_ID: &str = "GD1204";
/// A response example's status is not one the Response section documents.
pub const RESPONSE_STATUS_DIFFERS: &str = "GD1301";
/// A response example's reason phrase does not belong to its status code.
pub const REASON_PHRASE_WRONG: &str = "GD1302";
/// An example has a body where the page says none is sent (or a 204 has one).
pub const UNEXPECTED_BODY: &str = "GD1303";
/// A request example has no body where the page documents one.
pub const MISSING_BODY: &str = "GD1304";
/// A request example sends a JSON body without the `Content-Type` header the page documents.
pub const CONTENT_TYPE_MISSING: &str = "GD1305";
/// An example payload has a property its documented type does not have.
pub const UNKNOWN_PAYLOAD_PROPERTY: &str = "GD1401";
/// An example value has the wrong JSON kind or format for its documented type.
pub const WRONG_VALUE_KIND: &str = "GD1402";
/// An example value is not a member of its documented enum or possible values.
pub const ENUM_VALUE_UNKNOWN: &str = "GD1403";
/// `@odata.type` names a type no page defines.
pub const ODATA_TYPE_UNKNOWN: &str = "GD1501";
/// `@odata.type` names a type that does not derive from the declared type.
pub const ODATA_TYPE_NOT_DERIVED: &str = "GD1502";
/// `@odata.type` spells a documented type's name in another case.
pub const ODATA_TYPE_CASE_DIFFERS: &str = "GD1503";
/// The JSON representation lists a property the table lacks.
pub const REPRESENTATION_EXTRA_PROPERTY: &str = "GD1601";
/// The JSON representation lacks a property the table lists.
pub const REPRESENTATION_MISSING_PROPERTY: &str = "GD1602";
/// The JSON representation shows a property with another type than the table.
pub const REPRESENTATION_TYPE_DIFFERS: &str = "GD1603";
/// A type reference names a type no page defines.
pub const TYPE_REFERENCE_UNRESOLVED: &str = "GD1701";
/// A relative link or include points to a page that does not exist.
pub const BROKEN_LINK: &str = "GD1702";
/// A base type names a type no page defines.
pub const BASE_TYPE_MISSING: &str = "GD1703";
/// A placeholder value (`"String"`, `"Guid"`) is left in an example.
pub const PLACEHOLDER_VALUE: &str = "GD1801";
/// An unfinished `TODO` marker is left on the page.
pub const TODO_MARKER: &str = "GD1802";
/// A property or parameter row has an empty description.
pub const EMPTY_DESCRIPTION: &str = "GD1803";
/// A table lists the same property twice.
pub const DUPLICATE_PROPERTY: &str = "GD1901";
/// A create or update page lists a read-only property as settable.
pub const READ_ONLY_SETTABLE: &str = "GD1902";
/// A documented type is not in the schema, or a schema type has no page.
pub const SCHEMA_TYPE_MISMATCH: &str = "GD2001";
/// A property is documented but not in the schema, or the reverse.
pub const SCHEMA_PROPERTY_MISMATCH: &str = "GD2002";
/// A property's type or collection-ness differs between the docs and the schema.
pub const SCHEMA_PROPERTY_TYPE_DIFFERS: &str = "GD2003";
