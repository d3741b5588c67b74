//! The documents a schema is made of: the schema itself and the files its
//! relative `$ref`s name, with every `$id`, `$anchor` and `$dynamicAnchor`
//! indexed, so any reference resolves to a location without searching.
//!
//! A location is one string: a JSON pointer into the main document
//! (`/$defs/A`), or `file#pointer` into another one (`common.json#/$defs/B`),
//! with the file named relative to the main schema's folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{error, Result};
use crate::model::naming::pointer_segment;

/// One JSON document and what its references may point at.
struct Document {
    /// "" for the main document, else its path relative to the main one's folder.
    name: String,
    /// The folder its relative references start from.
    folder: Option<PathBuf>,
    value: Value,
    /// `$anchor` (and `$dynamicAnchor`) name → pointer.
    anchors: HashMap<String, String>,
    /// `$dynamicAnchor` name → pointer of its outermost declaration.
    dynamic_anchors: HashMap<String, String>,
    /// Embedded `$id` (as written, and resolved against the root `$id`) → pointer.
    ids: HashMap<String, String>,
    /// The root's own `$id`, the base of relative ones.
    root_id: Option<String>,
}

/// Where a reference leads.
pub enum Target {
    /// A location in one of the documents.
    Found(String),
    /// A remote URL that is not fetched.
    Remote,
}

pub struct Documents {
    documents: Vec<Document>,
    by_name: HashMap<String, usize>,
    /// How many `properties` entries all documents declare together.
    pub declared_properties: usize,
}

impl Documents {
    /// The main document; `file` is where it was read from (relative `$ref`s
    /// to other files resolve from its folder). Every file it references,
    /// directly or not, is read now, so loading never stops half way on I/O.
    pub fn new(main: Value, file: Option<&Path>) -> Result<Self> {
        let folder = file.map(|path| path.parent().unwrap_or(Path::new("")).to_owned());
        let mut documents = Documents {
            documents: Vec::new(),
            by_name: HashMap::new(),
            declared_properties: 0,
        };
        documents.add(String::new(), folder, main);
        let mut next = 0;
        while next < documents.documents.len() {
            for (reference, at) in references(&documents.documents[next].value) {
                let at = documents.location(next, &at);
                documents.read_referenced(next, &reference, &at)?;
            }
            next += 1;
        }
        Ok(documents)
    }

    fn add(&mut self, name: String, folder: Option<PathBuf>, value: Value) {
        let mut document = Document {
            name: name.clone(),
            folder,
            value,
            anchors: HashMap::new(),
            dynamic_anchors: HashMap::new(),
            ids: HashMap::new(),
            root_id: None,
        };
        self.declared_properties += index(&mut document);
        self.by_name.insert(name, self.documents.len());
        self.documents.push(document);
    }

    /// Reads the file a relative `$ref` of document `from` names, once.
    fn read_referenced(&mut self, from: usize, reference: &str, at: &str) -> Result<()> {
        let file = reference.split('#').next().unwrap_or_default();
        let here = &self.documents[from];
        let known_id = here.ids.contains_key(file)
            || here
                .root_id
                .as_deref()
                .is_some_and(|root| here.ids.contains_key(&join_uri(root, file)));
        if file.is_empty() || is_remote(file) || known_id {
            return Ok(());
        }
        let Some(folder) = &self.documents[from].folder else {
            return Ok(()); // reported when the reference is resolved
        };
        let path = folder.join(file);
        let name = self.name_of(&path);
        if self.by_name.contains_key(&name) {
            return Ok(());
        }
        // A reference like `/schemas/c` in a document with an `$id` is meant
        // as the `$id` of another schema, which only a bundle can resolve.
        let by_id = file.starts_with('/') || self.documents[from].root_id.is_some();
        let text = std::fs::read_to_string(&path).map_err(|problem| super::LoadError {
            pointer: at.to_owned(),
            message: format!(
                "cannot read `{file}` ({}): {problem}{}",
                path.display(),
                if by_id {
                    "; nor is it the `$id` of a schema in this document (schemas that refer to \
                     each other by `$id` must be given as one document, under `$defs`)"
                } else {
                    ""
                }
            ),
        })?;
        let value = crate::source::parse_document(&text).map_err(|problem| super::LoadError {
            pointer: at.to_owned(),
            message: format!("`{file}` ({}):{problem}", path.display()),
        })?;
        let folder = path.parent().map(Path::to_owned);
        self.add(name, folder, value);
        Ok(())
    }

