//! Test-only: random statements of the shapes the Python backend lays out
//! (`return`, `name = value`, `data["key"] = value`, annotations with and
//! without a value, `def`, `class` and `if` lines, argument and dict-entry
//! lines), each as `wrap.rs` lays it out and tagged `# case N KIND`, for
//! `scripts/python-layout` to format with ruff and compare case by case.
//!
//! An ignored test rather than an example: the layout functions are private
//! to this backend, and the script runs it by name. The seed is fixed, so a
//! difference, once found, stays reproducible.

use std::str::FromStr;

use super::wrap::{
    annotated, assign, assign_item, atom, binary, call, class as class_line, if_line, line,
    prefixed, return_line, signature, subscript, Expr,
};

/// The file to write; the test refuses to run without it.
const OUTPUT_VAR: &str = "DTOGEN_LAYOUT_SAMPLES";
const COUNT_VAR: &str = "DTOGEN_LAYOUT_SAMPLE_COUNT";
const SEED_VAR: &str = "DTOGEN_LAYOUT_SEED";
const DEFAULT_COUNT: usize = 50_000;
const DEFAULT_SEED: u64 = 1;

#[test]
#[ignore = "writes the samples scripts/python-layout compares with ruff"]
fn write_layout_samples() -> Result<(), String> {
    let path = std::env::var(OUTPUT_VAR)
        .map_err(|_| format!("set {OUTPUT_VAR} to the file to write the samples to"))?;
    let count = env_number(COUNT_VAR, DEFAULT_COUNT)?;
    let seed = env_number(SEED_VAR, DEFAULT_SEED)?;
    std::fs::write(&path, samples(seed, count)).map_err(|err| format!("{path}: {err}"))
}

fn env_number<T: FromStr>(var: &str, default: T) -> Result<T, String> {
    match std::env::var(var) {
        Ok(text) => text
            .parse()
            .map_err(|_| format!("{var}={text} is not a non-negative number")),
        Err(_) => Ok(default),
    }
}

/// `count` cases, two blank lines apart as ruff leaves top-level statements.
fn samples(seed: u64, count: usize) -> String {
    let mut rng = Rng(seed);
    let cases: Vec<String> = (0..count).map(|n| case(&mut rng, n)).collect();
    cases.join("\n\n\n") + "\n"
}

/// `# case N KIND`, then the statement inside what its indent needs.
fn case(rng: &mut Rng, n: usize) -> String {
    let kind = rng.pick(&Kind::ALL);
    let indent = rng.pick(kind.indents());
    let statement = statement(rng, kind, indent);
    let context = match indent {
        0 => String::new(),
        4 => format!("def f_{n}():\n"),
        _ => format!("def f_{n}():\n    if x:\n"),
    };
    format!("# case {n} {}\n{context}{statement}", kind.tag())
}

/// A 64-bit linear congruential generator (Knuth's MMIX constants): spread
/// enough for test shapes, the same on every machine, and no crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        // The high bits: an LCG's low bits cycle quickly.
        (self.0 >> 33) as usize
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.next() % (high - low + 1)
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.next() % items.len()]
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Return,
    Assign,
    ItemAssign,
    Annotation,
    AnnotationWithValue,
    /// Statements as the backend writes them, with names as long as OpenAI's.
    Emitted,
    /// `def`, `class` and `if` lines, and lines of a call's or a dict's elements.
    Header,
}

impl Kind {
    const ALL: [Kind; 7] = [
        Kind::Return,
        Kind::Assign,
        Kind::ItemAssign,
        Kind::Annotation,
        Kind::AnnotationWithValue,
        Kind::Emitted,
        Kind::Header,
    ];

    fn tag(self) -> char {
        match self {
            Kind::Return => 'r',
            Kind::Assign => 'a',
            Kind::ItemAssign => 's',
            Kind::Annotation => 'n',
            Kind::AnnotationWithValue => 'v',
            Kind::Emitted => 't',
            Kind::Header => 'x',
        }
    }

    /// A `return` needs a function; headers are at top level or in a class.
    fn indents(self) -> &'static [usize] {
        match self {
            Kind::Return | Kind::Emitted => &[4, 8],
            Kind::Header => &[0, 4],
            _ => &[0, 4, 8],
        }
    }
}

