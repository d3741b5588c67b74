//! Generation speed: load + render for synthetic schemas of growing size and
//! for the built-in DTOs. Run with `cargo bench --bench generate`.
//!
//! Prints, per schema size, the median wall time of loading the schema into
//! the model and of rendering each language, plus the time per type, so
//! linear growth shows as a flat per-type column. OpenAI's openapi.yml is
//! included when `scripts/openai-spec` has fetched it into `.tools/`. The
//! last column, "cores ms", is what `dtogen --lang all` spends before writing:
//! the load, then every language rendered on all cores (`cli::render_all`).

use std::time::{Duration, Instant};

use dtogen::cli::{render, render_all};
use dtogen::lang::BACKENDS;
use dtogen::model::{load_with_warnings, Model};
use dtogen::source::SchemaSource;
use serde_json::{json, Map, Value};

// The same allocator as the dtogen binary, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A schema of `count` struct types with a realistic mix of field kinds:
/// primitives, formats, nullables, lists, maps, refs, inline objects, enums
/// and unions (tagged and untagged).
fn synthetic_schema(count: usize) -> Value {
    let mut defs = Map::new();
    for index in 0..count {
        let next = format!("Type{}", (index + 1) % count);
        let other = format!("Type{}", (index * 7 + 3) % count);
        let mut properties = json!({
            "id": { "type": "integer", "format": "int64", "description": "The id." },
            "name": { "type": "string" },
            "score": { "type": ["number", "null"] },
            "created": { "type": "string", "format": "date-time" },
            "tags": { "type": "array", "items": { "type": "string" } },
            "labels": { "type": "object", "additionalProperties": { "type": "string" } },
            "next": { "anyOf": [{ "$ref": format!("#/$defs/{next}") }, { "type": "null" }] },
            "others": { "type": "array", "items": { "$ref": format!("#/$defs/{other}") } },
            "status": { "type": "string", "enum": ["active", "inactive", "pending"] },
            "detail": { "type": "object", "properties": { "note": { "type": "string" }, "count": { "type": "integer", "format": "int32" } } }
        });
        if index % 10 == 0 {
            properties["choice"] = json!({ "oneOf": [
                { "type": "object", "properties": { "kind": { "const": "a" }, "a": { "type": "string" } }, "required": ["kind"] },
                { "type": "object", "properties": { "kind": { "const": "b" }, "b": { "type": "boolean" } }, "required": ["kind"] }
            ]});
            properties["stop"] = json!({ "anyOf": [{ "type": "string" }, { "type": "array", "items": { "type": "string" } }] });
        }
        let mut def = json!({
            "type": "object",
            "description": format!("Synthetic type number {index}."),
            "properties": properties,
            "required": ["id", "name"]
        });
        if index % 50 == 0 {
            def["x-operation"] =
                json!({ "method": "POST", "path": format!("/api/Type{index}"), "response": next });
        }
        defs.insert(format!("Type{index}"), def);
    }
    json!({ "title": "Synthetic", "$defs": defs })
}

/// The hostile shapes of issue 12: each must stay far from quadratic.
fn hostile_schemas() -> Vec<(&'static str, Value)> {
    let chain = |depth: usize, all_of: bool| {
        let mut defs = Map::new();
        for i in 0..depth {
            let next = json!({ "$ref": format!("#/$defs/T{}", i + 1) });
            let def = if all_of {
                json!({"allOf": [next, {"type": "object", "properties": {format!("p{i}"): {"type": "string"}}}]})
            } else {
                next
            };
            defs.insert(format!("T{i}"), def);
        }
        defs.insert(
            format!("T{depth}"),
            json!({"type": "object", "properties": {"last": {"type": "string"}}}),
        );
        json!({ "$defs": defs })
    };
    let values: Vec<String> = (0..50_000).map(|i| format!("value-{i}")).collect();
    let mut plain = Map::new();
    for i in 0..5_000 {
        plain.insert(
            format!("T{i}"),
            json!({"type": "object", "properties": {"name": {"type": "string"}, "next": {"$ref": format!("#/$defs/T{}", (i + 1) % 5_000)}}}),
        );
    }
    vec![
        (
            "enum 50k values",
            json!({"$defs": {"Big": {"type": "string", "enum": values}}}),
        ),
        ("5k definitions", json!({ "$defs": plain })),
        ("allOf chain 1000", chain(1_000, true)),
        ("$ref chain 1000", chain(1_000, false)),
    ]
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(runs: usize, mut work: impl FnMut() -> T) -> Duration {
    let samples = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(work());
            start.elapsed()
        })
        .collect();
    median(samples)
}

fn report(label: &str, document: &Value, runs: usize) {
    report_with(label, runs, || {
        load_with_warnings(document, None)
            .map(|loaded| loaded.model)
            .map_err(|error| error.to_string())
    });
}

/// Times `load` (everything from the document to the model) and rendering
/// each language from its model.
fn report_with(label: &str, runs: usize, load: impl Fn() -> Result<Model, String>) {
    let model = match load() {
        Ok(model) => model,
        Err(error) => {
            eprintln!("{label}: {error}");
            std::process::exit(1);
        }
    };
    let types = model.types.len();
    let load_time = time(runs, &load);
    let mut line = format!("{label:<22} {types:>7} {:>10.2}", ms(load_time));
    let mut total = load_time;
    for backend in BACKENDS {
        let render_time = time(runs, || render(*backend, &model));
        let bytes: usize = render(*backend, &model)
            .map(|files| files.iter().map(|f| f.contents.len()).sum())
            .unwrap_or(0);
        line.push_str(&format!(" {:>12.2} {:>9}", ms(render_time), bytes / 1024));
        total += render_time;
    }
    let per_type_us = total.as_secs_f64() * 1e6 / types as f64;
    let on_all_cores = time(runs, || load().map(|model| render_all(BACKENDS, &model)));
    line.push_str(&format!(
        " {:>10.2} {:>10.2} {:>10.2}",
        ms(total),
        per_type_us,
        ms(on_all_cores)
    ));
    println!("{line}");
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

fn main() {
    let mut header = format!("{:<22} {:>7} {:>10}", "schema", "types", "load ms");
    for backend in BACKENDS {
        header.push_str(&format!(
            " {:>12} {:>9}",
            format!("{} ms", backend.name()),
            "KiB"
        ));
    }
    header.push_str(&format!(
        " {:>10} {:>10} {:>10}",
        "total ms", "µs/type", "cores ms"
    ));
    println!("{header}");
    report("built-in DTOs", &dtogen_dto::schema::api_schema(), 21);
    // OpenAI's published description, when scripts/openai-spec has fetched it:
    // read from disk, YAML parsed and mapped from OpenAPI, all inside "load".
    let openai =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".tools/openai-spec/openapi.yml");
    if openai.is_file() {
        let source = SchemaSource::File(openai);
        report_with("OpenAI openapi.yml", 5, || {
            source.model().map_err(|error| error.to_string())
        });
    } else {
        eprintln!("(OpenAI's spec skipped: run scripts/openai-spec to fetch it)");
    }
    for (label, schema) in hostile_schemas() {
        report(label, &schema, 5);
    }
    for count in [250, 500, 1000, 2000, 4000, 8000] {
        let runs = if count >= 4000 { 5 } else { 11 };
        report(
            &format!("synthetic {count}"),
            &synthetic_schema(count),
            runs,
        );
    }
}
