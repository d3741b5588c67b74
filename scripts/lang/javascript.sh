# JavaScript: node --check on every file, tsc --checkJs --strict over the JSDoc
# types (and the .d.ts files `npm run build` derives from them), round trip
# under node. The package has the TypeScript client's API, so the round-trip
# driver and the client behaviour tests are the TypeScript ones, pointed at
# the JavaScript sources.
JS_TOOLS="$TOOLS/javascript"
JS_TSC="$JS_TOOLS/node_modules/.bin/tsc"

lang_install() {
  command -v node >/dev/null || die "node is required"
  mkdir -p "$JS_TOOLS"
  npm install --prefix "$JS_TOOLS" --no-audit --no-fund --silent typescript@5.9.3
}

lang_build() {
  [ -x "$JS_TSC" ] || die "typescript is not installed; run scripts/verify --install javascript"
  local pkg="$1" file name consumer="$WORK/javascript/consumer"
  for file in "$pkg"/src/*.js; do node --check "$file"; done
  (cd "$pkg" && "$JS_TSC" -p tsconfig.json --allowJs --checkJs --strict --noEmit)
  # What `npm run build` does before publishing: .d.ts files from the JSDoc.
  # None of them may fall back to `any`.
  (cd "$pkg" && rm -rf types && "$JS_TSC" -p tsconfig.json)
  if grep -nE '[:<|=,(] *any([^A-Za-z0-9_$]|$)' "$pkg"/types/*.d.ts; then
    echo "the declarations derived from the JSDoc contain 'any'" >&2
    return 1
  fi
  # A consumer imports the package by name: package.json `exports` and `types` resolve.
  name="$(node -p 'require(process.argv[1]).name' "$pkg/package.json")"
  rm -rf "$consumer" && mkdir -p "$consumer/node_modules"
  ln -s "$pkg" "$consumer/node_modules/$name"
  printf 'import * as api from "%s";\nimport type { Decoder, JsonValue } from "%s";\nexport const decode: Decoder<unknown> | undefined = api.decoders["x"];\nexport const value: JsonValue = [null];\n' \
    "$name" "$name" > "$consumer/consumer.mts"
  printf 'import * as api from "%s";\nif (typeof api.decoders !== "object") process.exit(1);\n' "$name" > "$consumer/consumer.mjs"
  (cd "$consumer" && "$JS_TSC" --strict --noEmit --module nodenext --moduleResolution nodenext --lib ES2022,DOM consumer.mts && node consumer.mjs)
}

lang_roundtrip() {
  node "$ROOT/tests/drivers/typescript/roundtrip.mjs" "$1/src/index.js" "$2" "$3"
}

lang_roundtrip_batch() {
  node "$ROOT/tests/drivers/typescript/roundtrip.mjs" "$1/src/index.js" --batch
}

# The client against a local HTTP server, then end to end against the real
# ai-server binary (debug build; `cargo test` has usually built it already).
lang_behaviour_test() {
  (cd "$ROOT" && cargo build --quiet -p ai-server) || return 1
  DTOGEN_TS_PACKAGE="$1/src/index.js" AI_SERVER_BIN="$ROOT/target/debug/ai-server" \
    node --test "$ROOT/tests/drivers/typescript/client_test.mjs" "$ROOT/tests/drivers/typescript/e2e_test.mjs"
}
