//! Python expressions as trees, laid out exactly as `ruff format` lays them
//! out: a line that fits stays as it is; otherwise brackets split from the
//! right (the last bracket first), the contents of a call or subscript go on
//! one indented line when they fit, else one element a line with a trailing
//! comma, nested as deep as needed; literals (lists, tuples, sets, dicts,
//! imports) are one element a line as soon as they split.
//!
//! The layout engine is the one ruff's own printer is (Wadler/Prettier
//! groups); the statement helpers below choose between its layouts the way
//! ruff does for assignments, annotations, `def` and `if` lines.

use std::fmt;

/// The line width of the generated package (`[tool.ruff] line-length`).
pub(super) const LINE_WIDTH: usize = 100;

/// A Python expression, as far as its layout goes.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Expr {
    /// Text that never splits: a name, an attribute, a string literal, `x.f()`.
    Atom(String),
    /// `callee(args)` or `callee[args]` (a subscript).
    Call {
        callee: Box<Expr>,
        square: bool,
        args: Vec<Expr>,
    },
    /// A literal `[…]`, `(…)` (a one-element tuple keeps its comma) or `{…}`;
    /// `broken` when the source has a magic trailing comma.
    Collection {
        open: char,
        close: char,
        items: Vec<Expr>,
        broken: bool,
    },
    /// Operands joined by one operator: `A | None`, `tag == "x"`, `x is not None`.
    Binary {
        op: &'static str,
        operands: Vec<Expr>,
    },
    /// `name=value` (a keyword argument) or `key: value` (a dict entry).
    Prefixed(String, Box<Expr>),
    /// `[element for …]` or `{key: value for …}`: the `for` clauses as text.
    Comprehension {
        open: char,
        close: char,
        element: Box<Expr>,
        clauses: Vec<String>,
    },
}

pub(super) fn atom(text: impl Into<String>) -> Expr {
    Expr::Atom(text.into())
}

/// `callee(args)`.
pub(super) fn call(callee: impl Into<Expr>, args: Vec<Expr>) -> Expr {
    Expr::Call {
        callee: Box::new(callee.into()),
        square: false,
        args,
    }
}

/// `callee[args]`.
pub(super) fn subscript(callee: impl Into<Expr>, args: Vec<Expr>) -> Expr {
    Expr::Call {
        callee: Box::new(callee.into()),
        square: true,
        args,
    }
}

/// A tuple literal: `("a", "b")`, `("a",)`.
pub(super) fn tuple(items: Vec<Expr>) -> Expr {
    Expr::Collection {
        open: '(',
        close: ')',
        items,
        broken: false,
    }
}

/// `left | right` (`|`, `==`, `is not`…).
pub(super) fn binary(op: &'static str, operands: Vec<Expr>) -> Expr {
    Expr::Binary { op, operands }
}

pub(super) fn prefixed(prefix: impl Into<String>, value: Expr) -> Expr {
    Expr::Prefixed(prefix.into(), Box::new(value))
}

impl From<&str> for Expr {
    fn from(text: &str) -> Self {
        atom(text)
    }
}

impl From<String> for Expr {
    fn from(text: String) -> Self {
        atom(text)
    }
}

impl fmt::Display for Expr {
    /// The expression on one line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let join = |f: &mut fmt::Formatter<'_>, items: &[Expr], sep: &str| -> fmt::Result {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    f.write_str(sep)?;
                }
                write!(f, "{item}")?;
            }
            Ok(())
        };
        match self {
            Expr::Atom(text) => f.write_str(text),
            Expr::Call {
                callee,
                square,
                args,
            } => {
                let (open, close) = if *square { ("[", "]") } else { ("(", ")") };
                write!(f, "{callee}{open}")?;
                join(f, args, ", ")?;
                f.write_str(close)
            }
            Expr::Collection {
                open, close, items, ..
            } => {
                write!(f, "{open}")?;
                join(f, items, ", ")?;
                if *open == '(' && items.len() == 1 {
                    f.write_str(",")?;
                }
                write!(f, "{close}")
            }
            Expr::Binary { op, operands } => join(f, operands, &format!(" {op} ")),
            Expr::Prefixed(prefix, value) => write!(f, "{prefix}{value}"),
            Expr::Comprehension {
                open,
                close,
                element,
                clauses,
            } => {
                write!(f, "{open}{element}")?;
                for clause in clauses {
                    write!(f, " {clause}")?;
                }
                write!(f, "{close}")
            }
        }
    }
}

