//! The DTO files: one class per model type.

use askama::Template;
use heck::ToLowerCamelCase;

use super::names::{constant_name, php_string, property_name};
use super::types::{Ctx, Repr};
use super::wrap::{class_declaration, function_declaration, wrap_call, wrap_expr, WIDTH};
use crate::lang::doc::{field_doc, wrapped_block_comment};

/// A docblock wrapped within PSR-12's 120 columns.
pub(super) fn php_doc(text: Option<&str>, deprecated: bool, indent: &str) -> String {
    wrapped_block_comment(text, deprecated, indent, 120)
}
use crate::lang::ident::{digit_safe, shape_name, unique, CaseInsensitive, NameSet};
use crate::model::naming::ascii_words;
use crate::model::{Field, Shape, Struct, TypeDef, TypeKind, TypeRef, Union};

impl Ctx<'_> {
    pub fn render_type(&self, def: &TypeDef, header: &str) -> Result<String, askama::Error> {
        let name = self.class(&def.name);
        let doc = php_doc(def.description.as_deref(), def.deprecated, "");
        match (&def.kind, self.repr(&def.name)) {
            (TypeKind::Struct(s), _) => {
                let names = struct_names(s);
                let fields: Vec<PhpField> = s
                    .fields
                    .iter()
                    .zip(&names.properties)
                    .map(|(f, prop)| self.field(f, prop.clone()))
                    .collect();
                let mut params: Vec<&PhpField> = fields.iter().collect();
                params.sort_by_key(|f| f.has_default);
                let mut params: Vec<String> = params.into_iter().map(|f| f.param.clone()).collect();
                let extra = names.extra;
                params.push(format!(
                    "{}        public array ${extra} = []",
                    php_doc(Some(EXTRA_DOC), false, "        ")
                ));
                let kept_nulls = fields.iter().filter(|f| f.keeps_null).cloned().collect();
                let wire_names: Vec<String> = fields
                    .iter()
                    .map(|f| format!("{} => true", f.wire))
                    .collect();
                let parent = self.parents.get(def.name.as_str());
                StructFile {
                    header,
                    doc,
                    declaration: class_declaration(
                        &format!("final class {name}"),
                        parent.map(String::as_str),
                        if parent.is_some() {
                            &[]
                        } else {
                            &["\\JsonSerializable"]
                        },
                    ),
                    params,
                    known: (!wire_names.is_empty()).then(|| {
                        wrap_call("    ", "private const WIRE_NAMES = [", &wire_names, "];")
                    }),
                    fields,
                    kept_nulls,
                    extra,
                }
                .render()
            }
            (TypeKind::Enum(e), _) => {
                let mut constants = NameSet::default();
                // PHP method names are case-insensitive.
                let mut methods: CaseInsensitive =
                    ["__construct", "fromJson", "isKnown", "jsonSerialize"]
                        .into_iter()
                        .collect();
                let members = e
                    .values
                    .iter()
                    .map(|v| {
                        let constant = unique(constant_name(&v.value), &mut constants);
                        EnumMember {
                            declaration: wrap_expr(
                                "    ",
                                &format!("public const {constant} = "),
                                &php_string(&v.value),
                                ";",
                            ),
                            factory: wrap_expr(
                                "        ",
                                "return ",
                                &format!("new self(self::{constant})"),
                                ";",
                            ),
                            constant,
                            method: unique(
                                digit_safe(
                                    ascii_words(&v.value).to_lower_camel_case(),
                                    "v",
                                    "empty",
                                ),
                                &mut methods,
                            ),
                            doc: php_doc(v.description.as_deref(), false, "    "),
                        }
                    })
                    .collect();
                EnumFile {
                    header,
                    doc,
                    declaration: class_declaration(
                        &format!("final class {name}"),
                        None,
                        &["\\JsonSerializable", "\\Stringable"],
                    ),
                    members,
                }
                .render()
            }
            (TypeKind::Union(u), Repr::Base) => {
                let tag_name = u.discriminator.as_deref().unwrap_or_default();
                let tag = php_string(tag_name);
                let mut arms: Vec<String> = u
                    .variants
                    .iter()
                    .map(|v| {
                        let class = match &v.ty {
                            TypeRef::Named(n) => self.class(n),
                            other => self.native(other, false),
                        };
                        wrap_expr(
                            "            ",
                            &format!("{} => ", php_string(v.tag.as_deref().unwrap_or_default())),
                            &format!("{class}::fromArray($data, $path)"),
                            ",",
                        )
                    })
                    .collect();
                arms.push(unknown_tag_arm("            ", &tag));
                BaseFile {
                    header,
                    doc,
                    declaration: class_declaration(
                        &format!("abstract class {name}"),
                        None,
                        &["\\JsonSerializable"],
                    ),
                    tag_name,
                    read_tag: wrap_expr(
                        "        ",
                        "$tag = ",
                        &format!("Json::required($data, {tag}, $path, Json::string(...))"),
                        ";",
                    ),
                    arms,
                }
                .render()
            }
            (TypeKind::Union(u), _) => self.codec_file(
                def,
                header,
                self.union_body(u, &name),
                self.union_encode(u),
                "named union types",
            ),
            (TypeKind::Alias(target), _) => self.codec_file(
                def,
                header,
                format!(
                    "{}\n        return $decode($value, $path);",
                    wrap_expr("        ", "$decode = ", &self.decoder(target), ";").trim_start()
                ),
                self.needs_encode(target, &mut Vec::new())
                    .then(|| format!("return {};", self.encode(target, "$value"))),
                "type aliases",
            ),
        }
    }

    /// A static-only class decoding (and encoding) the values of a union or alias.
    fn codec_file(
        &self,
        def: &TypeDef,
        header: &str,
        body: String,
        encode: Option<String>,
        what: &str,
    ) -> Result<String, askama::Error> {
        let ty = TypeRef::Named(def.name.clone());
        let native = self.native(&ty, false);
        let doc_type = self.doc_type(&ty, false);
        let note = format!(
            "PHP has no {what}: values of this type are `{doc_type}`,\ndeclared `{native}`. \
             This class decodes{} them.",
            if encode.is_some() { " and encodes" } else { "" }
        );
        let text = match &def.description {
            Some(d) => format!("{d}\n\n{note}"),
            None => note,
        };
        let indent = "    ";
        CodecFile {
            header,
            doc: php_doc(Some(&text), def.deprecated, ""),
            name: self.class(&def.name),
            decode: function_declaration(
                indent,
                "public static function decode",
                &["mixed $value".to_owned(), "string $path = '$'".to_owned()],
                &native,
            ),
            from_json: function_declaration(
                indent,
                "public static function fromJson",
                &["string $json".to_owned()],
                &native,
            ),
            encode: encode.map(|body| Encode {
                declaration: function_declaration(
                    indent,
                    "public static function encode",
                    &[format!("{native} $value")],
                    "mixed",
                ),
                body,
            }),
            body,
            doc_type,
        }
        .render()
    }

    fn union_body(&self, union: &Union, name: &str) -> String {
        match &union.discriminator {
            Some(tag) => {
                let tag = php_string(tag);
                let read = wrap_expr(
                    "        ",
                    "$tag = ",
                    &format!(
                        "Json::required(Json::object($value, $path), {tag}, $path, Json::string(...))"
                    ),
                    ";",
                );
                let mut out = format!("{}\n        $decode = match ($tag) {{\n", read.trim_start());
                for v in &union.variants {
                    out.push_str(&wrap_expr(
                        "            ",
                        &format!("{} => ", php_string(v.tag.as_deref().unwrap_or_default())),
                        &self.decoder(&v.ty),
                        ",",
                    ));
                    out.push('\n');
                }
                out.push_str(&unknown_tag_arm("            ", &tag));
                out.push_str("\n        };\n        return $decode($value, $path);");
                out
            }
            None => {
                let name = php_string(name);
                let entries: Vec<String> = union
                    .variants
                    .iter()
                    .map(|v| {
                        format!(
                            "[{}, {}]",
                            php_string(shape_name(self.model.shape_of(&v.ty))),
                            self.decoder(&v.ty)
                        )
                    })
                    .collect();
                let head = format!("return Json::byShape($value, $path, {name}, [");
                if format!("        {head}").chars().count() > WIDTH {
                    // A name too long for the head: every argument on its own line.
                    let args = [
                        "$value".to_owned(),
                        "$path".to_owned(),
                        name,
                        format!("[{}]", entries.join(", ")),
                    ];
                    return wrap_call("        ", "return Json::byShape(", &args, ");")
                        .trim_start()
                        .to_owned();
                }
                let mut out = format!("{head}\n");
                for entry in &entries {
                    out.push_str(&wrap_expr("            ", "", entry, ","));
                    out.push('\n');
                }
                out.push_str("        ]);");
                out
            }
        }
    }

    /// The body of a union's `encode`, when a variant needs converting: PHP
    /// arrays are told apart as lists or maps.
    fn union_encode(&self, union: &Union) -> Option<String> {
        let needs = |ty: &TypeRef| self.needs_encode(ty, &mut Vec::new());
        if !union.variants.iter().any(|v| needs(&v.ty)) {
            return None;
        }
        let array_variant = |shape: Shape| {
            union
                .variants
                .iter()
                .find(|v| self.model.shape_of(&v.ty) == shape)
                .map(|v| self.encode(&v.ty, "$value"))
        };
        let array = match (array_variant(Shape::Array), array_variant(Shape::Object)) {
            (Some(list), Some(map)) => format!("array_is_list($value) ? {list} : {map}"),
            (Some(one), None) | (None, Some(one)) => one,
            (None, None) => "$value".to_owned(),
        };
        Some(format!(
            "if (is_array($value)) {{\n{}\n        }}\n        return $value;",
            wrap_expr("            ", "return ", &array, ";")
        ))
    }

    fn field(&self, field: &Field, prop: String) -> PhpField {
        let wire = php_string(&field.wire_name);
        let literal = match (&field.ty, field.required) {
            (TypeRef::Literal(value), true) => Some(php_string(value)),
            _ => None,
        };
        let nullable = field.nullable || !field.required;
        let native = self.native(&field.ty, nullable);
        let doc_type = self.doc_type(&field.ty, nullable);
        let mut text = field_doc(field).unwrap_or_default();
        if doc_type != native {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&format!("@var {doc_type}"));
        }
        let text = (!text.is_empty()).then_some(text);
        let default = match (&literal, field.required) {
            (Some(value), _) => format!(" = {value}"),
            (None, false) => " = null".to_owned(),
            (None, true) => String::new(),
        };
        let decoder = if field.required && field.nullable && field.ty != TypeRef::Any {
            format!("Json::nullable({})", self.decoder(&field.ty))
        } else {
            self.decoder(&field.ty)
        };
        let value = format!("$this->{prop}");
        let encoded = if nullable {
            self.encode(&TypeRef::Nullable(Box::new(field.ty.clone())), &value)
        } else {
            self.encode(&field.ty, &value)
        };
        let method = if field.required {
            "required"
        } else {
            "optional"
        };
        PhpField {
            decode: wrap_call(
                "            ",
                &format!("{prop}: Json::{method}("),
                &[
                    "$data".to_owned(),
                    wire.clone(),
                    "$path".to_owned(),
                    decoder,
                ],
                "),",
            ),
            param: format!(
                "{}        public {}{native} ${prop}{default}",
                php_doc(text.as_deref(), field.deprecated, "        "),
                // A tag is fixed: it says which class the object is.
                if literal.is_some() { "readonly " } else { "" }
            ),
            has_default: !default.is_empty(),
            entry: wrap_expr("            ", &format!("{wire} => "), &encoded, ","),
            kept: wrap_expr("        ", &format!("$data[{wire}] = "), &encoded, ";"),
            wire,
            keeps_null: field.required && field.nullable,
        }
    }
}