fn statement(rng: &mut Rng, kind: Kind, indent: usize) -> String {
    // Up to 100 characters a name: short ones fit, long ones force every split.
    let max = rng.between(5, 100);
    match kind {
        Kind::Return => {
            let depth = rng.between(0, 3);
            return_line(indent, &value(rng, depth, max))
        }
        Kind::Assign => {
            let target = assign_target(rng, max);
            let depth = rng.between(0, 3);
            assign(indent, &target, &value(rng, depth, max))
        }
        Kind::ItemAssign => {
            let key = "w".repeat(rng.between(1, max));
            let target = subscript("data", vec![atom(format!("\"{key}\""))]);
            let depth = rng.between(0, 2);
            assign_item(indent, &target, &value(rng, depth, max))
        }
        Kind::Annotation => {
            let target = random_ident(rng, max);
            annotated(indent, &target, &annotation(rng, max), None)
        }
        Kind::AnnotationWithValue => {
            let default = match rng.between(0, 2) {
                0 => atom("None"),
                1 => field_factory(),
                _ => name(rng, max),
            };
            let target = random_ident(rng, max);
            annotated(indent, &target, &annotation(rng, max), Some(&default))
        }
        Kind::Emitted => emitted(rng, indent),
        Kind::Header => header(rng, indent),
    }
}

// ------------------------------------------------------------ random pieces

/// `len` characters, upper and lower case and underscores, never ending in
/// an underscore; the letters make no Python keyword.
fn ident(rng: &mut Rng, len: usize) -> String {
    let mut text = String::from(rng.pick(&["A", "B", "c", "d", "X"]));
    while text.len() < len {
        text.push_str(rng.pick(&["a", "b", "c", "_", "Q", "z"]));
    }
    if text.ends_with('_') {
        text.pop();
        text.push('e');
    }
    text
}

fn random_ident(rng: &mut Rng, max: usize) -> String {
    let len = rng.between(1, max);
    ident(rng, len)
}

/// Something that never splits: an attribute, a string literal or a name.
fn name(rng: &mut Rng, max: usize) -> Expr {
    let len = rng.between(1, max);
    match rng.between(0, 3) {
        0 => atom(format!("self.{}", ident(rng, len))),
        1 => atom(format!("\"{}\"", "s".repeat(len))),
        _ => atom(ident(rng, len)),
    }
}

/// A type nested up to `depth` subscripts deep.
fn type_expr(rng: &mut Rng, depth: usize, max: usize) -> Expr {
    if depth == 0 {
        return atom(random_ident(rng, max));
    }
    match rng.between(0, 5) {
        0 => {
            let generic = rng.pick(&["list", "ClassVar", "Literal", "Generator"]);
            subscript(generic, vec![type_expr(rng, depth - 1, max)])
        }
        1 => subscript("dict", vec![atom("str"), type_expr(rng, depth - 1, max)]),
        2 => {
            let count = rng.between(1, 4);
            let members = (0..count).map(|_| type_expr(rng, depth - 1, max)).collect();
            subscript("Union", members)
        }
        _ => atom(random_ident(rng, max)),
    }
}

/// A value: calls nested up to `depth` deep (their callees calls too), types, names.
fn value(rng: &mut Rng, depth: usize, max: usize) -> Expr {
    if depth == 0 {
        return name(rng, max);
    }
    // Nested values get shorter names, so deep calls still sometimes fit.
    let inner_max = max / 2 + 1;
    match rng.between(0, 5) {
        0 | 1 => {
            let callee = match rng.between(0, 2) {
                0 => atom(format!("{}.from_dict", random_ident(rng, max))),
                1 => value(rng, depth - 1, inner_max),
                _ => atom(random_ident(rng, max)),
            };
            // A string literal is no callee.
            let callee = match callee {
                Expr::Atom(text) if text.starts_with('"') => atom("f"),
                other => other,
            };
            let count = rng.between(1, 4);
            let args = (0..count)
                .map(|_| value(rng, depth - 1, inner_max))
                .collect();
            call(callee, args)
        }
        2 => type_expr(rng, depth, max),
        _ => name(rng, max),
    }
}

