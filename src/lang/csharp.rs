//! C#: .NET 8 classes for System.Text.Json (`[JsonPropertyName]`, nullable
//! annotations, `required` members), open enums as string-backed structs,
//! unions as one-of wrappers with converters, and an `HttpClient` client.

use askama::Template;

use super::dotnet::{self, DnKind, DnMethod, DnType, Names, Syntax};
use super::ident::json_string;
use super::{banner, Backend, GeneratedFile};
use crate::model::{Model, Shape, TypeRef};

pub struct CSharp;

impl Backend for CSharp {
    fn name(&self) -> &'static str {
        "csharp"
    }

    fn aliases(&self) -> &'static [&'static str] {
        &["cs", "c#"]
    }

    fn verification(&self) -> &'static str {
        "round trip: Roslyn 4.8 (C# 12, nullable, warnings as errors) against the .NET 8.0.4 runtime; vectors and client tests run on .NET 8 with System.Text.Json"
    }

    fn generate(&self, model: &Model) -> Result<Vec<GeneratedFile>, askama::Error> {
        // A schema type named like a framework type the code uses would shadow
        // it (namespace members win over `using`s): such types are renamed.
        let model = &*super::rename::avoid_reserved(model, dotnet::FRAMEWORK_TYPES);
        let banner = banner(model);
        let names = Names::new(model, "csharp");
        // Deprecated types are [Obsolete]; the package's own references to them must not warn.
        let pragma = model.types.iter().any(|def| def.deprecated);
        let models_namespace = format!("{}.Models", names.namespace);
        let serialization_namespace = format!("{}.Serialization", names.namespace);
        let methods = dotnet::methods(&Cs, model, "        ");
        let package = dotnet::Package::new(model, &names, &methods);
        let has_client = package.has_client;
        let policy = dotnet::Policy::new(json_string);
        let mut files = vec![
            GeneratedFile::new(
                format!("{}.csproj", names.package_id),
                Csproj { p: &package }.render()?,
            ),
            GeneratedFile::new("README.md", Readme { p: &package }.render()?),
            GeneratedFile::new(
                "src/Serialization/JsonVariants.cs",
                JsonVariants {
                    banner: &banner,
                    namespace: &serialization_namespace,
                }
                .render()?,
            ),
        ];
        for t in dotnet::types(&Cs, model) {
            let usings = usings(&t, &serialization_namespace);
            let file = ModelFile {
                banner: &banner,
                pragma,
                namespace: &models_namespace,
                usings,
                t: &t,
            };
            files.push(GeneratedFile::new(
                format!("src/Models/{}.cs", t.file),
                file.render()?,
            ));
        }
        if has_client {
            let has_response_status = super::response_status(model).is_some();
            files.push(GeneratedFile::new(
                format!("src/{}.cs", names.client_class),
                ClientFile {
                    banner: &banner,
                    base_url: model.base_url.as_deref().map(|url| Cs.string_literal(url)),
                    pragma,
                    names: &names,
                    title: super::doc::one_line(&package.title),
                    models_namespace: &models_namespace,
                    methods,
                    policy: &policy,
                    retryable: policy.retryable("||", ">=", "=="),
                }
                .render()?,
            ));
            files.push(GeneratedFile::new(
                format!("src/{}.cs", names.exception_class),
                ExceptionFile {
                    banner: &banner,
                    pragma,
                    names: &names,
                    models_namespace: &models_namespace,
                    has_response_status,
                    status_type: if has_response_status {
                        "ResponseStatus?"
                    } else {
                        "JsonElement?"
                    },
                }
                .render()?,
            ));
        }
        Ok(files)
    }
}

/// The C# spelling of the shared .NET view.
struct Cs;