/// The doc comment of every struct's member holding the unknown properties.
const EXTRA_DOC: &str =
    "Properties the schema does not know, by wire name, with their values as decoded\n\
(objects as `\\stdClass`): kept when decoding, written back when encoding, after the\n\
known ones (an entry named like a known property replaces it on the wire). Add your\n\
own here to send vendor extensions.\n\n@var array<string, mixed>";

/// A struct's PHP member names: one per field, and the member holding the
/// unknown properties.
pub struct StructNames {
    pub properties: Vec<String>,
    pub extra: String,
}

/// The member names of a struct: schema properties keep their natural names;
/// the unknown-properties member is `additionalProperties` unless a schema
/// property took that name.
pub fn struct_names(s: &Struct) -> StructNames {
    let mut used = NameSet::default();
    let properties = s
        .fields
        .iter()
        .map(|f| unique(property_name(&f.wire_name), &mut used))
        .collect();
    let extra = unique("additionalProperties".to_owned(), &mut used);
    StructNames { properties, extra }
}

#[derive(Clone)]
struct PhpField {
    wire: String,
    /// The promoted constructor parameter, with its doc comment.
    param: String,
    has_default: bool,
    /// The `fromArray` line(s) reading the property, as a named argument.
    decode: String,
    keeps_null: bool,
    /// The `jsonSerialize` array's entry: `'wire' => value,`.
    entry: String,
    /// `$data['wire'] = value;`, for a null kept on the wire.
    kept: String,
}

