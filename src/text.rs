//! Small text helpers shared by the renderers and the prompts.

/// Removes control characters and terminal escape sequences from text that came
/// from a file, so that a bank or a result cannot clear the screen, retitle the
/// window or hide text; bidirectional controls and invisible characters go too,
/// so text reads as what it is. Newlines, tabs and the Unicode line and
/// paragraph separators become spaces: every string openup prints from a file
/// is a single paragraph.
pub fn clean(text: &str) -> String {
    if is_clean(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // ESC starts a sequence: drop it together with its parameters.
            '\u{1b}' => skip_escape(&mut chars),
            // C1 control sequence introducer, operating system command and friends.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            // Line breaks and tabs become single spaces: each text is one paragraph.
            '\n' | '\t' | '\r' | ' ' | '\u{2028}' | '\u{2029}' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c if c.is_control() => {}
            // Bidirectional controls and invisible characters can make text
            // read differently from what it is.
            c if is_hidden(c) => {}
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// Whether [`clean`] would leave `text` as it is: nearly every text is, and
/// then it need not be rebuilt.
fn is_clean(text: &str) -> bool {
    if text.is_ascii() {
        // The common case, byte by byte: printable, single spaces, none at
        // either end.
        let bytes = text.as_bytes();
        return bytes.first() != Some(&b' ')
            && bytes.last() != Some(&b' ')
            && bytes.iter().all(|b| (b' '..=b'~').contains(b))
            && !bytes.windows(2).any(|w| w == b"  ");
    }
    let plain = |c: char| !c.is_control() && !is_hidden(c);
    text.chars().all(plain) && !text.contains("  ") && text.trim() == text
}

/// [`clean`] for a string already owned, which is kept when it is clean.
pub fn clean_owned(text: String) -> String {
    if is_clean(&text) { text } else { clean(&text) }
}

/// Characters that change how text reads without showing themselves:
/// bidirectional embeddings, overrides, isolates and marks (LRM, RLM, ALM),
/// zero-width spaces and joiners, invisible operators, the byte-order mark, and
/// the line and paragraph separators (which [`clean`] turns into spaces).
pub fn is_hidden(c: char) -> bool {
    matches!(
        c,
        '\u{061c}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// [`clean`] for messages of several lines: each line is cleaned and keeps its
/// indentation, so a file name or key from a file cannot carry escape sequences
/// into an error message.
pub fn clean_lines(text: &str) -> String {
    text.lines()
        .map(|line| {
            let indent = line.len() - line.trim_start_matches(' ').len();
            format!("{}{}", &line[..indent], clean(line))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape(chars: &mut Chars) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => skip_string(chars),
        // Two-character sequences such as ESC c (reset) or ESC 7.
        _ => {}
    }
}

fn skip_csi(chars: &mut Chars) {
    // Parameters and intermediates, then one final byte in @..~.
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) {
            break;
        }
    }
}

fn skip_string(chars: &mut Chars) {
    // Ends at BEL or at ST (ESC \ or U+9C).
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

/// The text with its first letter in upper case.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A text in curly quotes, unless it is already in quotes of its own: a title
/// such as `'Just like my dad'` is not quoted twice.
pub fn quoted(text: &str) -> String {
    const QUOTES: [(char, char); 7] = [
        ('"', '"'),
        ('\'', '\''),
        ('“', '”'),
        ('‘', '’'),
        ('„', '“'),
        ('«', '»'),
        ('「', '」'),
    ];
    let mut chars = text.chars();
    let (first, last) = (chars.next(), chars.next_back());
    match (first, last) {
        (Some(first), Some(last)) if QUOTES.contains(&(first, last)) => text.to_string(),
        _ => format!("“{text}”"),
    }
}

/// The bank a file was made with, next to the one in use: "old-bank 1.0.0;
/// now new-bank 2.0.0", or, when only the questions' contents changed, the
/// name once.
pub fn bank_change(id: &str, version: &str, now_id: &str, now_version: &str) -> String {
    if id == now_id && version == now_version {
        format!("{id} {version}, since changed without a new version")
    } else {
        format!("{id} {version}; now {now_id} {now_version}")
    }
}

/// "1 answer", "2 answers": a count with its noun.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `text` on one line, every control, bidirectional or invisible character
/// shown as a visible stand-in (ESC as "␛", line breaks as "␊" and other C0
/// controls as their control pictures,
/// the rest as "<U+XXXX>"), for messages that quote a file's content: removing
/// them, as [`clean`] does, could make a message contradict itself ("unknown
/// variant `quick`, expected `full` or `quick`" for a value that was
/// ESC[31mquick).
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
            '\u{7f}' => out.push('␡'),
            c if c.is_control() || is_hidden(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// At most `max` characters of `text`, with "…" when it was longer: an id or
/// value from a file, quoted in a message, cannot fill the screen.
pub fn excerpt(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]).into(),
        None => text.into(),
    }
}

/// How many characters of an id or value from a file a message quotes.
pub const QUOTED: usize = 60;

/// Wraps `text` to `width` columns, indenting every line by `indent`.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    wrap_hanging(text, width, indent, indent)
}

/// Wraps `text` with a first-line prefix (such as a bullet) and a hanging indent
/// of the same width for the lines after it.
pub fn wrap_hanging(text: &str, width: usize, first: &str, rest: &str) -> String {
    // A word longer than the line (a path, above all) stays whole, so that it
    // can be copied in one piece; the terminal shows the rest on the next row.
    let options = textwrap::Options::new(width.max(20))
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::fill(text, options)
}

#[cfg(test)]
mod tests {
    use super::{bank_change, clean, quoted};

    #[test]
    fn hidden_characters_are_shown_not_removed_in_messages() {
        assert_eq!(
            super::visible("unknown variant `\u{1b}[31mquick\u{7}`"),
            "unknown variant `␛[31mquick␇`"
        );
        assert_eq!(
            super::visible("a\u{202e}b\u{9b}c\nd"),
            "a<U+202E>b<U+009B>c␊d"
        );
    }

    #[test]
    fn long_values_are_quoted_in_part() {
        assert_eq!(super::excerpt("short", 10), "short");
        assert_eq!(super::excerpt("abcdefghij", 10), "abcdefghij");
        assert_eq!(super::excerpt("abcdefghijk", 10), "abcdefghij…");
        assert_eq!(super::excerpt("ééééé", 2), "éé…");
    }

    #[test]
    fn a_path_longer_than_the_line_is_not_broken() {
        let path = "/tmp/.tmpAbCdEf/openup-data/draft.json";
        let text = super::wrap(&format!("Your answers are kept in {path} for now."), 20, "");
        assert!(text.lines().any(|line| line == path), "{text}");
    }

    #[test]
    fn quoted_does_not_quote_a_quoted_text_again() {
        assert_eq!(quoted("Just like my dad"), "“Just like my dad”");
        assert_eq!(quoted("'Just like my dad'"), "'Just like my dad'");
        assert_eq!(quoted("\"Fine.\""), "\"Fine.\"");
        assert_eq!(quoted("“Fine.”"), "“Fine.”");
        // A quote at one end only is part of the text.
        assert_eq!(quoted("'Fine"), "“'Fine”");
        assert_eq!(quoted("'"), "“'”");
        assert_eq!(quoted(""), "“”");
    }

    #[test]
    fn bank_change_names_an_unchanged_name_once() {
        assert_eq!(
            bank_change("core", "1.0.0", "core", "1.1.0"),
            "core 1.0.0; now core 1.1.0"
        );
        assert_eq!(
            bank_change("core", "1.0.0", "core", "1.0.0"),
            "core 1.0.0, since changed without a new version"
        );
    }

    #[test]
    fn clean_removes_escape_sequences_and_controls() {
        assert_eq!(clean("a\u{1b}[2Jb"), "ab");
        assert_eq!(clean("\u{1b}]0;evil title\u{7}ok"), "ok");
        assert_eq!(clean("x\u{1b}]8;;http://x\u{1b}\\y"), "xy");
        assert_eq!(clean("one\ntwo\t three"), "one two three");
        assert_eq!(clean("bell\u{7}\u{8}\u{0}"), "bell");
        assert_eq!(clean("\u{9b}31mred"), "red");
        assert_eq!(clean("ab\u{202e}cd"), "abcd");
        // Invisible characters and marks go; line and paragraph separators
        // become spaces like newlines.
        assert_eq!(
            clean("a\u{200b}b\u{200c}c\u{200d}d\u{200e}e\u{200f}f"),
            "abcdef"
        );
        assert_eq!(clean("a\u{2060}b\u{2064}c\u{feff}d\u{61c}e"), "abcde");
        assert_eq!(clean("one\u{2028}two\u{2029}three"), "one two three");
        assert_eq!(clean("\u{feff}\u{200b}"), "");
        assert_eq!(clean("Plain text, unchanged."), "Plain text, unchanged.");
    }
}

/// How text output looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextStyle {
    /// Colour and bold.
    pub color: bool,
    /// Columns to wrap at.
    pub width: usize,
    /// ASCII bars and bullets, for terminals that cannot draw block characters.
    pub ascii: bool,
}

