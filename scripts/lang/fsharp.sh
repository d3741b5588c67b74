# F#: type check only. What runs: fable-compiler-js (the F# compiler service
# compiled to JavaScript, on node) parses and type-checks the generated
# src/*.fs in the package's compile order, with warnings as errors
# (--benchmark: it stops after the F# check and emits no JavaScript).
#
# What is type-checked against what: Fable's reference assemblies carry
# FSharp.Core and the netstandard BCL but neither System.Text.Json nor
# System.Net.Http, so the check compiles stand-in declarations of exactly the
# System.Text.Json / HttpClient types and members the output uses
# (tests/drivers/fsharp/standins/*.fs, signatures as in .NET 8) before the
# generated sources. Nothing is run on .NET and there is no round trip (the
# generated code relies on System.Text.Json's reflection-based serializer,
# which Fable's JavaScript output does not have), so this file defines no
# round-trip hooks and scripts/verify reports the level as such.
#
# fable-compiler-js exits 0 even when the check fails, so lang_build reads its
# log and fails on any error line (or when the log lacks the check's summary).
FS_TOOLS="$TOOLS/fsharp"
FS_FABLE="$FS_TOOLS/node_modules/fable-compiler-js/index.js"
FS_PACKAGES=(fable-compiler-js@3.3.0 fable-standalone@3.8.0 fable-metadata@2.2.0 dirname-filename-esm@1.1.1)

lang_install() {
  command -v node >/dev/null || die "node is required"
  local want have
  want="$(printf '%s\n' "${FS_PACKAGES[@]}")"
  have="$(cat "$FS_TOOLS/installed" 2>/dev/null || true)"
  if [ -f "$FS_FABLE" ] && [ "$want" = "$have" ]; then
    return 0
  fi
  mkdir -p "$FS_TOOLS"
  # fable-metadata needs dirname-filename-esm but lists it as a dev dependency.
  npm install --prefix "$FS_TOOLS" --no-audit --no-fund --silent "${FS_PACKAGES[@]}"
  printf '%s\n' "$want" > "$FS_TOOLS/installed"
}

lang_build() {
  [ -f "$FS_FABLE" ] || die "fable-compiler-js is not installed; run scripts/verify --install fsharp"
  local pkg check log fsproj source
  pkg="$(cd "$1" && pwd)"
  fsproj="$(ls "$pkg"/*.fsproj 2>/dev/null | head -n 1)"
  [ -n "$fsproj" ] || die "$pkg has no .fsproj"
  check="$WORK/fsharp/typecheck"
  rm -rf "$check" && mkdir -p "$check"
  {
    echo '<Project Sdk="Microsoft.NET.Sdk">'
    echo '  <PropertyGroup>'
    echo '    <TargetFramework>net8.0</TargetFramework>'
    echo '    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>'
    echo '    <OtherFlags>--warnon:3390</OtherFlags>'
    echo '  </PropertyGroup>'
    echo '  <ItemGroup>'
    for source in "$ROOT"/tests/drivers/fsharp/standins/*.fs; do
      echo "    <Compile Include=\"$source\" />"
    done
    # The package's own sources, in its compile order.
    sed -n 's/.*<Compile Include="\([^"]*\)".*/\1/p' "$fsproj" | while read -r source; do
      echo "    <Compile Include=\"$pkg/$source\" />"
    done
    # For the built-in AI Server package: the calls a user makes, checked too.
    if [ "$(basename "$fsproj")" = AiServerClient.fsproj ]; then
      echo "    <Compile Include=\"$ROOT/tests/drivers/fsharp/Usage.fs\" />"
    fi
    echo '  </ItemGroup>'
    echo '</Project>'
  } > "$check/Check.fsproj"
  log="$check/fable.log"
  (cd "$check" && node --import "$ROOT/tests/drivers/fsharp/fable-standalone-hook.mjs" \
    "$FS_FABLE" Check.fsproj --benchmark) > "$log" 2>&1 || true
  if grep -qi 'error' "$log" || ! grep -q 'FCS time' "$log"; then
    cat "$log"
    echo "fsharp: the F# type check failed (log: $log)" >&2
    return 1
  fi
  echo "fsharp: F# type check passed ($(grep -c '<Compile' "$check/Check.fsproj") files, stand-ins included)"
}
