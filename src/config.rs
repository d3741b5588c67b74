//! dtogen.toml: which schema, which languages, where they go, and each
//! package's identity. Read and validated here into a typed [`Config`];
//! every error names the file, the line and the key.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::error::{Error, Result};
use crate::lang::identity::{self, SETTINGS};
use crate::model::{metadata, Package};

/// The file `dtogen` reads from the current directory when present.
pub const FILE_NAME: &str = "dtogen.toml";

/// A validated dtogen.toml. Paths are resolved against the file's folder.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// The JSON Schema to read; `None` for the built-in AI Server DTOs.
    pub schema: Option<PathBuf>,
    /// Canonical language names; empty for every language.
    pub languages: Vec<String>,
    /// The folder each language goes under, as `<out>/<lang>`.
    pub out: PathBuf,
    /// `[package]`: overrides of the schema's `x-package`.
    pub package: PackageConfig,
    /// Per-language identity settings, by canonical language then key.
    pub settings: BTreeMap<String, BTreeMap<String, String>>,
}

/// The `[package]` table; unset keys keep the schema's value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PackageConfig {
    pub name: Option<String>,
    pub version: Option<String>,
    pub license: Option<String>,
    pub authors: Option<Vec<String>>,
    pub repository: Option<String>,
    pub homepage: Option<String>,
    pub description: Option<String>,
}

impl Config {
    /// Merges this config over the schema's package identity: config wins.
    pub fn apply(&self, package: &mut Package) {
        let p = &self.package;
        let set = |target: &mut String, value: &Option<String>| {
            if let Some(value) = value {
                target.clone_from(value);
            }
        };
        set(&mut package.name, &p.name);
        set(&mut package.version, &p.version);
        for (target, value) in [
            (&mut package.license, &p.license),
            (&mut package.repository, &p.repository),
            (&mut package.homepage, &p.homepage),
            (&mut package.description, &p.description),
        ] {
            if value.is_some() {
                target.clone_from(value);
            }
        }
        if let Some(authors) = &p.authors {
            package.authors.clone_from(authors);
        }
        for (language, settings) in &self.settings {
            let target = package.languages.entry(language.clone()).or_default();
            for (key, value) in settings {
                target.insert(key.clone(), value.clone());
            }
        }
    }
}

/// Reads and validates the config file at `path`.
pub fn load(path: &Path) -> Result<Config> {
    let text = std::fs::read_to_string(path).map_err(|error| {
        Error(format!(
            "{}: cannot read the config: {error}",
            path.display()
        ))
    })?;
    let base = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new(""));
    parse(&text, &path.display().to_string(), base)
}

/// Parses config text; `label` names the file in errors, `base` resolves paths.
pub fn parse(text: &str, label: &str, base: &Path) -> Result<Config> {
    let reader = Reader { text, label };
    let root = DeTable::parse(text).map_err(|error| {
        let line = error.span().map(|span| reader.line(&span)).unwrap_or(1);
        Error(format!(
            "{label}:{line}: not valid TOML: {}",
            error.message().trim_end()
        ))
    })?;
    let mut config = Config {
        out: base.join("generated"),
        ..Config::default()
    };
    for (key, value) in root.get_ref().iter() {
        let name = key.get_ref().as_ref();
        match name {
            "schema" => config.schema = Some(base.join(reader.string(value, name)?)),
            "out" => config.out = base.join(reader.string(value, name)?),
            "languages" => config.languages = reader.languages(value)?,
            "package" => config.package = reader.package(value)?,
            language if identity::settings_of(language).is_some() => {
                let settings = reader.language(language, value)?;
                config.settings.insert(language.to_owned(), settings);
            }
            other => {
                return Err(reader.error(
                    key.span(),
                    other,
                    &format!(
                        "unknown key; valid: schema, languages, out, [package], and a section per language ({})",
                        language_names().join(", ")
                    ),
                ))
            }
        }
    }
    Ok(config)
}

fn language_names() -> Vec<&'static str> {
    SETTINGS.iter().map(|(language, _)| *language).collect()
}

/// Spans to lines, and typed reads with errors that say where.
struct Reader<'t> {
    text: &'t str,
    label: &'t str,
}

type Value<'i> = Spanned<DeValue<'i>>;

