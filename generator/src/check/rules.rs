//! The registry of rules: every code the checker can report, with its kebab-case name, default
//! severity, whether it runs by default, a one-line summary and an explanation in markdown
//! (what `graph-docgen explain CODE` prints and `docs/rules.md` lists).

use crate::codes;
use crate::diagnostics::Severity;
use foldhash::HashMap;
use std::sync::LazyLock;

/// One rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable code, such as `GD1401`.
    pub code: &'static str,
    /// Stable kebab-case name, such as `unknown-payload-property`.
    pub name: &'static str,
    /// Severity when no configuration says otherwise.
    pub severity: Severity,
    /// Whether the rule runs when no configuration says otherwise.
    pub enabled: bool,
    /// What it finds, in one line.
    pub summary: &'static str,
    /// Why it matters and how to fix it, in markdown.
    pub explanation: &'static str,
}

const fn rule(
    code: &'static str,
    name: &'static str,
    severity: Severity,
    summary: &'static str,
    explanation: &'static str,
) -> Rule {
    Rule {
        code,
        name,
        severity,
        enabled: true,
        summary,
        explanation,
    }
}

const fn off(rule: Rule) -> Rule {
    Rule {
        enabled: false,
        ..rule
    }
}

use Severity::{Error, Note, Warning};

