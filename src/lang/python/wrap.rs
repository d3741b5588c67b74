//! Python expressions as trees, laid out exactly as `ruff format` lays them
//! out: a line that fits stays as it is; otherwise brackets split from the
//! right (the last bracket first), the contents of a call or subscript go on
//! one indented line when they fit, else one element a line with a trailing
//! comma, nested as deep as needed; literals (lists, tuples, sets, dicts,
//! imports) are one element a line as soon as they split.
//!
//! The layout engine is the one ruff's own printer is (Wadler/Prettier
//! groups); the statement helpers below choose between its layouts the way
//! ruff does for `return`, assignments, annotations, `def` and `if` lines,
//! including where ruff puts a whole value in parentheses of its own.

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

fn width(indent: usize) -> String {
    " ".repeat(indent)
}

/// Every group broken: the layout ruff measures (every line must fit) before
/// it puts a value in parentheses of its own.
fn expanded(d: &Doc) -> Doc {
    match d {
        Doc::Group(parts, _) => Doc::Group(parts.iter().map(expanded).collect(), true),
        Doc::Indent(parts) => Doc::Indent(parts.iter().map(expanded).collect()),
        other => other.clone(),
    }
}

/// The text outside the outermost brackets of a call or subscript, with the
/// brackets: `["f(", ")"]`, `["_json.list_of(", ")(", ")"]`; `None` for an
/// expression without such brackets.
fn bracket_edges(expr: &Expr) -> Option<Vec<String>> {
    let Expr::Call {
        callee,
        square,
        args,
    } = expr
    else {
        return None;
    };
    if args.is_empty() {
        return None;
    }
    let (open, close) = if *square { ('[', ']') } else { ('(', ')') };
    let mut edges = bracket_edges(callee).unwrap_or_else(|| vec![callee.to_string()]);
    if let Some(last) = edges.last_mut() {
        last.push(open);
    }
    edges.push(close.to_string());
    Some(edges)
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

/// `{head}{value}{tail}` at `indent` where the value ends its statement
/// (`return value`, `name = value`, `name: annotation` without a value, a
/// return annotation before its `:`), as ruff lays it out:
/// - a name, string, call or subscript stays unparenthesized when the line
///   fits, or when its outermost brackets split with the text outside them
///   fitting (`return f(`, `)`); else it goes in parentheses of its own when
///   every line then fits, every bracket split (ruff's `best_fit_parenthesize`);
///   else it splits at its brackets anyway;
/// - an operator chain (`A | None`) goes in parentheses as soon as it does not fit;
/// - a literal or comprehension splits at its own brackets.
fn last_expression(indent: usize, head: &str, value: &Expr, tail: &str) -> String {
    let flat = format!("{}{head}{value}{tail}", width(indent));
    if fits_all(&flat) {
        return flat;
    }
    let wrapped = Doc::Group(vec![text(head), parenthesized(value), text(tail)], false);
    match value {
        Expr::Binary { .. } => print(&wrapped, indent),
        Expr::Collection { .. } | Expr::Comprehension { .. } | Expr::Prefixed(..) => {
            line(indent, head, value, tail)
        }
        Expr::Atom(_) | Expr::Call { .. } => {
            let split = line(indent, head, value, tail);
            if let Some(mut outside) = bracket_edges(value) {
                outside[0].insert_str(0, head);
                if let Some(last) = outside.last_mut() {
                    last.push_str(tail);
                }
                if outside
                    .iter()
                    .all(|text| indent + text.chars().count() <= LINE_WIDTH)
                {
                    return split;
                }
            }
            if fits_all(&print(&expanded(&wrapped), indent)) {
                print(&wrapped, indent)
            } else {
                split
            }
        }
    }
}

/// `return {value}` at `indent`.
pub(super) fn return_line(indent: usize, value: &Expr) -> String {
    last_expression(indent, "return ", value, "")
}

/// `target = value` with a plain name or attribute target, laid out as any
/// last expression (above).
pub(super) fn assign(indent: usize, target: &str, value: &Expr) -> String {
    last_expression(indent, &format!("{target} = "), value, "")
}

/// `target = value` with a target that has brackets of its own
/// (`data["key"]`), as ruff lays it out (right to left, below).
pub(super) fn assign_item(indent: usize, target: &Expr, value: &Expr) -> String {
    right_to_left(indent, "", target, value)
}

/// `target: annotation` or `target: annotation = value`, as ruff lays out an
/// annotated assignment: without a value, the annotation is the last
/// expression; with one, an annotation that can split (brackets, `|`) is laid
/// out right to left, any other stays as it is before the value.
pub(super) fn annotated(
    indent: usize,
    target: &str,
    annotation: &Expr,
    value: Option<&Expr>,
) -> String {
    let head = format!("{target}: ");
    match value {
        None => last_expression(indent, &head, annotation, ""),
        Some(value) if matches!(annotation, Expr::Call { .. } | Expr::Binary { .. }) => {
            right_to_left(indent, &head, annotation, value)
        }
        Some(value) => last_expression(indent, &format!("{head}{annotation} = "), value, ""),
    }
}

/// `{head}{left} = {value}` at `indent`, as ruff lays out an assignment whose
/// left side can split (a subscript target, a subscripted or `|` annotation):
/// the line flat; else, for a name, string, call or subscript value: the
/// value split at its brackets if `… = callee(` fits, else parenthesized if
/// `… = (` fits (whether or not the value then does); else the left split (at
/// its brackets, or a `|` chain in parentheses) and the value as it comes.
fn right_to_left(indent: usize, head: &str, left: &Expr, value: &Expr) -> String {
    let flat_left = format!("{}{head}{left} = ", width(indent));
    let flat = format!("{flat_left}{value}");
    if fits_all(&flat) {
        return flat;
    }
    let with_left = |left: Doc, value: Doc| {
        print(
            &Doc::Group(vec![text(head), left, text(" = "), value], false),
            indent,
        )
    };
    let left_doc = match left {
        Expr::Binary { .. } => parenthesized_if_breaks(left),
        _ => doc(left),
    };
    match value {
        Expr::Atom(_) | Expr::Call { .. } => {
            let fits_after_left =
                |text: &str| (flat_left.clone() + text).chars().count() <= LINE_WIDTH;
            let left_text = text(format!("{left}"));
            if bracket_edges(value).is_some_and(|edges| fits_after_left(&edges[0])) {
                return with_left(left_text, doc(value));
            }
            if fits_after_left("(") {
                return with_left(left_text, parenthesized(value));
            }
            with_left(left_doc, doc(value))
        }
        Expr::Binary { .. } => with_left(left_doc, parenthesized_if_breaks(value)),
        _ => with_left(left_doc, doc(value)),
    }
}

/// `expr` in parentheses only when it does not fit on the line (ruff's
/// `parenthesize_if_expands`).
fn parenthesized_if_breaks(expr: &Expr) -> Doc {
    Doc::Group(
        vec![
            Doc::IfBroken("("),
            Doc::Indent(vec![Doc::SoftLine, doc(expr)]),
            Doc::SoftLine,
            Doc::IfBroken(")"),
        ],
        false,
    )
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
/// signature: the parameters split first, then the return annotation after
/// `) -> ` as a last expression.
pub(super) fn signature(indent: usize, name: &str, params: &[Expr], returns: &Expr) -> String {
    let head = call(atom(format!("def {name}")), params.to_vec());
    let flat = format!("{}{head} -> {returns}:", width(indent));
    if fits_all(&flat) {
        return flat;
    }
    let split = print(&force(doc(&head)), indent);
    // The parameters end with `)` on a line of its own, where the return annotation follows.
    let params = split.trim_end_matches(')').trim_end_matches(' ');
    format!("{params}{}", last_expression(indent, ") -> ", returns, ":"))
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
        let statement = return_line(4, &call(inner, names(&["value", "path"])));
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
    fn returned_calls_go_in_parentheses_when_only_that_makes_them_fit() {
        let decode = |class: &str| {
            return_line(
                8,
                &call(format!("{class}.from_dict"), names(&["value", "path"])),
            )
        };
        // `return Name.from_dict(` fits: the call splits at its brackets.
        let fits = "ChunkingStrategyRequestParamForVectorStoreFileBatchesAndAssistants";
        assert_eq!(
            decode(fits),
            format!("        return {fits}.from_dict(\n            value, path\n        )")
        );
        // It does not, but does in parentheses: parenthesized, then split.
        let longer = "ChunkingStrategyRequestParamForVectorStoreFileBatchesAndAssistantsAutomatic";
        assert_eq!(
            decode(longer),
            format!(
                "        return (\n            {longer}.from_dict(\n                value, path\n            \
                 )\n        )"
            )
        );
        // Not even in parentheses: split at the brackets after all.
        let longest =
            "ChunkingStrategyRequestParamForVectorStoreFileBatchesAndAssistantsAutomaticXyz";
        assert_eq!(
            decode(longest),
            format!("        return {longest}.from_dict(\n            value, path\n        )")
        );
        // Parentheses count only when every line then fits.
        let text = format!("\"{}\"", "s".repeat(95));
        let value = call(format!("{}.f", "N".repeat(88)), vec![atom(text.as_str())]);
        assert_eq!(
            return_line(4, &value),
            format!("    return {}.f(\n        {text}\n    )", "N".repeat(88))
        );
    }

    #[test]
    fn subscript_targets_split_right_to_left() {
        let item = |key: usize, value: &str| {
            assign_item(
                12,
                &subscript("data", vec![atom(format!("\"{}\"", "k".repeat(key)))]),
                &atom(value),
            )
        };
        // The value in parentheses as soon as `data[...] = (` fits, even if
        // the value does not fit there either.
        let value = format!("self.{}", "v".repeat(90));
        assert_eq!(
            item(60, &value),
            format!(
                "            data[\"{}\"] = (\n                {value}\n            )",
                "k".repeat(60)
            )
        );
        // Else the target splits at its brackets.
        assert_eq!(
            item(80, &value),
            format!(
                "            data[\n                \"{}\"\n            ] = {value}",
                "k".repeat(80)
            )
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
        // Parenthesized whole when `NAME: ClassVar[` does not fit but that does.
        let constant = "ORGANIZATION_USAGE_CODE_INTERPRETER_SESSIONS_RESULT_GROUPED_BY_PROJECT_AND_USER_AND_API_KEY";
        let class = "OrganizationUsageResultObjectKindForCodeInterpreterSessions";
        assert_eq!(
            annotated(4, constant, &subscript("ClassVar", names(&[class])), None),
            format!("    {constant}: (\n        ClassVar[{class}]\n    )")
        );
        // A bare name before a value: the value is the last expression.
        let field = "a_long_attribute_name_a_long_attribute_name_a_long_attribute_name_ab";
        assert_eq!(
            annotated(
                4,
                field,
                &atom(class),
                Some(&call("_field", names(&["default_factory=dict"])))
            ),
            format!("    {field}: {class} = _field(\n        default_factory=dict\n    )")
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
    fn return_annotations_go_in_parentheses_whatever_the_parameters() {
        let request = "ListVectorStoreFileBatchesForAssistantsWithChunkingStrategyAndUsageResultsRequestParam";
        let response =
            "ListVectorStoreFileBatchesForAssistantsWithChunkingStrategyAndUsageResultsResponsePageFiles";
        let params = [
            "self".to_owned(),
            format!("request: {request}"),
            "*".to_owned(),
            "timeout: float | None = None".to_owned(),
        ]
        .map(atom);
        // A parameter line too long (nothing splits it) does not keep the
        // return annotation from its parentheses.
        assert_eq!(
            signature(4, "list_files", &params, &atom(response)),
            format!(
                "    def list_files(\n        self,\n        request: {request},\n        *,\n        \
                 timeout: float | None = None,\n    ) -> (\n        {response}\n    ):"
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