impl Expr {
    /// Whether the expression ends in brackets ruff can split at (else an
    /// assignment parenthesizes it).
    fn splits(&self) -> bool {
        match self {
            Expr::Atom(_) => false,
            Expr::Call { args, .. } => !args.is_empty(),
            Expr::Collection { items, .. } => !items.is_empty(),
            Expr::Binary { .. } => false,
            Expr::Prefixed(_, value) => value.splits(),
            Expr::Comprehension { .. } => true,
        }
    }
}

// ---------------------------------------------------------------- the printer

/// The layout language of ruff's printer (as Prettier's).
#[derive(Debug, Clone)]
enum Doc {
    Text(String),
    /// Nothing when flat, a newline when broken.
    SoftLine,
    /// A space when flat, a newline when broken.
    Line,
    /// Flat if it fits (or unless `broken`), else broken.
    Group(Vec<Doc>, bool),
    Indent(Vec<Doc>),
    /// The text when the enclosing group is broken.
    IfBroken(&'static str),
}

fn text(s: impl Into<String>) -> Doc {
    Doc::Text(s.into())
}

/// The elements separated by `,` and a line; a trailing comma when they
/// break, if there are several (ruff adds none to a single element).
fn joined(items: &[Expr], out: &mut Vec<Doc>) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(text(","));
            out.push(Doc::Line);
        }
        out.push(doc(item));
    }
    if items.len() > 1 {
        out.push(Doc::IfBroken(","));
    }
}

/// `open`, contents indented between soft lines, `close`.
fn bracketed(open: char, contents: Vec<Doc>, close: char, broken: bool) -> Doc {
    Doc::Group(
        vec![
            text(open),
            Doc::Indent(vec![Doc::SoftLine, Doc::Group(contents, false)]),
            Doc::SoftLine,
            text(close),
        ],
        broken,
    )
}

fn doc(expr: &Expr) -> Doc {
    match expr {
        Expr::Atom(s) => text(s.clone()),
        Expr::Call {
            callee,
            square,
            args,
        } => {
            let (open, close) = if *square { ('[', ']') } else { ('(', ')') };
            if args.is_empty() {
                return Doc::Group(vec![doc(callee), text(format!("{open}{close}"))], false);
            }
            // An inner group: the arguments stay on one line when they fit there.
            let mut inner = Vec::new();
            joined(args, &mut inner);
            Doc::Group(
                vec![doc(callee), bracketed(open, inner, close, false)],
                false,
            )
        }
        Expr::Collection {
            open,
            close,
            items,
            broken,
        } => {
            if items.is_empty() {
                return text(format!("{open}{close}"));
            }
            // One group with the brackets: split, every element gets a line.
            let mut inner = Vec::new();
            joined(items, &mut inner);
            if *open == '(' && items.len() == 1 {
                inner.push(text(","));
            }
            let mut indented = vec![Doc::SoftLine];
            indented.extend(inner);
            Doc::Group(
                vec![
                    text(*open),
                    Doc::Indent(indented),
                    Doc::SoftLine,
                    text(*close),
                ],
                *broken,
            )
        }
        Expr::Binary { op, operands } => {
            let mut parts = Vec::new();
            for (i, operand) in operands.iter().enumerate() {
                if i > 0 {
                    parts.push(Doc::Line);
                    parts.push(text(format!("{op} ")));
                }
                parts.push(doc(operand));
            }
            Doc::Group(parts, false)
        }
        Expr::Prefixed(prefix, value) => Doc::Group(vec![text(prefix.clone()), doc(value)], false),
        Expr::Comprehension {
            open,
            close,
            element,
            clauses,
        } => {
            let mut inner = vec![doc(element)];
            for clause in clauses {
                inner.push(Doc::Line);
                inner.push(text(clause.clone()));
            }
            bracketed(*open, inner, *close, false)
        }
    }
}

