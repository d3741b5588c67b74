# Dart: no Dart SDK is installable on this machine, so the generated package
# is checked at parse level only (tree-sitter-dart, in cargo).
# No round-trip hooks are defined, so scripts/verify reports this level.

# The parse test lang_build runs covers tests/schemas/ too.
LANG_BUILD_COVERS_SCHEMAS=1

lang_install() {
  echo "dart: nothing to install; the parse check runs in cargo (tree-sitter-dart)"
}

# Parses every generated .dart file. tests/parse.rs renders the same built-in
# package that scripts/verify generated into DIR (plus every schema in
# tests/schemas/) and fails on any ERROR or MISSING node, so DIR itself is
# not read here.
lang_build() {
  (cd "$ROOT" && cargo test --quiet -p dtogen --test parse)
}
