//! JSON read with the byte offset of every key and value, so a finding about a payload points
//! at its line. Lenient like the page parser: comments, trailing commas and single-quoted
//! strings are accepted; anything else unreadable gives `None`. Keys, strings and numbers
//! borrow from the text unless an escape must be decoded.

use std::borrow::Cow;

/// A JSON value with where it starts in the text it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    /// Byte offset of the value's first character.
    pub offset: usize,
    /// The value.
    pub value: Value<'a>,
}

/// A located JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(&'a str),
    /// A string, unescaped.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Node<'a>>),
    /// An object: (key, offset of the key's opening quote, value) in source order.
    Object(Vec<Member<'a>>),
}

/// One member of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member<'a> {
    /// The key, unescaped.
    pub key: Cow<'a, str>,
    /// Byte offset of the key.
    pub offset: usize,
    /// The value.
    pub node: Node<'a>,
}

impl<'a> Value<'a> {
    /// The JSON kind in words, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }

    /// The member named `key`, if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        match self {
            Value::Object(members) => members.iter().find(|m| m.key == key).map(|m| &m.node),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Deepest nesting read; deeper input gives `None` instead of risking the stack. It is the
/// deepest the page parser accepts (serde_json's limit for strict JSON), so that every payload
/// the pages hold as JSON is checked.
const MAX_DEPTH: usize = 128;

/// Reads `text` as one JSON value (leniently), or `None`.
pub fn read(text: &str) -> Option<Node<'_>> {
    let mut reader = Reader {
        text: text.as_bytes(),
        at: 0,
        source: text,
    };
    let node = reader.value(0)?;
    reader.skip_space();
    (reader.at >= reader.text.len()).then_some(node)
}