/// C# keywords (contextual ones are valid identifiers and need no `@`).
const KEYWORDS: &[&str] = &[
    "abstract",
    "as",
    "base",
    "bool",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "checked",
    "class",
    "const",
    "continue",
    "decimal",
    "default",
    "delegate",
    "do",
    "double",
    "else",
    "enum",
    "event",
    "explicit",
    "extern",
    "false",
    "finally",
    "fixed",
    "float",
    "for",
    "foreach",
    "goto",
    "if",
    "implicit",
    "in",
    "int",
    "interface",
    "internal",
    "is",
    "lock",
    "long",
    "namespace",
    "new",
    "null",
    "object",
    "operator",
    "out",
    "override",
    "params",
    "private",
    "protected",
    "public",
    "readonly",
    "ref",
    "return",
    "sbyte",
    "sealed",
    "short",
    "sizeof",
    "stackalloc",
    "static",
    "string",
    "struct",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "uint",
    "ulong",
    "unchecked",
    "unsafe",
    "ushort",
    "using",
    "virtual",
    "void",
    "volatile",
    "while",
];

impl Syntax for Cs {
    const CASE_INSENSITIVE: bool = false;
    const ENUMS_AS_STRINGS: bool = false;
    const INLINE_ALIASES: bool = false;

    fn escape(&self, name: &str) -> String {
        if KEYWORDS.contains(&name) {
            format!("@{name}")
        } else {
            name.to_owned()
        }
    }

    fn string_literal(&self, text: &str) -> String {
        json_string(text)
    }

    fn list(&self, item: &str) -> String {
        format!("List<{item}>")
    }

    fn map(&self, value: &str) -> String {
        format!("Dictionary<string, {value}>")
    }

    fn nullable(&self, ty: &str, _value_type: bool) -> String {
        // `long?` is Nullable<long>; `string?` a nullable reference annotation.
        format!("{ty}?")
    }

    fn primitive(&self, ty: &TypeRef) -> &'static str {
        match ty {
            TypeRef::Bool => "bool",
            TypeRef::Int32 => "int",
            TypeRef::Int64 => "long",
            TypeRef::Float64 => "double",
            TypeRef::Any => "JsonNode",
            _ => "string",
        }
    }

    fn shape_test(&self, shape: Shape) -> Option<String> {
        let kind = |kind: &str| format!("element.ValueKind == JsonValueKind.{kind}");
        Some(match shape {
            Shape::String => kind("String"),
            Shape::Bool => format!("{} || {}", kind("True"), kind("False")),
            Shape::Integer => "JsonVariants.IsInteger(element)".to_owned(),
            Shape::Number => kind("Number"),
            Shape::Array => kind("Array"),
            Shape::Object => kind("Object"),
            Shape::Any => return None,
        })
    }

    fn doc(&self, text: Option<&str>, indent: &str) -> String {
        // File-scoped namespaces: one level less than the shared view's block indent.
        dotnet::summary(text, indent.strip_prefix("    ").unwrap_or(indent), "///")
    }
}

/// The `using` directives a model file needs, System ones first.
fn usings(t: &DnType, serialization_namespace: &str) -> Vec<String> {
    let mut types: Vec<&str> = Vec::new();
    let mut system = t.obsolete;
    let mut needs_json = false;
    let mut needs_variants = false;
    // Classes keep unknown properties in a Dictionary<string, JsonElement>.
    let mut class = false;
    match &t.kind {
        DnKind::Class(props) => {
            class = true;
            for p in props {
                types.push(&p.ty);
                system |= p.obsolete;
            }
        }
        DnKind::Enum(_) => {
            system = true;
            needs_json = true;
        }
        DnKind::Union(u) => {
            types.extend(u.variants.iter().map(|v| v.ty.as_str()));
            // Conversions lifted from what converts to a variant name those types too.
            types.extend(u.lifted.iter().map(|l| l.from.as_str()));
            system = true;
            needs_json = true;
            needs_variants = true;
        }
        DnKind::Alias(r) => {
            types.push(&r.ty);
            system = true;
            needs_json = true;
            needs_variants = true;
        }
    }
    let mut out = Vec::new();
    if system {
        out.push("System".to_owned());
    }
    if class
        || types
            .iter()
            .any(|ty| ty.contains("List<") || ty.contains("Dictionary<"))
    {
        out.push("System.Collections.Generic".to_owned());
    }
    if class || needs_json {
        out.push("System.Text.Json".to_owned());
    }
    if types.iter().any(|ty| ty.contains("JsonNode")) {
        out.push("System.Text.Json.Nodes".to_owned());
    }
    out.push("System.Text.Json.Serialization".to_owned());
    if needs_variants {
        out.push(serialization_namespace.to_owned());
    }
    out
}

