//! Reading openup's JSON files: UTF-8 with an optional byte-order mark, one
//! object, nesting limited, and every problem placed by line and column or by
//! JSON path, in words a person can act on.

use std::borrow::Cow;
use std::fmt;

/// Why a JSON document could not be read, located as precisely as serde allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonProblem {
    /// `line L, column C` for syntax errors, or a JSON path for type errors.
    pub place: String,
    /// What is wrong.
    pub message: String,
    /// Whether the text is not JSON at all (damaged, cut short), rather than
    /// JSON of the wrong shape.
    pub syntax: bool,
}

impl fmt::Display for JsonProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.place, self.message)
        }
    }
}

/// Parses JSON bytes into `T`, accepting a UTF-8 byte-order mark, and names the
/// place of any problem: line and column for syntax, the JSON path for structure.
pub fn parse_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, JsonProblem> {
    from_doc(&parse_object(bytes)?)
}

/// Parses JSON bytes into a JSON object, accepting a UTF-8 byte-order mark;
/// syntax problems are placed by line and column. Every openup file is an object.
pub fn parse_object(bytes: &[u8]) -> Result<Doc<'_>, JsonProblem> {
    let text = std::str::from_utf8(bytes).map_err(|e| JsonProblem {
        place: String::new(),
        message: format!(
            "the file is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            e.valid_up_to()
        ),
        syntax: true,
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(JsonProblem {
            place: String::new(),
            message: "the file is empty; it should hold a JSON object".to_string(),
            syntax: true,
        });
    }
    // Syntax first, with line and column; serde_json limits nesting to 128.
    // A key given twice in an object is refused, not read as its last value.
    let doc = match serde_json::from_str::<Doc>(text) {
        Ok(doc) => doc,
        Err(inner) if inner.is_data() => return Err(duplicate_key(text)),
        Err(inner) => {
            return Err(JsonProblem {
                place: format!("line {}, column {}", inner.line(), inner.column()),
                message: json_message(&inner),
                syntax: true,
            });
        }
    };
    if !matches!(doc, Doc::Object(_)) {
        return Err(JsonProblem {
            place: "top level".to_string(),
            message: "the file should hold a JSON object ({ ... }) and holds something else"
                .to_string(),
            syntax: false,
        });
    }
    Ok(doc)
}

/// A parsed JSON document, the first step of reading any openup file: it
/// borrows its strings from the text where it can, keeps object entries in
/// the order written, and holds every key of an object once: serde_json
/// itself keeps the last of repeated keys, so `{"a": 1, "a": 2}` would read as
/// `{"a": 2}` without a word.
#[derive(Debug, Clone, PartialEq)]
pub enum Doc<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// Any number.
    Number(serde_json::Number),
    /// A string.
    Str(Cow<'a, str>),
    /// A list.
    List(Vec<Doc<'a>>),
    /// An object, its entries in the order written.
    Object(Vec<(Cow<'a, str>, Doc<'a>)>),
}

impl Doc<'_> {
    /// The value of `key`, when this is an object holding it.
    pub fn get(&self, key: &str) -> Option<&Doc<'_>> {
        match self {
            Doc::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The number, when this is a whole number from 0.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Doc::Number(n) => n.as_u64(),
            _ => None,
        }
    }
}

impl<'de> serde::Deserialize<'de> for Doc<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Doc<'de>, D::Error> {
        d.deserialize_any(DocVisitor)
    }
}

struct DocVisitor;