/// The narrowest and widest text openup wraps to.
pub const WIDTH_RANGE: std::ops::RangeInclusive<usize> = 30..=100;

impl TextStyle {
    /// The width to wrap at, within [`WIDTH_RANGE`].
    pub fn columns(&self) -> usize {
        self.width.clamp(*WIDTH_RANGE.start(), *WIDTH_RANGE.end())
    }

    /// No colour, 80 columns, Unicode: the style of snapshots and pipes.
    pub const PLAIN: TextStyle = TextStyle {
        color: false,
        width: 80,
        ascii: false,
    };
}

/// Cleaning where text enters: serde `deserialize_with` helpers for every
/// string openup reads from a bank, answers, result or draft file, so each
/// text is cleaned once, on the way in, and printed as it is afterwards.
pub mod on_read {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer};

    use super::clean_owned;

    /// One cleaned string.
    pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        String::deserialize(d).map(clean_owned)
    }

    /// A cleaned string, when present.
    pub fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        Option::<String>::deserialize(d).map(|s| s.map(clean_owned))
    }

    /// A list of cleaned strings.
    pub fn list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        Vec::<String>::deserialize(d).map(|v| v.into_iter().map(clean_owned).collect())
    }

    /// A map with cleaned keys and values, such as question id → option id.
    pub fn map<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
        BTreeMap::<String, String>::deserialize(d).map(|m| {
            m.into_iter()
                .map(|(k, v)| (clean_owned(k), clean_owned(v)))
                .collect()
        })
    }
}