#[derive(Template)]
#[template(path = "csharp/Model.cs", escape = "none")]
struct ModelFile<'a> {
    banner: &'a str,
    pragma: bool,
    namespace: &'a str,
    usings: Vec<String>,
    t: &'a DnType,
}

#[derive(Template)]
#[template(path = "csharp/JsonVariants.cs", escape = "none")]
struct JsonVariants<'a> {
    banner: &'a str,
    namespace: &'a str,
}

#[derive(Template)]
#[template(path = "csharp/Client.cs", escape = "none")]
struct ClientFile<'a> {
    banner: &'a str,
    /// The model's default base URL, as a string literal.
    base_url: Option<String>,
    pragma: bool,
    names: &'a Names,
    title: String,
    models_namespace: &'a str,
    methods: Vec<DnMethod>,
    policy: &'a dotnet::Policy,
    /// The condition on `status` under which an answer is retried.
    retryable: String,
}

#[derive(Template)]
#[template(path = "csharp/ApiException.cs", escape = "none")]
struct ExceptionFile<'a> {
    banner: &'a str,
    pragma: bool,
    names: &'a Names,
    models_namespace: &'a str,
    has_response_status: bool,
    status_type: &'static str,
}

#[derive(Template)]
#[template(path = "csharp/package.csproj", escape = "none")]
struct Csproj<'a> {
    p: &'a dotnet::Package<'a>,
}

