# Python: mypy --strict (targeting 3.9) and a pip install of the generated
# package, round trip under python3, the client against the real ai-server.
PY_TOOLS="$TOOLS/python"
PY_VENV_PYTHON="$PY_TOOLS/bin/python"
# mypy 1.20 is the last release that still type-checks for Python 3.9.
PY_MYPY_VERSION="1.20.2"

lang_install() {
  command -v python3 >/dev/null || die "python3 is required"
  if ! "$PY_VENV_PYTHON" -m mypy --version 2>/dev/null | grep -q "mypy $PY_MYPY_VERSION "; then
    python3 -m venv "$PY_TOOLS"
    "$PY_VENV_PYTHON" -m pip install --quiet --disable-pip-version-check "mypy==$PY_MYPY_VERSION"
  fi
  # The package's build backend, so lang_build's install needs no network.
  mkdir -p "$PY_TOOLS/wheels"
  "$PY_VENV_PYTHON" -m pip download --quiet --disable-pip-version-check \
    --dest "$PY_TOOLS/wheels" "hatchling>=1.18"
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
    --no-incremental -p "$import_name")
  # The package installs with pip (PEP 517 build through pyproject.toml) and
  # imports from the installed copy.
  scratch="$(mktemp -d)"
  python3 -m venv "$scratch/venv"
  "$scratch/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    --find-links "$PY_TOOLS/wheels" "$1" || { rm -rf "$scratch"; return 1; }
  (cd "$scratch" && "$scratch/venv/bin/python" -c "import $import_name") \
    || { rm -rf "$scratch"; return 1; }
  rm -rf "$scratch"
  # Python 3.9 itself, where this machine has one: the package imports there.
  local candidate
  for candidate in /usr/bin/python3.9 "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.9.*/bin/python3.9; do
    if [ -x "$candidate" ]; then
      (cd "$1/src" && "$candidate" -c "import $import_name") || return 1
      echo "imports on $("$candidate" --version)"
      break
    fi
  done
}

lang_roundtrip() {
  python3 "$ROOT/tests/drivers/python/roundtrip.py" "$1/src" "$2" "$3"
}

lang_roundtrip_batch() {
  python3 "$ROOT/tests/drivers/python/roundtrip.py" "$1/src" --batch
}

# The client against a local HTTP server, then end to end against the real
# ai-server binary (debug build; `cargo test` has usually built it already).
lang_behaviour_test() {
  (cd "$ROOT" && cargo build --quiet -p ai-server) || return 1
  PYTHONPATH="$1/src" python3 "$ROOT/tests/drivers/python/client_test.py" || return 1
  PYTHONPATH="$1/src" python3 "$ROOT/tests/drivers/ai_server_fixture.py" \
    --server "$ROOT/target/debug/ai-server" -- python3 "$ROOT/tests/drivers/python/e2e_test.py"
}