impl Reader<'_> {
    fn line(&self, span: &Range<usize>) -> usize {
        let end = span.start.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    /// `dtogen.toml:12: [java] package: what`.
    fn error(&self, span: Range<usize>, key: &str, what: &str) -> Error {
        Error(format!(
            "{}:{}: {key}: {what}",
            self.label,
            self.line(&span)
        ))
    }

    fn string(&self, value: &Value, key: &str) -> Result<String> {
        match value.get_ref() {
            DeValue::String(text) => Ok(text.to_string()),
            other => Err(self.error(
                value.span(),
                key,
                &format!("expected a string, found {}", kind(other)),
            )),
        }
    }

    fn strings(&self, value: &Value, key: &str) -> Result<Vec<String>> {
        match value.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .map(|item| {
                    self.string(item, key).map_err(|_| {
                        self.error(
                            item.span(),
                            key,
                            &format!(
                                "expected a list of strings, found {} in it",
                                kind(item.get_ref())
                            ),
                        )
                    })
                })
                .collect(),
            other => Err(self.error(
                value.span(),
                key,
                &format!("expected a list of strings, found {}", kind(other)),
            )),
        }
    }

    fn table<'a, 'i>(&self, value: &'a Value<'i>, key: &str) -> Result<&'a DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(table) => Ok(table),
            other => Err(self.error(
                value.span(),
                key,
                &format!("expected a table ([{key}]), found {}", kind(other)),
            )),
        }
    }

    fn languages(&self, value: &Value) -> Result<Vec<String>> {
        let names = self.strings(value, "languages")?;
        let mut languages = Vec::new();
        for name in &names {
            if name.eq_ignore_ascii_case("all") {
                return Ok(Vec::new());
            }
            let backend = crate::lang::find(name.trim()).ok_or_else(|| {
                self.error(
                    value.span(),
                    "languages",
                    &format!(
                        "unknown language `{name}`; valid: {}, or \"all\"",
                        language_names().join(", ")
                    ),
                )
            })?;
            if !languages.iter().any(|l| l == backend.name()) {
                languages.push(backend.name().to_owned());
            }
        }
        if languages.is_empty() {
            return Err(self.error(
                value.span(),
                "languages",
                "the list is empty; name at least one language, or \"all\"",
            ));
        }
        Ok(languages)
    }

    fn package(&self, value: &Value) -> Result<PackageConfig> {
        let mut package = PackageConfig::default();
        for (key, item) in self.table(value, "package")?.iter() {
            let name = key.get_ref().as_ref();
            let shown = format!("[package] {name}");
            let text = || self.string(item, &shown);
            let invalid = |what: String| self.error(item.span(), &shown, &what);
            match name {
                "name" => {
                    let text = text()?;
                    base_name(&text).map_err(invalid)?;
                    package.name = Some(text);
                }
                "version" => {
                    let text = text()?;
                    identity::semver(&text).map_err(invalid)?;
                    package.version = Some(text);
                }
                "license" => {
                    let text = text()?;
                    metadata::check_spdx_expression(&text).map_err(invalid)?;
                    package.license = Some(text);
                }
                "repository" => package.repository = Some(url(text()?).map_err(invalid)?),
                "homepage" => package.homepage = Some(url(text()?).map_err(invalid)?),
                "description" => package.description = Some(text()?),
                "authors" => {
                    let authors = self.strings(item, &shown)?;
                    for author in &authors {
                        metadata::check_author(author).map_err(invalid)?;
                    }
                    package.authors = Some(authors);
                }
                _ => {
                    return Err(self.error(
                        key.span(),
                        &shown,
                        "unknown key; valid: name, version, license, authors, repository, homepage, description",
                    ))
                }
            }
        }
        Ok(package)
    }

    fn language(&self, language: &str, value: &Value) -> Result<BTreeMap<String, String>> {
        let rules = identity::settings_of(language).unwrap_or_default();
        let mut settings = BTreeMap::new();
        for (key, item) in self.table(value, language)?.iter() {
            let name = key.get_ref().as_ref();
            let shown = format!("[{language}] {name}");
            let Some((_, rule)) = rules.iter().find(|(k, _)| *k == name) else {
                let valid: Vec<&str> = rules.iter().map(|(k, _)| *k).collect();
                return Err(self.error(
                    key.span(),
                    &shown,
                    &format!("unknown key; valid: {}", valid.join(", ")),
                ));
            };
            let text = self.string(item, &shown)?;
            identity::check(*rule, &text).map_err(|what| self.error(item.span(), &shown, &what))?;
            settings.insert(name.to_owned(), text);
        }
        Ok(settings)
    }
}

/// The package's base name, from which default identities derive.
fn base_name(text: &str) -> std::result::Result<(), String> {
    let valid = text.starts_with(|c: char| c.is_ascii_lowercase())
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if valid {
        Ok(())
    } else {
        Err(format!("`{text}` is not a package name: lowercase letters, digits and `-`, starting with a letter (e.g. `acme-chat`); per-language names go in their sections"))
    }
}

fn url(text: String) -> std::result::Result<String, String> {
    metadata::check_url(&text).map(|()| text)
}

fn kind(value: &DeValue) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// The commented starter file `dtogen init` writes. It parses as it is and
/// generates every language from the built-in DTOs; every commented example
/// line is valid once uncommented.
pub const STARTER: &str = r#"# dtogen.toml: what `dtogen` generates and what each package is called.
# `dtogen` regenerates everything named here; `dtogen --check` fails when any of it is stale.
# Paths are relative to this file. Flags given on the command line win over this file.

# The JSON Schema to generate from; without it, dtogen's built-in AI Server DTOs.
# schema = "api.schema.json"

# The languages to generate: names or aliases (typescript, ts, python, py, ...), or "all".
languages = ["all"]

# Each language is written to <out>/<language>.
out = "generated"

# The identity and metadata every package shares; each key overrides the schema's x-package.
[package]
# name = "acme-chat"
# version = "2.3.4"
# license = "Apache-2.0"
# authors = ["Acme Dev <dev@acme.test>"]
# repository = "https://github.com/acme/chat"
# homepage = "https://acme.test/chat"
# description = "Acme's chat client"

# Per-language names. Without them, names derive from [package] name.
[typescript]
# name = "@acme/chat"

[javascript]
# name = "@acme/chat-js"

[python]
# name = "acme-chat-client"
# module = "acme_chat"

[php]
# name = "acme/chat-client"
# namespace = "Acme\\Chat"

[java]
# group_id = "com.acme"
# artifact_id = "chat-client"
# package = "com.acme.chat"

[kotlin]
# group_id = "com.acme"
# artifact_id = "chat-client-kotlin"
# package = "com.acme.chat"

[csharp]
# namespace = "Acme.Chat"
# package_id = "Acme.Chat.Client"

[fsharp]
# namespace = "Acme.Chat"
# package_id = "Acme.Chat.Client.FSharp"

[vbnet]
# namespace = "Acme.Chat"
# package_id = "Acme.Chat.Client.VisualBasic"

[swift]
# name = "acme-chat"
# module = "AcmeChat"

[dart]
# name = "acme_chat"
"#;