    /// A document's name: its path relative to the main document's folder.
    fn name_of(&self, path: &Path) -> String {
        let main_folder = self.documents[0].folder.as_deref().unwrap_or(Path::new(""));
        let relative = path.strip_prefix(main_folder).unwrap_or(path);
        let mut parts: Vec<String> = Vec::new();
        for part in relative.components() {
            match part {
                std::path::Component::CurDir => {}
                std::path::Component::ParentDir if parts.last().is_some_and(|p| p != "..") => {
                    parts.pop();
                }
                other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
            }
        }
        parts.join("/")
    }

    /// The location of `pointer` in document `document`.
    pub fn location(&self, document: usize, pointer: &str) -> String {
        match self.documents[document].name.as_str() {
            "" => pointer.to_owned(),
            name => format!("{name}#{pointer}"),
        }
    }

    /// The document index and JSON pointer of a location.
    pub fn split(&self, location: &str) -> (usize, String) {
        if location.is_empty() || location.starts_with('/') {
            return (0, location.to_owned());
        }
        match location.split_once('#') {
            Some((name, pointer)) => match self.by_name.get(name) {
                Some(&index) => (index, pointer.to_owned()),
                None => (0, location.to_owned()),
            },
            None => (0, location.to_owned()),
        }
    }

    /// The schema at a location.
    pub fn get(&self, location: &str) -> Option<&Value> {
        let (document, pointer) = self.split(location);
        self.documents[document].value.pointer(&pointer)
    }

    /// The main document.
    pub fn main(&self) -> &Value {
        &self.documents[0].value
    }

    /// Where `reference`, written at location `at` (whose schema holds it), leads:
    /// a local pointer, an anchor, an embedded `$id`, or another file.
    pub fn resolve(&self, reference: &str, at: &str) -> Result<Target> {
        let (document, _) = self.split(at);
        let here = &self.documents[document];
        let (file, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let by_id = here.ids.get(file).or_else(|| {
            let root = here.root_id.as_deref()?;
            here.ids.get(&join_uri(root, file))
        });
        let (document, base) = if file.is_empty() {
            (document, String::new())
        } else if let Some(pointer) = by_id {
            (document, pointer.clone())
        } else if is_remote(file) {
            return Ok(Target::Remote);
        } else {
            let Some(folder) = &here.folder else {
                return error(
                    at,
                    format!("`$ref` `{reference}` names another file, but the schema was not read from a file; use --schema FILE"),
                );
            };
            let name = self.name_of(&folder.join(file));
            match self.by_name.get(&name) {
                Some(&index) => (index, String::new()),
                None => return error(at, format!("`$ref` `{reference}`: `{file}` was not read")),
            }
        };
        let target = &self.documents[document];
        let pointer = if fragment.is_empty() {
            base
        } else if fragment.starts_with('/') {
            let pointer = format!("{base}{}", percent_decode(fragment));
            if target.value.pointer(&pointer).is_some() {
                pointer
            } else if let Some(by_id) = target.ids.get(&format!("#{fragment}")) {
                // An embedded `"$id": "#/foo"`, written like a pointer.
                by_id.clone()
            } else if fragment == "/" {
                // `other.json#/`: the resource itself (it has no "" member).
                base
            } else {
                pointer
            }
        } else {
            match target.anchors.get(fragment) {
                Some(pointer) => pointer.clone(),
                None => {
                    return error(
                        at,
                        format!("`$ref` `{reference}`: no `$anchor` named `{fragment}`"),
                    )
                }
            }
        };
        let location = self.location(document, &pointer);
        if target.value.pointer(&pointer).is_none() {
            return error(
                at,
                format!("`$ref` target {} does not exist", display(&location)),
            );
        }
        Ok(Target::Found(location))
    }

    /// Where a `$dynamicRef` to `#name` leads: the outermost `$dynamicAnchor`
    /// of that name (the dynamic scope of a single bundled document), else an
    /// ordinary anchor.
    pub fn resolve_dynamic(&self, reference: &str, at: &str) -> Result<Target> {
        let (document, _) = self.split(at);
        if let Some(name) = reference.strip_prefix('#') {
            if let Some(pointer) = self.documents[document].dynamic_anchors.get(name) {
                return Ok(Target::Found(self.location(document, pointer)));
            }
        }
        self.resolve(reference, at)
    }

    /// Where a `$recursiveRef` (always `#`) leads: the root of its document.
    pub fn recursive_root(&self, at: &str) -> String {
        let (document, _) = self.split(at);
        self.location(document, "")
    }
}

/// `#/$defs/A` for the main document, `common.json#/$defs/A` for another.
pub fn display(location: &str) -> String {
    if location.is_empty() || location.starts_with('/') {
        format!("#{location}")
    } else {
        location.to_owned()
    }
}

fn is_remote(file: &str) -> bool {
    file.contains("://") || file.starts_with("urn:")
}

/// `%25` → `%` and the like: `$ref` fragments are URI-encoded.
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = bytes
            .get(index + 1..index + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[index], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                index += 3;
            }
            (byte, _) => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// Every `$ref` string in a document with the pointer of the schema holding
/// it (iteratively: documents built in memory may nest deeper than a stack).
fn references(root: &Value) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut stack: Vec<(&Value, String)> = vec![(root, String::new())];
    while let Some((value, pointer)) = stack.pop() {
        match value {
            Value::Object(object) => {
                if let Some(Value::String(reference)) = object.get("$ref") {
                    found.push((reference.clone(), format!("{pointer}/$ref")));
                }
                for (key, child) in object {
                    stack.push((child, format!("{pointer}/{}", pointer_segment(key))));
                }
            }
            Value::Array(items) => {
                for (position, child) in items.iter().enumerate() {
                    stack.push((child, format!("{pointer}/{position}")));
                }
            }
            _ => {}
        }
    }
    found.sort();
    found
}

