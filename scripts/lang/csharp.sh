# C#: round trip. What runs (toolchain: scripts/lib/dotnet.sh):
#
# - Roslyn 4.8 compiles the package as C# 12 with nullable reference types on,
#   warnings as errors and XML doc diagnostics on (CS1591, a member without a
#   doc comment, aside: schema fields without a description have none), against
#   the .NET 8.0.4 runtime's own assemblies, System.Text.Json 8 included.
# - The same for the output of every schema in tests/schemas/ and of
#   tests/drivers/csharp/extra.schema.json (aliases, required nullable fields,
#   free JSON in unions, deprecated types, members named like their type).
# - Every vector decodes with the generated types through the real
#   System.Text.Json and re-encodes (tests/drivers/csharp/RoundTrip.cs).
# - The params schema's client against tests/drivers/echo_server.py
#   (tests/drivers/csharp/ParamsTest.cs).
# - The generated client end to end against the real ai-server
#   (tests/drivers/csharp/ClientTest.cs), and against a local stand-in server.
source "$ROOT/scripts/lib/dotnet.sh"

# lang_build compiles the tests/schemas/ output itself.
LANG_BUILD_COVERS_SCHEMAS=1
CS_DRIVERS="$ROOT/tests/drivers/csharp"

lang_install() {
  dotnet_install
}

# Compiles one generated package folder into OUT/<name>.dll, with its XML docs.
cs_compile() {
  local pkg="$1" out="$2" label="$3" log
  rm -rf "$out" && mkdir -p "$out"
  log="$out/csc.log"
  if ! csc -target:library -out:"$out/Package.dll" -doc:"$out/Package.xml" -warnaserror \
      -nowarn:CS1591 "$pkg/src" > "$log" 2>&1; then
    sed "s|$pkg/||" "$log" | head -n 40
    echo "csharp: the C# compiler failed on $label ($pkg)"
    return 1
  fi
  echo "csharp: $label compiles as C# 12 ($(find "$pkg/src" -name '*.cs' | wc -l) files)"
}

# Compiles a test driver beside the package's Package.dll, which it loads from
# there at run time: cs_driver BUILD_DIR NAME SOURCE.
cs_driver() {
  csc -target:exe -out:"$1/$2.dll" -warnaserror -r:"$1/Package.dll" "$3" > "$1/$2.log" 2>&1 || {
    cat "$1/$2.log"
    echo "csharp: the C# compiler failed on $3"
    return 1
  }
}

# Compiles the package in DIR. For the built-in AI Server package (the one
# scripts/verify builds) it also compiles the round-trip driver and the
# output of every tests/schemas file; other packages (scripts/corpus,
# scripts/openai-spec) are compiled alone, so a corpus run compiles each
# schema once instead of the whole test set beside it.
lang_build() {
  cs_compile "$1" "$1/bin" package
  [ -f "$1/AiServer.Client.csproj" ] || return 0
  cs_driver "$1/bin" RoundTrip "$CS_DRIVERS/RoundTrip.cs"
  local schema stem dir schemas
  mapfile -t schemas < <(test_schemas)
  for schema in "${schemas[@]}" "$CS_DRIVERS/extra.schema.json"; do
    stem="$(schema_stem "$schema")"
    dir="$WORK/csharp/schemas/$stem"
    rm -rf "$dir"
    "$DTOGEN" --lang csharp --schema "$schema" --out "$dir" >/dev/null || die "dtogen failed on $schema"
    cs_compile "$dir" "$dir/bin" "schema-$stem"
  done
}

lang_roundtrip() {
  dotnet_run "$1/bin/RoundTrip.dll" "$1/bin/Package.dll" "$2" "$3"
}

lang_roundtrip_batch() {
  dotnet_run "$1/bin/RoundTrip.dll" "$1/bin/Package.dll" --batch
}

# The params schema's client against the echo server (path, query and header
# parameters, each body kind), then the generated client against the real
# ai-server and its stand-in upstream.
lang_behaviour_test() {
  local params="$WORK/csharp/schemas/params/bin"
  cs_driver "$params" ParamsTest "$CS_DRIVERS/ParamsTest.cs" || return 1
  python3 "$ROOT/tests/drivers/echo_server.py" -- \
    env DOTNET_CLI_TELEMETRY_OPTOUT=1 "$DOTNET" "$params/ParamsTest.dll" || return 1
  (cd "$ROOT" && cargo build --quiet -p ai-server) || return 1
  cs_driver "$1/bin" ClientTest "$CS_DRIVERS/ClientTest.cs" || return 1
  python3 "$ROOT/tests/drivers/ai_server_fixture.py" --server "$ROOT/target/debug/ai-server" -- \
    env DOTNET_CLI_TELEMETRY_OPTOUT=1 DTOGEN_VECTORS="$ROOT/tests/vectors" "$DOTNET" "$1/bin/ClientTest.dll"
}