struct Reader<'a> {
    text: &'a [u8],
    source: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\r' | b'\n') => self.at += 1,
                Some(b'/') if self.text.get(self.at + 1) == Some(&b'/') => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.at += 1;
                    }
                }
                Some(b'/') if self.text.get(self.at + 1) == Some(&b'*') => {
                    self.at += 2;
                    while self.at < self.text.len() && !self.text[self.at..].starts_with(b"*/") {
                        self.at += 1;
                    }
                    self.at = (self.at + 2).min(self.text.len());
                }
                _ => return,
            }
        }
    }

    fn value(&mut self, depth: usize) -> Option<Node<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_space();
        let offset = self.at;
        let value = match self.peek()? {
            b'{' => self.object(depth)?,
            b'[' => self.array(depth)?,
            b'"' | b'\'' => Value::String(self.string()?),
            b't' => self.word("true", Value::Bool(true))?,
            b'f' => self.word("false", Value::Bool(false))?,
            b'n' => self.word("null", Value::Null)?,
            b'-' | b'0'..=b'9' => self.number()?,
            _ => return None,
        };
        Some(Node { offset, value })
    }

    fn word(&mut self, word: &str, value: Value<'a>) -> Option<Value<'a>> {
        if self.text[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Some(value)
        } else {
            None
        }
    }

    fn number(&mut self) -> Option<Value<'a>> {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E'))
        {
            self.at += 1;
        }
        let text = self.source.get(start..self.at)?;
        text.parse::<f64>().ok()?;
        Some(Value::Number(text))
    }

    fn string(&mut self) -> Option<Cow<'a, str>> {
        let quote = self.peek()?;
        self.at += 1;
        let start = self.at;
        self.at += memchr::memchr2(quote, b'\\', self.text.get(start..)?)?;
        if self.peek()? == quote {
            // No escape: the text itself.
            let text = self.source.get(start..self.at)?;
            self.at += 1;
            return Some(Cow::Borrowed(text));
        }
        let mut out = String::new();
        let mut run = start;
        loop {
            let c = self.peek()?;
            if c == quote {
                out.push_str(self.source.get(run..self.at)?);
                self.at += 1;
                return Some(Cow::Owned(out));
            }
            if c == b'\\' {
                out.push_str(self.source.get(run..self.at)?);
                let escaped = *self.text.get(self.at + 1)?;
                self.at += 2;
                match escaped {
                    b'n' => out.push('\n'),
                    b't' => out.push('\t'),
                    b'r' => out.push('\r'),
                    b'b' => out.push('\u{8}'),
                    b'f' => out.push('\u{c}'),
                    b'u' => {
                        let hex = self.source.get(self.at..self.at + 4)?;
                        let code = u32::from_str_radix(hex, 16).ok()?;
                        out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                        self.at += 4;
                    }
                    other => out.push(char::from(other)),
                }
                run = self.at;
                continue;
            }
            // Jump to the next quote or backslash: the bytes between are copied as one run.
            let rest = self.text.get(self.at + 1..)?;
            self.at += 1 + memchr::memchr2(quote, b'\\', rest)?;
        }
    }

    fn array(&mut self, depth: usize) -> Option<Value<'a>> {
        self.at += 1;
        let mut items = Vec::new();
        loop {
            self.skip_space();
            match self.peek()? {
                b']' => {
                    self.at += 1;
                    return Some(Value::Array(items));
                }
                b',' if !items.is_empty() => self.at += 1,
                _ => items.push(self.value(depth + 1)?),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Option<Value<'a>> {
        self.at += 1;
        let mut members = Vec::new();
        loop {
            self.skip_space();
            match self.peek()? {
                b'}' => {
                    self.at += 1;
                    return Some(Value::Object(members));
                }
                b',' if !members.is_empty() => self.at += 1,
                b'"' | b'\'' => {
                    let offset = self.at;
                    let key = self.string()?;
                    self.skip_space();
                    if self.peek()? != b':' {
                        return None;
                    }
                    self.at += 1;
                    let node = self.value(depth + 1)?;
                    members.push(Member { key, offset, node });
                }
                _ => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_as_deep_as_the_page_parser_accepts_and_no_deeper() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        // serde_json reads strict JSON up to 128 levels; every such payload is checked.
        assert!(read(&nested(128)).is_some());
        assert!(read(&nested(200)).is_none());
    }

    #[test]
    fn keys_and_values_keep_their_offsets() {
        let text = "{\n  \"a\": [1, {\"b\": \"x\"}],\n  // note\n  \"c\": true,\n}";
        let node = read(text).expect("lenient JSON");
        let Value::Object(members) = &node.value else {
            panic!("an object")
        };
        assert_eq!(members[0].key, "a");
        assert_eq!(&text[members[0].offset..members[0].offset + 3], "\"a\"");
        assert_eq!(members[1].key, "c");
        assert_eq!(&text[members[1].node.offset..][..4], "true");
    }

    #[test]
    fn strings_borrow_unless_escaped() {
        let node = read(r#"{"a": "plain", "b\u0041": 'x\'y', "c": "\"", "d": ""}"#).expect("JSON");
        let Value::Object(members) = &node.value else {
            panic!("an object")
        };
        let keys: Vec<&str> = members.iter().map(|m| &*m.key).collect();
        assert_eq!(keys, ["a", "bA", "c", "d"]);
        assert!(matches!(members[0].key, Cow::Borrowed(_)));
        assert!(matches!(members[1].key, Cow::Owned(_)));
        let values: Vec<Option<&str>> = members.iter().map(|m| m.node.value.as_str()).collect();
        assert_eq!(values, [Some("plain"), Some("x'y"), Some("\""), Some("")]);
        assert!(read("\"unterminated").is_none());
        assert!(read("\"escape at end\\").is_none());
    }

    #[test]
    fn garbage_and_deep_nesting_give_none() {
        assert!(read("{\"a\": }").is_none());
        assert!(read("{Raw bytes}").is_none());
        assert!(read(&"[".repeat(500)).is_none());
        assert!(read("{\"a\": 1} trailing").is_none());
    }
}
