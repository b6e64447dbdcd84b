//! YAML front matter between `---` lines at the top of a page.

use std::collections::BTreeMap;
use yaml_rust2::{Yaml, YamlLoader};

/// Why the front matter could not be read: 1-based line within the YAML text and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    /// 1-based line within the YAML text.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What the YAML reader said.
    pub message: String,
}

/// Reads the YAML text of a front matter block into key/value text pairs. Nested values are
/// kept as their YAML rendering; only top-level scalar keys matter to the tool.
pub fn read(yaml: &str) -> Result<BTreeMap<String, String>, FrontMatterError> {
    let documents = YamlLoader::load_from_str(yaml).map_err(|e| FrontMatterError {
        line: e.marker().line().max(1),
        column: e.marker().col() + 1,
        message: e.info().to_string(),
    })?;
    let mut out = BTreeMap::new();
    let Some(Yaml::Hash(hash)) = documents.into_iter().next() else {
        return Ok(out);
    };
    for (key, value) in hash {
        let Some(key) = scalar(&key) else { continue };
        out.insert(key, scalar(&value).unwrap_or_default());
    }
    Ok(out)
}

fn scalar(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        Yaml::Null => Some(String::new()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quoted_and_bare_scalars() {
        let fm = read("title: \"Get x\"\ndoc_type: apiPageType\nms.date: 04/04/2024\n").unwrap();
        assert_eq!(fm["title"], "Get x");
        assert_eq!(fm["doc_type"], "apiPageType");
        assert_eq!(fm["ms.date"], "04/04/2024");
    }

    #[test]
    fn broken_yaml_is_an_error_with_a_line() {
        let error = read("title: \"unterminated\ndoc_type: x\n").unwrap_err();
        assert!(error.line >= 1);
    }
}
