# Dart: no Dart SDK is installable on this machine, so the generated
# package is checked at parse level only (tree-sitter-dart, in cargo).
# No round-trip hooks are defined, so scripts/verify reports this level.

lang_install() {
  echo "dart: nothing to install; the parse check runs in cargo (tree-sitter-dart)"
}

# Parses every .dart file under DIR (what was generated there: the built-in
# package, a tests/schemas output, OpenAI's spec, a corpus schema) and fails
# on any ERROR or MISSING node, naming file, line and column.
lang_build() {
  local dir
  dir="$(cd "$1" && pwd)"
  (cd "$ROOT" && cargo run --quiet --example parse_tree -- dart "$dir")
}