/// Whether a group must break: it is marked so, or holds one that is (a
/// broken group breaks every group around it, as in ruff's printer).
fn forced(d: &Doc) -> bool {
    match d {
        Doc::Group(_, true) => true,
        Doc::Group(parts, false) | Doc::Indent(parts) => parts.iter().any(forced),
        _ => false,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Flat,
    Break,
}

/// Whether `next` (then `rest`, in its own modes) fits in `width` up to the
/// first line break.
fn fits(next: (usize, Mode, &Doc), rest: &[(usize, Mode, &Doc)], width: isize) -> bool {
    let mut width = width;
    let mut stack = vec![next];
    let mut rest_index = rest.len();
    loop {
        let (indent, mode, d) = match stack.pop() {
            Some(item) => item,
            None => {
                if rest_index == 0 {
                    return true;
                }
                rest_index -= 1;
                rest[rest_index]
            }
        };
        match d {
            Doc::Text(s) => {
                width -= s.chars().count() as isize;
                if width < 0 {
                    return false;
                }
            }
            Doc::SoftLine | Doc::Line => {
                if mode == Mode::Break {
                    return true;
                }
                if matches!(d, Doc::Line) {
                    width -= 1;
                    if width < 0 {
                        return false;
                    }
                }
            }
            Doc::Group(parts, _) => {
                let mode = if forced(d) { Mode::Break } else { mode };
                for part in parts.iter().rev() {
                    stack.push((indent, mode, part));
                }
            }
            Doc::Indent(parts) => {
                for part in parts.iter().rev() {
                    stack.push((indent + 4, mode, part));
                }
            }
            Doc::IfBroken(s) => {
                if mode == Mode::Break {
                    width -= s.len() as isize;
                    if width < 0 {
                        return false;
                    }
                }
            }
        }
    }
}

/// Prints `d` starting at column `indent` (which is already written as spaces).
fn print(d: &Doc, indent: usize) -> String {
    let mut out = " ".repeat(indent);
    let mut column = indent;
    let mut stack: Vec<(usize, Mode, &Doc)> = vec![(indent, Mode::Break, d)];
    while let Some((ind, mode, d)) = stack.pop() {
        match d {
            Doc::Text(s) => {
                out.push_str(s);
                column += s.chars().count();
            }
            Doc::SoftLine | Doc::Line => {
                if mode == Mode::Break {
                    out.push('\n');
                    out.push_str(&" ".repeat(ind));
                    column = ind;
                } else if matches!(d, Doc::Line) {
                    out.push(' ');
                    column += 1;
                }
            }
            Doc::Group(parts, _) => {
                let flat = !forced(d)
                    && (mode == Mode::Flat
                        || fits(
                            (ind, Mode::Flat, d),
                            &stack,
                            LINE_WIDTH as isize - column as isize,
                        ));
                let mode = if flat { Mode::Flat } else { Mode::Break };
                for part in parts.iter().rev() {
                    stack.push((ind, mode, part));
                }
            }
            Doc::Indent(parts) => {
                for part in parts.iter().rev() {
                    stack.push((ind + 4, mode, part));
                }
            }
            Doc::IfBroken(s) => {
                if mode == Mode::Break {
                    out.push_str(s);
                    column += s.len();
                }
            }
        }
    }
    out
}

fn fits_all(text: &str) -> bool {
    text.lines().all(|line| line.chars().count() <= LINE_WIDTH)
}

/// The first layout whose lines all fit, else the last.
fn best(layouts: Vec<String>) -> String {
    let last = layouts.len().saturating_sub(1);
    layouts
        .into_iter()
        .enumerate()
        .find(|(i, text)| *i == last || fits_all(text))
        .map(|(_, text)| text)
        .unwrap_or_default()
}

fn width(indent: usize) -> String {
    " ".repeat(indent)
}

/// `(`, the expression indented on its own line, `)`: ruff's optional parentheses.
fn parenthesized(expr: &Expr) -> Doc {
    Doc::Group(
        vec![
            text("("),
            Doc::Indent(vec![Doc::SoftLine, doc(expr)]),
            Doc::SoftLine,
            text(")"),
        ],
        true,
    )
}

// ----------------------------------------------------------- the statements

/// `{head}{expr}{tail}` at `indent`: a call statement, a `return`, an argument
/// or element line of an exploded literal (`tail` ","), …
pub(super) fn line(indent: usize, head: &str, expr: &Expr, tail: &str) -> String {
    print(
        &Doc::Group(vec![text(head), doc(expr), text(tail)], false),
        indent,
    )
}

/// `target = value`, as ruff lays out an assignment: the value split at its
/// last brackets, or else parenthesized when that makes it fit.
pub(super) fn assign(indent: usize, target: &str, value: &Expr) -> String {
    let flat = format!("{}{target} = {value}", width(indent));
    if fits_all(&flat) {
        return flat;
    }
    let wrapped = print(
        &Doc::Group(
            vec![text(format!("{target} = ")), parenthesized(value)],
            false,
        ),
        indent,
    );
    if value.splits() {
        // Split at the value's last brackets, unless that leaves a line too
        // long and parentheses around the whole value do not.
        let split = line(indent, &format!("{target} = "), value, "");
        return best(vec![split.clone(), wrapped, split]);
    }
    best(vec![wrapped, flat])
}

/// `target: annotation` or `target: annotation = value`, as ruff lays out an
/// annotated assignment: the value parenthesized (or split) first, then the
/// annotation split at its brackets or parenthesized.
pub(super) fn annotated(
    indent: usize,
    target: &str,
    annotation: &Expr,
    value: Option<&Expr>,
) -> String {
    let head = format!("{target}: ");
    let flat = match value {
        Some(value) => format!("{}{head}{annotation} = {value}", width(indent)),
        None => format!("{}{head}{annotation}", width(indent)),
    };
    if fits_all(&flat) {
        return flat;
    }
    // The annotation split: at its brackets, else in parentheses (a `|` chain
    // breaks at its operators there); a bare name is parenthesized only alone.
    let split_annotation = match annotation {
        Expr::Call { .. } => Some(doc(annotation)),
        Expr::Binary { .. } => Some(parenthesized(annotation)),
        _ if value.is_none() => Some(parenthesized(annotation)),
        _ => None,
    };
    let Some(value) = value else {
        let split = print(
            &Doc::Group(
                vec![
                    text(head),
                    split_annotation.unwrap_or_else(|| doc(annotation)),
                ],
                false,
            ),
            indent,
        );
        // A bare name is parenthesized only when that makes it fit.
        return match annotation {
            Expr::Atom(_) => best(vec![split, flat]),
            _ => split,
        };
    };
    let flat_annotation = text(format!("{head}{annotation} = "));
    let split_value = if value.splits() {
        doc(value)
    } else {
        parenthesized(value)
    };
    // The annotation flat: the value split at its brackets, else parenthesized.
    let mut layouts = vec![print(
        &Doc::Group(vec![flat_annotation.clone(), split_value.clone()], false),
        indent,
    )];
    if value.splits() {
        layouts.push(print(
            &Doc::Group(vec![flat_annotation, parenthesized(value)], false),
            indent,
        ));
    }
    if let Some(split) = split_annotation {
        let with = |value: Doc| {
            print(
                &Doc::Group(
                    vec![text(head.clone()), force(split.clone()), text(" = "), value],
                    false,
                ),
                indent,
            )
        };
        layouts.push(with(text(value.to_string())));
        // Last: both split, the value parenthesized only if it then fits.
        let both = with(split_value);
        let both = if value.splits() || fits_all(&both) {
            both
        } else {
            with(text(value.to_string()))
        };
        layouts.push(both);
    } else {
        layouts.push(flat);
    }
    best(layouts)
}

/// The outermost group broken.
fn force(d: Doc) -> Doc {
    match d {
        Doc::Group(parts, _) => {
            // A call or subscript: the bracket group is the last part.
            if let [callee, Doc::Group(inner, _)] = parts.as_slice() {
                return Doc::Group(vec![callee.clone(), Doc::Group(inner.clone(), true)], false);
            }
            Doc::Group(parts, true)
        }
        other => other,
    }
}

/// `def {name}({params}) -> {returns}:` at `indent`, as ruff lays out a
/// signature: the parameters split first, then the return annotation.
pub(super) fn signature(indent: usize, name: &str, params: &[Expr], returns: &Expr) -> String {
    let head = call(atom(format!("def {name}")), params.to_vec());
    let flat = format!("{}{head} -> {returns}:", width(indent));
    if fits_all(&flat) {
        return flat;
    }
    let parts = vec![force(doc(&head)), text(" -> "), doc(returns), text(":")];
    let split = print(&Doc::Group(parts, false), indent);
    if fits_all(&split) || returns.splits() {
        return split;
    }
    // A return annotation too long after `) -> ` goes in parentheses if it then fits.
    let parts = vec![
        force(doc(&head)),
        text(" -> "),
        parenthesized(returns),
        text(":"),
    ];
    best(vec![print(&Doc::Group(parts, false), indent), split])
}

/// `class {name}({bases}):` at `indent`.
pub(super) fn class(indent: usize, name: &str, bases: &[Expr]) -> String {
    if bases.is_empty() {
        return format!("{}class {name}:", width(indent));
    }
    line(
        indent,
        "",
        &call(atom(format!("class {name}")), bases.to_vec()),
        ":",
    )
}

/// `if {condition}:` at `indent`: a condition too long for the line goes in
/// parentheses, one operand a line.
pub(super) fn if_line(indent: usize, condition: &Expr) -> String {
    let flat = format!("{}if {condition}:", width(indent));
    if fits_all(&flat) {
        return flat;
    }
    let parts = vec![text("if "), parenthesized(condition), text(":")];
    print(&Doc::Group(parts, false), indent)
}

/// `from {module} import {names}`: one name a line in parentheses when too long.
pub(super) fn import_from(module: &str, names: &[String]) -> String {
    let flat = format!("from {module} import {}", names.join(", "));
    if fits_all(&flat) {
        return flat;
    }
    let items: String = names.iter().map(|n| format!("    {n},\n")).collect();
    format!("from {module} import (\n{items})")
}

#[cfg(test)]
mod tests {
    //! Every expected layout below is what ruff 0.17 (`line-length = 100`)
    //! prints for the same statement: `ruff format` leaves each unchanged.
    use super::*;

    fn names(names: &[&str]) -> Vec<Expr> {
        names.iter().map(|n| atom(*n)).collect()
    }

    fn strings(texts: &[&str]) -> Expr {
        tuple(texts.iter().map(|t| atom(format!("\"{t}\""))).collect())
    }

    #[test]
    fn short_lines_stay_flat() {
        assert_eq!(line(0, "", &call("f", names(&["a", "b"])), ""), "f(a, b)");
        assert_eq!(
            assign(
                0,
                "_R",
                &call("_Route", vec![atom("\"GET\""), strings(&["/a"])])
            ),
            "_R = _Route(\"GET\", (\"/a\",))"
        );
    }

    #[test]
    fn calls_split_at_the_last_bracket_then_one_argument_a_line() {
        let route = call(
            "_Route",
            vec![
                atom("\"GET\""),
                strings(&["/organization/usage/audio_speeches/xxxxxxxxxxx"]),
                atom("body=None"),
            ],
        );
        assert_eq!(
            assign(0, "_ROUTE_XXXXXXXXXXXXXXXXXXXXXXXXXXX", &route),
            "_ROUTE_XXXXXXXXXXXXXXXXXXXXXXXXXXX = _Route(\n    \"GET\", \
             (\"/organization/usage/audio_speeches/xxxxxxxxxxx\",), body=None\n)"
        );
        // A literal inside splits one element a line, with a magic trailing comma.
        let query = [
            "start_time",
            "end_time",
            "bucket_width",
            "project_ids",
            "user_ids",
            "api_key_ids",
            "models",
            "group_by",
            "limit",
            "page",
        ];
        let route = call(
            "_Route",
            vec![
                atom("\"GET\""),
                strings(&["/organization/usage/audio_speeches"]),
                prefixed("query=", strings(&query)),
                atom("body=None"),
            ],
        );
        let expected = format!(
            "_ROUTE_X = _Route(\n    \"GET\",\n    (\"/organization/usage/audio_speeches\",),\n    \
             query=(\n{}    ),\n    body=None,\n)",
            query
                .iter()
                .map(|q| format!("        \"{q}\",\n"))
                .collect::<String>()
        );
        assert_eq!(assign(0, "_ROUTE_X", &route), expected);
    }

    #[test]
    fn nested_calls_split_recursively() {
        let mut inner = atom("RealtimeBetaServerEventConversationItemInputAudioTranscri.from_dict");
        for _ in 0..3 {
            inner = call("_json.list_of", vec![call("_json.nullable", vec![inner])]);
        }
        let statement = line(4, "return ", &call(inner, names(&["value", "path"])), "");
        assert_eq!(
            statement,
            "    return _json.list_of(
        _json.nullable(
            _json.list_of(
                _json.nullable(
                    _json.list_of(
                        _json.nullable(
                            RealtimeBetaServerEventConversationItemInputAudioTranscri.from_dict
                        )
                    )
                )
            )
        )
    )(value, path)"
        );
    }

    #[test]
    fn assignments_parenthesize_when_splitting_leaves_a_line_too_long() {
        let value = call(
            "AdminApiKeysDeleteResponseObject",
            vec![atom("\"organization.admin_api_key.deleted\"")],
        );
        assert_eq!(
            assign(
                0,
                "AdminApiKeysDeleteResponseObject.ORGANIZATION_ADMIN_API_KEY_DELETED",
                &value
            ),
            "AdminApiKeysDeleteResponseObject.ORGANIZATION_ADMIN_API_KEY_DELETED = (
    AdminApiKeysDeleteResponseObject(\"organization.admin_api_key.deleted\")
)"
        );
        let url = format!("\"https://{}\"", "a".repeat(80));
        assert_eq!(
            assign(0, "DEFAULT_BASE_URL", &atom(url.as_str())),
            format!("DEFAULT_BASE_URL = (\n    {url}\n)")
        );
        // Nothing helps: left as it is.
        let url = format!("\"https://{}\"", "a".repeat(100));
        assert_eq!(
            assign(0, "DEFAULT_BASE_URL", &atom(url.as_str())),
            format!("DEFAULT_BASE_URL = {url}")
        );
    }

    #[test]
    fn annotations_split_at_brackets_or_in_parentheses() {
        let long = "RealtimeBetaServerEventConversationItemInputAudioTranscriptionFailedTypeX";
        assert_eq!(
            annotated(
                4,
                "CONVERSATION_ITEM_FAILED",
                &subscript("ClassVar", names(&[long])),
                None
            ),
            format!("    CONVERSATION_ITEM_FAILED: ClassVar[\n        {long}\n    ]")
        );
        assert_eq!(
            annotated(4, "some_field_name_is_long7", &atom(long), None),
            format!("    some_field_name_is_long7: (\n        {long}\n    )")
        );
        let optional = binary("|", vec![subscript("list", names(&[long])), atom("None")]);
        assert_eq!(
            annotated(4, "field", &optional, Some(&atom("None"))),
            format!("    field: (\n        list[{long}] | None\n    ) = None")
        );
        let longer = format!("{long}xxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        let nested = binary(
            "|",
            vec![
                subscript(
                    "list",
                    vec![binary("|", vec![atom(longer.as_str()), atom("None")])],
                ),
                atom("None"),
            ],
        );
        assert_eq!(
            annotated(4, "field", &nested, Some(&atom("None"))),
            format!(
                "    field: (\n        list[\n            {longer}\n            | None\n        ]\n        \
                 | None\n    ) = None"
            )
        );
        // The value parenthesized before the annotation splits.
        let tag = "\"conversation.item.input_audio_transcription.failed.xxxxxxxxxxxxxxxxxxxxxxx\"";
        assert_eq!(
            annotated(
                4,
                "type_",
                &subscript("Literal", names(&[tag])),
                Some(&atom(tag))
            ),
            format!("    type_: Literal[{tag}] = (\n        {tag}\n    )")
        );
        let extra = |name: &str| {
            annotated(
                4,
                name,
                &subscript("dict", names(&["str", "JSON"])),
                Some(&call("_field", names(&["default_factory=dict"]))),
            )
        };
        assert_eq!(
            extra("a_long_attribute_name_a_long_attribute_name_a_long_attribute_name_abcdefgh"),
            "    a_long_attribute_name_a_long_attribute_name_a_long_attribute_name_abcdefgh: \
             dict[str, JSON] = (
        _field(default_factory=dict)
    )"
        );
        assert_eq!(
            extra("some_field_name_is_long4_some_field_name_is_long4_some_field_name_is_long4_some_fie"),
            "    some_field_name_is_long4_some_field_name_is_long4_some_field_name_is_long4_some_fie: dict[
        str, JSON
    ] = _field(default_factory=dict)"
        );
    }

    #[test]
    fn signatures_split_the_parameters_first() {
        let params = names(&[
            "self",
            "request: RealtimeBetaServerEventConversationItemInputAudio",
            "*",
            "timeout: float | None = None",
        ]);
        let event = "RealtimeBetaServerEventConversationItemInputAudioTranscriptionFailedTypeXXXX";
        let returns = subscript("Generator", names(&[event, "None", "None"]));
        assert_eq!(
            signature(4, "stream", &params, &returns),
            format!(
                "    def stream(
        self,
        request: RealtimeBetaServerEventConversationItemInputAudio,
        *,
        timeout: float | None = None,
    ) -> Generator[
        {event}, None, None
    ]:"
            )
        );
        let name = "CreateAssistantRequestToolResourcesFileSearchVariant1VectorStoresItemChunkingStrategyStatic";
        assert_eq!(
            signature(
                4,
                "from_dict",
                &names(&["cls", "data: Any", "path: str = \"$\""]),
                &atom(name)
            ),
            format!(
                "    def from_dict(\n        cls, data: Any, path: str = \"$\"\n    ) -> (\n        {name}\n    ):"
            )
        );
    }

    #[test]
    fn conditions_comprehensions_and_imports() {
        let attr = format!("self.{}", "x".repeat(80));
        assert_eq!(
            if_line(
                4,
                &binary("is not", vec![atom(attr.as_str()), atom("None")])
            ),
            format!("    if (\n        {attr}\n        is not None\n    ):")
        );
        let comprehension = Expr::Comprehension {
            open: '[',
            close: ']',
            element: Box::new(atom("item.to_dict()")),
            clauses: vec![format!("for item in self.{}", "c".repeat(65))],
        };
        assert_eq!(
            line(8, "", &prefixed("\"content\": ", comprehension), ","),
            format!(
                "        \"content\": [\n            item.to_dict()\n            for item in self.{}\n        ],",
                "c".repeat(65)
            )
        );
        let long = "A".repeat(80);
        assert_eq!(
            import_from(".client", &["ApiError".to_owned(), long.clone()]),
            format!("from .client import (\n    ApiError,\n    {long},\n)")
        );
    }
}
