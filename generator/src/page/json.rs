//! JSON payloads as the pages write them: strict JSON first, then a lenient reading of the
//! relaxed JSON that people write by hand (comments, trailing commas, bare keys, single quotes,
//! raw newlines inside strings), remembering why the strict reading failed.

use serde::de::{DeserializeOwned, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

/// Why a text was not strict JSON, with the position (1-based, relative to the text) where the
/// strict parser stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonProblem {
    /// 1-based line within the parsed text.
    pub line: usize,
    /// 1-based column within the parsed text.
    pub column: usize,
    /// The strict parser's explanation, such as `trailing comma`.
    pub message: String,
    /// The repairs that need no judgement (a comma after the last item is deleted, a tab
    /// inside a string is escaped), in order of position: this fault's, then those of the
    /// faults found after it once it is repaired, up to the first fault that has none.
    pub repairs: Vec<Repair>,
}

/// A repair of a JSON text: the text at byte `at`, and what replaces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    /// Byte offset in the text read.
    pub at: usize,
    /// The text there that is replaced.
    pub original: String,
    /// What replaces it.
    pub replacement: String,
}

impl Repair {
    /// The edit of a page whose `text` holds this repair's text at byte `at`; `None` when
    /// the text there is not the one repaired.
    pub fn edit_at(&self, text: &str, at: usize) -> Option<crate::diagnostics::Edit> {
        let end = at.checked_add(self.original.len())?;
        if text.get(at..end)? != self.original {
            return None;
        }
        crate::diagnostics::Edit::replace(text, at, end, &self.replacement)
    }
}

/// The fix of a problem's repairs, each placed in the page by `page_offset` (the page offset
/// of a byte of the JSON text); `None` unless every repair is where the page has its text.
pub fn fix_of(
    problem: &JsonProblem,
    page_text: &str,
    page_offset: impl Fn(usize) -> usize,
) -> Option<Box<crate::diagnostics::Fix>> {
    let edits: Option<Vec<_>> = problem
        .repairs
        .iter()
        .map(|r| r.edit_at(page_text, page_offset(r.at)))
        .collect();
    crate::diagnostics::Fix::of(edits?)
}

/// The outcome of reading a text as JSON: a [`Value`], or whatever type [`read_as`] was asked
/// for.
#[derive(Debug, Clone, PartialEq)]
pub enum JsonReading<T = Value> {
    /// Strict JSON.
    Strict(T),
    /// Not strict JSON, but the lenient reading is unambiguous.
    Relaxed(T, JsonProblem),
    /// Not JSON even leniently.
    Invalid(JsonProblem),
}

impl<T> JsonReading<T> {
    /// The value, however it was read.
    pub fn value(&self) -> Option<&T> {
        match self {
            JsonReading::Strict(v) | JsonReading::Relaxed(v, _) => Some(v),
            JsonReading::Invalid(_) => None,
        }
    }

    /// Why the strict reading failed, if it did.
    pub fn problem(&self) -> Option<&JsonProblem> {
        match self {
            JsonReading::Strict(_) => None,
            JsonReading::Relaxed(_, p) | JsonReading::Invalid(p) => Some(p),
        }
    }
}

/// What [`check`] found, without keeping the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonCheck {
    /// Strict JSON.
    Strict,
    /// Not strict JSON, but the lenient reading is unambiguous.
    Relaxed(JsonProblem),
    /// Not JSON even leniently.
    Invalid(JsonProblem),
}

impl JsonCheck {
    /// Why the strict reading failed, if it did.
    pub fn problem(&self) -> Option<&JsonProblem> {
        match self {
            JsonCheck::Strict => None,
            JsonCheck::Relaxed(p) | JsonCheck::Invalid(p) => Some(p),
        }
    }
}

/// Checks that `text` is JSON (strict, or else lenient) without building its value: the same
/// verdict as [`read`], for a fraction of the work.
pub fn check(text: &str) -> JsonCheck {
    if is_strict_json(text) {
        return JsonCheck::Strict;
    }
    // Rare: read again for the value-reader's wording of the problem ("trailing comma"),
    // then leniently, still without building the value.
    let strict_error = match serde_json::from_str::<Value>(text) {
        Ok(_) => return JsonCheck::Strict,
        Err(error) => error,
    };
    match lenient::<IgnoredAny>(text, strict_error) {
        (Some(_), problem) => JsonCheck::Relaxed(problem),
        (None, problem) => JsonCheck::Invalid(problem),
    }
}

