# Python: mypy --strict (targeting 3.9), ruff's formatter and linter, and a
# pip install of the generated package; round trip under python3; the client
# against a local server and the real ai-server.
PY_TOOLS="$TOOLS/python"
PY_VENV_PYTHON="$PY_TOOLS/bin/python"
# mypy 1.20 is the last release that still type-checks for Python 3.9.
PY_MYPY_VERSION="1.20.2"
PY_RUFF_VERSION="0.17.6"
# PyPI's own checks: the PEP 517 build and twine's metadata check.
PY_BUILD_VERSION="1.6.1"
PY_TWINE_VERSION="7.0.0"
PY_HATCHLING_VERSION="1.33.0"

lang_install() {
  command -v python3 >/dev/null || die "python3 is required"
  if ! "$PY_VENV_PYTHON" -m mypy --version 2>/dev/null | grep -q "mypy $PY_MYPY_VERSION " \
    || [ "$("$PY_TOOLS/bin/ruff" --version 2>/dev/null)" != "ruff $PY_RUFF_VERSION" ]; then
    python3 -m venv "$PY_TOOLS"
    "$PY_VENV_PYTHON" -m pip install --quiet --disable-pip-version-check \
      "mypy==$PY_MYPY_VERSION" "ruff==$PY_RUFF_VERSION"
  fi
  # The package's build backend, so lang_build's install needs no download
  # (1.27 or later: it writes PEP 639 license metadata).
  if ! compgen -G "$PY_TOOLS/wheels/hatchling-1.2[7-9]*.whl" >/dev/null \
    && ! compgen -G "$PY_TOOLS/wheels/hatchling-1.[3-9]*.whl" >/dev/null; then
    "$PY_VENV_PYTHON" -m pip download --quiet --disable-pip-version-check \
      --dest "$PY_TOOLS/wheels" "hatchling>=1.27"
  fi
  if [ "$("$PY_VENV_PYTHON" -m pip show --disable-pip-version-check build twine hatchling 2>/dev/null | sed -n 's/^Version: //p' | tr '\n' ' ')" \
    != "$PY_BUILD_VERSION $PY_TWINE_VERSION $PY_HATCHLING_VERSION " ]; then
    "$PY_VENV_PYTHON" -m pip install --quiet --disable-pip-version-check \
      "build==$PY_BUILD_VERSION" "twine==$PY_TWINE_VERSION" "hatchling==$PY_HATCHLING_VERSION"
  fi
}

# The import package under src/ (e.g. ai_server_client).
py_import_name() {
  local dir
  for dir in "$1"/src/*/; do
    [ -f "$dir/__init__.py" ] && { basename "$dir"; return; }
  done
  die "no package under $1/src"
}

lang_build() {
  [ -x "$PY_VENV_PYTHON" ] || die "mypy is not installed; run scripts/verify --install python"
  local import_name scratch
  import_name="$(py_import_name "$1")"
  (cd "$1/src" && "$PY_VENV_PYTHON" -m mypy --strict --python-version 3.9 \
    --no-incremental -p "$import_name") || return 1
  # Laid out as ruff formats it, and clean under the package's lint rules.
  (cd "$1" && "$PY_TOOLS/bin/ruff" format --check --quiet . && "$PY_TOOLS/bin/ruff" check --quiet .) || return 1
  # The package installs with pip (PEP 517 build through pyproject.toml),
  # ships py.typed, and imports from the installed copy.
  scratch="$(mktemp -d)"
  python3 -m venv "$scratch/venv" || { rm -rf "$scratch"; return 1; }
  "$scratch/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    --find-links "$PY_TOOLS/wheels" "$1" || { rm -rf "$scratch"; return 1; }
  (cd "$scratch" && "$scratch/venv/bin/python" -c "import $import_name, pathlib, sys
sys.exit(not (pathlib.Path($import_name.__file__).parent / 'py.typed').is_file())") \
    || { rm -rf "$scratch"; return 1; }
  rm -rf "$scratch"
  # Python 3.9 itself, where this machine has one: the package imports there.
  local py39
  py39="$(py39)"
  if [ -n "$py39" ]; then
    (cd "$1/src" && "$py39" -c "import $import_name") || return 1
    echo "imports on $("$py39" --version)"
  fi
}

# A Python 3.9 interpreter, if this machine has one (pyenv keeps several).
py39() {
  local candidate
  for candidate in /usr/bin/python3.9 "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.9.*/bin/python3.9; do
    [ -x "$candidate" ] && { echo "$candidate"; return; }
  done
}

lang_roundtrip() {
  python3 "$ROOT/tests/drivers/python/roundtrip.py" "$1/src" "$2" "$3"
}

lang_roundtrip_batch() {
  python3 "$ROOT/tests/drivers/python/roundtrip.py" "$1/src" --batch
}

# The client against a local HTTP server (also on Python 3.9 where there is
# one), then end to end against the real ai-server binary (debug build;
# `cargo test` has usually built it already).
lang_behaviour_test() {
  (cd "$ROOT" && cargo build --quiet -p ai-server) || return 1
  # The client for tests/schemas/params.schema.json against the echo server:
  # path, query and header parameters and each kind of body as sent.
  local interpreter params="$WORK/python/params"
  rm -rf "$params"
  "$DTOGEN" --lang python --schema "$ROOT/tests/schemas/params.schema.json" --out "$params" >/dev/null || return 1
  for interpreter in python3 $(py39); do
    echo "client test on $("$interpreter" --version)"
    PYTHONPATH="$1/src" "$interpreter" "$ROOT/tests/drivers/python/client_test.py" || return 1
    PYTHONPATH="$params/src" DTOGEN_PARAMS_MODULE="$(py_import_name "$params")" python3 \
      "$ROOT/tests/drivers/echo_server.py" -- "$interpreter" "$ROOT/tests/drivers/python/params_test.py" || return 1
  done
  PYTHONPATH="$1/src" python3 "$ROOT/tests/drivers/ai_server_fixture.py" \
    --server "$ROOT/target/debug/ai-server" -- python3 "$ROOT/tests/drivers/python/e2e_test.py"
}

# What PyPI would take: `python -m build` (sdist and wheel, through the
# package's hatchling, installed in the tools venv) without a warning, then
# `twine check --strict`; the wheel's metadata carries the license.
lang_publish_check() {
  "$PY_VENV_PYTHON" -m twine --version >/dev/null 2>&1 || die "twine is not installed; run scripts/verify --install python"
  local dist="$1/dist" log="$1/build.log" wheel
  rm -rf "$dist"
  (cd "$1" && "$PY_VENV_PYTHON" -m build --no-isolation --outdir "$dist" . > "$log" 2>&1) || { cat "$log"; return 1; }
  no_warnings "python -m build" "$log" || return 1
  "$PY_VENV_PYTHON" -m twine check --strict "$dist"/* || return 1
  wheel="$(compgen -G "$dist/*.whl" | head -n 1)"
  if grep -q '^license = ' "$1/pyproject.toml"; then
    "$PY_VENV_PYTHON" -c 'import sys, zipfile
wheel = zipfile.ZipFile(sys.argv[1])
metadata = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
text = wheel.read(metadata).decode()
sys.exit(0 if "License-Expression: " in text else f"{sys.argv[1]}: no License-Expression in METADATA")' "$wheel" || return 1
  fi
  echo "python -m build and twine check --strict: $(basename "$wheel"), no warnings"
}