/// Every rule, in code order.
pub const RULES: &[Rule] = &[
    rule(
        codes::UNREADABLE_FILE,
        "unreadable-file",
        Error,
        "a file or directory entry cannot be read",
        "The file could not be read at all (permissions, a dangling link, an I/O error), so \
         nothing on it was checked.\n\nFix the file system entry or remove it.",
    ),
    rule(
        codes::INVALID_UTF8,
        "invalid-utf8",
        Error,
        "the page is not valid UTF-8",
        "Reference pages are UTF-8. Bytes that are not were read as replacement characters, so \
         the text a reader sees differs from the source.\n\nRe-save the file as UTF-8.",
    ),
    rule(
        codes::EMPTY_PAGE,
        "empty-page",
        Error,
        "the page is empty",
        "An empty `.md` file documents nothing and publishes as a blank page.\n\nWrite the page \
         or delete the file.",
    ),
    rule(
        codes::FRONT_MATTER_INVALID,
        "invalid-front-matter",
        Error,
        "the YAML front matter cannot be read",
        "The `---` block at the top of the page is not valid YAML, so its title, description and \
         `doc_type` are lost.\n\nFix the YAML at the reported position.",
    ),
    rule(
        codes::ANNOTATION_NOT_STRICT_JSON,
        "annotation-not-strict-json",
        Warning,
        "an annotation comment is not strict JSON (it was repaired)",
        "Annotation comments (`<!-- { \"blockType\": \"request\" } -->`) are read by tools as \
         JSON. This one has a trailing comma, a bare key or a raw newline in a string; this \
         tool repairs it, stricter tools (API Doctor) drop the annotation and with it the \
         example's validation.\n\n```\n<!-- { \"blockType\": \"response\", } -->\n```\n\nRemove \
         the trailing comma, quote the key, or join the string. `check --fix` removes \
         trailing commas and quotes keys.",
    ),
    rule(
        codes::ANNOTATION_UNREADABLE,
        "annotation-invalid-json",
        Error,
        "an annotation comment is not valid JSON",
        "The comment starts like an annotation but cannot be read as JSON even leniently (a \
         missing comma or quote), so the block it describes is not validated.\n\nFix the JSON at \
         the reported position.",
    ),
    rule(
        codes::ANNOTATION_UNBOUND,
        "annotation-unbound",
        Warning,
        "an annotation describes no code block",
        "An annotation with a `blockType` binds to the next fenced block in its section. None \
         follows this one, so it describes nothing.\n\nMove the annotation right above its \
         fence, or delete it.",
    ),
    rule(
        codes::ANNOTATION_UNKNOWN_BLOCK_TYPE,
        "annotation-unknown-block-type",
        Error,
        "an annotation has a blockType no tool knows",
        "Known block types are `request`, `response`, `resource`, `example`, `ignored`, \
         `samples` and `permissions`. Any other value makes tools skip the block.\n\nUse one of \
         the known values.",
    ),
    rule(
        codes::UNTERMINATED_COMMENT,
        "unterminated-comment",
        Error,
        "an HTML comment is never closed",
        "A `<!--` without `-->` hides the rest of the page from readers and tools.\n\nClose the \
         comment.",
    ),
    rule(
        codes::UNCLOSED_FENCE,
        "unclosed-fence",
        Error,
        "a code fence is never closed",
        "A fence that is never closed (or whose closer carries an info string, such as \
         ```` ```http ````) swallows the headings and examples after it.\n\nClose the fence \
         with a bare ```` ``` ````.",
    ),
    rule(
        codes::TABLE_CELL_COUNT,
        "table-cell-count",
        Warning,
        "a table row has another number of cells than its header",
        "Markdown drops the cells beyond the header's count, so text after an unescaped `|` is \
         lost from the published table.\n\n```\n| payloadFileName | String | (*.mobileconfig | *.xml) |\n```\n\nEscape the \
         pipe as `\\|`, or fill in the missing cells.",
    ),
    rule(
        codes::PAYLOAD_NOT_STRICT_JSON,
        "payload-not-strict-json",
        Warning,
        "an example or template payload is not strict JSON",
        "The payload has comments, trailing commas or raw newlines in strings. Readers copy \
         examples into tools that reject them.\n\nMake it strict JSON, or mark the block as \
         not JSON. `check --fix` removes trailing commas, quotes keys, escapes tabs inside \
         strings and turns non-breaking spaces between tokens into spaces; comments, \
         typographic quotes and line breaks inside strings are left to a person.",
    ),
    rule(
        codes::PAYLOAD_UNREADABLE,
        "payload-invalid-json",
        Error,
        "an example or template payload is not JSON",
        "The payload is declared or looks like JSON but cannot be read (a missing comma, a \
         fragment without braces), so none of its properties is checked.\n\nFix the JSON at \
         the reported position.",
    ),
    rule(
        codes::TYPE_CELL_UNREADABLE,
        "type-cell-unreadable",
        Warning,
        "a table type cell names no type",
        "The Type cell is empty or is prose (`string/number`, a sentence). Tools that read it \
         silently fall back to String; this tool reports it.\n\nWrite an Edm primitive \
         (`String`, `Int32`...) or link the type's page.",
    ),
    rule(
        codes::CONFLICTING_DEFINITION,
        "conflicting-definition",
        Warning,
        "two pages define the same type differently",
        "The same type is defined on more than one page and the definitions disagree (a \
         property's type, the base type).\n\nKeep one definition, or make them agree.",
    ),
    rule(
        codes::BASE_TYPE_DISAGREEMENT,
        "base-type-disagreement",
        Error,
        "\"Inherits from\" and the baseType annotation disagree",
        "The description says the type inherits from one type and the resource annotation's \
         `baseType` names another.\n\n```\nInherits from [directoryObject](directoryobject.md).\n<!-- { \"blockType\": \"resource\", \"baseType\": \"microsoft.graph.entity\" } -->\n```\n\nMake \
         both name the real base type.",
    ),
    rule(
        codes::BASE_TYPE_CYCLE,
        "base-type-cycle",
        Error,
        "base types form a cycle",
        "Following the base types of this type leads back to it.\n\nFix the base type of one of \
         the types named.",
    ),
    rule(
        codes::ANNOTATION_UNKNOWN_KEY,
        "annotation-unknown-key",
        Warning,
        "an annotation has a key no tool reads",
        "Annotation keys are read by name; a misspelled key (`isColection`, `truncate`) is \
         ignored silently, so the example is validated against the wrong expectation.\n\nUse \
         the key the help suggests, or remove it.",
    ),
    rule(
        codes::REQUEST_WITHOUT_RESPONSE,
        "request-without-response",
        Warning,
        "a request example has no response example",
        "Every request example should show what comes back. A response pairs with the request \
         before it, or with every earlier request of the name in its annotation.\n\nAdd the \
         response, or mark the request `ignored`.",
    ),
    rule(
        codes::RESPONSE_WITHOUT_REQUEST,
        "response-without-request",
        Warning,
        "a response example follows no request example",
        "A response example without a request leaves the reader guessing which call returns \
         it; often the request's annotation is `ignored` or names another example.\n\nAdd the \
         request, or give the response the request's `name`.",
    ),
    rule(
        codes::DUPLICATE_EXAMPLE_NAME,
        "duplicate-example-name",
        Error,
        "two request examples share a name",
        "Request names (`\"name\": \"get_user\"`) identify examples across the whole reference: \
         they key the generated snippets and pair responses with requests. A name used twice \
         pairs the wrong blocks and overwrites snippets.\n\nRename one of them.",
    ),
    rule(
        codes::EXAMPLE_URL_UNMATCHED,
        "example-url-unmatched",
        Error,
        "an example URL matches none of the page's request templates",
        "The example calls a path that the HTTP request section does not document (a segment \
         renamed, `/$ref` dropped, a literal where the template has a placeholder).\n\n```\nDELETE /education/classes/{id}/members/{id}/$ref    (template)\nDELETE https://graph.microsoft.com/v1.0/education/classes/11014/members/13006   (example)\n```\n\nWhen \
         another page has a template of the same method that the URL matches (an example of \
         `PATCH .../format/font` on the page of `PATCH .../format`), the help names that page, \
         and the example's body is judged against that page's Request body, not this one's.\n\nMake \
         the example call a documented path, or document the path.",
    ),
    rule(
        codes::EXAMPLE_METHOD_DIFFERS,
        "example-method-differs",
        Error,
        "an example uses another method than its template",
        "The example's URL matches a template, but with another HTTP method (a `PUT` example \
         for a `DELETE` template).\n\nUse the documented method.",
    ),
    rule(
        codes::VERSION_MISMATCH,
        "version-mismatch",
        Warning,
        "a v1.0 page calls the beta endpoint or carries the beta disclaimer",
        "A page of the v1.0 reference documents the v1.0 endpoint. An example that calls \
         `https://graph.microsoft.com/beta/...` (or a misspelled version such as `/V1.0/` or \
         `/v1/`), or the beta disclaimer include, tells readers the API is in preview when it is \
         not, or sends them to an endpoint whose behaviour differs.\n\nCall \
         `https://graph.microsoft.com/v1.0/...`, and drop the beta disclaimer.",
    ),
    rule(
        codes::TEMPLATE_SAMPLE_ID,
        "template-sample-id",
        Warning,
        "a request template writes a sample id where a placeholder belongs",
        "A template under \"HTTP request\" documents every call of the operation, so each id \
         in it is a placeholder (`/education/classes/{class-id}`). A template that writes a \
         sample GUID instead (`/education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793`) \
         documents one call with one object, and readers copy the GUID. Example URLs are \
         matched against such a template as if the GUID were a placeholder, so \
         `example-url-unmatched` does not blame the examples for it.\n\nWrite a placeholder \
         in braces where the template has the GUID.",
    ),
    rule(
        codes::RESPONSE_STATUS_DIFFERS,
        "response-status-differs",
        Error,
        "a response example's status is not the documented one",
        "The Response section says which status a successful call returns (\"returns a `201 \
         Created` response code\"); the example returns another success status.\n\nMake the \
         prose and the example agree.",
    ),
    rule(
        codes::REASON_PHRASE_WRONG,
        "reason-phrase-wrong",
        Warning,
        "a status line's reason phrase does not match its code",
        "`HTTP/1.1 200 Created` or `202 Accpted`: the reason phrase contradicts or misspells \
         the status code.\n\nUse the standard phrase (`201 Created`, `202 Accepted`); `check --fix` writes it.",
    ),
    rule(
        codes::UNEXPECTED_BODY,
        "unexpected-body",
        Error,
        "an example has a body where none is sent",
        "The page says not to supply a request body, or the response is `204 No Content`, yet \
         the example shows one.\n\nRemove the body, or fix the status or the prose.",
    ),
    rule(
        codes::MISSING_BODY,
        "missing-body",
        Warning,
        "a request example has no body where one is documented",
        "The Request body section documents a body, but the example sends none.\n\nAdd the \
         body to the example.",
    ),
    rule(
        codes::CONTENT_TYPE_MISSING,
        "content-type-missing",
        Warning,
        "a request example sends JSON without the documented Content-Type header",
        "The Request headers table documents `Content-Type`, and the example sends a JSON body \
         without it. A reader who copies the example gets `415 Unsupported Media Type` or a \
         body the service does not read as JSON.\n\nAdd `Content-Type: application/json` under \
         the request line.",
    ),
    rule(
        codes::UNKNOWN_PAYLOAD_PROPERTY,
        "unknown-payload-property",
        Warning,
        "an example payload has a property its type does not have",
        "A property in a request or response example is not a property of the documented type, \
         its base types or its derived types (nor a parameter of the Request body table). \
         Usually a typo or a rename the example missed; the help suggests the nearest \
         documented name. Where a response's annotation declares another type than the \
         Response section documents (or, for a create whose Response section names none, \
         than its Request body documents), and the body is of the documented type (it has \
         every property of the declared type it shows, and more), the finding says so once, \
         on the body, instead of listing each property; where the type's JSON \
         representation lists the property but its tables do not, the finding says the table \
         lacks it.\n\nFix the name, or \
         document the property; for a wrong declared type, fix the annotation's \
         `@odata.type`.",
    ),
    rule(
        codes::WRONG_VALUE_KIND,
        "wrong-value-kind",
        Error,
        "an example value has the wrong JSON kind or format",
        "The documented type says Boolean and the example sends `\"false\"`; Int32 and it sends \
         a string; DateTimeOffset and the value is no ISO 8601 date-time; Guid and it is no \
         GUID; a collection and it is a single value. Clients generated from the docs fail on \
         such payloads.\n\nWrite a value of the documented type. Placeholders such as \
         `\"x-value\"` and `\"{id}\"` are not checked for format.",
    ),
    rule(
        codes::ENUM_VALUE_UNKNOWN,
        "enum-value-unknown",
        Warning,
        "an example value is not a documented enum member",
        "The property is an enum (or lists \"Possible values\"), and the example's value is \
         none of them (case ignored). Also reported on a resource page: a description that \
         lists values which are not members of the enum the property's type (or name) \
         names.\n\nUse a documented member, or document the value.",
    ),
    rule(
        codes::ODATA_TYPE_UNKNOWN,
        "odata-type-unknown",
        Error,
        "`@odata.type` names a type no page defines",
        "An `@odata.type` in an example or annotation names a `microsoft.graph` type that no \
         page documents (often a misspelling or a beta-only type).\n\nFix the name, or \
         document the type.",
    ),
    rule(
        codes::ODATA_TYPE_NOT_DERIVED,
        "odata-type-not-derived",
        Error,
        "`@odata.type` names a type that does not derive from the declared type",
        "A value's `@odata.type` must be the declared type or a type derived from it; a \
         `#microsoft.graph.user` where a `message` is declared cannot be right.\n\nFix the type \
         name, or the declared type.",
    ),
    rule(
        codes::ODATA_TYPE_CASE_DIFFERS,
        "odata-type-case-differs",
        Warning,
        "`@odata.type` spells a documented type's name in another case",
        "An `@odata.type` in an example or annotation names a documented type, but not as the \
         type is documented (`microsoft.graph.orgcontact` for `orgContact`, as its title and \
         the official schema spell it). OData type names are case-sensitive: a client that \
         dispatches on `@odata.type` does not recognise the value.\n\nSpell the name as the \
         type is documented; `check --fix` does.",
    ),
    rule(
        codes::REPRESENTATION_EXTRA_PROPERTY,
        "representation-extra-property",
        Warning,
        "the JSON representation lists a property the tables lack",
        "The resource's JSON representation shows a property that neither the Properties nor \
         the Relationships table (nor a base type) lists; a difference in case only \
         (`subUnit` against `subunit`) is reported too.\n\nAdd the row, or fix the name.",
    ),
    off(rule(
        codes::REPRESENTATION_MISSING_PROPERTY,
        "representation-missing-property",
        Note,
        "the JSON representation lacks a property the table lists",
        "The Properties table lists a property that the JSON representation does not show. \
         Off by default: many pages leave rarely used properties out on purpose.\n\nAdd the \
         property to the JSON representation.",
    )),
    rule(
        codes::REPRESENTATION_TYPE_DIFFERS,
        "representation-type-differs",
        Warning,
        "the JSON representation shows a property with another type than the table",
        "The table says `String collection` and the JSON representation shows a single string, \
         or the table says Boolean and the JSON shows a number.\n\nMake the table and the JSON \
         agree.",
    ),
    rule(
        codes::TYPE_REFERENCE_UNRESOLVED,
        "type-reference-unresolved",
        Warning,
        "a type reference names a type no page defines",
        "A Type cell or the Response prose names a type (often by a link) that no page of the \
         reference defines, so readers cannot look it up.\n\nLink the right page, or document \
         the type.",
    ),
    rule(
        codes::BROKEN_LINK,
        "broken-link",
        Error,
        "a relative link or include points to a page that does not exist",
        "A relative `.md` link in the text, a heading or a table, or an `[!INCLUDE]` line, points \
         to a file of the docs tree that does not exist: the reader follows a dead link, or the \
         published page silently shows nothing where the include is. Targets in folders the \
         tree holds no pages in (other repositories, the snippet folders) are not judged.\n\n\
         Fix the link or include target.",
    ),
    rule(
        codes::BASE_TYPE_MISSING,
        "base-type-missing",
        Error,
        "a base type names a type no page defines",
        "\"Inherits from\" or `baseType` names a type that no page defines, so the inherited \
         properties are unknown.\n\nFix the name, or document the base type.",
    ),
    rule(
        codes::PLACEHOLDER_VALUE,
        "placeholder-value",
        Warning,
        "a type-name placeholder is left in an example",
        "Examples show real values. `\"String (timestamp)\"`, `\"Guid\"` or `\"Boolean\"` are \
         copied from the JSON representation template and tell the reader nothing. An example \
         with four placeholders or more was copied whole: one finding, on its first \
         placeholder, counts them all.\n\nWrite a realistic value.",
    ),
    rule(
        codes::TODO_MARKER,
        "todo-marker",
        Warning,
        "an unfinished TODO marker is left on the page",
        "`TODO` in the page text or front matter means the page is not finished.\n\nFinish the \
         text and remove the marker.",
    ),
    off(rule(
        codes::EMPTY_DESCRIPTION,
        "empty-description",
        Note,
        "a property or parameter has an empty description",
        "The Description cell of a property, relationship or parameter row is empty. Off by \
         default: generated pages leave many empty.\n\nDescribe the property.",
    )),
    rule(
        codes::DUPLICATE_PROPERTY,
        "duplicate-property",
        Error,
        "a table lists the same property twice",
        "A property, relationship or parameter appears twice in the tables of one type or \
         request body; readers cannot tell which row is right.\n\nDelete or merge one row.",
    ),
    rule(
        codes::READ_ONLY_SETTABLE,
        "read-only-settable",
        Warning,
        "a create or update page lists a read-only property as settable",
        "The resource page says the property is read-only, yet the Request body table of a \
         create or update page lists it.\n\nRemove the row, or fix the resource page.",
    ),
    rule(
        codes::SCHEMA_TYPE_MISMATCH,
        "schema-type-mismatch",
        Warning,
        "a type is documented but not in the schema, or the reverse (with --metadata)",
        "Runs only with `--metadata FILE.xml`. A documented type the CSDL schema lacks is \
         reported on its page; a schema type no page documents is reported in the schema \
         file.\n\nDocument the type, or fix its name.",
    ),
    rule(
        codes::SCHEMA_PROPERTY_MISMATCH,
        "schema-property-mismatch",
        Warning,
        "a property is documented but not in the schema, or the reverse (with --metadata)",
        "Runs only with `--metadata FILE.xml`. A property the page lists that the schema's type \
         lacks, or a schema property the page does not list.\n\nAdd or fix the row.",
    ),
    rule(
        codes::SCHEMA_PROPERTY_TYPE_DIFFERS,
        "schema-property-type-differs",
        Warning,
        "a property's type or collection-ness differs from the schema (with --metadata)",
        "Runs only with `--metadata FILE.xml`. The page says `Int32` and the schema `Edm.Int64`, \
         or one side says collection and the other does not.\n\nMake the page agree with the \
         service.",
    ),
];

