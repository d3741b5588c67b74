//! The command line: generate, check, export the schema, list languages.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::{self, Config};
use crate::error::{Error, Result};
use crate::lang::{self, identity, Backend, GeneratedFile};
use crate::model::Model;
use crate::output::{self, Stale};
use crate::parallel;
use crate::source::{self, SchemaSource, BUILT_IN_SCHEMA_PATH};

/// Typed clients in many languages from one JSON Schema.
///
/// With a dtogen.toml in the current directory (or `--config FILE`): generates
/// what it names. Without one: writes schema/ai-server.schema.json and every
/// language under generated/. `--check` verifies the same files are up to date.
#[derive(Debug, Parser)]
#[command(name = "dtogen", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Languages to generate (names or aliases, comma-separated or repeated; `all` for every one).
    #[arg(short, long = "lang", value_delimiter = ',', value_name = "LANG")]
    pub langs: Vec<String>,
    /// A JSON Schema file to generate from, instead of the built-in AI Server DTOs.
    #[arg(long, value_name = "FILE")]
    pub schema: Option<PathBuf>,
    /// Output directory; defaults to generated/<lang>. With several languages, each goes to DIR/<lang>.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Write nothing; exit 1 with a diff when any output is stale (for CI).
    #[arg(long)]
    pub check: bool,
    /// The config file; defaults to ./dtogen.toml when it exists. Flags override it.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Refuse the schema (exit 2) instead of typing what cannot be represented as free JSON.
    #[arg(long)]
    pub strict: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Export the built-in DTOs as JSON Schema (draft 2020-12).
    Schema {
        /// Where to write it; `-` for stdout.
        #[arg(long, value_name = "FILE", default_value = BUILT_IN_SCHEMA_PATH)]
        out: PathBuf,
    },
    /// List the languages, their aliases and how each one's output is verified.
    List,
    /// Write a commented starter dtogen.toml (never over an existing file).
    Init {
        /// Where to write it.
        #[arg(value_name = "FILE", default_value = config::FILE_NAME)]
        path: PathBuf,
    },
}

/// Runs the command; `Err` is a user-facing error (exit 2).
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Some(Command::Schema { out }) => export_schema(&out),
        Some(Command::List) => list(),
        Some(Command::Init { path }) => init(&path),
        None => generate_or_check(&cli),
    }
}

