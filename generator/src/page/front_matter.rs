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
    if let Some(simple) = read_simple(yaml) {
        return Ok(simple);
    }
    read_yaml(yaml)
}

/// Almost every page's front matter is a flat list of `key: "text"` or `key: plain words`.
/// For exactly that subset, whose YAML meaning is the text itself, the lines are read
/// directly; anything else (`#`, escapes, flow or block syntax, values YAML would read as
/// numbers, booleans or null) goes to the YAML reader. `None` when a line is outside the subset.
fn read_simple(yaml: &str) -> Option<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for line in yaml.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let (key, value) = line.split_once(": ")?;
        let key_ok = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
        if !key_ok {
            return None;
        }
        let value = value.trim();
        let text = if let Some(quoted) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
            if quoted.contains(['"', '\\']) {
                return None;
            }
            quoted
        } else {
            let plain_ok = value.bytes().all(|b| {
                b.is_ascii_alphanumeric()
                    || matches!(b, b' ' | b'_' | b'.' | b'/' | b'-' | b'(' | b')' | b',')
            }) && value
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphabetic())
                && !["true", "false", "yes", "no", "on", "off", "null", "y", "n"]
                    .iter()
                    .any(|word| value.eq_ignore_ascii_case(word));
            if !plain_ok {
                return None;
            }
            value
        };
        out.insert(key.to_string(), text.to_string());
    }
    Some(out)
}

/// Reads the front matter with the YAML reader.
fn read_yaml(yaml: &str) -> Result<BTreeMap<String, String>, FrontMatterError> {
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
    fn the_direct_reading_agrees_with_the_yaml_reader() {
        let samples = [
            "title: \"Get x\"\ndoc_type: apiPageType\nms.date: 04/04/2024\nauthor: \"a-b\"\n",
            "title: Update accessReviewInstance (beta)\nlocalization_priority: Normal\n",
            "count: 010\nflag: yes\nempty: null\n",
            "title: \"a: b\"\nms.prod: \"**TODO: x**\"\n",
        ];
        for sample in samples {
            assert_eq!(read(sample), read_yaml(sample), "{sample}");
        }
        assert!(
            read_simple("count: 010\n").is_none(),
            "numbers go to the YAML reader"
        );
    }

    #[test]
    fn broken_yaml_is_an_error_with_a_line() {
        let error = read("title: \"unterminated\ndoc_type: x\n").unwrap_err();
        assert!(error.line >= 1);
    }
}