/// The rules by exact code: every finding looks its rule up (several times, when rendered).
static BY_CODE: LazyLock<HashMap<&'static str, &'static Rule>> =
    LazyLock::new(|| RULES.iter().map(|r| (r.code, r)).collect());

/// Finds a rule by code (`GD1401`) or name (`unknown-payload-property`), case ignored.
pub fn find(key: &str) -> Option<&'static Rule> {
    let key = key.trim();
    // Codes and names are unique ignoring case (tested), so an exact code names the one rule
    // the scan would find.
    if let Some(rule) = BY_CODE.get(key) {
        return Some(rule);
    }
    RULES
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name.eq_ignore_ascii_case(key))
}

/// The markdown list of every rule (`docs/rules.md`).
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# Rules of `graph-docgen check`\n\nGenerated from the rule registry \
         (`generator/src/check/rules.rs`); a test fails when this file is stale. \
         `graph-docgen explain CODE` prints one explanation; `graph-docgen.toml` changes \
         severities and turns rules on or off.\n\n| code | name | default | summary |\n|---|---|---|---|\n",
    );
    for r in RULES {
        let default = if r.enabled {
            r.severity.to_string()
        } else {
            format!("off ({})", r.severity)
        };
        out.push_str(&format!(
            "| [{}](#{}) | `{}` | {} | {} |\n",
            r.code,
            r.code.to_ascii_lowercase(),
            r.name,
            default,
            r.summary.replace('|', "\\|")
        ));
    }
    for r in RULES {
        out.push_str(&format!(
            "\n## {}\n\n`{}`, {} by default{}.\n\n{}\n",
            r.code,
            r.name,
            r.severity,
            if r.enabled {
                ""
            } else {
                ", off unless enabled"
            },
            r.explanation
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for r in RULES {
            assert!(codes.insert(r.code), "{} twice", r.code);
            assert!(names.insert(r.name), "{} twice", r.name);
            assert!(r.code.len() == 6 && r.code.starts_with("GD"), "{}", r.code);
            assert!(
                r.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
                "{} is not kebab-case",
                r.name
            );
        }
    }

    #[test]
    fn codes_and_names_never_collide_ignoring_case() {
        let mut keys = HashSet::new();
        for r in RULES {
            assert!(keys.insert(r.code.to_ascii_lowercase()), "{}", r.code);
            assert!(keys.insert(r.name.to_ascii_lowercase()), "{}", r.name);
        }
        // So the exact-code fast path finds what the scan finds. (`RULES` is a constant:
        // rules are told apart by their unique code, not by address.)
        for r in RULES {
            let scanned = RULES.iter().find(|s| {
                s.code.eq_ignore_ascii_case(r.code) || s.name.eq_ignore_ascii_case(r.code)
            });
            assert_eq!(scanned.map(|s| s.code), Some(r.code));
            assert_eq!(
                find(r.code).map(|s| (s.code, s.name)),
                Some((r.code, r.name))
            );
        }
    }

    #[test]
    fn rules_are_found_by_code_or_name() {
        assert_eq!(
            find("gd1401").map(|r| r.name),
            Some("unknown-payload-property")
        );
        assert_eq!(
            find("todo-marker").map(|r| r.code),
            Some(codes::TODO_MARKER)
        );
        assert!(find("GD9999").is_none());
    }
}