fn annotation(rng: &mut Rng, max: usize) -> Expr {
    let depth = rng.between(0, 2);
    let annotation = type_expr(rng, depth, max);
    match rng.between(0, 1) {
        0 => binary("|", vec![annotation, atom("None")]),
        _ => annotation,
    }
}

fn assign_target(rng: &mut Rng, max: usize) -> String {
    match rng.between(0, 1) {
        0 => random_ident(rng, max),
        _ => {
            let owner = random_ident(rng, 40);
            format!("{owner}.{}", random_ident(rng, max))
        }
    }
}

fn field_factory() -> Expr {
    call("_field", vec![atom("default_factory=dict")])
}

/// A schema type's name, 30 to 98 characters (OpenAI's longest are about 90).
fn class_name(rng: &mut Rng) -> String {
    let len = rng.between(30, 98);
    let mut name = ident(rng, len);
    name.replace_range(0..1, "C");
    name
}

fn field_name(rng: &mut Rng) -> String {
    let len = rng.between(5, 95);
    ident(rng, len).to_lowercase()
}

// ------------------------------------------- statements the backend writes

fn emitted(rng: &mut Rng, indent: usize) -> String {
    let class = class_name(rng);
    let field = field_name(rng);
    match rng.between(0, 3) {
        0 => decoder_return(rng, indent, &class, &field),
        1 => field_declaration(rng, indent, &class, &field),
        2 => alias_or_constant(rng, indent, &class, &field),
        _ => to_dict_entry(rng, indent, &field),
    }
}

/// The `return` of a decoder or a client method.
fn decoder_return(rng: &mut Rng, indent: usize, class: &str, field: &str) -> String {
    let value_path = || vec![atom("value"), atom("path")];
    let from_dict = format!("{class}.from_dict");
    let value = match rng.between(0, 4) {
        0 => call(from_dict, value_path()),
        1 => call(format!("decode_{field}"), value_path()),
        2 => {
            let nullable = call("_json.nullable", vec![atom(from_dict)]);
            call(call("_json.list_of", vec![nullable]), value_path())
        }
        3 => call(
            "self._send",
            vec![
                atom(format!("_{}", field.to_uppercase())),
                atom("request.to_dict()"),
                atom(from_dict),
                atom("timeout"),
            ],
        ),
        _ => call(
            "_json.by_shape",
            vec![
                atom("value"),
                atom("path"),
                atom(format!("\"{class}\"")),
                atom("variants"),
            ],
        ),
    };
    return_line(indent, &value)
}

/// A dataclass field or an enum's `ClassVar` constant.
fn field_declaration(rng: &mut Rng, indent: usize, class: &str, field: &str) -> String {
    let optional = |annotation: Expr| binary("|", vec![annotation, atom("None")]);
    let none = atom("None");
    match rng.between(0, 7) {
        0 => {
            let constant = field.to_uppercase();
            annotated(
                indent,
                &constant,
                &subscript("ClassVar", vec![atom(class)]),
                None,
            )
        }
        1 => annotated(indent, field, &subscript("list", vec![atom(class)]), None),
        2 => {
            let annotation = subscript("dict", vec![atom("str"), atom(class)]);
            annotated(indent, field, &annotation, None)
        }
        3 => annotated(indent, field, &atom(class), None),
        4 => annotated(indent, field, &optional(atom(class)), Some(&none)),
        5 => {
            let annotation = optional(subscript("list", vec![atom(class)]));
            annotated(indent, field, &annotation, Some(&none))
        }
        6 => {
            let tag = atom(format!("\"{field}\""));
            let annotation = subscript("Literal", vec![tag.clone()]);
            annotated(indent, "type_", &annotation, Some(&tag))
        }
        _ => {
            let annotation = subscript("dict", vec![atom("str"), atom("JSON")]);
            annotated(indent, field, &annotation, Some(&field_factory()))
        }
    }
}

