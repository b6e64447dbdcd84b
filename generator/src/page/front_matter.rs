//! YAML front matter between `---` lines at the top of a page.

use serde::{Serialize, Serializer};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use yaml_rust2::parser::{Event, Parser};
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

/// A page's front matter, checked when the page is read and turned into key/value pairs only
/// when asked for: most pages are only ever asked for one key (`doc_type`), which is read
/// straight from the text.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// The YAML text, when it is in the simple subset (see [`FrontMatter::new`]).
    simple_yaml: String,
    /// The pairs, once read (at once for YAML outside the simple subset).
    pairs: OnceLock<BTreeMap<String, String>>,
}

impl FrontMatter {
    /// Checks the YAML text of a front matter block. Flat `key: value` lines whose YAML meaning
    /// is the text itself are kept as text; anything else is read by the YAML reader now, which
    /// may refuse it. Nested values are kept as their YAML rendering; only top-level scalar
    /// keys matter to the tool.
    pub fn new(yaml: &str) -> Result<FrontMatter, FrontMatterError> {
        if simple_pairs(yaml).all(|pair| pair.is_some()) {
            return Ok(FrontMatter {
                simple_yaml: yaml.to_string(),
                pairs: OnceLock::new(),
            });
        }
        Ok(FrontMatter {
            simple_yaml: String::new(),
            pairs: OnceLock::from(read_yaml(yaml)?),
        })
    }

    /// Every key with its value as text.
    pub fn pairs(&self) -> &BTreeMap<String, String> {
        self.pairs
            .get_or_init(|| read_simple(&self.simple_yaml).unwrap_or_default())
    }

    /// The value of `key`, as in [`FrontMatter::pairs`].
    pub fn get(&self, key: &str) -> Option<&str> {
        match self.pairs.get() {
            Some(pairs) => pairs.get(key).map(String::as_str),
            // Of repeated keys the last counts, as in the pairs.
            None => simple_pairs(&self.simple_yaml)
                .flatten()
                .filter(|&(k, _)| k == key)
                .last()
                .map(|(_, value)| value),
        }
    }
}

impl Serialize for FrontMatter {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.pairs().serialize(serializer)
    }
}

/// Almost every page's front matter is a flat list of `key: "text"` or `key: plain words`.
/// For exactly that subset, whose YAML meaning is the text itself, the lines are read
/// directly; anything else (`#`, escapes, flow or block syntax, values YAML would read as
/// numbers, booleans or null) goes to the YAML reader. `None` when a line is outside the subset.
fn read_simple(yaml: &str) -> Option<BTreeMap<String, String>> {
    // Built from the pairs at once (sorted, then filled in order) rather than inserted one by
    // one; of equal keys the last is kept, as with `insert`.
    simple_pairs(yaml)
        .map(|pair| pair.map(|(key, value)| (key.to_string(), value.to_string())))
        .collect()
}

/// The `(key, value)` of each non-blank line in the simple subset, or `None` for a line
/// outside it.
fn simple_pairs(yaml: &str) -> impl Iterator<Item = Option<(&str, &str)>> {
    // Lines as `str::lines` gives them but for a `\r` before the `\n`, which the trimming of
    // values and of blank lines drops anyway; one search iterator beats a search per line.
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', yaml.as_bytes()).chain(std::iter::once(yaml.len()));
    ends.filter_map(move |end| {
        let line = &yaml[start..end];
        start = end + 1;
        // A blank line has no key, so the (rare) blank test waits until the split fails.
        match split_key(line) {
            Some((key, value)) => Some(simple_value(value).map(|value| (key, value))),
            None if line.trim().is_empty() => None,
            None => Some(None),
        }
    })
}

/// Splits `key: value` at the first `": "`, if the key before it is non-empty and made of
/// letters, digits, `_`, `.` and `-`. Such a key holds no `:`, so the first byte outside the
/// key alphabet must start the `": "`; scanning for it avoids a substring search per line.
fn split_key(line: &str) -> Option<(&str, &str)> {
    let key_len = line
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')))?;
    let value = line.get(key_len..)?.strip_prefix(": ")?;
    (key_len > 0).then(|| (&line[..key_len], value))
}

/// The text of a value in the simple subset: `"text"` without quotes or escapes inside, or
/// plain words that YAML reads as a string.
fn simple_value(value: &str) -> Option<&str> {
    let value = value.trim();
    if let Some(quoted) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        return memchr::memchr2(b'"', b'\\', quoted.as_bytes())
            .is_none()
            .then_some(quoted);
    }
    // Single quotes escape nothing but a doubled quote.
    if let Some(quoted) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        return memchr::memchr(b'\'', quoted.as_bytes())
            .is_none()
            .then_some(quoted);
    }
    // A date such as `09/10/2017`: digits and slashes are never a number to YAML.
    if value.contains('/') && value.bytes().all(|b| b.is_ascii_digit() || b == b'/') {
        return Some(value);
    }
    let plain_ok = value
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic())
        && value.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(b, b' ' | b'_' | b'.' | b'/' | b'-' | b'(' | b')' | b',')
        })
        && !is_yaml_keyword(value);
    plain_ok.then_some(value)
}

