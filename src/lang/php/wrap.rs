//! PSR-12's 120-column soft limit: every generated construct that can grow
//! with the schema's names (argument and parameter lists, arrays, nested
//! decoder calls, `implements` lists, constants) is split the PSR-12 way when
//! it does not fit; what cannot be split (one name longer than the line, a
//! class name and its parent, which PSR-12 keeps on one line) is marked for
//! phpcs with `// phpcs:ignore` on the line before.

/// PSR-12's soft line-length limit.
pub const WIDTH: usize = 120;

/// The comment telling phpcs that the next line cannot be wrapped.
const IGNORE: &str = "// phpcs:ignore Generic.Files.LineLength.TooLong";
const DISABLE: &str = "// phpcs:disable Generic.Files.LineLength.TooLong";
const ENABLE: &str = "// phpcs:enable Generic.Files.LineLength.TooLong";

fn fits(line: &str) -> bool {
    line.chars().count() <= WIDTH
}

/// `head` + comma-separated `args` + `tail` on one line at `indent` when it
/// fits, else one argument per line (each argument wrapped in turn).
pub fn wrap_call(indent: &str, head: &str, args: &[String], tail: &str) -> String {
    let line = format!("{indent}{head}{}{tail}", args.join(", "));
    if fits(&line) {
        return line;
    }
    let inner = format!("{indent}    ");
    let mut out = format!("{indent}{head}\n");
    for arg in args {
        out.push_str(&wrap_expr(&inner, "", arg, ","));
        out.push('\n');
    }
    out.push_str(&format!("{indent}{tail}"));
    out
}

/// `prefix` + `expr` + `suffix` on one line at `indent` when it fits; else,
/// when `expr` ends with a call's or an array's bracketed list, that list one
/// element per line (each wrapped in turn), the head and the closing bracket
/// on lines of their own; else, when `prefix` ends with `=> ` or `= `, `expr`
/// on the next line, indented once more. `f(...)` (a first-class callable) is
/// never split.
pub fn wrap_expr(indent: &str, prefix: &str, expr: &str, suffix: &str) -> String {
    let line = format!("{indent}{prefix}{expr}{suffix}");
    if fits(&line) {
        return line;
    }
    if let Some((head, args, close)) = last_group(expr) {
        // A head too long itself: splitting there would not help.
        if fits(&format!("{indent}{prefix}{head}")) {
            return wrap_call(
                indent,
                &format!("{prefix}{head}"),
                &args,
                &format!("{close}{suffix}"),
            );
        }
    }
    for operator in [" => ", " = "] {
        if let Some(left) = prefix.strip_suffix(operator).filter(|l| !l.is_empty()) {
            return format!(
                "{indent}{left}{}\n{}",
                operator.trim_end(),
                wrap_expr(&format!("{indent}    "), "", expr, suffix)
            );
        }
    }
    line
}

/// An expression ending in a bracketed list, split into its head (up to and
/// including the opening bracket), its top-level elements and the closing
/// bracket; `None` when it does not end in one, or the list is empty or `...`.
fn last_group(expr: &str) -> Option<(&str, Vec<String>, char)> {
    let close = expr.chars().last().filter(|c| matches!(c, ')' | ']'))?;
    let mut openers: Vec<usize> = Vec::new();
    let mut matched = None;
    for (i, c) in outside_literals(expr) {
        match c {
            '(' | '[' | '{' => openers.push(i),
            ')' | ']' | '}' => {
                let open = openers.pop()?;
                if i + c.len_utf8() == expr.len() {
                    matched = Some(open);
                }
            }
            _ => {}
        }
    }
    let open = matched?;
    let inner = &expr[open + 1..expr.len() - close.len_utf8()];
    let args = split_top_level(inner);
    if args.is_empty() || args == ["..."] {
        return None;
    }
    Some((&expr[..=open], args, close))
}

/// The characters of PHP code outside its string literals (quotes included),
/// with their byte offsets.
fn outside_literals(code: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    code.char_indices().filter(move |&(_, c)| match quote {
        Some(_) if escaped => {
            escaped = false;
            false
        }
        Some(_) if c == '\\' => {
            escaped = true;
            false
        }
        Some(q) => {
            if c == q {
                quote = None;
            }
            false
        }
        None => {
            if matches!(c, '\'' | '"') {
                quote = Some(c);
            }
            quote.is_none()
        }
    })
}

