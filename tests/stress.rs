//! Hostile shapes: every one generates all eleven languages, or fails with a
//! clear error, without a panic, a stack overflow or a hang. Each case is timed
//! (load plus rendering every language in memory). The bound is a hang guard
//! that holds on a shared, overloaded machine (60 s release, 300 s debug: a
//! debug build of the 50k-value enum took 85 s at a load average of 36, and
//! the quadratic steps this replaced took minutes per language); the benchmark
//! (`cargo bench --bench generate`) measures the real times.

use std::time::{Duration, Instant};

use dtogen::cli::render;
use dtogen::lang::BACKENDS;
use dtogen::model::load_with_warnings;
use dtogen::source::parse_document;
use serde_json::{json, Map, Value};

fn limit() -> Duration {
    if cfg!(debug_assertions) {
        Duration::from_secs(300)
    } else {
        Duration::from_secs(60)
    }
}

/// Loads and renders `schema` in every language; returns the warnings' count.
fn generate_all(label: &str, schema: &Value) -> usize {
    let start = Instant::now();
    let loaded = load_with_warnings(schema, None)
        .unwrap_or_else(|error| panic!("{label}: should load: {error}"));
    for backend in BACKENDS {
        let files = render(*backend, &loaded.model)
            .unwrap_or_else(|error| panic!("{label}: {} fails: {error}", backend.name()));
        assert!(
            !files.is_empty(),
            "{label}: {} wrote nothing",
            backend.name()
        );
    }
    let elapsed = start.elapsed();
    assert!(elapsed < limit(), "{label}: took {elapsed:?}");
    loaded.warnings.len()
}

pub fn enum_of(count: usize) -> Value {
    let values: Vec<String> = (0..count).map(|i| format!("value-{i}")).collect();
    json!({"$defs": {"Big": {"type": "string", "enum": values}}})
}

pub fn definitions(count: usize) -> Value {
    let mut defs = Map::new();
    for i in 0..count {
        defs.insert(
            format!("T{i}"),
            json!({"type": "object", "properties": {
                "name": {"type": "string"},
                "next": {"$ref": format!("#/$defs/T{}", (i + 1) % count)}
            }}),
        );
    }
    json!({ "$defs": defs })
}

pub fn all_of_chain(depth: usize) -> Value {
    let mut defs = Map::new();
    for i in 0..depth {
        defs.insert(
            format!("T{i}"),
            json!({"allOf": [
                {"$ref": format!("#/$defs/T{}", i + 1)},
                {"type": "object", "properties": {format!("p{i}"): {"type": "string"}}}
            ]}),
        );
    }
    defs.insert(
        format!("T{depth}"),
        json!({"type": "object", "properties": {"last": {"type": "string"}}}),
    );
    json!({ "$defs": defs })
}

pub fn ref_chain(depth: usize) -> Value {
    let mut defs = Map::new();
    for i in 0..depth {
        defs.insert(
            format!("T{i}"),
            json!({"$ref": format!("#/$defs/T{}", i + 1)}),
        );
    }
    defs.insert(
        format!("T{depth}"),
        json!({"type": "object", "properties": {"last": {"type": "string"}}}),
    );
    json!({ "$defs": defs })
}

#[test]
fn fifty_thousand_enum_values() {
    assert_eq!(generate_all("enum 50k", &enum_of(50_000)), 0);
    // Values that all case to the same identifier need the counter memory.
    // Distinct punctuation-only values of at most six characters.
    let punctuation = ['!', '@', '#', '%', '^', '&', '*', '?'];
    let values: Vec<String> = (0..50_000usize)
        .map(|mut i| {
            let mut value = String::new();
            loop {
                value.push(punctuation[i % 8]);
                i /= 8;
                if i == 0 {
                    break value;
                }
            }
        })
        .collect();
    let schema = json!({"$defs": {"Punct": {"type": "string", "enum": values}}});
    assert_eq!(generate_all("enum 50k, one identifier", &schema), 0);
}

#[test]
fn five_thousand_definitions() {
    assert_eq!(generate_all("5k definitions", &definitions(5_000)), 0);
}

