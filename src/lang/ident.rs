//! Identifier and literal helpers shared by the backends.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::doc::is_hidden;
use crate::model::Shape;

/// A scope of names already taken.
pub trait Taken {
    fn is_taken(&self, name: &str) -> bool;
    fn take(&mut self, name: String);
    /// The counter to try first after `base` itself, remembered per base so
    /// that many names with one base (50,000 enum values that all case to
    /// `Value`) stay linear; `None` where the scope keeps no memory.
    fn next_counter(&mut self, _base: &str) -> Option<&mut usize> {
        None
    }
}

/// A scope of any size (a struct's fields, an enum's members): hashed, and it
/// remembers the next free counter of every base name.
#[derive(Debug, Default, Clone)]
pub struct NameSet {
    taken: HashSet<String>,
    counters: HashMap<String, usize>,
}

impl NameSet {
    pub fn insert(&mut self, name: impl Into<String>) {
        self.taken.insert(name.into());
    }
}

impl<S: Into<String>> Extend<S> for NameSet {
    fn extend<I: IntoIterator<Item = S>>(&mut self, names: I) {
        self.taken.extend(names.into_iter().map(Into::into));
    }
}

impl Taken for NameSet {
    fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }
    fn take(&mut self, name: String) {
        self.taken.insert(name);
    }
    fn next_counter(&mut self, base: &str) -> Option<&mut usize> {
        if !self.counters.contains_key(base) {
            self.counters.insert(base.to_owned(), 2);
        }
        self.counters.get_mut(base)
    }
}

impl<S: Into<String>> FromIterator<S> for NameSet {
    fn from_iter<I: IntoIterator<Item = S>>(names: I) -> Self {
        Self {
            taken: names.into_iter().map(Into::into).collect(),
            counters: HashMap::new(),
        }
    }
}

/// A large scope (every type of a schema).
impl Taken for BTreeSet<String> {
    fn is_taken(&self, name: &str) -> bool {
        self.contains(name)
    }
    fn take(&mut self, name: String) {
        self.insert(name);
    }
}

/// A scope nested in a larger one that stays as it is (a union's wrapper
/// names among all type names): the outer names are taken, new ones are local.
pub struct Within<'a, T> {
    pub outer: &'a T,
    pub local: NameSet,
}

impl<T: Taken> Taken for Within<'_, T> {
    fn is_taken(&self, name: &str) -> bool {
        self.outer.is_taken(name) || self.local.is_taken(name)
    }
    fn take(&mut self, name: String) {
        self.local.take(name);
    }
    fn next_counter(&mut self, base: &str) -> Option<&mut usize> {
        self.local.next_counter(base)
    }
}

/// Names compared ignoring case (PHP classes and methods, .NET files).
#[derive(Debug, Default, Clone)]
pub struct CaseInsensitive(NameSet);

impl Taken for CaseInsensitive {
    fn is_taken(&self, name: &str) -> bool {
        self.0.is_taken(&name.to_lowercase())
    }
    fn take(&mut self, name: String) {
        self.0.take(name.to_lowercase());
    }
    fn next_counter(&mut self, base: &str) -> Option<&mut usize> {
        self.0.next_counter(&base.to_lowercase())
    }
}

impl<S: Into<String>> FromIterator<S> for CaseInsensitive {
    fn from_iter<I: IntoIterator<Item = S>>(names: I) -> Self {
        Self(names.into_iter().map(|n| n.into().to_lowercase()).collect())
    }
}

/// `name`, or `name2`, `name3`… if it is already taken in `used`; takes the result.
pub fn unique(name: String, used: &mut impl Taken) -> String {
    if !used.is_taken(&name) {
        used.take(name.clone());
        return name;
    }
    let mut counter = used.next_counter(&name).map_or(2, |next| *next);
    let mut candidate = format!("{name}{counter}");
    while used.is_taken(&candidate) {
        counter += 1;
        candidate = format!("{name}{counter}");
    }
    if let Some(next) = used.next_counter(&name) {
        *next = counter + 1;
    }
    used.take(candidate.clone());
    candidate
}

/// `name`, prefixed with `digit_prefix` when it starts with a digit, or
/// `empty` when it is empty: what turns cased words into an identifier.
pub fn digit_safe(name: String, digit_prefix: &str, empty: &str) -> String {
    match name.chars().next() {
        None => empty.to_owned(),
        Some(c) if c.is_ascii_digit() => format!("{digit_prefix}{name}"),
        Some(_) => name,
    }
}