/// The comma-separated elements of a list's text (brackets and string
/// literals respected), trimmed, without a trailing empty one.
fn split_top_level(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in outside_literals(text) {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(text[start..i].trim().to_owned());
                start = i + 1;
            }
            _ => {}
        }
    }
    let last = text[start..].trim();
    if !last.is_empty() {
        parts.push(last.to_owned());
    }
    parts
}

/// A class declaration up to (not including) its opening brace:
/// `{head} extends {parent}` (PSR-12 keeps these on one line), then the
/// `implements` list, on the same line when it fits, else one per line.
pub fn class_declaration(head: &str, extends: Option<&str>, implements: &[&str]) -> String {
    let head = match extends {
        Some(parent) => format!("{head} extends {parent}"),
        None => head.to_owned(),
    };
    if implements.is_empty() {
        return head;
    }
    let line = format!("{head} implements {}", implements.join(", "));
    if fits(&line) {
        return line;
    }
    let list: Vec<String> = implements.iter().map(|i| format!("    {i}")).collect();
    format!("{head} implements\n{}", list.join(",\n"))
}

/// A method's declaration up to and including its opening brace: on one
/// line (the brace on the next) when it fits, else one parameter per line and
/// `): {ret} {` closing the list.
pub fn function_declaration(indent: &str, head: &str, params: &[String], ret: &str) -> String {
    let line = format!("{indent}{head}({}): {ret}", params.join(", "));
    if fits(&line) {
        return format!("{line}\n{indent}{{");
    }
    let mut out = format!("{indent}{head}(\n");
    for param in params {
        out.push_str(&format!("{indent}    {param},\n"));
    }
    out.push_str(&format!("{indent}): {ret} {{"));
    out
}

/// The file with `// phpcs:ignore` before each code line still longer than
/// the limit, and line-length checking paused around each docblock with a
/// line still longer (a PHPDoc type such as `array<string, A|B|…>` cannot be
/// split, and phpcs only forgives a long comment line ending in a long word).
pub fn mark_unbreakable(file: &str) -> String {
    if file.lines().all(fits) {
        return file.to_owned();
    }
    let mut out = String::with_capacity(file.len());
    let mut docblock: Option<(String, bool)> = None;
    for line in file.split_inclusive('\n') {
        let code = line.trim_end_matches('\n');
        let trimmed = code.trim_start();
        let indent = &code[..code.len() - trimmed.len()];
        if let Some((block, too_long)) = &mut docblock {
            block.push_str(line);
            *too_long |= warned_comment(code);
            if trimmed.starts_with("*/") {
                let (block, too_long) = (block.clone(), *too_long);
                docblock = None;
                if too_long {
                    // The opening line's indentation: `*/` sits one column in.
                    let indent = &block[..block.len() - block.trim_start().len()];
                    out.push_str(&format!("{indent}{DISABLE}\n{block}{indent}{ENABLE}\n"));
                } else {
                    out.push_str(&block);
                }
            }
            continue;
        }
        if trimmed.starts_with("/**") && !trimmed.contains("*/") {
            docblock = Some((line.to_owned(), warned_comment(code)));
            continue;
        }
        let comment = ["*", "/*", "//"].iter().any(|c| trimmed.starts_with(c));
        if !fits(code) && !comment {
            out.push_str(indent);
            out.push_str(IGNORE);
            out.push('\n');
        }
        out.push_str(line);
    }
    if let Some((block, _)) = docblock {
        out.push_str(&block);
    }
    out
}

