//! Every package manifest a backend writes (package.json, pom.xml, .csproj,
//! pyproject.toml, …) is well-formed for its format, for the built-in DTOs
//! and for every schema in tests/schemas/ — titles and descriptions full of
//! quotes and markup included.

use std::path::Path;

use dtogen::cli::render;
use dtogen::lang::BACKENDS;
use dtogen::source::SchemaSource;

/// Parses `contents` by the format its file name says; None when it is not
/// a format checked here.
fn check(path: &Path, contents: &str) -> Option<Result<(), String>> {
    let extension = path.extension()?.to_str()?;
    Some(match extension {
        "json" => serde_json::from_str::<serde_json::Value>(contents)
            .map(drop)
            .map_err(|e| e.to_string()),
        "xml" | "csproj" | "fsproj" | "vbproj" => roxmltree::Document::parse(contents)
            .map(drop)
            .map_err(|e| e.to_string()),
        "toml" => toml::from_str::<toml::Table>(contents)
            .map(drop)
            .map_err(|e| e.to_string()),
        _ => return None,
    })
}

#[test]
fn every_manifest_is_well_formed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas");
    let mut sources = vec![SchemaSource::BuiltIn];
    let mut schemas: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/schemas exists")
        .flatten()
        .map(|entry| entry.path())
        .collect();
    schemas.sort();
    sources.extend(schemas.into_iter().map(SchemaSource::File));
    let mut checked = 0;
    for source in &sources {
        let model = source.model().unwrap_or_else(|e| panic!("{e}"));
        for backend in BACKENDS {
            for file in render(*backend, &model).expect("renders") {
                if let Some(result) = check(&file.path, &file.contents) {
                    if let Err(error) = result {
                        panic!(
                            "{} {:?}: {} is not well-formed: {error}",
                            backend.name(),
                            source,
                            file.path.display()
                        );
                    }
                    checked += 1;
                }
            }
        }
    }
    // package.json ×3, pom.xml, three project files, pyproject.toml, composer.json, tsconfig ×2…
    assert!(
        checked >= 10 * sources.len(),
        "only {checked} manifests checked"
    );
}

#[test]
fn the_check_catches_an_unescaped_ampersand() {
    let broken = check(
        Path::new("pom.xml"),
        "<project><name>A & B</name></project>",
    );
    assert!(matches!(broken, Some(Err(_))));
    let fine = check(
        Path::new("pom.xml"),
        "<project><name>A &amp; B</name></project>",
    );
    assert!(matches!(fine, Some(Ok(()))));
}
