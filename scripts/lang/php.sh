# PHP: Debian's php-cli. `php -l` on every file, then every class loaded through
# a PSR-4 autoloader with its declared types and its `Name::member` / `new Name`
# references resolved (tests/drivers/php/check.php), `composer validate` and
# `composer dump-autoload --optimize --strict-psr`, then phpcs (PSR-12) on the sources; round trip and the client's end-to-end test under php.
PHP_DRIVERS="$ROOT/tests/drivers/php"

lang_install() {
  if command -v php >/dev/null && command -v phpcs >/dev/null && command -v composer >/dev/null; then
    return 0
  fi
  apt_install php-cli php-codesniffer composer
}

lang_build() {
  command -v php >/dev/null || die "php is not installed; run scripts/verify --install php"
  local file failed=0
  while IFS= read -r file; do
    php -l "$file" >/dev/null || failed=1
  done < <(find "$1/src" -name '*.php' | sort)
  [ "$failed" = 0 ] || return 1
  php "$PHP_DRIVERS/check.php" "$1"
  # composer.json is what users publish: its schema, and every class where
  # its PSR-4 mapping says (Composer's own autoloader, no packages needed).
  (cd "$1" && composer validate --no-check-publish --no-interaction -q) || die "composer validate failed"
  (cd "$1" && composer dump-autoload --optimize --strict-psr --no-interaction -q) || die "composer dump-autoload failed"
  if command -v phpcs >/dev/null; then
    phpcs -q --standard=PSR12 --report=summary "$1/src"
  fi
}

lang_roundtrip() {
  php "$PHP_DRIVERS/roundtrip.php" "$1" "$2" "$3"
}

lang_roundtrip_batch() {
  php "$PHP_DRIVERS/roundtrip.php" "$1" --batch
}

# The params client against the echo server, then the generated client end
# to end against the real ai-server binary.
lang_behaviour_test() {
  # The client for tests/schemas/params.schema.json against the echo server:
  # path, query and header parameters and each kind of body as sent.
  local params="$WORK/php/params"
  rm -rf "$params"
  "$DTOGEN" --lang php --schema "$ROOT/tests/schemas/params.schema.json" --out "$params" >/dev/null || return 1
  python3 "$ROOT/tests/drivers/echo_server.py" -- php "$PHP_DRIVERS/params_test.php" "$params" || return 1
  (cd "$ROOT" && cargo build --quiet -p ai-server) || return 1
  python3 "$ROOT/tests/drivers/ai_server_fixture.py" --server "$ROOT/target/debug/ai-server" -- \
    php "$PHP_DRIVERS/e2e_test.php" "$1"
}

# What Packagist reads: `composer validate --strict` with the publish checks
# (license, description, no `version` field), warnings failing it.
lang_publish_check() {
  command -v composer >/dev/null || die "composer is not installed; run scripts/verify --install php"
  (cd "$1" && composer validate --strict --no-interaction) || die "composer validate --strict failed in $1"
}