#[derive(Template)]
#[template(path = "csharp/README.md", escape = "none")]
struct Readme<'a> {
    p: &'a dotnet::Package<'a>,
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use tree_sitter::{Node, Parser};

    use super::*;

    /// Declarations of types (and type parameters) in the package.
    const TYPE_DECLARATIONS: &[&str] = &[
        "class_declaration",
        "delegate_declaration",
        "enum_declaration",
        "interface_declaration",
        "record_declaration",
        "struct_declaration",
        "type_parameter",
    ];

    /// Parents whose child identifier is a type (besides `type`/`returns` fields).
    const TYPE_PARENTS: &[&str] = &[
        "array_type",
        "attribute",
        "base_list",
        "generic_name",
        "nullable_type",
        "type_argument_list",
        "typeof_expression",
    ];

    #[derive(Default)]
    struct Names {
        /// Every declared name: types, members, parameters, locals.
        declared: BTreeSet<String>,
        declared_types: BTreeSet<String>,
        /// Capitalised simple names in type positions.
        types: BTreeSet<String>,
        /// Capitalised simple names at the head of a member access (`Math.Max`).
        heads: BTreeSet<String>,
    }

    fn field_is(parent: Node, field: &str, node: Node) -> bool {
        parent
            .child_by_field_name(field)
            .is_some_and(|child| child.id() == node.id())
    }

    fn collect(node: Node, source: &str, names: &mut Names) {
        // Namespace paths (usings, the declared namespace) resolve from the
        // global namespace, not from the package's.
        if node.kind() == "using_directive" {
            return;
        }
        if node.kind() == "identifier" {
            if let Some(parent) = node.parent() {
                classify(node, parent, &source[node.byte_range()], names);
            }
        }
        let namespace_name = matches!(
            node.kind(),
            "file_scoped_namespace_declaration" | "namespace_declaration"
        )
        .then(|| node.child_by_field_name("name").map(|name| name.id()))
        .flatten();
        let mut cursor = node.walk();
        for child in node.children(&mut cursor) {
            if Some(child.id()) != namespace_name {
                collect(child, source, names);
            }
        }
    }

    fn classify(node: Node, parent: Node, text: &str, names: &mut Names) {
        let kind = parent.kind();
        if field_is(parent, "name", node)
            && (kind.ends_with("_declaration")
                || matches!(
                    kind,
                    "variable_declarator"
                        | "parameter"
                        | "type_parameter"
                        | "local_function_statement"
                        | "tuple_element"
                ))
        {
            names.declared.insert(text.to_owned());
            if TYPE_DECLARATIONS.contains(&kind) {
                names.declared_types.insert(text.to_owned());
            }
            return;
        }
        if !text.starts_with(|c: char| c.is_ascii_uppercase()) {
            return;
        }
        // `x.Deserialize<T>`, `SendAsync<T>(…)`: a generic method, not a type.
        let generic_member = kind == "generic_name"
            && parent.parent().is_some_and(|outer| {
                (matches!(
                    outer.kind(),
                    "member_access_expression" | "member_binding_expression" | "qualified_name"
                ) && field_is(outer, "name", parent))
                    || (outer.kind() == "invocation_expression"
                        && field_is(outer, "function", parent))
            });
        if generic_member {
            return;
        }
        if field_is(parent, "type", node)
            || field_is(parent, "returns", node)
            || (kind == "qualified_name" && field_is(parent, "qualifier", node))
            || (TYPE_PARENTS.contains(&kind)
                && (kind != "attribute" || field_is(parent, "name", node)))
        {
            names.types.insert(text.to_owned());
        } else if kind == "member_access_expression" && field_is(parent, "expression", node) {
            names.heads.insert(text.to_owned());
        }
    }

    /// Every framework name the generated C# resolves in scope (not through
    /// a qualifier) is in FRAMEWORK_TYPES, so a schema type with that name
    /// is renamed rather than shadowing it: checked over the built-in
    /// package and every tests/schemas output.
    #[test]
    fn every_framework_name_the_code_uses_is_reserved() {
        let sources = crate::lang::code_scan::sample_sources(|_| true);
        let mut parser = Parser::new();
        parser
            .set_language(&tree_sitter_c_sharp::LANGUAGE.into())
            .expect("grammar loads");
        // Per package: what one schema declares says nothing of another's code.
        let mut framework: BTreeSet<String> = BTreeSet::new();
        for source in &sources {
            let model = source.model().expect("loads");
            let mut names = Names::default();
            for file in CSharp.generate(&model).expect("renders") {
                if file.path.extension().and_then(|e| e.to_str()) != Some("cs") {
                    continue;
                }
                let tree = parser.parse(&file.contents, None).expect("parses");
                collect(tree.root_node(), &file.contents, &mut names);
            }
            // Type positions name types; a member-access head may be a member too.
            framework.extend(
                names
                    .types
                    .iter()
                    .filter(|name| !names.declared_types.contains(*name))
                    .chain(
                        names
                            .heads
                            .iter()
                            .filter(|name| !names.declared.contains(*name)),
                    )
                    .cloned(),
            );
        }
        // The scan sees the framework names (it is not vacuous)...
        for expected in [
            "JsonSerializer",
            "Task",
            "CancellationToken",
            "JsonPropertyName",
        ] {
            assert!(
                framework.contains(expected),
                "{expected} not seen: {framework:?}"
            );
        }
        // ...and each is reserved.
        let missing: Vec<&str> = framework
            .iter()
            .map(String::as_str)
            .filter(|name| !dotnet::FRAMEWORK_TYPES.contains(name))
            .collect();
        assert!(missing.is_empty(), "not in FRAMEWORK_TYPES: {missing:?}");
    }
}
