# JavaScript: node --check on every file, tsc --checkJs --strict over the JSDoc
# types (and the .d.ts files `npm run build` derives from them), round trip
# under node. The package has the TypeScript client's API, so everything but
# the build check comes from the TypeScript hooks (the same typescript
# install, round-trip driver and client tests), pointed at the sources.
source "$ROOT/scripts/lang/typescript.sh"
NODE_ENTRY="src/index.js"
NODE_LANG="javascript"

lang_build() {
  [ -x "$TSC" ] || die "typescript is not installed; run scripts/verify --install javascript"
  local pkg="$1" file name consumer="$WORK/javascript/consumer"
  for file in "$pkg"/src/*.js; do node --check "$file"; done
  (cd "$pkg" && "$TSC" -p tsconfig.json --allowJs --checkJs --strict --noEmit)
  # What `npm run build` does before publishing: .d.ts files from the JSDoc.
  # None of them may fall back to `any`.
  (cd "$pkg" && rm -rf types && "$TSC" -p tsconfig.json)
  if grep -nE '[:<|=,(] *any([^A-Za-z0-9_$]|$)' "$pkg"/types/*.d.ts; then
    echo "the declarations derived from the JSDoc contain 'any'" >&2
    return 1
  fi
  # A consumer imports the package by name: package.json `exports` and `types` resolve.
  name="$(node -p 'require(process.argv[1]).name' "$pkg/package.json")"
  rm -rf "$consumer" && mkdir -p "$consumer/node_modules"
  # A scoped name (`@acme/chat-js`) lives in a folder of its scope.
  mkdir -p "$(dirname "$consumer/node_modules/$name")"
  ln -s "$pkg" "$consumer/node_modules/$name"
  printf 'import * as api from "%s";\nimport type { Decoder, JsonValue } from "%s";\nexport const decode: Decoder<unknown> | undefined = api.decoders["x"];\nexport const value: JsonValue = [null];\n' \
    "$name" "$name" > "$consumer/consumer.mts"
  printf 'import * as api from "%s";\nif (typeof api.decoders !== "object") process.exit(1);\n' "$name" > "$consumer/consumer.mjs"
  (cd "$consumer" && "$TSC" --strict --noEmit --module nodenext --moduleResolution nodenext --lib ES2022,DOM consumer.mts && node consumer.mjs)
}

# What npm would publish: the sources and the .d.ts files the build derives.
lang_publish_check() {
  npm_pack_check "$1" src/index.js types/index.d.ts
}
