# TypeScript: tsc --strict on the generated package, round trip under node.
TS_TOOLS="$TOOLS/typescript"
TSC="$TS_TOOLS/node_modules/.bin/tsc"
# The module the node drivers import, inside the package: tsc's output.
NODE_ENTRY="dist/index.js"
# The --lang the node client tests generate (javascript.sh reuses these hooks).
NODE_LANG="typescript"

lang_install() {
  command -v node >/dev/null || die "node is required"
  mkdir -p "$TS_TOOLS"
  npm install --prefix "$TS_TOOLS" --no-audit --no-fund --silent typescript@5.9.3
}

lang_build() {
  [ -x "$TSC" ] || die "typescript is not installed; run scripts/verify --install typescript"
  (cd "$1" && "$TSC" -p tsconfig.json --strict)
  # The built-in package: OpenAI's documented payloads type-check as typed literals.
  if grep -q "export interface OpenAiChatChunk" "$1/src/types.ts" 2>/dev/null; then
    local check="$WORK/typescript/payloads"
    rm -rf "$check" && mkdir -p "$check/typecheck"
    cp -r "$1/src" "$check/src"
    cp "$ROOT/tests/drivers/typescript/openai_payloads.ts" "$check/typecheck/"
    (cd "$check" && "$TSC" --strict --noEmit --target ES2022 --module NodeNext \
      --moduleResolution NodeNext --lib ES2022,DOM typecheck/openai_payloads.ts) \
      || die "OpenAI's documented payloads do not type-check as TypeScript literals"
    echo "typescript: OpenAI's documented payloads type-check as typed literals"
  fi
}

lang_roundtrip() {
  node "$ROOT/tests/drivers/typescript/roundtrip.mjs" "$1/$NODE_ENTRY" "$2" "$3"
}

lang_roundtrip_batch() {
  node "$ROOT/tests/drivers/typescript/roundtrip.mjs" "$1/$NODE_ENTRY" --batch
}

# The client against a local HTTP server, then end to end against the real
# ai-server binary (debug build; `cargo test` has usually built it already)
# and its stand-in upstream, both started by tests/drivers/ai_server_fixture.py.
lang_behaviour_test() {
  params_test || return 1
  (cd "$ROOT" && cargo build --quiet -p ai-server) || return 1
  python3 "$ROOT/tests/drivers/ai_server_fixture.py" --server "$ROOT/target/debug/ai-server" -- \
    env DTOGEN_TS_PACKAGE="$1/$NODE_ENTRY" \
    node --test "$ROOT/tests/drivers/typescript/client_test.mjs" "$ROOT/tests/drivers/typescript/e2e_test.mjs"
}

# What npm would publish: `npm pack --dry-run` (after the build `prepublishOnly`
# runs) packs without a warning and ships the build, README, LICENSE and manifest.
lang_publish_check() {
  npm_pack_check "$1" dist/index.js dist/index.d.ts
}

# npm_pack_check DIR FILE... : builds, packs dry, and checks FILE... are in the tarball.
npm_pack_check() {
  local pkg="$1" log="$1/npm-pack.log" listing="$1/npm-pack.json" file
  shift
  (cd "$pkg" && "$TSC" -p tsconfig.json) || return 1
  (cd "$pkg" && npm pack --dry-run --json --ignore-scripts > "$listing" 2> "$log") || { cat "$log"; return 1; }
  no_warnings "npm pack" "$log" || return 1
  for file in package.json README.md "$@" $( [ -f "$pkg/LICENSE" ] && echo LICENSE ); do
    node -e 'const [listing, file] = process.argv.slice(1);
      const files = JSON.parse(require("fs").readFileSync(listing, "utf8"))[0].files.map((f) => f.path);
      if (!files.includes(file)) { console.error(`npm pack leaves out ${file}`); process.exit(1); }' "$listing" "$file" || return 1
  done
  echo "npm pack --dry-run: $(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[0].id' "$listing"), no warnings"
}

# The client generated for tests/schemas/params.schema.json against the echo
# server: path, query and header parameters and each kind of body as sent.
params_test() {
  local dir="$WORK/$NODE_LANG/params"
  rm -rf "$dir"
  "$DTOGEN" --lang "$NODE_LANG" --schema "$ROOT/tests/schemas/params.schema.json" --out "$dir" >/dev/null || return 1
  lang_build "$dir" >/dev/null || return 1
  python3 "$ROOT/tests/drivers/echo_server.py" -- \
    env DTOGEN_PARAMS_PACKAGE="$dir/$NODE_ENTRY" node --test "$ROOT/tests/drivers/typescript/params_test.mjs"
}