/// Plain words that YAML reads as a boolean or null rather than as text.
fn is_yaml_keyword(value: &str) -> bool {
    value.len() <= 5
        && ["true", "false", "yes", "no", "on", "off", "null", "y", "n"]
            .iter()
            .any(|word| value.eq_ignore_ascii_case(word))
}

/// Refuses YAML that uses an alias (`*name`). The YAML reader expands each alias into a copy of
/// what it names, so nine lines of aliases to aliases can ask for gigabytes; a page's front
/// matter has no use for them.
fn refuse_aliases(yaml: &str) -> Result<(), FrontMatterError> {
    let mut parser = Parser::new_from_str(yaml);
    loop {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) => return Ok(()),
            Ok((Event::Alias(_), mark)) => {
                return Err(FrontMatterError {
                    line: mark.line().max(1),
                    column: mark.col() + 1,
                    message: "YAML aliases (`*name`) are not read in front matter: expanding \
                              them can take any amount of memory"
                        .to_string(),
                })
            }
            Ok(_) => {}
            // The YAML reader reports the error itself, with its position.
            Err(_) => return Ok(()),
        }
    }
}

/// Reads the front matter with the YAML reader.
fn read_yaml(yaml: &str) -> Result<BTreeMap<String, String>, FrontMatterError> {
    refuse_aliases(yaml)?;
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

    /// The pairs of a front matter block, as a page holds them.
    fn read(yaml: &str) -> Result<BTreeMap<String, String>, FrontMatterError> {
        FrontMatter::new(yaml).map(|front_matter| front_matter.pairs().clone())
    }

    #[test]
    fn aliases_are_refused_at_their_place_instead_of_expanded() {
        // Each line multiplies the one above by nine: expanded, the last names 9^8 strings.
        let bomb = "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n\
                    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n\
                    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n\
                    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n\
                    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n\
                    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n\
                    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n\
                    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n";
        let error = read(bomb).unwrap_err();
        assert_eq!((error.line, error.column), (2, 8));
        assert!(error.message.contains("aliases"), "{}", error.message);
        // An anchor alone is harmless and still read.
        assert_eq!(read("a: &x 1\n").unwrap()["a"], "1");
    }

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
            "a: b\r\n\r\nc:  d e \n",
            ": x\n",
            "a:b\n",
            "a b: c\n",
            "a: \"x\\\\y\"\n",
            "a: \"\"\n",
            "a: NULL\nb: Off\n",
            "a: nothing\n",
            "a: Ü\n",
            "ключ: x\n",
            "ms.date: 09/10/2017\nb: 3/16/2018\nc: 1/2\nd: /\n",
            "title: 'applicationTemplate: instantiate'\na: ''\nb: 'x \\ \"y\" '\n",
            "a: 'it''s'\nb: 2018\nc: 2018-01-02\n",
            "a: '\nb: 'x' # y\n",
        ];
        for sample in samples {
            assert_eq!(read(sample), read_yaml(sample), "{sample}");
        }
        assert!(
            read_simple("count: 010\n").is_none(),
            "numbers go to the YAML reader"
        );
        assert!(
            read_simple("ms.date: 09/10/2017\ntitle: 'a: b'\n").is_some(),
            "dates and single-quoted text are read directly"
        );
        // (The YAML reader refuses repeated keys; the direct reading keeps the last, as it
        // always has.)
        let repeated = read_simple("b: xx\na: one\nc: zz\na: two\n").unwrap();
        assert_eq!(repeated["a"], "two");
        assert_eq!(repeated.len(), 3);
    }

    #[test]
    fn a_key_read_from_the_text_is_the_key_of_the_pairs() {
        let samples = [
            "title: \"Get x\"\ndoc_type: apiPageType\n",
            "doc_type: a\n\ndoc_type: b\n",
            "count: 010\ndoc_type: conceptualPageType\n",
            "doc_type: \"x\\\"y\"\n",
            "",
        ];
        for sample in samples {
            let front_matter = FrontMatter::new(sample).unwrap();
            let read_now = front_matter.get("doc_type").map(str::to_string);
            assert_eq!(
                read_now.as_deref(),
                front_matter.pairs().get("doc_type").map(String::as_str),
                "{sample}"
            );
        }
        assert_eq!(
            FrontMatter::new("doc_type: a\ndoc_type: b\n")
                .unwrap()
                .get("doc_type"),
            Some("b"),
            "of repeated keys the last counts"
        );
    }

    #[test]
    fn broken_yaml_is_an_error_with_a_line() {
        let error = read("title: \"unterminated\ndoc_type: x\n").unwrap_err();
        assert!(error.line >= 1);
    }
}
