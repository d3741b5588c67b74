//! The `dtogen` binary end to end: generation, --check, errors, atomicity.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dtogen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dtogen"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("dtogen runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh, empty scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dtogen-cli-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn snapshot_dir(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(current) = stack.pop() {
        for entry in fs::read_dir(&current).expect("readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push((path.clone(), fs::read(&path).expect("readable")));
            }
        }
    }
    files.sort();
    files
}

fn generate(out: &Path, extra: &[&str]) {
    let mut args = vec![
        "--lang",
        "typescript",
        "--out",
        out.to_str().expect("utf-8 path"),
    ];
    args.extend_from_slice(extra);
    let output = dtogen(&args);
    assert!(
        output.status.success(),
        "generation failed: {}",
        text(&output.stderr)
    );
}

#[test]
fn committed_schema_and_generated_code_are_fresh() {
    let output = dtogen(&["--check"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "run `cargo run -- ` to regenerate:\n{}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
}

#[test]
fn check_reports_edited_missing_and_leftover_files() {
    let dir = scratch("check");
    generate(&dir, &[]);
    let out = dir.to_str().expect("utf-8");
    assert_eq!(
        dtogen(&["--check", "--lang", "ts", "--out", out])
            .status
            .code(),
        Some(0)
    );

    let types = dir.join("src/types.ts");
    let original = fs::read_to_string(&types).expect("types.ts");
    fs::write(
        &types,
        original.replace("refId?: string | null;", "refId?: number | null;"),
    )
    .expect("edit");
    fs::remove_file(dir.join("tsconfig.json")).expect("remove");
    let manifest = dir.join(".dtogen-manifest");
    let listing = fs::read_to_string(&manifest).expect("manifest");
    fs::write(&manifest, format!("{listing}src/old.ts\n")).expect("manifest edit");
    fs::write(dir.join("src/old.ts"), "// stale\n").expect("leftover");

    let output = dtogen(&["--check", "--lang", "ts", "--out", out]);
    let report = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{report}");
    assert!(
        report.contains("changed: ") && report.contains("src/types.ts"),
        "{report}"
    );
    assert!(
        report.contains("-  refId?: number | null;")
            && report.contains("+  refId?: string | null;"),
        "{report}"
    );
    assert!(
        report.contains("missing: ") && report.contains("tsconfig.json"),
        "{report}"
    );
    assert!(
        report.contains("no longer generated: ") && report.contains("old.ts"),
        "{report}"
    );

    // Regenerating repairs everything and removes the leftover file.
    generate(&dir, &[]);
    assert!(!dir.join("src/old.ts").exists());
    assert_eq!(
        dtogen(&["--check", "--lang", "ts", "--out", out])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn generation_is_deterministic_and_keeps_foreign_files() {
    let first = scratch("det-a");
    // A directory that does not exist yet is staged whole and renamed into
    // place; an existing one file by file: both give the same files.
    let second = scratch("det-b").join("fresh");
    generate(&first, &[]);
    generate(&second, &[]);
    let strip = |files: Vec<(PathBuf, Vec<u8>)>, root: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        files
            .into_iter()
            .map(|(p, c)| (p.strip_prefix(root).expect("inside").to_owned(), c))
            .collect()
    };
    let a = strip(snapshot_dir(&first), &first);
    assert_eq!(a, strip(snapshot_dir(&second), &second));
    assert!(a.len() >= 7, "{a:?}");

    let again = dtogen(&["--lang", "ts", "--out", first.to_str().expect("utf-8")]);
    assert!(
        text(&again.stderr).contains(" 0 written, "),
        "unchanged files are not rewritten: {}",
        text(&again.stderr)
    );

    fs::create_dir_all(first.join("node_modules/x")).expect("mkdir");
    fs::write(first.join("node_modules/x/index.js"), "1").expect("write");
    generate(&first, &[]);
    assert!(
        first.join("node_modules/x/index.js").exists(),
        "user files survive"
    );
    assert_eq!(
        strip(snapshot_dir(&first), &first).len(),
        a.len() + 1,
        "regeneration adds nothing else"
    );
}

#[test]
fn a_failed_write_leaves_every_output_as_it_was() {
    let dir = scratch("failed-write");
    let out = dir.join("out");
    let out_arg = out.to_str().expect("utf-8");
    let first = dtogen(&["--lang", "typescript,python", "--out", out_arg]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    // TypeScript's output is stale (a run would rewrite it), and Python's
    // cannot be written: its directory is a file.
    let edited = out.join("typescript/package.json");
    fs::write(&edited, "edited").expect("edit");
    fs::remove_dir_all(out.join("python")).expect("remove");
    fs::write(out.join("python"), "in the way").expect("block");
    let before = snapshot_dir(&out);

    let failed = dtogen(&["--lang", "typescript,python", "--out", out_arg]);
    let message = text(&failed.stderr);
    assert_eq!(failed.status.code(), Some(2), "{message}");
    assert!(message.contains("python"), "names the path: {message}");
    assert_eq!(
        snapshot_dir(&out),
        before,
        "nothing written, nothing left behind"
    );

    // Into a directory that does not exist, where another output fails.
    let fresh = dir.join("fresh");
    fs::create_dir_all(&fresh).expect("mkdir");
    fs::write(fresh.join("python"), "in the way").expect("block");
    let failed = dtogen(&[
        "--lang",
        "typescript,python",
        "--out",
        fresh.to_str().expect("utf-8"),
    ]);
    assert_eq!(failed.status.code(), Some(2), "{}", text(&failed.stderr));
    let left: Vec<_> = fs::read_dir(&fresh)
        .expect("readable")
        .flatten()
        .map(|entry| entry.file_name())
        .collect();
    assert_eq!(
        left,
        vec![std::ffi::OsString::from("python")],
        "no staging left"
    );
}

#[test]
fn a_bad_schema_names_the_pointer_and_leaves_output_intact() {
    let dir = scratch("bad");
    let out = dir.join("out");
    generate(&out, &[]);
    let before = snapshot_dir(&out);

    let schema = dir.join("bad.schema.json");
    fs::write(
        &schema,
        r##"{"$defs": {"A": {"type": "object", "properties": {"x": {"$ref": "#/$defs/Nope"}}}}}"##,
    )
    .expect("write schema");
    let args = [
        "--lang",
        "ts",
        "--schema",
        schema.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ];
    let output = dtogen(&args);
    let message = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.contains("/$defs/A/properties/x/$ref"), "{message}");
    assert!(message.contains("does not exist"), "{message}");
    assert!(!message.contains("panicked"), "{message}");
    assert_eq!(snapshot_dir(&out), before, "previous output untouched");

    fs::write(&schema, "{\n  \"$defs\": {\n    \"A\": {,}\n  }\n}\n").expect("write");
    let output = dtogen(&args);
    let message = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(
        message.contains("bad.schema.json:3:"),
        "names the line: {message}"
    );
    assert_eq!(snapshot_dir(&out), before, "previous output untouched");
}

#[test]
fn unknown_language_lists_the_valid_ones() {
    let output = dtogen(&["--lang", "cobol"]);
    let message = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert!(message.contains("unknown language `cobol`"), "{message}");
    assert!(message.contains("typescript (ts)"), "{message}");
}

#[test]
fn list_shows_languages_aliases_and_verification() {
    let output = dtogen(&["list"]);
    let listing = text(&output.stdout);
    assert!(output.status.success());
    assert!(
        listing.contains("typescript") && listing.contains("ts"),
        "{listing}"
    );
    assert!(listing.contains("tsc --strict"), "{listing}");
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let output = dtogen(&["schema", "--out", "-"]);
    assert!(output.status.success());
    let committed = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/ai-server.schema.json"),
    )
    .expect("committed schema");
    assert_eq!(text(&output.stdout), committed);
    let document: serde_json::Value = serde_json::from_str(&committed).expect("valid JSON");
    assert_eq!(
        document["$defs"]["CreateOpenAiChat"]["x-operation"]["path"],
        "/api/CreateOpenAiChat"
    );
    assert_eq!(
        document["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
}

#[test]
fn a_byte_order_mark_is_not_content_and_too_deep_nesting_is_named() {
    let dir = scratch("bom");
    let bom = dir.join("bom.json");
    fs::write(&bom, "\u{feff}{\"$defs\": {\"A\": {\"type\": \"string\"}}}").expect("write");
    let out = dir.join("out");
    let run = dtogen(&[
        "--schema",
        bom.to_str().unwrap(),
        "--lang",
        "ts",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );

    let deep = dir.join("deep.json");
    fs::write(&deep, format!("{}{}", "[".repeat(1000), "]".repeat(1000))).expect("write");
    let run = dtogen(&[
        "--schema",
        deep.to_str().unwrap(),
        "--lang",
        "ts",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("deep.json:1:") && stderr.contains("nests deeper than 128 levels"),
        "{stderr}"
    );
}

#[test]
fn self_referencing_and_cyclic_schemas_generate_in_every_language() {
    let dir = scratch("cycles");
    for (name, schema) in [
        (
            "self-list",
            r##"{"$defs": {"A": {"type": "array", "items": {"$ref": "#/$defs/A"}}}}"##,
        ),
        (
            "self-map",
            r##"{"$defs": {"A": {"type": "object", "additionalProperties": {"$ref": "#/$defs/A"}}}}"##,
        ),
        ("self-alias", r##"{"$defs": {"A": {"$ref": "#/$defs/A"}}}"##),
        (
            "alias-cycle",
            r##"{"$defs": {"A": {"$ref": "#/$defs/B"}, "B": {"$ref": "#/$defs/A"}}}"##,
        ),
        (
            "union-cycle",
            r##"{"$defs": {"A": {"oneOf": [{"$ref": "#/$defs/B"}, {"type": "string"}]}, "B": {"oneOf": [{"$ref": "#/$defs/A"}, {"type": "integer"}]}}}"##,
        ),
        (
            "all-of-cycle",
            r##"{"$defs": {"A": {"allOf": [{"$ref": "#/$defs/B"}]}, "B": {"allOf": [{"$ref": "#/$defs/A"}]}}}"##,
        ),
    ] {
        let path = dir.join(format!("{name}.json"));
        fs::write(&path, schema).expect("write");
        let out = dir.join(name);
        let run = dtogen(&[
            "--schema",
            path.to_str().expect("utf-8 path"),
            "--lang",
            "all",
            "--out",
            out.to_str().expect("utf-8 path"),
        ]);
        assert!(run.status.success(), "{name}: {}", text(&run.stderr));
    }
}

#[test]
fn an_openapi_yaml_document_generates_every_language() {
    let dir = scratch("openapi");
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/shop.openapi.yaml");
    let out = dir.join("out");
    let output = dtogen(&[
        "--schema",
        schema.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    let message = text(&output.stderr);
    assert!(output.status.success(), "{message}");
    // What the model cannot carry is named, with its pointer, and skipped.
    assert!(
        message.contains("warning: ") && message.contains("/paths/~1items~1{item_id}~1image/put"),
        "{message}"
    );
    let listing = text(&dtogen(&["list"]).stdout);
    let languages: Vec<&str> = listing
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    assert_eq!(languages.len(), 11, "{listing}");
    for language in languages {
        let files = snapshot_dir(&out.join(language));
        assert!(files.len() > 3, "{language}: {} files", files.len());
        let all: String = files
            .iter()
            .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
            .collect();
        assert!(
            all.contains("CompletionChunk"),
            "{language}: the stream event type"
        );
        assert!(
            all.contains("OpenAI-Organization"),
            "{language}: a header parameter"
        );
    }
}

#[test]
fn openapi_errors_name_the_file_and_the_line_or_pointer() {
    let dir = scratch("openapi-bad");
    let swagger = dir.join("swagger.yaml");
    fs::write(&swagger, "swagger: \"2.0\"\ninfo: {title: x}\n").expect("write");
    let output = dtogen(&["--lang", "ts", "--schema", swagger.to_str().expect("utf-8")]);
    let message = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.contains("swagger.yaml"), "{message}");
    assert!(
        message.contains("Swagger 2.0 is not supported"),
        "{message}"
    );

    let broken = dir.join("broken.yml");
    fs::write(&broken, "openapi: 3.1.0\npaths:\n  /a: [1, 2\n").expect("write");
    let output = dtogen(&["--lang", "ts", "--schema", broken.to_str().expect("utf-8")]);
    let message = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.contains("broken.yml:"), "{message}");
    assert!(message.contains("not valid YAML"), "{message}");
    assert!(!message.contains("panicked"), "{message}");
}

#[test]
fn warnings_name_the_pointer_and_strict_refuses_them() {
    let dir = scratch("strict");
    let schema = dir.join("loose.schema.json");
    fs::write(
        &schema,
        r##"{"$defs": {"A": {"enum": []}, "B": {"type": "object", "properties": {"c": {"$ref": "#/$defs/C", "type": "string"}}}, "C": {"enum": ["x"]}}}"##,
    )
    .expect("write schema");
    let out = dir.join("out");
    let args = |strict: bool| {
        let mut args = vec![
            "--schema".to_owned(),
            schema.display().to_string(),
            "--lang".to_owned(),
            "ts".to_owned(),
            "--out".to_owned(),
            out.display().to_string(),
        ];
        if strict {
            args.push("--strict".to_owned());
        }
        args
    };
    let run = |strict: bool| {
        let owned = args(strict);
        let borrowed: Vec<&str> = owned.iter().map(String::as_str).collect();
        dtogen(&borrowed)
    };
    let loose = run(false);
    let stderr = text(&loose.stderr);
    assert!(loose.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: at /$defs/A/enum: an empty `enum` accepts no value"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("/$defs/B"),
        "a $ref with a sibling type is fine: {stderr}"
    );
    fs::remove_dir_all(&out).expect("clean");
    let strict = run(true);
    let stderr = text(&strict.stderr);
    assert_eq!(strict.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("error: at /$defs/A/enum"), "{stderr}");
    assert!(stderr.contains("--strict"), "{stderr}");
    assert!(!out.exists(), "nothing written under --strict");
}

/// Languages render on several threads; the result must be what rendering
/// them one at a time gives, in the same order.
#[test]
fn parallel_rendering_matches_one_language_at_a_time() {
    use dtogen::cli::{render, render_all};
    use dtogen::lang::BACKENDS;
    let model = dtogen::source::SchemaSource::BuiltIn
        .model()
        .expect("the built-in schema loads");
    let together = render_all(BACKENDS, &model);
    assert_eq!(together.len(), BACKENDS.len());
    for (backend, files) in BACKENDS.iter().zip(together) {
        let alone = render(*backend, &model).expect("renders");
        assert_eq!(files.expect("renders"), alone, "{}", backend.name());
    }
}
