//! Pins the exported schema and each language's output, for the built-in DTOs
//! and for the tricky schemas in tests/schemas/.

use std::path::Path;

use dtogen::cli::render;
use dtogen::lang::BACKENDS;
use dtogen::source::{schema_text, SchemaSource};

fn snapshot_name(prefix: &str, path: &Path) -> String {
    let file = path.to_string_lossy().replace(['/', '\\', '.'], "_");
    format!("{prefix}__{file}")
}

#[test]
fn exported_schema() {
    let text = schema_text(&dtogen_dto::schema::api_schema());
    insta::assert_snapshot!("schema", text);
}

#[test]
fn built_in_dtos_in_every_language() {
    let model = SchemaSource::BuiltIn
        .model()
        .expect("built-in schema loads");
    for backend in BACKENDS {
        for file in render(*backend, &model).expect("renders") {
            let name = snapshot_name(&format!("{}_builtin", backend.name()), &file.path);
            insta::assert_snapshot!(name, file.contents);
        }
    }
}

#[test]
fn tricky_schemas_in_every_language() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas");
    let mut schemas: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/schemas exists")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        // `big-*` schemas test size limits (scripts/verify compiles them);
        // their megabytes of output would say nothing as snapshots.
        .filter(|path| {
            !path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("big-"))
        })
        .collect();
    schemas.sort();
    assert!(
        schemas.len() >= 4,
        "expected the tricky schemas, found {schemas:?}"
    );
    for schema in schemas {
        let stem = schema
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| {
                [".schema.json", ".openapi.yaml", ".openapi.json"]
                    .iter()
                    .find_map(|suffix| n.strip_suffix(suffix))
            })
            .expect("schema files end in .schema.json, .openapi.yaml or .openapi.json")
            .to_owned();
        let model = SchemaSource::File(schema.clone())
            .model()
            .unwrap_or_else(|e| panic!("{e}"));
        for backend in BACKENDS {
            for file in render(*backend, &model).expect("renders") {
                // Sources live in a folder (src/, lib/, Sources/…); the package
                // boilerplate at the root is pinned by the built-in snapshots.
                let is_source = file.path.components().count() > 1;
                if is_source {
                    let name = snapshot_name(&format!("{}_{stem}", backend.name()), &file.path);
                    insta::assert_snapshot!(name, file.contents);
                }
            }
        }
    }
}
