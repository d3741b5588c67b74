//! PHP 8.1+: one class per file under a PSR-4 namespace derived from the
//! package name. Structs are final classes with promoted constructor
//! properties, `fromArray`/`fromJson` and `jsonSerialize`; open enums are value
//! classes wrapping the string; tagged unions are abstract base classes that
//! dispatch on the tag; untagged unions and aliases are native union types at
//! their use sites, decoded by a static-only class; the client uses PHP's HTTP
//! stream wrapper (no extension needed).

mod names;
mod render;
mod types;

use askama::Template;

use super::doc::{block_comment, line_comment};
use super::ident::{json_string, unique, CaseInsensitive};
use super::{banner, Backend, GeneratedFile};
use crate::model::{Model, TypeRef};
use names::{composer_name, method_name, namespace, php_string, wrap_call};
use types::Ctx;

pub struct Php;

impl Backend for Php {
    fn name(&self) -> &'static str {
        "php"
    }

    fn aliases(&self) -> &'static [&'static str] {
        &[]
    }

    fn verification(&self) -> &'static str {
        "round trip: php -l, every class loaded with its types resolved, composer validate and strict PSR-4 autoload, phpcs PSR-12 (PHP 8.2), then every vector through php"
    }

    fn generate(&self, model: &Model) -> Result<Vec<GeneratedFile>, askama::Error> {
        let ctx = Ctx::new(model);
        // A line comment, however many lines the schema's title has.
        let banner = line_comment(Some(&banner(model)), "", "//")
            .trim_end()
            .to_owned();
        let ns = namespace(&model.package.name);
        let dto_ns = format!("{ns}\\Dto");
        let runtime = Runtime {
            banner: &banner,
            namespace: &ns,
        };
        let mut files = vec![
            GeneratedFile::new("src/Json.php", JsonFile { r: &runtime }.render()?),
            GeneratedFile::new(
                "src/DecodeException.php",
                DecodeExceptionFile { r: &runtime }.render()?,
            ),
        ];
        let header = format!(
            "<?php\n\n{banner}\n\ndeclare(strict_types=1);\n\nnamespace {dto_ns};\n\n\
             use {ns}\\DecodeException;\nuse {ns}\\Json;\n"
        );
        for def in &model.types {
            let class = ctx.class(&def.name);
            let contents = ctx.render_type(def, &header)?;
            files.push(GeneratedFile::new(format!("src/Dto/{class}.php"), contents));
        }
        let class_name = super::client_name(model);
        let client_ctx = Ctx {
            prefix: "Dto\\",
            ..ctx.clone()
        };
        // PHP method names are case-insensitive.
        let mut used: CaseInsensitive = ["__construct", "send", "exchange", "query", "errorStatus"]
            .into_iter()
            .collect();
        let methods: Vec<Method> = model
            .operations
            .iter()
            .map(|op| Method {
                name: unique(method_name(&op.request), &mut used),
                doc: block_comment(
                    Some(&match &op.description {
                        Some(text) => format!("{text}\n\n{THROWS}"),
                        None => THROWS.to_owned(),
                    }),
                    false,
                    "    ",
                ),
                request: client_ctx.native(&TypeRef::Named(op.request.clone()), false),
                response: client_ctx.native(&TypeRef::Named(op.response.clone()), false),
                call: wrap_call(
                    "        ",
                    "return $this->send(",
                    &[
                        php_string(&op.method),
                        php_string(&op.path),
                        "$request".to_owned(),
                        client_ctx.decoder(&TypeRef::Named(op.response.clone())),
                    ],
                    ");",
                ),
            })
            .collect();
        let response_status = model
            .get("ResponseStatus")
            .filter(|def| def.as_struct().is_some())
            .map(|def| ctx.class(&def.name));
        let has_client = !methods.is_empty();
        let composer = composer_name(&model.package.name);
        let package = PackageFiles {
            composer_name_json: json_string(&composer),
            composer_name: composer,
            psr4_prefix_json: json_string(&format!("{ns}\\")),
            namespace: ns.clone(),
            version_json: json_string(&model.package.version),
            description_json: json_string(model.package.description.as_deref().unwrap_or("")),
            title: &model.package.title,
            client_class: class_name.clone(),
            example: methods.first().map(|m| m.name.clone()),
            has_client,
        };
        files.push(GeneratedFile::new(
            "composer.json",
            ComposerJson { p: &package }.render()?,
        ));
        files.push(GeneratedFile::new(
            "README.md",
            Readme { p: &package }.render()?,
        ));
        // A schema without operations gets types only: a client would have no methods.
        if has_client {
            files.push(GeneratedFile::new(
                format!("src/{class_name}.php"),
                ClientFile {
                    r: &runtime,
                    class_name: &class_name,
                    response_status: response_status.clone(),
                    methods,
                }
                .render()?,
            ));
            files.push(GeneratedFile::new(
                "src/ApiException.php",
                ApiExceptionFile {
                    r: &runtime,
                    response_status,
                }
                .render()?,
            ));
        }
        Ok(files)
    }
}

const THROWS: &str =
    "@throws ApiException when the call fails or the answer is not the expected JSON";

struct Runtime<'a> {
    /// The banner as a `//` comment.
    banner: &'a str,
    namespace: &'a str,
}

#[derive(Template)]
#[template(path = "php/Json.php", escape = "none")]
struct JsonFile<'a> {
    r: &'a Runtime<'a>,
}

#[derive(Template)]
#[template(path = "php/DecodeException.php", escape = "none")]
struct DecodeExceptionFile<'a> {
    r: &'a Runtime<'a>,
}

#[derive(Template)]
#[template(path = "php/ApiException.php", escape = "none")]
struct ApiExceptionFile<'a> {
    r: &'a Runtime<'a>,
    response_status: Option<String>,
}

struct Method {
    name: String,
    doc: String,
    request: String,
    response: String,
    /// The body's `return $this->send(...)` statement.
    call: String,
}

#[derive(Template)]
#[template(path = "php/Client.php", escape = "none")]
struct ClientFile<'a> {
    r: &'a Runtime<'a>,
    class_name: &'a str,
    response_status: Option<String>,
    methods: Vec<Method>,
}

struct PackageFiles<'a> {
    composer_name: String,
    composer_name_json: String,
    namespace: String,
    psr4_prefix_json: String,
    version_json: String,
    description_json: String,
    title: &'a str,
    client_class: String,
    example: Option<String>,
    has_client: bool,
}

#[derive(Template)]
#[template(path = "php/composer.json", escape = "none")]
struct ComposerJson<'a> {
    p: &'a PackageFiles<'a>,
}

#[derive(Template)]
#[template(path = "php/README.md", escape = "none")]
struct Readme<'a> {
    p: &'a PackageFiles<'a>,
}
