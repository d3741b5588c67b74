#!/usr/bin/env python3
"""Copies a generated C# package's sources into a form Mono's mcs accepts.

    python3 mcs_prepare.py <package dir> <out dir>

mcs implements C# up to 7.2; the generated code targets C# 12 (.NET 8) and
uses exactly three newer features, which this removes mechanically and
nothing else:

1. `#nullable enable` lines (C# 8);
2. the `required` member modifier (C# 11), written `public required `;
3. `?` nullable annotations on reference types (C# 8): a `?` glued to a
   type name, `>` or `]` and followed by a space, `)`, `,`, `>` or `;`.
   It stays after value types (`long?`, `JobState?` is `Nullable<T>`):
   C#'s built-in value types, the structs the package itself declares, and
   the BCL structs the generator uses (JsonElement, CancellationToken).

What mcs then checks is everything else: syntax of that C# 7.2 subset, names,
types, overloads and member access, against the real Mono class library
(System, System.Net.Http) and stand-in declarations of System.Text.Json
(SystemTextJson.cs). Not checked: C# 8+ nullable flow analysis and `required`
semantics, and anything at run time.
"""

import pathlib
import re
import sys

BUILTIN_VALUE_TYPES = {
    "bool", "byte", "sbyte", "short", "ushort", "int", "uint", "long", "ulong",
    "float", "double", "decimal", "char",
    "JsonElement", "CancellationToken", "DateTimeOffset", "Guid", "TimeSpan",
}

# `?` after an identifier, `>` or `]`, directly (no space), then a delimiter.
ANNOTATION = re.compile(r"(\w+|>|\])\?(?=[\s),>;])")


def value_types(sources):
    names = set(BUILTIN_VALUE_TYPES)
    for text in sources:
        names.update(re.findall(r"\bstruct\s+(\w+)", text))
    return names


def strip(text, values):
    counts = {"nullable": 0, "required": 0, "annotations": 0}
    lines = []
    for line in text.split("\n"):
        if line.strip() == "#nullable enable":
            counts["nullable"] += 1
            continue
        line, n = re.subn(r"\bpublic required ", "public ", line)
        counts["required"] += n

        def annotation(match):
            token = match.group(1)
            if token in values:
                return match.group(0)
            counts["annotations"] += 1
            return token

        lines.append(ANNOTATION.sub(annotation, line))
    return "\n".join(lines), counts


def main():
    package, out = map(pathlib.Path, sys.argv[1:3])
    files = sorted((package / "src").rglob("*.cs"))
    if not files:
        sys.exit(f"{package}/src: no .cs files")
    texts = {path: path.read_text(encoding="utf-8") for path in files}
    values = value_types(texts.values())
    totals = {"nullable": 0, "required": 0, "annotations": 0}
    for path, text in texts.items():
        stripped, counts = strip(text, values)
        for key, value in counts.items():
            totals[key] += value
        target = out / path.relative_to(package)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(stripped, encoding="utf-8")
    print(
        f"mcs_prepare: {len(files)} files; removed {totals['nullable']} #nullable lines, "
        f"{totals['required']} `required` modifiers, {totals['annotations']} reference-type `?`"
    )


if __name__ == "__main__":
    main()