/// Whether `text` is strict JSON that serde_json would read as a value.
fn is_strict_json(text: &str) -> bool {
    // serde_json's own skipping (`IgnoredAny`) is the fastest verdict, but knows no depth
    // limit: it is taken only when there are too few brackets to nest past [`MAX_DEPTH`],
    // itself under serde_json's limit of 128 levels.
    if !may_nest_past_max_depth(text) {
        serde_json::from_str::<IgnoredAny>(text).is_ok()
    } else {
        serde_json::from_str::<Skipped>(text).is_ok()
    }
}

/// A JSON value read and dropped, level by level. serde_json's own way of skipping a value
/// (`IgnoredAny`) walks any depth without a limit, so a payload nested 5,000 levels deep would
/// pass as strict JSON where reading its value refuses it; read through this type it meets the
/// same 128-level limit as a value does.
struct Skipped;

impl<'de> Deserialize<'de> for Skipped {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SkippedVisitor)
    }
}

struct SkippedVisitor;

impl<'de> Visitor<'de> for SkippedVisitor {
    type Value = Skipped;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Skipped, E> {
        Ok(Skipped)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Skipped, E> {
        Ok(Skipped)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Skipped, E> {
        Ok(Skipped)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Skipped, E> {
        Ok(Skipped)
    }

    fn visit_str<E>(self, _: &str) -> Result<Skipped, E> {
        Ok(Skipped)
    }

    fn visit_unit<E>(self) -> Result<Skipped, E> {
        Ok(Skipped)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skipped, A::Error> {
        while seq.next_element::<Skipped>()?.is_some() {}
        Ok(Skipped)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skipped, A::Error> {
        while map.next_entry::<IgnoredAny, Skipped>()?.is_some() {}
        Ok(Skipped)
    }
}

/// Nesting deeper than this is refused rather than risking the stack.
pub const MAX_DEPTH: usize = 120;

/// Whether `text` holds enough opening brackets to nest deeper than [`MAX_DEPTH`]: counting
/// them is far cheaper than walking the text.
fn may_nest_past_max_depth(text: &str) -> bool {
    memchr::memchr2_iter(b'{', b'[', text.as_bytes()).count() > MAX_DEPTH
}

/// Reads `text` as JSON, strictly if possible, leniently otherwise.
pub fn read(text: &str) -> JsonReading {
    read_as(text)
}

/// Reads `text` as JSON into a `T`, strictly if possible, leniently otherwise (a text that is
/// JSON but not a `T` is [`JsonReading::Invalid`]).
pub fn read_as<T: DeserializeOwned>(text: &str) -> JsonReading<T> {
    // serde_json refuses nesting deeper than 128 levels itself; the lenient reader does not,
    // so depth is checked before it runs.
    match serde_json::from_str::<T>(text) {
        Ok(value) => JsonReading::Strict(value),
        Err(error) => read_after_strict_failure(text, error),
    }
}

/// The lenient reading, once the strict one failed with `strict_error`.
fn read_after_strict_failure<T: DeserializeOwned>(
    text: &str,
    strict_error: serde_json::Error,
) -> JsonReading<T> {
    match lenient::<T>(text, strict_error) {
        (Some(value), problem) => JsonReading::Relaxed(value, problem),
        (None, problem) => JsonReading::Invalid(problem),
    }
}

/// The lenient reading of `text` as a `T` (a `Value`, or `IgnoredAny` for a verdict alone),
/// if there is one, and the problem to report: the strict reader's, or too deep a nesting.
fn lenient<T: DeserializeOwned>(
    text: &str,
    strict_error: serde_json::Error,
) -> (Option<T>, JsonProblem) {
    if let Some(problem) = too_deep(text) {
        return (None, problem);
    }
    let mut problem = describe(text, &strict_error);
    problem.repairs = repair_chain(text, problem.repairs);
    let escaped = escape_raw_control_characters(text);
    (json5::from_str::<T>(&escaped).ok(), problem)
}

/// The strict reader's problem, placed and worded for the person who fixes it. serde_json
/// stops after the fault: at the closing bracket after a trailing comma, on the next line after
/// a line break inside a string. The problem is moved back to the fault itself (the comma, the
/// string left open), and the faults people make by hand (comments, typographic quotes,
/// non-breaking spaces) are named instead of the reader's "key must be a string".
fn describe(text: &str, error: &serde_json::Error) -> JsonProblem {
    let message = strip_position(&error.to_string());
    let stopped = stop_offset(text, error.line(), error.column());
    let (at, message, repair) = match explain(text, stopped, &message) {
        Some(Explained {
            at,
            message,
            repair,
        }) => (at, message, repair),
        None => (stopped, message, None),
    };
    let repairs = repair
        .map(|(original, replacement)| Repair {
            at,
            original,
            replacement,
        })
        .into_iter()
        .collect();
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    JsonProblem {
        line: 1 + crate::diagnostics::count_newlines(before.as_bytes()),
        column: at - line_start + 1,
        message,
        repairs,
    }
}

/// How many faults of one text are repaired at most: each repair reads the text again.
const MAX_REPAIRS: usize = 64;

/// `first` (the repair of a text's first fault, if any), followed by the repairs of the faults
/// the strict reader finds after it once the ones before are made, up to the first fault that
/// has no repair. Offsets are the original text's.
fn repair_chain(text: &str, first: Vec<Repair>) -> Vec<Repair> {
    let mut repairs = first;
    let mut repaired = text.to_string();
    // Original offset = repaired offset - shift, for offsets past the last repair.
    let mut shift: isize = 0;
    while let Some(repair) = repairs.last().filter(|_| repairs.len() < MAX_REPAIRS) {
        let at = repair.at.saturating_add_signed(shift);
        let end = at + repair.original.len();
        if repaired.get(at..end) != Some(repair.original.as_str()) {
            break;
        }
        repaired.replace_range(at..end, &repair.replacement);
        let repaired_end = at + repair.replacement.len();
        shift += repair.replacement.len() as isize - repair.original.len() as isize;
        // The value reader, as for the first fault: its wording ("trailing comma") is the one
        // `describe` places, which `IgnoredAny` words otherwise.
        let Err(error) = serde_json::from_str::<Value>(&repaired) else {
            return repairs;
        };
        match describe(&repaired, &error).repairs.into_iter().next() {
            // Faults come in order of position: the next is past the text just repaired.
            Some(next) if next.at >= repaired_end => {
                let at = next.at.saturating_add_signed(-shift);
                repairs.push(Repair { at, ..next });
            }
            _ => break,
        }
    }
    repairs
}

/// The byte offset of the byte serde_json stopped at: its column counts bytes from 1, and 0
/// means the line break that ended the line before (the reader had consumed it).
fn stop_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        memchr::memchr_iter(b'\n', text.as_bytes())
            .nth(line - 2)
            .map_or(text.len(), |newline| newline + 1)
    };
    let at = match column {
        0 => line_start.saturating_sub(1),
        column => line_start + column - 1,
    };
    super::walk::floor_char_boundary(text, at)
}

/// A fault people make by hand, told plainly: where it is, what it is, and its repair (the
/// text at `at`, and what replaces it) when one needs no judgement.
struct Explained {
    at: usize,
    message: String,
    repair: Option<(String, String)>,
}

impl Explained {
    fn at(at: usize, message: impl Into<String>) -> Option<Explained> {
        Some(Explained {
            at,
            message: message.into(),
            repair: None,
        })
    }

    fn repaired(mut self, original: impl Into<String>, replacement: impl Into<String>) -> Self {
        self.repair = Some((original.into(), replacement.into()));
        self
    }
}

/// A plainer account of the fault at or just before byte `stopped`, and where it is, when the
/// fault is one people make by hand.
fn explain(text: &str, stopped: usize, message: &str) -> Option<Explained> {
    let rest = &text[stopped..];
    if message == "trailing comma" {
        let comma = text[..stopped].trim_end().strip_suffix(',')?.len();
        return Some(Explained::at(comma, "a comma after the last item")?.repaired(",", ""));
    }
    if message.starts_with("control character") {
        let control = text.as_bytes().get(stopped).copied()?;
        if control == b'\n' || control == b'\r' {
            let opened = string_start(text, stopped)?;
            let line = &text[opened..stopped];
            let hint = match line.find(['\u{201C}', '\u{201D}']) {
                Some(i) => format!("; `{}` is a typographic quote, not `\"`", &line[i..i + 3]),
                None => String::new(),
            };
            return Explained::at(
                opened,
                format!(
                    "this string is not closed on its line (a line break inside a string is \
                     written `\\n`){hint}"
                ),
            );
        }
        if control == b'\t' {
            return Some(
                Explained::at(stopped, "a tab inside a string (write `\\t`)")?
                    .repaired("\t", "\\t"),
            );
        }
        return None;
    }
    if rest.starts_with("//") || rest.starts_with("/*") {
        return Explained::at(stopped, "a comment: JSON has none");
    }
    let c = rest.chars().next()?;
    match c {
        '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}' => Explained::at(
            stopped,
            format!("`{c}` is a typographic quote: JSON strings take `\"`"),
        ),
        '\u{00A0}' | '\u{FEFF}' | '\u{2000}'..='\u{200B}' | '\u{3000}' => Some(
            Explained::at(
                stopped,
                format!(
                    "a U+{:04X} space, where JSON allows only spaces, tabs and line breaks",
                    u32::from(c)
                ),
            )
            .map(|explained| {
                // Between tokens any space is the same space; inside a string (after a
                // stray `\`, say) it is content, and a person decides.
                if string_start(text, stopped).is_some() {
                    explained
                } else {
                    explained.repaired(c, " ")
                }
            })?,
        ),
        '\'' => Explained::at(stopped, "a single quote: JSON strings take `\"`"),
        c if c.is_alphabetic() || c == '_' || c == '$' => {
            let word_end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                .unwrap_or(rest.len());
            let word = &rest[..word_end];
            let after = rest[word_end..].trim_start();
            let key = message == "key must be a string" && after.starts_with(':');
            if !key {
                return None;
            }
            Some(
                Explained::at(stopped, format!("the key `{word}` is not in quotes"))?
                    .repaired(word, format!("\"{word}\"")),
            )
        }
        _ => None,
    }
}

/// Where the string that holds byte `at` opens, when `at` is inside one.
fn string_start(text: &str, at: usize) -> Option<usize> {
    let mut opened = None;
    let mut inside = false;
    let mut quote = b'"';
    let mut escaped = false;
    walk(&text[..at], |offset, byte, place| match place {
        Place::String if !inside => {
            inside = true;
            opened = Some(offset);
            quote = byte;
            escaped = false;
        }
        // The closing quote is the string's last byte: what follows it is outside.
        Place::String if escaped => escaped = false,
        Place::String if byte == b'\\' => escaped = true,
        Place::String if byte == quote => inside = false,
        Place::String => {}
        _ => inside = false,
    });
    opened.filter(|_| inside)
}

/// serde_json appends " at line L column C"; the position is reported separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Where a character of relaxed JSON stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Structure: brackets, separators, literals, bare keys.
    Code,
    /// Inside a string in either quote (the quotes included).
    String,
    /// Inside a `//` or `/* */` comment.
    Comment,
}

/// Walks relaxed JSON as the lenient reader sees it (strings in `"` or `'`, with escapes;
/// `//` and `/* */` comments), telling where each byte stands, with its offset.
///
/// Walking bytes rather than characters is exact: every byte that changes the state is ASCII,
/// and the bytes of a multi-byte character never are (an escape skips only the first byte of
/// the escaped character; the others cannot end the string).
fn walk(text: &str, mut visit: impl FnMut(usize, u8, Place)) {
    #[derive(PartialEq)]
    enum State {
        Code,
        String(u8),
        LineComment,
        BlockComment,
    }
    let bytes = text.as_bytes();
    let mut state = State::Code;
    let mut escaped = false;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        let next = bytes.get(at + 1).copied();
        match state {
            State::Code => match b {
                b'"' | b'\'' => {
                    state = State::String(b);
                    visit(at, b, Place::String);
                }
                b'/' if next == Some(b'/') => {
                    state = State::LineComment;
                    visit(at, b, Place::Comment);
                }
                b'/' if next == Some(b'*') => {
                    state = State::BlockComment;
                    visit(at, b, Place::Comment);
                    at += 1;
                    visit(at, b'*', Place::Comment);
                }
                _ => visit(at, b, Place::Code),
            },
            State::String(quote) => {
                visit(at, b, Place::String);
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == quote {
                    state = State::Code;
                }
            }
            State::LineComment => {
                if b == b'\n' {
                    state = State::Code;
                    visit(at, b, Place::Code);
                } else {
                    visit(at, b, Place::Comment);
                }
            }
            State::BlockComment => {
                visit(at, b, Place::Comment);
                if b == b'*' && next == Some(b'/') {
                    at += 1;
                    visit(at, b'/', Place::Comment);
                    state = State::Code;
                }
            }
        }
        at += 1;
    }
}

/// JSON5 rejects raw line breaks and tabs inside strings; pages contain them (multi-line
/// descriptions). Escape them inside string literals so the lenient reader keeps the text.
fn escape_raw_control_characters(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Text is copied in runs between the characters that are escaped.
    let mut copied = 0;
    walk(text, |at, b, place| {
        let escape = match (place, b) {
            (Place::String, b'\n') => "\\n",
            (Place::String, b'\r') => "\\r",
            (Place::String, b'\t') => "\\t",
            _ => return,
        };
        out.push_str(&text[copied..at]);
        out.push_str(escape);
        copied = at + 1;
    });
    out.push_str(&text[copied..]);
    out
}

/// Refuses input nested deeper than [`MAX_DEPTH`] before the lenient reader, which recurses
/// without a limit, sees it. Brackets in strings and comments do not count.
fn too_deep(text: &str) -> Option<JsonProblem> {
    if !may_nest_past_max_depth(text) {
        return None;
    }
    let mut depth = 0usize;
    let mut deepest: Option<usize> = None;
    walk(text, |at, b, place| {
        if place != Place::Code || deepest.is_some() {
            return;
        }
        match b {
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    deepest = Some(at);
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    });
    deepest.map(|at| {
        // 1-based line, and the column in characters, of the bracket at byte `at`.
        let before = &text[..at];
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        JsonProblem {
            line: 1 + before.bytes().filter(|&b| b == b'\n').count(),
            column: text[line_start..=at].chars().count(),
            message: format!("nested more than {MAX_DEPTH} levels deep"),
            repairs: Vec::new(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` with the repairs of its problem made.
    fn repaired(text: &str) -> (String, usize) {
        let problem = read(text).problem().cloned().expect("not strict JSON");
        let mut out = text.to_string();
        for r in problem.repairs.iter().rev() {
            out.replace_range(r.at..r.at + r.original.len(), &r.replacement);
        }
        (out, problem.repairs.len())
    }

    #[test]
    fn every_fault_with_a_certain_repair_is_repaired_at_once() {
        let (text, count) = repaired("{\"a\": [1, 2,],\n b: 3,\n}");
        assert_eq!(text, "{\"a\": [1, 2],\n \"b\": 3\n}");
        assert_eq!(count, 3);
        assert!(is_strict_json(&text));
        let (text, _) = repaired("{\"a\":\u{a0}\"x\ty\"}");
        assert_eq!(text, "{\"a\": \"x\\ty\"}");
    }

    #[test]
    fn repairs_stop_at_the_first_fault_that_needs_judgement() {
        let (text, count) = repaired("{\"a\": [1,], // why\n \"b\": 2,}");
        assert_eq!(count, 1);
        assert_eq!(text, "{\"a\": [1], // why\n \"b\": 2,}");
        let (_, count) = repaired("{\"a\": 1 /* c */}");
        assert_eq!(count, 0);
        let (_, count) = repaired("{\"a\": \u{201C}x\u{201D}}");
        assert_eq!(
            count, 0,
            "a typographic quote is not known to open or close"
        );
        let (_, count) = repaired("{\"a\": \"Sales\\\u{a0}pipeline\"}");
        assert_eq!(count, 0, "a space inside a string is content");
        for (faulty, fixed) in [
            ("{\"a\": [\"x\"\u{a0}]}", "{\"a\": [\"x\" ]}"),
            ("{\"a\"\u{a0}: 1}", "{\"a\" : 1}"),
            (
                "{\"a\": \"x\\\"\"\u{a0},\"b\": 1}",
                "{\"a\": \"x\\\"\" ,\"b\": 1}",
            ),
        ] {
            assert_eq!(
                repaired(faulty).0,
                fixed,
                "a space after a string's closing quote"
            );
        }
    }
    use serde_json::json;

    #[test]
    fn strict_json_is_read_strictly() {
        assert_eq!(read(r#"{"a": 1}"#), JsonReading::Strict(json!({"a": 1})));
    }

    /// The problem of a text that is not strict JSON: (line, column, message).
    fn problem_of(text: &str) -> (usize, usize, String) {
        let reading = read(text);
        let problem = reading.problem().expect("not strict JSON");
        (problem.line, problem.column, problem.message.clone())
    }

    #[test]
    fn trailing_comma_is_relaxed_and_reported_at_the_comma() {
        let reading = read("{\n  \"blockType\": \"response\",\n}");
        assert_eq!(reading.value(), Some(&json!({"blockType": "response"})));
        // The strict reader stops at the `}` on line 3; the comma ends line 2.
        assert_eq!(
            problem_of("{\n  \"blockType\": \"response\",\n}"),
            (2, 26, "a comma after the last item".into())
        );
        assert_eq!(
            problem_of("[1, 2,  ]"),
            (1, 6, "a comma after the last item".into())
        );
    }

    #[test]
    fn a_string_left_open_is_reported_where_it_opens() {
        // A raw line break: the strict reader stops on the next line.
        let text = "{\n  \"a\": \"one\n  two\"\n}";
        let (line, column, message) = problem_of(text);
        assert_eq!((line, column), (2, 8));
        assert!(message.starts_with("this string is not closed on its line"));
        // Closed by a typographic quote, which is no quote to JSON.
        let text = "{\n  \"method\": \"GET\u{201D},\n  \"b\": 1\n}";
        let (line, column, message) = problem_of(text);
        assert_eq!((line, column), (2, 13));
        assert!(message.contains("typographic quote"), "{message}");
    }

    #[test]
    fn faults_made_by_hand_are_named() {
        let named = |text: &str| problem_of(text).2;
        assert_eq!(named("{ // note\n \"a\": 1 }"), "a comment: JSON has none");
        assert_eq!(named("{ \"a\": /* x */ 1 }"), "a comment: JSON has none");
        assert_eq!(named("{ a: 1 }"), "the key `a` is not in quotes");
        assert_eq!(
            named("{ 'a': 1 }"),
            "a single quote: JSON strings take `\"`"
        );
        assert!(named("{ \u{201C}a\u{201D}: 1 }").contains("typographic quote"));
        assert!(named("{\u{00A0}\"a\": 1 }").contains("U+00A0"));
        assert_eq!(
            named("{ \"a\": \"x\ty\" }"),
            "a tab inside a string (write `\\t`)"
        );
    }

    #[test]
    fn other_faults_keep_the_readers_words_and_place() {
        assert_eq!(
            problem_of("{\n\"a\": 1\n\"b\": 2\n}"),
            (3, 1, "expected `,` or `}`".into())
        );
    }

    #[test]
    fn comments_bare_keys_and_single_quotes_are_relaxed() {
        let reading = read("{ isCollection: true, // note\n 'a': 'b' /* x */ }");
        assert_eq!(
            reading.value(),
            Some(&json!({"isCollection": true, "a": "b"}))
        );
    }

    #[test]
    fn raw_newline_inside_string_is_kept() {
        let reading = read("{\"d\": \"one\ntwo\"}");
        assert_eq!(reading.value(), Some(&json!({"d": "one\ntwo"})));
        assert!(reading
            .problem()
            .unwrap()
            .message
            .contains("not closed on its line"));
    }

    #[test]
    fn missing_comma_is_invalid_with_position() {
        let reading = read("{\n\"a\": 1\n\"b\": 2\n}");
        assert!(matches!(
            reading,
            JsonReading::Invalid(JsonProblem { line: 3, .. })
        ));
    }

    #[test]
    fn check_gives_the_verdict_of_read() {
        for text in [
            "{\"a\": [1, 2]}",
            "{\"a\": 1,}",
            "{\"a\" 1}",
            "[[[",
            "{\"d\": \"x\ny\"}",
            "{ a: [1, 'two', NaN, 1e999, {b: null},], // c\n }",
            "{ 'a': 1, 'a': 2, }",
            "{ a: 1 } x",
            "{ a: }",
            // Strict JSON at serde_json's 128 levels, and past them.
            &format!("{}{}", "[".repeat(128), "]".repeat(128)),
            &format!("{}{}", "[".repeat(5000), "]".repeat(5000)),
        ] {
            let reading = read(text);
            let verdict = check(text);
            assert_eq!(reading.problem(), verdict.problem(), "{text}");
            assert_eq!(
                reading.value().is_some(),
                !matches!(verdict, JsonCheck::Invalid(_)),
                "{text}"
            );
        }
    }

    #[test]
    fn quotes_in_comments_and_single_quoted_strings_are_read_as_such() {
        assert!(read("{ // don't\n \"a\": 1 }").value().is_some());
        let sneaky = format!("{{\"a\": '\"', \"b\": {}", "[".repeat(100_000));
        assert!(read(&sneaky).problem().unwrap().message.contains("nested"));
        let hidden = format!("{{\"a\": \"{}\"}}", "[".repeat(1000));
        assert!(
            matches!(read(&hidden), JsonReading::Strict(_)),
            "brackets in strings do not count"
        );
    }

    #[test]
    fn raw_controls_are_escaped_only_inside_strings() {
        assert_eq!(
            escape_raw_control_characters("{\"é\n\": 'a\tb',\n // x \"\n \"c\\\"\r\" /* \"\n*/}"),
            "{\"é\\n\": 'a\\tb',\n // x \"\n \"c\\\"\\r\" /* \"\n*/}"
        );
    }

    #[test]
    fn too_deep_reports_the_line_and_character_column() {
        let text = format!("{{\"é\": [\n  ü{}", "[".repeat(MAX_DEPTH));
        let problem = too_deep(&text).unwrap();
        assert_eq!((problem.line, problem.column), (2, 3 + MAX_DEPTH - 1));
        assert_eq!(too_deep(&"[".repeat(MAX_DEPTH)), None);
        let in_comment = format!("/* {} */ []", "[".repeat(MAX_DEPTH + 5));
        assert_eq!(too_deep(&in_comment), None);
    }

    #[test]
    fn strict_json_nested_past_the_limit_is_refused_even_for_a_verdict_alone() {
        let deep = format!("{{\"a\": {}1{}}}", "[".repeat(5000), "]".repeat(5000));
        let JsonCheck::Invalid(problem) = check(&deep) else {
            panic!("a 5,000-level payload must not pass as JSON")
        };
        assert!(problem.message.contains("nested"), "{}", problem.message);
        // serde_json's limit of 128 counts the outermost value too: 127 brackets deep.
        let at_limit = format!("{}{}", "[".repeat(127), "]".repeat(127));
        assert_eq!(check(&at_limit), JsonCheck::Strict);
        assert_eq!(read(&at_limit).problem(), None);
    }

    #[test]
    fn the_verdict_is_the_value_readers_at_every_depth() {
        // Shallow payloads take serde_json's own skipping, deeper ones the depth-limited
        // walk: both give the verdict reading the value gives.
        for depth in 1..=140 {
            let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            let as_value = serde_json::from_str::<Value>(&text).is_ok();
            assert_eq!(check(&text) == JsonCheck::Strict, as_value, "depth {depth}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let text = "[".repeat(100_000);
        let reading = read(&text);
        assert!(reading.problem().unwrap().message.contains("nested"));
    }
}