#[derive(Template)]
#[template(path = "php/struct.php", escape = "none")]
struct StructFile<'a> {
    header: &'a str,
    doc: String,
    /// `final class … extends …` or `… implements …`, wrapped.
    declaration: String,
    params: Vec<String>,
    fields: Vec<PhpField>,
    /// Required nullable fields, written even when `null`.
    kept_nulls: Vec<PhpField>,
    /// The `WIRE_NAMES` constant (the known wire names), when there are fields.
    known: Option<String>,
    /// The member holding the unknown properties.
    extra: String,
}

struct EnumMember {
    /// `public const … = '…';`, wrapped.
    declaration: String,
    /// The factory method's `return new self(self::…);`, wrapped.
    factory: String,
    constant: String,
    method: String,
    doc: String,
}

#[derive(Template)]
#[template(path = "php/enum.php", escape = "none")]
struct EnumFile<'a> {
    header: &'a str,
    doc: String,
    declaration: String,
    members: Vec<EnumMember>,
}

#[derive(Template)]
#[template(path = "php/base.php", escape = "none")]
struct BaseFile<'a> {
    header: &'a str,
    doc: String,
    declaration: String,
    tag_name: &'a str,
    /// `$tag = Json::required(...);`
    read_tag: String,
    /// The `match` arms, the unknown tag's last.
    arms: Vec<String>,
}

#[derive(Template)]
#[template(path = "php/codec.php", escape = "none")]
struct CodecFile<'a> {
    header: &'a str,
    doc: String,
    name: String,
    doc_type: String,
    /// The `decode` and `fromJson` declarations, wrapped.
    decode: String,
    from_json: String,
    body: String,
    encode: Option<Encode>,
}

struct Encode {
    declaration: String,
    body: String,
}

/// A tag `match`'s last arm: an unknown tag fails.
fn unknown_tag_arm(indent: &str, tag: &str) -> String {
    wrap_expr(
        indent,
        "default => ",
        &format!(
            "throw new DecodeException(Json::at($path, {tag}), \"unknown tag \\\"{{$tag}}\\\"\")"
        ),
        ",",
    )
}