fn export_schema(out: &Path) -> Result<ExitCode> {
    let text = source::schema_text(&SchemaSource::BuiltIn.document()?);
    if out == Path::new("-") {
        print!("{text}");
    } else {
        output::write_file(out, &text)?;
        eprintln!("wrote {}", out.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn init(path: &Path) -> Result<ExitCode> {
    use std::fs::OpenOptions;
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::AlreadyExists => Error(format!(
                "{}: already exists; dtogen init never overwrites a config",
                path.display()
            )),
            _ => Error(format!("{}: {error}", path.display())),
        })?;
    file.write_all(config::STARTER.as_bytes())
        .map_err(|error| Error(format!("{}: {error}", path.display())))?;
    eprintln!(
        "wrote {}; edit it, then run `dtogen` to generate",
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The config named by `--config`, else ./dtogen.toml when there is one.
fn find_config(cli: &Cli) -> Result<Option<Config>> {
    match &cli.config {
        Some(path) => config::load(path).map(Some),
        None if Path::new(config::FILE_NAME).is_file() => {
            config::load(Path::new(config::FILE_NAME)).map(Some)
        }
        None => Ok(None),
    }
}

fn list() -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    for backend in lang::BACKENDS {
        // "-" keeps three columns when there are no aliases (scripts read them).
        let aliases = match backend.aliases() {
            [] => "-".to_owned(),
            names => names.join(","),
        };
        let _ = writeln!(
            out,
            "{:<12} {:<10} {}",
            backend.name(),
            aliases,
            backend.verification()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Resolves `--lang` values; no value means every language.
pub fn select_backends(names: &[String]) -> Result<Vec<&'static dyn Backend>> {
    if names.is_empty() || names.iter().any(|n| n.eq_ignore_ascii_case("all")) {
        return Ok(lang::BACKENDS.to_vec());
    }
    let mut selected: Vec<&'static dyn Backend> = Vec::new();
    for name in names {
        let backend = lang::find(name.trim()).ok_or_else(|| {
            let valid: Vec<String> = lang::BACKENDS
                .iter()
                .map(|b| match b.aliases() {
                    [] => b.name().to_owned(),
                    aliases => format!("{} ({})", b.name(), aliases.join(", ")),
                })
                .collect();
            Error(format!(
                "unknown language `{name}`; valid: {}, or `all`",
                valid.join(", ")
            ))
        })?;
        if !selected.iter().any(|b| b.name() == backend.name()) {
            selected.push(backend);
        }
    }
    Ok(selected)
}

fn generate_or_check(cli: &Cli) -> Result<ExitCode> {
    let config = find_config(cli)?;
    // Flags win over the config; the config wins over the schema's x-package.
    let langs: &[String] = match &config {
        Some(config) if cli.langs.is_empty() => &config.languages,
        _ => &cli.langs,
    };
    let backends = select_backends(langs)?;
    let source = match (&cli.schema, config.as_ref().and_then(|c| c.schema.as_ref())) {
        (Some(path), _) | (None, Some(path)) => SchemaSource::File(path.clone()),
        (None, None) => SchemaSource::BuiltIn,
    };
    let document = source.document()?;
    let loaded = source.loaded_of(&document)?;
    let severity = if cli.strict { "error" } else { "warning" };
    for warning in &loaded.warnings {
        eprintln!("{severity}: {warning}");
    }
    if cli.strict && !loaded.warnings.is_empty() {
        return Err(Error(format!(
            "{}: {} part(s) of the schema cannot be typed (--strict refuses free JSON)",
            source.label(),
            loaded.warnings.len()
        )));
    }
    let mut model = loaded.model;
    if let Some(config) = &config {
        config.apply(&mut model.package);
    }
    identity::validate(&model.package)
        .map_err(|error| Error(format!("{}: {error}", source.label())))?;
    // Render everything before touching the disk: a failure writes nothing.
    let mut outputs: Vec<(PathBuf, Vec<GeneratedFile>)> = Vec::new();
    for (backend, files) in backends.iter().zip(render_all(&backends, &model)) {
        let dir = match (&cli.out, &config) {
            (None, Some(config)) => config.out.join(backend.name()),
            (out, _) => output_dir(out.as_deref(), backend.name(), backends.len()),
        };
        outputs.push((dir, files?));
    }
    // The schema export belongs to the plain run over the built-in DTOs only.
    let schema_file = match (&source, langs.is_empty(), &config) {
        (SchemaSource::BuiltIn, true, None) => Some(source::schema_text(&document)),
        _ => None,
    };
    if cli.check {
        check(schema_file.as_deref(), &outputs)
    } else {
        write(schema_file.as_deref(), &outputs)
    }
}

/// Every language's files, in `backends` order, rendered on as many threads
/// as the machine has cores (each backend is independent and pure).
pub fn render_all(backends: &[&dyn Backend], model: &Model) -> Vec<Result<Vec<GeneratedFile>>> {
    parallel::map(backends, |backend| render(*backend, model))
}

/// Every file of one language, manifest included.
pub fn render(backend: &dyn Backend, model: &Model) -> Result<Vec<GeneratedFile>> {
    let files = crate::lang::publish::finish(model, backend.generate(model)?);
    Ok(output::with_manifest(files))
}

fn output_dir(out: Option<&Path>, language: &str, count: usize) -> PathBuf {
    match out {
        Some(dir) if count == 1 => dir.to_owned(),
        Some(dir) => dir.join(language),
        None => Path::new("generated").join(language),
    }
}

fn write(schema_file: Option<&str>, outputs: &[(PathBuf, Vec<GeneratedFile>)]) -> Result<ExitCode> {
    if let Some(text) = schema_file {
        output::write_file(Path::new(BUILT_IN_SCHEMA_PATH), text)?;
    }
    for ((dir, _), summary) in outputs.iter().zip(output::write_dirs(outputs)?) {
        eprintln!(
            "{}: {} written, {} unchanged, {} removed",
            dir.display(),
            summary.written,
            summary.unchanged,
            summary.removed
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn check(schema_file: Option<&str>, outputs: &[(PathBuf, Vec<GeneratedFile>)]) -> Result<ExitCode> {
    let mut stale: Vec<Stale> = Vec::new();
    if let Some(text) = schema_file {
        stale.extend(output::check_file(Path::new(BUILT_IN_SCHEMA_PATH), text));
    }
    for (dir, files) in outputs {
        stale.extend(output::check_dir(dir, files));
    }
    if stale.is_empty() {
        eprintln!(
            "up to date: {} language(s){}",
            outputs.len(),
            if schema_file.is_some() {
                " and the schema"
            } else {
                ""
            }
        );
        return Ok(ExitCode::SUCCESS);
    }
    for item in &stale {
        println!("{item}");
    }
    eprintln!(
        "{} stale file(s); run `dtogen` (with the same --config/--lang/--schema/--out) to regenerate",
        stale.len()
    );
    Ok(ExitCode::from(1))
}