impl<'de> serde::de::Visitor<'de> for DocVisitor {
    type Value = Doc<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Doc<'de>, E> {
        Ok(Doc::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Doc<'de>, E> {
        Ok(Doc::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Doc<'de>, E> {
        Ok(Doc::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Doc<'de>, E> {
        // serde_json reads no NaN or infinity, so every f64 it hands over fits.
        Ok(serde_json::Number::from_f64(v).map_or(Doc::Null, Doc::Number))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Doc<'de>, E> {
        Ok(Doc::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Doc<'de>, E> {
        Ok(Doc::Str(Cow::Owned(v.to_string())))
    }

    fn visit_string<E>(self, v: String) -> Result<Doc<'de>, E> {
        Ok(Doc::Str(Cow::Owned(v)))
    }

    fn visit_unit<E>(self) -> Result<Doc<'de>, E> {
        Ok(Doc::Null)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Doc<'de>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Doc::List(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Doc<'de>, A::Error> {
        // Small objects are searched for a repeated key; a large one keeps
        // a set, so that no file can make the search take long.
        const SEARCHED: usize = 16;
        let mut entries: Vec<(Cow<'de, str>, Doc<'de>)> = Vec::new();
        let mut seen: std::collections::HashSet<Cow<'de, str>> = std::collections::HashSet::new();
        while let Some(Key(key)) = map.next_key()? {
            let repeated = if entries.len() < SEARCHED {
                entries.iter().any(|(k, _)| *k == key)
            } else {
                if seen.is_empty() {
                    seen.extend(entries.iter().map(|(k, _)| k.clone()));
                }
                !seen.insert(key.clone())
            };
            if repeated {
                return Err(serde::de::Error::custom(format!(
                    "the key \"{key}\" is given twice in the same object; keep one of them"
                )));
            }
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(Doc::Object(entries))
    }
}

/// An object's key, borrowed from the text when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Key<'de>, D::Error> {
        struct KeyVisitor;
        impl<'de> serde::de::Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }

            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }

            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }

            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// The problem of a document with a repeated key, placed by its JSON path.
/// Read again with the path tracked: only a file with the problem pays for it.
fn duplicate_key(text: &str) -> JsonProblem {
    let mut de = serde_json::Deserializer::from_str(text);
    let (place, message) = match serde_path_to_error::deserialize::<_, Doc>(&mut de) {
        Err(err) => (err.path().to_string(), err.into_inner().to_string()),
        Ok(_) => (String::new(), "a key is given twice".to_string()),
    };
    // serde_json adds "at line L column C" to the message: keep it, since a
    // path alone does not say which of the two is meant.
    let message = match message.rfind(" at line ") {
        Some(at) => format!("{} ({})", &message[..at], &message[at + 1..]),
        None => message,
    };
    JsonProblem {
        place: if place == "." {
            "top level".to_string()
        } else {
            crate::text::visible(&place)
        },
        message: crate::text::visible(&message),
        syntax: false,
    }
}

/// Reads `T` from a parsed document; a problem is placed by its JSON path.
pub fn from_doc<T: serde::de::DeserializeOwned>(value: &Doc) -> Result<T, JsonProblem> {
    // The path is tracked only to explain a failure: a file that reads well
    // (nearly all of them) is read once, without the bookkeeping.
    if let Ok(typed) = T::deserialize(Strict(value)) {
        return Ok(typed);
    }
    let err = match serde_path_to_error::deserialize::<_, T>(Strict(value)) {
        Err(err) => err,
        Ok(typed) => return Ok(typed),
    };
    // Paths and serde's messages quote keys and values from the file: clean
    // them here, where that text enters a message.
    let path = err.path().to_string();
    Err(JsonProblem {
        place: if path == "." {
            "top level".to_string()
        } else {
            crate::text::visible(&path)
        },
        message: crate::text::visible(&plain_type_names(&err.into_inner().to_string())),
        syntax: false,
    })
}

/// What a list in place of an object is told.
const LIST_FOR_OBJECT: &str = "expected an object ({ ... }) here, not a list";

/// Parsed JSON read the way serde_json reads it, except that a struct is read
/// only from an object: serde's derived structs also accept a list of their
/// fields in order (`[id, label, weights]`), which no openup file holds and
/// which would hide a mistake.
#[derive(Clone, Copy)]
struct Strict<'a, 'b>(&'a Doc<'b>);

impl<'de, 'b> serde::Deserializer<'de> for Strict<'de, 'b> {
    type Error = serde_json::Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self.0 {
            Doc::Null => visitor.visit_unit(),
            Doc::Bool(b) => visitor.visit_bool(*b),
            Doc::Number(n) => serde::Deserializer::deserialize_any(n, visitor),
            Doc::Str(s) => visitor.visit_borrowed_str(s),
            Doc::List(items) => {
                let mut seq = StrictSeq(items.iter());
                let read = visitor.visit_seq(&mut seq)?;
                match seq.0.len() {
                    0 => Ok(read),
                    _ => Err(serde::de::Error::invalid_length(
                        items.len(),
                        &"fewer elements",
                    )),
                }
            }
            Doc::Object(entries) => visitor.visit_map(StrictMap {
                entries: entries.iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: serde::de::Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self.0 {
            Doc::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self.0 {
            Doc::List(_) => Err(serde::de::Error::custom(LIST_FOR_OBJECT)),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_enum<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        // openup's enums are words; anything else is refused by the enum itself.
        match self.0 {
            Doc::Str(s) => visitor.visit_enum(serde::de::value::BorrowedStrDeserializer::new(s)),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_newtype_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
        ignored_any
    }
}

/// The items of a list, each read strictly.
struct StrictSeq<'a, 'b>(std::slice::Iter<'a, Doc<'b>>);

impl<'de, 'b> serde::de::SeqAccess<'de> for StrictSeq<'de, 'b> {
    type Error = serde_json::Error;

    fn next_element_seed<T: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Self::Error> {
        self.0
            .next()
            .map(|item| seed.deserialize(Strict(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// The entries of an object, each value read strictly.
struct StrictMap<'a, 'b> {
    entries: std::slice::Iter<'a, (Cow<'b, str>, Doc<'b>)>,
    value: Option<&'a Doc<'b>>,
}

impl<'de, 'b> serde::de::MapAccess<'de> for StrictMap<'de, 'b> {
    type Error = serde_json::Error;

    fn next_key_seed<K: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(serde::de::value::BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(Strict(value)),
            None => Err(serde::de::Error::custom("a value was read before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// serde_json's message without its trailing "at line L column C", which the
/// place already says.
fn json_message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let message = match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    };
    let message = plain_type_names(&message);
    match message.as_str() {
        "trailing characters" => "unexpected text after the JSON value".to_string(),
        "recursion limit exceeded" => "JSON syntax: nested more than 128 levels deep".to_string(),
        _ if err.is_syntax() || err.is_eof() => format!("JSON syntax: {message}"),
        _ => message,
    }
}

/// serde names Rust types ("expected i64", "expected struct TipsFile"); say
/// what they are in JSON instead.
pub(crate) fn plain_type_names(message: &str) -> String {
    let mut out = message.to_string();
    for (rust, json) in [
        ("i64", "a whole number"),
        ("u64", "a whole number"),
        ("u32", "a whole number"),
        ("u16", "a whole number"),
        ("u8", "a whole number"),
        ("i32", "a whole number"),
        ("usize", "a whole number"),
        ("f64", "a number"),
        ("a boolean", "true or false"),
        ("a sequence", "a list ([ ... ])"),
        ("a map", "an object ({ ... })"),
    ] {
        out = out.replace(&format!("expected {rust}"), &format!("expected {json}"));
    }
    if let Some(at) = out.find("expected struct ") {
        out.truncate(at);
        out.push_str("expected an object ({ ... })");
    }
    if let Some(at) = out.find("expected enum ") {
        out.truncate(at);
        out.push_str("expected one of the allowed words");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_given_twice_is_refused_with_its_path() {
        let problem =
            parse_object(br#"{"answers": {"safety-afraid": "often", "safety-afraid": "no"}}"#)
                .unwrap_err();
        assert_eq!(problem.place, "answers");
        assert!(
            problem
                .message
                .starts_with("the key \"safety-afraid\" is given twice"),
            "{problem}"
        );
        assert!(!problem.syntax);
        let problem =
            parse_object(br#"{"q": [{"w": {"a": 1}}, {"w": {"a": 1, "a": 2}}]}"#).unwrap_err();
        assert_eq!(problem.place, "q[1].w", "{problem}");
        let problem = parse_object(br#"{"a": 1, "a": 1}"#).unwrap_err();
        assert_eq!(problem.place, "top level", "{problem}");
    }

    #[test]
    fn the_same_key_in_different_objects_is_fine() {
        let text = br#"{"a": {"x": 1}, "b": {"x": [1, 2.5, null, true, "s\n"]}}"#;
        let value: serde_json::Value = parse_json(text).expect("reads");
        assert_eq!(
            value,
            serde_json::json!({"a": {"x": 1}, "b": {"x": [1, 2.5, null, true, "s\n"]}})
        );
    }

    #[test]
    fn a_large_object_with_a_repeated_key_is_refused_too() {
        let mut text = String::from("{");
        for n in 0..100 {
            text.push_str(&format!("\"k{n}\": {n}, "));
        }
        text.push_str("\"k42\": 0}");
        let problem = parse_object(text.as_bytes()).unwrap_err();
        assert!(
            problem
                .message
                .starts_with("the key \"k42\" is given twice"),
            "{problem}"
        );
        text.replace_range(text.len() - 9.., "\"k100\": 0}");
        assert!(parse_object(text.as_bytes()).is_ok());
    }

    #[test]
    fn messages_name_json_types_not_rust_ones() {
        for rust in ["usize", "u8", "u16", "u32", "u64", "i32", "i64"] {
            assert_eq!(
                plain_type_names(&format!("invalid value: integer `-1`, expected {rust}")),
                "invalid value: integer `-1`, expected a whole number"
            );
        }
        assert_eq!(
            plain_type_names("invalid type: string \"x\", expected f64"),
            "invalid type: string \"x\", expected a number"
        );
    }

    #[test]
    fn syntax_errors_keep_line_and_column() {
        let problem = parse_object(b"{\n  \"a\": 1,\n}").unwrap_err();
        assert!(problem.syntax);
        assert_eq!(problem.place, "line 3, column 1");
    }
}