/// Indexes a document's anchors and ids; returns how many properties it declares.
fn index(document: &mut Document) -> usize {
    let root_id = document
        .value
        .get("$id")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let mut properties = 0;
    // Breadth first, so the outermost `$dynamicAnchor` of a name wins.
    let mut queue = std::collections::VecDeque::from([(&document.value, String::new())]);
    while let Some((value, pointer)) = queue.pop_front() {
        match value {
            Value::Object(object) => {
                if let Some(Value::Object(declared)) = object.get("properties") {
                    properties += declared.len();
                }
                for keyword in ["$anchor", "$dynamicAnchor"] {
                    if let Some(Value::String(name)) = object.get(keyword) {
                        document
                            .anchors
                            .entry(name.clone())
                            .or_insert_with(|| pointer.clone());
                    }
                }
                if let Some(Value::String(name)) = object.get("$dynamicAnchor") {
                    document
                        .dynamic_anchors
                        .entry(name.clone())
                        .or_insert_with(|| pointer.clone());
                }
                if let Some(Value::String(id)) = object.get("$id") {
                    // Drafts 6 and 7 name a location with a plain-name
                    // fragment `$id` (`"$id": "#item"`), later drafts with `$anchor`.
                    if let Some(name) = id.strip_prefix('#').filter(|n| is_plain_name(n)) {
                        document
                            .anchors
                            .entry(name.to_owned())
                            .or_insert_with(|| pointer.clone());
                    }
                    if !pointer.is_empty() {
                        let id = id.trim_end_matches('#').to_owned();
                        if let Some(root) = &root_id {
                            document
                                .ids
                                .entry(join_uri(root, &id))
                                .or_insert_with(|| pointer.clone());
                        }
                        document.ids.entry(id).or_insert_with(|| pointer.clone());
                    }
                }
                for (key, child) in object {
                    queue.push_back((child, format!("{pointer}/{}", pointer_segment(key))));
                }
            }
            Value::Array(items) => {
                for (position, child) in items.iter().enumerate() {
                    queue.push_back((child, format!("{pointer}/{position}")));
                }
            }
            _ => {}
        }
    }
    if let Some(root) = root_id {
        document.ids.entry(root.clone()).or_default();
        document.root_id = Some(root);
    }
    properties
}

/// A fragment that names an anchor rather than a JSON pointer.
fn is_plain_name(fragment: &str) -> bool {
    !fragment.is_empty() && !fragment.starts_with('/')
}

/// `relative` resolved against `base` the simple way: an absolute URI stays,
/// anything else replaces the last path segment of `base`.
fn join_uri(base: &str, relative: &str) -> String {
    if is_remote(relative) {
        return relative.to_owned();
    }
    match base.rfind('/') {
        Some(slash) => format!("{}{relative}", &base[..=slash]),
        None => relative.to_owned(),
    }
}