/// A JSON string literal: also a valid string literal in languages whose
/// escapes are a superset of JSON's (TypeScript, JavaScript, Java, C#, Python).
/// Hidden characters (`doc::is_hidden`) that JSON allows raw, DEL, C1 and
/// zero-width or bidi controls, are written as `\uXXXX` too, so that none is
/// copied raw into the source.
pub fn json_string(text: &str) -> String {
    let json = serde_json::Value::String(text.to_owned()).to_string();
    if !json.chars().any(is_hidden) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if is_hidden(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A backslash-escaped string literal delimited by `quote`: the quote, `\\`,
/// newline, carriage return, tab and every character of `also` (say `$`) get a
/// backslash; other control characters and the hidden ones (`doc::is_hidden`)
/// are spelled by `control` (the language's unicode escape, given the code point).
pub fn escaped_string(
    text: &str,
    quote: char,
    also: &[char],
    control: fn(u32) -> String,
) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote || c == '\\' || also.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c if is_hidden(c) || c.is_control() => out.push_str(&control(c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// `text` for an XML or HTML element body: `&`, `<` and `>` escaped.
pub fn xml_text(text: &str) -> String {
    // XML 1.0 cannot carry most control characters even as references.
    super::doc::clean(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The lower-case name of a JSON shape, as generated decoders spell it.
pub fn shape_name(shape: Shape) -> &'static str {
    match shape {
        Shape::String => "string",
        Shape::Bool => "boolean",
        Shape::Integer => "integer",
        Shape::Number => "number",
        Shape::Array => "array",
        Shape::Object => "object",
        Shape::Any => "any",
    }
}

/// Whether `text` is an ASCII identifier (`[A-Za-z_][A-Za-z0-9_]*`).
pub fn is_ascii_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_names_get_a_counter() {
        let mut used = NameSet::default();
        assert_eq!(unique("A".into(), &mut used), "A");
        assert_eq!(unique("A".into(), &mut used), "A2");
        assert_eq!(unique("A".into(), &mut used), "A3");
        let mut set: BTreeSet<String> = ["A".to_owned()].into();
        assert_eq!(unique("A".into(), &mut set), "A2");
        let mut within = Within {
            outer: &set,
            local: NameSet::default(),
        };
        assert_eq!(unique("A2".into(), &mut within), "A22");
        assert_eq!(unique("B".into(), &mut within), "B");
        assert_eq!(unique("B".into(), &mut within), "B2");
        let mut ci: CaseInsensitive = ["Upper"].into_iter().collect();
        assert_eq!(unique("UPPER".into(), &mut ci), "UPPER2");
        assert_eq!(unique("upper".into(), &mut ci), "upper3");
    }

    #[test]
    fn fifty_thousand_names_with_one_base_stay_linear() {
        /// Counts lookups: linear naming does a bounded number per name,
        /// quadratic probing does one per earlier name (minutes at 50,000).
        struct Counted<T>(T, std::cell::Cell<usize>);
        impl<T: Taken> Taken for Counted<T> {
            fn is_taken(&self, name: &str) -> bool {
                self.1.set(self.1.get() + 1);
                self.0.is_taken(name)
            }
            fn take(&mut self, name: String) {
                self.0.take(name);
            }
            fn next_counter(&mut self, base: &str) -> Option<&mut usize> {
                self.0.next_counter(base)
            }
        }
        let mut used = Counted(NameSet::default(), Default::default());
        let last = (0..50_000)
            .map(|_| unique("Value".into(), &mut used))
            .last();
        assert_eq!(last.as_deref(), Some("Value50000"));
        assert!(used.1.get() <= 2 * 50_000, "{} lookups", used.1.get());
        let mut folded = Counted(CaseInsensitive::default(), Default::default());
        for index in 0..50_000 {
            let spelled = if index % 2 == 0 { "value" } else { "VALUE" };
            unique(spelled.into(), &mut folded);
        }
        assert!(folded.0.is_taken("Value50000") && !folded.0.is_taken("value50001"));
        assert!(folded.1.get() <= 2 * 50_000, "{} lookups", folded.1.get());
    }

    #[test]
    fn identifiers_and_literals() {
        assert!(is_ascii_identifier("_a1"));
        assert!(!is_ascii_identifier("1a"));
        assert!(!is_ascii_identifier("a-b"));
        assert_eq!(json_string("a\"b\n"), "\"a\\\"b\\n\"");
        let swift = |c| format!("\\u{{{c:x}}}");
        assert_eq!(
            escaped_string("a\"$\u{1}", '"', &['$'], swift),
            "\"a\\\"\\$\\u{1}\""
        );
    }
}