#[test]
fn thousand_deep_all_of_and_ref_chains() {
    assert!(generate_all("allOf chain 1000", &all_of_chain(1_000)) > 0);
    assert_eq!(generate_all("$ref chain 1000", &ref_chain(1_000)), 0);
}

#[test]
fn cycles_through_every_construct() {
    let cases = [
        json!({"$defs": {"A": {"$ref": "#/$defs/A"}}}),
        json!({"$defs": {"A": {"$ref": "#/$defs/B"}, "B": {"$ref": "#/$defs/A"}}}),
        json!({"$defs": {"A": {"type": "array", "items": {"$ref": "#/$defs/A"}}}}),
        json!({"$defs": {"A": {"type": "object", "additionalProperties": {"$ref": "#/$defs/A"}}}}),
        json!({"$defs": {"A": {"oneOf": [{"$ref": "#/$defs/A"}, {"type": "string"}]}}}),
        json!({"$defs": {"A": {"anyOf": [{"$ref": "#/$defs/B"}]}, "B": {"oneOf": [{"$ref": "#/$defs/A"}]}}}),
        json!({"$defs": {"A": {"allOf": [{"$ref": "#/$defs/A"}]}}}),
        json!({"$defs": {"A": {"allOf": [{"$ref": "#/$defs/B"}, {"properties": {"a": {"type": "string"}}}]},
                         "B": {"allOf": [{"$ref": "#/$defs/A"}, {"properties": {"b": {"type": "string"}}}]}}}),
        json!({"$defs": {"A": {"properties": {"x": {"type": "string"}}, "oneOf": [{"$ref": "#/$defs/A"}, {"$ref": "#/$defs/B"}]},
                         "B": {"allOf": [{"$ref": "#/$defs/A"}]}}}),
        json!({"$dynamicAnchor": "n", "type": "array", "items": {"$dynamicRef": "#n"}}),
        json!({"type": "object", "properties": {"me": {"$recursiveRef": "#"}, "all": {"allOf": [{"$ref": "#"}]}}}),
        json!({"$defs": {"A": {"$ref": "#/$defs/A/properties/x", "properties": {"x": {"$ref": "#/$defs/A"}}}}}),
        // A union that contains itself through a list or a map, used by a field
        // (so encoders walk it): GitHub's workflow schema has this shape.
        json!({"$defs": {"Node": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"$ref": "#/$defs/Node"}}]},
                         "Holder": {"type": "object", "properties": {"n": {"$ref": "#/$defs/Node"}}}}}),
        json!({"$defs": {"Node": {"anyOf": [{"type": "boolean"}, {"type": "object", "additionalProperties": {"$ref": "#/$defs/Node"}}]},
                         "Holder": {"type": "object", "properties": {"n": {"type": "array", "items": {"$ref": "#/$defs/Node"}}}}}}),
    ];
    for (index, schema) in cases.iter().enumerate() {
        generate_all(&format!("cycle {index}: {schema}"), schema);
    }
}

#[test]
fn malformed_and_too_deep_documents_are_clear_errors() {
    for (text, expected) in [
        ("{\"$defs\": {", "not valid JSON"),
        ("{\"a\": 1,}", "not valid JSON"),
        ("", "not valid JSON"),
    ] {
        let error = parse_document(text).expect_err(text);
        assert!(error.contains(expected), "{text}: {error}");
    }
    let deep = format!(
        "{}{}",
        "{\"items\":".repeat(10_000),
        "{}".to_owned() + &"}".repeat(10_000)
    );
    let start = Instant::now();
    let error = parse_document(&deep).expect_err("10k-deep nesting");
    assert!(error.contains("nests deeper than 128 levels"), "{error}");
    assert!(start.elapsed() < limit());
    // The deepest document that parses still generates.
    let nested = format!(
        "{{\"$defs\": {{\"A\": {}{{\"type\": \"string\"}}{}}}}}",
        "{\"type\": \"array\", \"items\": ".repeat(60),
        "}".repeat(60)
    );
    let document = parse_document(&nested).expect("60 levels parse");
    generate_all("60-deep arrays", &document);
}
