//! Page kinds, judged by content: `doc_type` is wrong on some pages.

use crate::page::Page;
use serde::Serialize;

/// What a page documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// An operation: has an "HTTP request" section.
    Operation,
    /// A resource (entity or complex type): has a `resource` block, or a "resource type"
    /// title with a Properties section.
    Resource,
    /// One or more enums: "x enum type" title, `enumPageType`, or "x values" sections only.
    Enum,
    /// Conceptual or unrecognised.
    Other,
}

/// Classifies a page by what it contains.
pub fn classify(page: &Page) -> PageKind {
    if !page.sections_starting("HTTP request").is_empty() {
        return PageKind::Operation;
    }
    let has_resource_block = page
        .annotations
        .iter()
        .any(|a| a.block_type() == Some("resource"));
    let title = page
        .title()
        .map(|h| h.text.to_ascii_lowercase())
        .unwrap_or_default();
    if has_resource_block
        || (title.ends_with("resource type") && page.section("Properties").is_some())
    {
        return PageKind::Resource;
    }
    let enum_title = title.ends_with(" enum type") || title.ends_with(" enumeration");
    let enum_sections = page
        .headings
        .iter()
        .any(|h| h.level >= 2 && h.text.trim().to_ascii_lowercase().ends_with(" values"));
    if enum_title
        || page.doc_type() == Some("enumPageType")
        || (enum_sections && page.section("Properties").is_none())
    {
        return PageKind::Enum;
    }
    PageKind::Other
}
