# F#: type check only, against the real .NET 8 framework. What runs:
# fable-compiler-js 3.3.0 (the F# compiler service of Fable 4.11, compiled to
# JavaScript, on node) parses and type-checks the generated src/*.fs in the
# package's compile order, with warnings as errors (--benchmark: it stops
# after the F# check and emits no JavaScript).
#
# What is type-checked against what: not Fable's own reference assemblies
# (fable-metadata's netstandard-era set, which has neither System.Text.Json
# nor System.Net.Http) but the real Microsoft.NETCore.App 8.0.4 of the .NET
# runtime that scripts/lib/dotnet.sh installs from PyPI: every assembly in its
# folder (System.Private.CoreLib, System.Runtime, netstandard, System.Text.Json,
# System.Net.Http, ...; implementation assemblies, there being no reference
# pack), plus fable-metadata's FSharp.Core.dll (FSharp.Core 8.0). The node hook
# tests/drivers/fsharp/fable-standalone-hook.mjs swaps the set in
# (FABLE_REFERENCES). Nothing is run on .NET and there is no round trip: no F#
# compiler that emits .NET assemblies runs here, so this file defines no
# round-trip hooks and scripts/verify reports the level as such.
#
# fable-compiler-js exits 0 even when the check fails, so lang_build reads its
# log and fails on any error line, or when the log lacks the check's summary or
# the line the hook writes when it swaps the references.
source "$ROOT/scripts/lib/dotnet.sh"
FS_TOOLS="$TOOLS/fsharp"
FS_FABLE="$FS_TOOLS/node_modules/fable-compiler-js/index.js"
FS_PACKAGES=(fable-compiler-js@3.3.0 fable-standalone@3.8.0 fable-metadata@2.2.0 dirname-filename-esm@1.1.1)

lang_install() {
  command -v node >/dev/null || die "node is required"
  dotnet_install_runtime
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
  local pkg check log fsproj source framework references
  framework="$(dotnet_framework_dir)"
  [ -f "$framework/System.Text.Json.dll" ] || die ".NET runtime is not installed; run scripts/verify --install fsharp"
  references="$framework:$FS_TOOLS/node_modules/fable-metadata/lib/FSharp.Core.dll"
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
    # The package's own sources, in its compile order.
    sed -n 's/.*<Compile Include="\([^"]*\)".*/\1/p' "$fsproj" | while read -r source; do
      echo "    <Compile Include=\"$pkg/$source\" />"
    done
    # For the built-in AI Server package: the calls a user makes, checked too.
    if [ "$(basename "$fsproj")" = AiServer.Client.FSharp.fsproj ]; then
      echo "    <Compile Include=\"$ROOT/tests/drivers/fsharp/Usage.fs\" />"
    fi
    echo '  </ItemGroup>'
    echo '</Project>'
  } > "$check/Check.fsproj"
  log="$check/fable.log"
  # The F# compiler service recurses deeply on big types (a 3,000-value enum):
  # give node a larger stack, on a thread stack that can hold it.
  (ulimit -s unlimited 2>/dev/null || true
    cd "$check" && FABLE_REFERENCES="$references" node --stack-size=65500 \
    --import "$ROOT/tests/drivers/fsharp/fable-standalone-hook.mjs" \
    "$FS_FABLE" Check.fsproj --benchmark) > "$log" 2>&1 || true
  if grep -qi 'error' "$log" || ! grep -q '^fable-references: ' "$log" || ! grep -q 'FCS time' "$log"; then
    cat "$log"
    echo "fsharp: the F# type check failed (log: $log)" >&2
    return 1
  fi
  echo "fsharp: F# type check passed ($(grep -c '<Compile' "$check/Check.fsproj") files;" \
    "$(sed -n 's/^fable-references: \([0-9]*\) assemblies.*/\1/p' "$log") reference assemblies: .NET $(basename "$framework") and FSharp.Core)"
}
