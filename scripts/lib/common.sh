# Shared by scripts/verify and scripts/roundtrip: paths, the dtogen binary,
# and loading one language's verification hooks from scripts/lang/<lang>.sh.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="${DTOGEN_TOOLS:-$ROOT/.tools}"
WORK="${DTOGEN_VERIFY_DIR:-$ROOT/target/verify}"
DTOGEN="$ROOT/target/release/dtogen"

die() { echo "error: $*" >&2; exit 2; }

build_dtogen() {
  (cd "$ROOT" && cargo build --release --quiet --bin dtogen) || die "building dtogen failed"
}

known_langs() {
  local file
  for file in "$ROOT"/scripts/lang/*.sh; do basename "$file" .sh; done | tr '\n' ' '
}

# Installs Debian packages (as root, or through sudo), fetching the package
# lists only when the install fails without them (a fresh machine has none).
apt_install() {
  command -v apt-get >/dev/null || die "$* come from Debian's apt; install them by hand elsewhere"
  local run=()
  [ "$(id -u)" = 0 ] || run=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${run[@]}" apt-get install -y -qq "$@" >/dev/null 2>&1 && return 0
  "${run[@]}" apt-get update -qq >/dev/null
  "${run[@]}" apt-get install -y -qq "$@" >/dev/null
}

# The canonical name of a language or alias, per `dtogen list` (name, aliases, level).
canonical_lang() {
  "$DTOGEN" list | awk -v want="$1" '{
    if ($1 == want) { print $1; exit }
    n = split($2, aliases, ",")
    for (i = 1; i <= n; i++) if (aliases[i] == want) { print $1; exit }
  }'
}

# The verification level a language's backend states, per `dtogen list`.
lang_level() {
  "$DTOGEN" list | awk -v want="$1" '$1 == want { $1 = ""; $2 = ""; sub(/^ +/, ""); print; exit }'
}

# Sources scripts/lang/$1.sh, which defines lang_install, lang_build DIR,
# lang_roundtrip DIR TYPE FILE and lang_roundtrip_batch DIR (stdin: TYPE<TAB>IN<TAB>OUT).
load_lang() {
  local file="$ROOT/scripts/lang/$1.sh"
  [ -f "$file" ] || die "no verification for language '$1'; known: $(known_langs)"
  # shellcheck source=/dev/null
  source "$file"
}

# The test schemas every language generates and compiles, one a line:
# tests/schemas/*.schema.json and the OpenAPI documents *.openapi.yaml|json.
test_schemas() {
  local file
  for file in "$ROOT"/tests/schemas/*.schema.json "$ROOT"/tests/schemas/*.openapi.yaml \
    "$ROOT"/tests/schemas/*.openapi.json; do
    [ -f "$file" ] && echo "$file"
  done
  return 0
}

# A test schema's name without its extension (`shop` for shop.openapi.yaml).
schema_stem() {
  local name
  name="$(basename "$1")"
  name="${name%.schema.json}"
  name="${name%.openapi.yaml}"
  name="${name%.openapi.json}"
  echo "$name"
}

# Whether a schema's package is meant to be published: its x-package names a license.
publishable() {
  python3 -c 'import json, sys
sys.exit(0 if (json.load(open(sys.argv[1], encoding="utf-8-sig")).get("x-package") or {}).get("license") else 1)' "$1"
}

# Fails (printing them) when a validator's output has warnings.
no_warnings() {
  local what="$1" log="$2"
  if grep -iE '(^|[^a-z])warn(ing)?s?([^a-z]|$)' "$log"; then
    echo "error: $what warned (log: $log)" >&2
    return 1
  fi
}

# Generates the language's package fresh into $WORK/<lang>/pkg.
generate_fresh() {
  local lang="$1" dir="$WORK/$1/pkg"
  mkdir -p "$WORK/$lang"
  "$DTOGEN" --lang "$lang" --out "$dir" >/dev/null 2>&1 || {
    "$DTOGEN" --lang "$lang" --out "$dir"
    die "dtogen failed for $lang"
  }
  echo "$dir"
}
