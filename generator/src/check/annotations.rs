//! Annotation comments: keys no tool reads. (Unreadable JSON and unknown block types are found
//! by the page parser and reported under its codes.)

use super::context::{did_you_mean, PageFindings};
use crate::codes;

/// Keys the Graph docs tooling reads on block and page annotations.
const KNOWN_KEYS: &[&str] = &[
    "blockType",
    "@odata.type",
    "@type",
    "@type.aka",
    "@property.aka",
    "@odata.annotations",
    "name",
    "truncated",
    "isCollection",
    "isEmpty",
    "expectError",
    "optionalProperties",
    "keyProperty",
    "baseType",
    "openType",
    "abstract",
    "isAbstract",
    "isMediaEntity",
    "sampleKeys",
    "isComposable",
    "idempotent",
    "target",
    "opaqueUrl",
    "scopes",
    "scope",
    "tags",
    "type",
    "title",
    "description",
    "keywords",
    "section",
    "suppressions",
    "tocPath",
    "tocBookmarks",
    "tocIndex",
    "namespace",
    "navigationProperty",
    "disableSideLoading",
    "nullableProperties",
    "readOnlyProperties",
    "requestBodyResourceFor",
];

/// Reports annotation keys no tool reads.
pub fn check(cx: &mut PageFindings) {
    let page = cx.page;
    for annotation in &page.annotations {
        for key in annotation.fields.keys() {
            if KNOWN_KEYS.contains(&key) || key.starts_with("requestBodyResourceFor.") {
                continue;
            }
            let at = annotation.offset
                + page.text[annotation.offset..]
                    .find(&format!("\"{key}\""))
                    .or_else(|| page.text[annotation.offset..].find(key))
                    .unwrap_or(0);
            let d = cx.at(
                at,
                codes::ANNOTATION_UNKNOWN_KEY,
                format!("annotation key `{key}` is not read by any tool"),
            );
            if let Some(near) = did_you_mean(key, KNOWN_KEYS.iter().copied()) {
                d.help = Some(format!("did you mean `{near}`?"));
            }
        }
    }
}