/// Whether phpcs warns about this comment line: it is too long, and its last
/// word would fit on a line of its own (phpcs forgives a long unbreakable word).
fn warned_comment(line: &str) -> bool {
    if fits(line) {
        return false;
    }
    let body = line
        .trim_start()
        .trim_start_matches(['/', '*'])
        .trim_start();
    let indent = line.len() - body.len();
    let last_word = body.rsplit(' ').next().unwrap_or(body);
    fits(&format!("{}{last_word}", " ".repeat(indent)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn long(n: usize) -> String {
        format!("A{}", "b".repeat(n - 1))
    }

    #[test]
    fn short_expressions_stay_on_one_line() {
        assert_eq!(
            wrap_expr("    ", "'a' => ", "Json::struct(A::fromArray(...))", ","),
            "    'a' => Json::struct(A::fromArray(...)),"
        );
    }

    #[test]
    fn nested_calls_split_from_the_outside_in() {
        let class = long(80);
        let out = wrap_expr(
            "            ",
            "'tag' => ",
            &format!("Json::listOf(Json::struct({class}::fromArray(...)))"),
            ",",
        );
        assert_eq!(
            out,
            format!(
                "            'tag' => Json::listOf(\n                Json::struct(\n                    \
                 {class}::fromArray(...),\n                ),\n            ),"
            )
        );
        assert!(out.lines().all(fits), "{out}");
    }

    #[test]
    fn arrays_and_arguments_split_one_per_line_respecting_strings() {
        let names: Vec<String> = (0..12).map(|i| format!("'name_{i}, (x]'")).collect();
        let expr = format!("[{}]", names.join(", "));
        let out = wrap_expr("        ", "'query' => ", &expr, ",");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 14, "{out}");
        assert_eq!(lines[0], "        'query' => [");
        assert_eq!(lines[1], "            'name_0, (x]',");
        assert_eq!(lines[13], "        ],");
        let call = format!("f($a, \"{{$tag}} {}\")", "x".repeat(120));
        let out = wrap_expr("", "", &call, ";");
        assert!(out.starts_with("f(\n    $a,\n    \"{$tag} x"), "{out}");
        assert!(out.ends_with("\",\n);"), "{out}");
    }

    #[test]
    fn first_class_callables_and_bare_names_are_not_split() {
        let class = long(130);
        let expr = format!("{class}::fromArray(...)");
        assert_eq!(wrap_expr("", "", &expr, ","), format!("{expr},"));
        let call = format!("{class}::fromArray($data, $path)");
        assert_eq!(wrap_expr("", "", &call, ","), format!("{call},"));
        // After `=>`, then at the call's arguments.
        let class = long(100);
        let call = format!("{class}::fromArray($data, $path)");
        assert_eq!(
            wrap_expr("    ", "'tag' => ", &call, ","),
            format!("    'tag' =>\n        {class}::fromArray(\n            $data,\n            $path,\n        ),")
        );
        assert_eq!(wrap_expr("", "", &class, ""), class);
    }

    #[test]
    fn declarations_wrap_their_lists() {
        let name = long(100);
        assert_eq!(
            class_declaration("final class A", None, &["\\JsonSerializable"]),
            "final class A implements \\JsonSerializable"
        );
        assert_eq!(
            class_declaration(
                &format!("final class {name}"),
                None,
                &["\\JsonSerializable", "\\Stringable"]
            ),
            format!("final class {name} implements\n    \\JsonSerializable,\n    \\Stringable")
        );
        assert_eq!(
            class_declaration("final class A", Some("B"), &[]),
            "final class A extends B"
        );
        let params = vec!["mixed $value".to_owned(), "string $path = '$'".to_owned()];
        assert_eq!(
            function_declaration("    ", "public static function decode", &params, "A|B"),
            "    public static function decode(mixed $value, string $path = '$'): A|B\n    {"
        );
        assert_eq!(
            function_declaration("    ", "public static function decode", &params, &name),
            format!(
                "    public static function decode(\n        mixed $value,\n        \
                 string $path = '$',\n    ): {name} {{"
            )
        );
        assert_eq!(
            wrap_expr("    ", "public const A = ", "'a'", ";"),
            "    public const A = 'a';"
        );
        assert_eq!(
            wrap_expr("    ", &format!("public const {name} = "), "'a'", ";"),
            format!("    public const {name} =\n        'a';")
        );
    }

    #[test]
    fn only_unbreakable_code_lines_are_marked() {
        let name = long(130);
        let file = format!(
            "<?php\n\n/**\n * {name}\n */\nfinal class {name} extends B\n{{\n    public const A = 1;\n}}\n"
        );
        let marked = mark_unbreakable(&file);
        assert_eq!(
            marked,
            file.replace(
                "final class",
                "// phpcs:ignore Generic.Files.LineLength.TooLong\nfinal class"
            )
        );
        assert_eq!(mark_unbreakable("<?php\n\n$a = 1;\n"), "<?php\n\n$a = 1;\n");
    }

    #[test]
    fn long_docblocks_pause_the_line_length_check() {
        let ty = long(130);
        let file = format!(
            "    /**\n     * Short.\n     */\n    public function a(): void\n    /**\n     * @param array<string, {ty}|null> $value\n     */\n    public function b(): void\n"
        );
        let marked = mark_unbreakable(&file);
        assert_eq!(
            marked,
            format!(
                "    /**\n     * Short.\n     */\n    public function a(): void\n    {DISABLE}\n    /**\n     * @param array<string, {ty}|null> $value\n     */\n    {ENABLE}\n    public function b(): void\n"
            )
        );
    }
}
