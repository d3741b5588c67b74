# C#: compile level, with Mono's mcs. What is and is not checked:
#
# - No .NET SDK and no NuGet are reachable here, so the real System.Text.Json
#   (and the C# 12 compiler the package targets) cannot run. Debian's mono-mcs
#   compiles C# up to 7.2.
# - lang_build copies the generated sources through
#   tests/drivers/csharp/mcs_prepare.py, which removes exactly three C# 8+
#   features mechanically: `#nullable enable` lines, the `required` member
#   modifier and `?` annotations on reference types (value types keep theirs).
# - mcs then compiles the result with -warnaserror (CS1591, missing docs, aside)
#   and -doc (malformed XML doc comments fail), against Mono's real
#   System / System.Net.Http and the stand-in declarations of the
#   System.Text.Json API in tests/drivers/csharp/SystemTextJson.cs.
# - Not checked: nullable flow analysis, `required` semantics, System.Text.Json's
#   behaviour (no round trip, no client test: nothing runs). tests/parse.rs
#   parses the unmodified output with tree-sitter-c-sharp (C# 12 syntax).
#
# Besides the package in DIR, lang_build compiles the output for every schema
# in tests/schemas/ (keywords, unions, maps, recursion) and for
# tests/drivers/csharp/extra.schema.json (aliases, required nullable fields,
# free JSON in unions, deprecated types, members named like their type) the
# same way.

# lang_build compiles the tests/schemas/ output itself.
LANG_BUILD_COVERS_SCHEMAS=1
CS_TOOLS="$TOOLS/csharp"
CS_DRIVERS="$ROOT/tests/drivers/csharp"

lang_install() {
  if command -v mcs >/dev/null && [ -f /usr/lib/mono/4.5/System.Net.Http.dll ]; then
    return 0
  fi
  apt_install mono-mcs libmono-system-net-http4.0-cil
}

# Compiles one generated package directory with mcs; $2 labels the output.
cs_compile() {
  local pkg="$1" label="$2" staged="$CS_TOOLS/build/$2"
  rm -rf "$staged" && mkdir -p "$staged"
  python3 "$CS_DRIVERS/mcs_prepare.py" "$pkg" "$staged/pkg" >/dev/null
  local sources=()
  mapfile -t sources < <(find "$staged/pkg" -name '*.cs' | sort)
  if ! mcs -langversion:Experimental -target:library -warnaserror+ -nowarn:1591 \
      -r:System.Net.Http.dll -doc:"$staged/doc.xml" -out:"$staged/package.dll" \
      "${sources[@]}" "$CS_DRIVERS/SystemTextJson.cs" > "$staged/mcs.log" 2>&1; then
    sed "s|$staged/pkg/||" "$staged/mcs.log" | head -n 40
    echo "csharp: mcs failed on $label ($pkg)"
    return 1
  fi
  echo "csharp: $label compiles with mcs (${#sources[@]} files)"
}

lang_build() {
  command -v mcs >/dev/null || die "mcs is not installed; run scripts/verify --install csharp"
  cs_compile "$1" package
  local schema stem
  for schema in "$ROOT"/tests/schemas/*.schema.json "$CS_DRIVERS/extra.schema.json"; do
    stem="$(basename "$schema" .schema.json)"
    "$DTOGEN" --lang csharp --schema "$schema" --out "$CS_TOOLS/schemas/$stem" >/dev/null 2>&1 \
      || die "dtogen failed on $schema"
    cs_compile "$CS_TOOLS/schemas/$stem" "schema-$stem"
  done
}