/// A union or list alias, a forward `TypeAlias`, an enum constant's value.
fn alias_or_constant(rng: &mut Rng, indent: usize, class: &str, field: &str) -> String {
    match rng.between(0, 4) {
        0 => {
            let members = vec![atom(format!("{class}A")), atom(format!("{class}B"))];
            assign(indent, class, &subscript("Union", members))
        }
        1 => {
            let item = atom(format!("{class}Item"));
            assign(indent, class, &subscript("list", vec![item]))
        }
        2 => assign(indent, class, &atom(format!("{class}Other"))),
        3 => {
            let later = atom(format!("\"{class}Later\""));
            annotated(indent, class, &atom("TypeAlias"), Some(&later))
        }
        _ => {
            let target = format!("{class}.{}", field.to_uppercase());
            assign(
                indent,
                &target,
                &call(class, vec![atom(format!("\"{field}\""))]),
            )
        }
    }
}

/// A `to_dict` line: `data["key"] = …`.
fn to_dict_entry(rng: &mut Rng, indent: usize, field: &str) -> String {
    let target = subscript("data", vec![atom(format!("\"{field}\""))]);
    let member = format!("self.{field}");
    let value = match rng.between(0, 3) {
        0 => atom(member),
        1 => call("_json.encode", vec![atom(member)]),
        2 => atom(format!("{member}.to_dict()")),
        _ => Expr::Comprehension {
            open: '[',
            close: ']',
            element: Box::new(atom("item.to_dict()")),
            clauses: vec![format!("for item in {member}")],
        },
    };
    assign_item(indent, &target, &value)
}

/// A `def`, `class` or `if` line with a body, or one element line of a
/// call's arguments or a dict literal.
fn header(rng: &mut Rng, indent: usize) -> String {
    let class = class_name(rng);
    let field = field_name(rng);
    let pad = " ".repeat(indent);
    let body = format!("\n{pad}    pass");
    match rng.between(0, 8) {
        0..=3 => def_line(rng, indent, &class, &field) + &body,
        4 => {
            let condition = binary("==", vec![atom("tag"), atom(format!("\"{field}\""))]);
            if_line(indent, &condition) + &body
        }
        5 => {
            let condition = binary("is not", vec![atom(format!("self.{field}")), atom("None")]);
            if_line(indent, &condition) + &body
        }
        6 => class_line(indent, &class, &[atom("str")]) + &body,
        7 => {
            let decoder = atom(format!("decode_{}", class.to_lowercase()));
            let optional = call(
                "_json.optional",
                vec![
                    atom("obj"),
                    atom(format!("\"{field}\"")),
                    decoder,
                    atom("path"),
                ],
            );
            let argument = prefixed(format!("{field}="), optional);
            let argument = line(indent + 4, "", &argument, ",");
            format!("{pad}return cls(\n{argument}\n{pad})")
        }
        _ => {
            let entry = prefixed(format!("\"{field}\": "), atom(format!("self.{field}")));
            let entry = line(indent + 4, "", &entry, ",");
            format!("{pad}data: dict[str, JSON] = {{\n{entry}\n{pad}}}")
        }
    }
}

/// A client method, a `from_dict` or a decoder function's signature.
fn def_line(rng: &mut Rng, indent: usize, class: &str, field: &str) -> String {
    let method_params = || {
        [
            "self".to_owned(),
            format!("request: {class}"),
            "*".to_owned(),
            "timeout: float | None = None".to_owned(),
        ]
        .map(atom)
    };
    match rng.between(0, 3) {
        0 => signature(indent, field, &method_params(), &atom(class)),
        1 => {
            let event = atom(format!("{class}Event"));
            let stream = subscript("Generator", vec![event, atom("None"), atom("None")]);
            signature(indent, field, &method_params(), &stream)
        }
        2 => {
            let params = ["cls", "data: Any", "path: str = \"$\""].map(atom);
            signature(indent, "from_dict", &params, &atom(class))
        }
        _ => {
            let params = ["value: object", "path: str = \"$\""].map(atom);
            signature(indent, &format!("decode_{field}"), &params, &atom(class))
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_samples() {
    assert_eq!(samples(7, 50), samples(7, 50));
    assert_ne!(samples(7, 50), samples(8, 50));
}

#[test]
fn every_case_is_tagged_in_order() {
    let text = samples(DEFAULT_SEED, 200);
    let tags: Vec<&str> = text.lines().filter(|l| l.starts_with("# case ")).collect();
    assert_eq!(tags.len(), 200);
    let mut numbered = tags.iter().enumerate();
    assert!(numbered.all(|(n, tag)| tag.starts_with(&format!("# case {n} "))));
}
