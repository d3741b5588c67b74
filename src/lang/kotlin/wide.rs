//! Classes with more properties than a JVM constructor takes ("wide" classes).
//!
//! A JVM method has at most 255 parameter slots (`this` takes one, a `Long` or
//! `Double` two). A data class's constructor and its `copy`, and the
//! serialization plugin's deserializing constructor, take every property plus an
//! `Int` bit mask per 32 of them. kotlinc compiles a larger class anyway, and the
//! JVM then refuses to load it (`ClassFormatError: Too many arguments in method
//! signature`; SchemaStore's renovate schema has 133 classes of 302 properties).
//!
//! A wide class is therefore a plain class: its required properties without a
//! default are its constructor's parameters, every other one a settable member.
//! Its serializer hands each group of properties to a small internal class with
//! a plugin-generated serializer, so the wire rules (names, required, defaults,
//! verbatim JSON) stay the plugin's.

use std::ops::Range;

use super::ident::kotlin_string;
use super::views::{KtField, KtGroup, KtKind};
use crate::model::{Field, Model, TypeKind, TypeRef};

/// The most slots a class's properties (with its `extra`) take in the data-class
/// shape: with the masks, `this` and a marker they stay within 255.
const MAX_SLOTS: usize = 240;

/// The most slots of one group's properties. Small: kotlinc's bytecode analysis
/// of a generated deserializer grows with the square of its properties (a
/// renovate schema in groups of 200 took kotlinc over half an hour).
const GROUP_SLOTS: usize = 64;

/// How alias chains are followed at most (a cycle stops there).
const MAX_ALIAS_DEPTH: usize = 16;

/// The groups of a class's fields (index ranges, in order) when it is too wide
/// for the data-class shape; `None` when it fits.
pub fn groups(model: &Model, fields: &[Field]) -> Option<Vec<Range<usize>>> {
    let slots: Vec<usize> = fields.iter().map(|f| field_slots(model, f)).collect();
    // The `extra` member takes one more.
    let extra = 1;
    if slots.iter().sum::<usize>() + extra <= MAX_SLOTS {
        return None;
    }
    let mut groups = Vec::new();
    let (mut start, mut taken) = (0, 0);
    for (index, size) in slots.iter().enumerate() {
        if taken + size > GROUP_SLOTS {
            groups.push(start..index);
            (start, taken) = (index, 0);
        }
        taken += size;
    }
    groups.push(start..slots.len());
    Some(groups)
}

/// The parameter slots a field's property takes: two for a non-null `Long` or `Double`.
fn field_slots(model: &Model, field: &Field) -> usize {
    if field.required && !field.nullable && is_wide_primitive(model, &field.ty, 0) {
        2
    } else {
        1
    }
}

fn is_wide_primitive(model: &Model, ty: &TypeRef, depth: usize) -> bool {
    match ty {
        TypeRef::Int64 | TypeRef::Float64 => true,
        TypeRef::Named(name) if depth < MAX_ALIAS_DEPTH => {
            model.get(name).is_some_and(|def| match &def.kind {
                TypeKind::Alias(inner) => is_wide_primitive(model, inner, depth + 1),
                _ => false,
            })
        }
        _ => false,
    }
}

/// What the template needs besides the fields.
pub struct WideClass<'a> {
    pub name: &'a str,
    pub package: &'a str,
    pub supertypes: String,
    pub extra: &'a str,
    pub serializer: String,
    /// The group classes' names, one per range.
    pub group_names: &'a [String],
}

/// The view of a wide class from its fields' views, split as `ranges` says.
pub fn kind(class: WideClass, fields: Vec<KtField>, ranges: &[Range<usize>]) -> KtKind {
    let names: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
    let mut params = Vec::new();
    let mut members = Vec::new();
    let mut arguments = Vec::new();
    let mut sets = Vec::new();
    let mut groups = Vec::new();
    for (index, (range, group_name)) in ranges.iter().zip(class.group_names).enumerate() {
        let local = format!("group{index}");
        let mut group_fields = Vec::new();
        for field in &fields[range.clone()] {
            let from = format!("{local}.{}", field.name);
            // A property without a default is required: the constructor takes it.
            if field.default.is_empty() {
                arguments.push(from);
                params.push(field.clone());
            } else {
                sets.push((field.name.clone(), from));
                members.push(field.clone());
            }
            group_fields.push(KtField {
                doc: String::new(),
                deprecated: String::new(),
                ..field.clone()
            });
        }
        groups.push(KtGroup {
            name: group_name.clone(),
            local,
            fields: group_fields,
        });
    }
    KtKind::Wide {
        params,
        members,
        names,
        groups,
        sets,
        arguments: arguments.join(", "),
        supertypes: class.supertypes,
        extra: class.extra.to_owned(),
        serializer: class.serializer,
        serial_name: kotlin_string(&format!("{}.{}", class.package, class.name)),
        to_string_prefix: kotlin_string(&format!("{}(", class.name)),
    }
}

/// The note a wide class's doc ends with.
pub fn doc(description: Option<&str>) -> String {
    let note = "More properties than a JVM constructor takes: a class with settable \
                properties (`apply { … }`) rather than a data class with `copy`.";
    match description {
        Some(text) if !text.trim().is_empty() => format!("{text}\n\n{note}"),
        _ => note.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(properties: serde_json::Value, required: &[&str]) -> Model {
        crate::model::load(&serde_json::json!({"$defs": {
            "Money": {"type": "number"},
            "Big": {"type": "object", "properties": properties, "required": required}
        }}))
        .expect("loads")
    }

    fn fields(model: &Model) -> &[Field] {
        model
            .types
            .iter()
            .find_map(|def| match &def.kind {
                TypeKind::Struct(s) if def.name == "Big" => Some(&s.fields[..]),
                _ => None,
            })
            .expect("Big is a struct")
    }

    fn properties(count: usize, schema: serde_json::Value) -> serde_json::Value {
        (0..count)
            .map(|i| (format!("p{i:03}"), schema.clone()))
            .collect::<serde_json::Map<_, _>>()
            .into()
    }

    #[test]
    fn a_class_within_the_slots_keeps_the_data_class_shape() {
        let model = model(properties(239, serde_json::json!({"type": "string"})), &[]);
        assert_eq!(groups(&model, fields(&model)), None);
    }

    /// Required `Long`s and `Double`s (through an alias too) take two slots.
    #[test]
    fn required_longs_and_doubles_count_twice_and_groups_stay_small() {
        let names: Vec<String> = (0..130).map(|i| format!("p{i:03}")).collect();
        let required: Vec<&str> = names.iter().map(String::as_str).collect();
        let model = model(
            properties(130, serde_json::json!({"$ref": "#/$defs/Money"})),
            &required,
        );
        let ranges = groups(&model, fields(&model)).expect("260 slots are too many");
        assert_eq!(ranges, vec![0..32, 32..64, 64..96, 96..128, 128..130]);
        let optional = super::tests::model(
            properties(130, serde_json::json!({"$ref": "#/$defs/Money"})),
            &[],
        );
        assert_eq!(groups(&optional, fields(&optional)), None);
    }
}
