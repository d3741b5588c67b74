#!/usr/bin/env python3
"""Parses every .vb file under the given directories with tree-sitter-vb-dotnet.

    python3 parse_check.py DIR...

Prints file:line:column and the offending line for each ERROR or MISSING
node (the first per file) and exits 1 if any file fails; 0 otherwise.
This is the VB.NET backend's highest check here: no VB compiler is
installable, and no crates.io VB grammar parses `List(Of T)`.
"""

import pathlib
import sys

import tree_sitter
import tree_sitter_vb_dotnet

LANGUAGE = tree_sitter.Language(tree_sitter_vb_dotnet.language())


def first_error(node):
    if node.is_error or node.is_missing:
        return node
    if not node.has_error:
        return None
    for child in node.children:
        found = first_error(child)
        if found is not None:
            return found
    return None


def main():
    parser = tree_sitter.Parser(LANGUAGE)
    files = sorted(f for d in sys.argv[1:] for f in pathlib.Path(d).rglob("*.vb"))
    if not files:
        sys.exit("parse_check: no .vb files found")
    failed = 0
    for path in files:
        source = path.read_bytes()
        node = first_error(parser.parse(source).root_node)
        if node is None:
            continue
        failed += 1
        row, column = node.start_point
        line = source.decode("utf-8").split("\n")[row] if row < source.count(b"\n") + 1 else ""
        kind = "MISSING " + node.type if node.is_missing else node.type
        print(f"{path}:{row + 1}:{column + 1}: {kind}: {line.strip()}")
    print(f"parse_check: {len(files) - failed} of {len(files)} files parse")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
