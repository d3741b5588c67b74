# VB.NET: parse level only. No VB compiler is installable here (no .NET SDK,
# and Mono's vbnc is not packaged), and no crates.io VB grammar parses
# `List(Of T)`, so tests/parse.rs cannot check VB. Instead lang_build parses
# every generated .vb file with the PyPI sdist tree-sitter-vb-dotnet 0.3.0
# (through the PyPI `tree-sitter` binding, in a venv under $TOOLS/vbnet) and
# fails on any ERROR or MISSING node, printing file:line:column.
#
# When DIR is the built-in AI Server package (the one scripts/verify builds),
# it also parses the output for every schema in tests/schemas/ and for
# tests/drivers/csharp/extra.schema.json; other packages (scripts/corpus,
# scripts/openai-spec) are parsed alone.
#
# Not checked: names, types, overloads, Option Strict conversions — anything a
# compiler would check — and behaviour (no round trip, no client test). Only
# lang_install and lang_build are defined, so scripts/verify reports parse level.
VB_TOOLS="$TOOLS/vbnet"
VB_PYTHON="$VB_TOOLS/venv/bin/python"

lang_install() {
  if [ -x "$VB_PYTHON" ] && "$VB_PYTHON" -c 'import tree_sitter, tree_sitter_vb_dotnet' 2>/dev/null; then
    return 0
  fi
  mkdir -p "$VB_TOOLS"
  python3 -m venv "$VB_TOOLS/venv"
  "$VB_TOOLS/venv/bin/pip" install --quiet --disable-pip-version-check \
    "tree-sitter>=0.23,<0.27" "tree-sitter-vb-dotnet==0.3.0"
}

lang_build() {
  [ -x "$VB_PYTHON" ] || die "tree-sitter-vb-dotnet is not installed; run scripts/verify --install vbnet"
  local dirs=("$1") schema stem schemas
  if [ -f "$1/AiServer.Client.VisualBasic.vbproj" ]; then
    mapfile -t schemas < <(test_schemas)
    for schema in "${schemas[@]}" "$ROOT/tests/drivers/csharp/extra.schema.json"; do
      stem="$(schema_stem "$schema")"
      rm -rf "$WORK/vbnet/schemas/$stem"
      "$DTOGEN" --lang vbnet --schema "$schema" --out "$WORK/vbnet/schemas/$stem" >/dev/null 2>&1 \
        || die "dtogen failed on $schema"
      dirs+=("$WORK/vbnet/schemas/$stem")
    done
  fi
  "$VB_PYTHON" "$ROOT/tests/drivers/vbnet/parse_check.py" "${dirs[@]}"
}
