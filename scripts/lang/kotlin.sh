# Kotlin: kotlinc (npm `kotlin-compiler`) with the kotlinx.serialization compiler
# plugin and -Werror on the generated sources plus the drivers; round trip and
# the client's end-to-end test on the JVM.

# lang_build compiles the tests/schemas/ output itself, in one compiler run.
LANG_BUILD_COVERS_SCHEMAS=1
KT_TOOLS="$TOOLS/kotlin"
KT_VERSION=2.4.20
KT_SERIALIZATION=1.12.0
KT_COROUTINES=1.11.0
KT_HOME="$KT_TOOLS/node_modules/kotlin-compiler"
KOTLINC="$KT_HOME/bin/kotlinc"
KT_JARS=(
  "org.jetbrains.kotlinx:kotlinx-serialization-core-jvm:$KT_SERIALIZATION"
  "org.jetbrains.kotlinx:kotlinx-serialization-json-jvm:$KT_SERIALIZATION"
  "org.jetbrains.kotlinx:kotlinx-coroutines-core-jvm:$KT_COROUTINES"
)

kt_jar() {
  local artifact="${1#*:}"
  echo "$KT_TOOLS/lib/${artifact%%:*}-${artifact#*:}.jar"
}

kt_classpath() {
  local cp="$KT_HOME/lib/kotlin-stdlib.jar" coordinate
  for coordinate in "${KT_JARS[@]}"; do cp="$cp:$(kt_jar "$coordinate")"; done
  echo "$cp"
}

lang_install() {
  if ! command -v java >/dev/null || ! command -v mvn >/dev/null; then
    apt_install default-jdk-headless maven
  fi
  command -v npm >/dev/null || die "npm is required"
  mkdir -p "$KT_TOOLS/lib"
  if [ "$(cat "$KT_HOME/build.txt" 2>/dev/null)" != "$KT_VERSION" ]; then
    npm install --prefix "$KT_TOOLS" --no-audit --no-fund --silent "kotlin-compiler@$KT_VERSION"
  fi
  local coordinate
  for coordinate in "${KT_JARS[@]}"; do
    [ -f "$(kt_jar "$coordinate")" ] ||
      mvn -q -B dependency:copy -Dartifact="$coordinate" -DoutputDirectory="$KT_TOOLS/lib"
  done
  [ -f "$KT_HOME/lib/kotlinx-serialization-compiler-plugin.jar" ] ||
    die "kotlin-compiler $KT_VERSION ships no kotlinx-serialization-compiler-plugin.jar"
}

# The package of the generated sources (from their Serialization.kt).
kt_package() {
  # The package folder may be nested (com/acme/chat).
  find "$1/src/main/kotlin" -name Serialization.kt | head -n 1 | xargs sed -n 's/^package //p' | head -n 1
}

# Compiles the generated sources with the drivers in one kotlinc run (warnings are
# errors); the output for every tests/schemas/*.schema.json (each in its own package)
# is compiled along, so the tricky names are checked by the real compiler too.
lang_build() {
  [ -x "$KOTLINC" ] || die "kotlinc is not installed; run scripts/verify --install kotlin"
  local dir="$1" out="$1/build/classes" schema stem
  local sources=("$dir/src/main/kotlin" "$ROOT/tests/drivers/kotlin/RoundTrip.kt")
  # The end-to-end test is written against the built-in AI Server API.
  if [ "$(kt_package "$dir")" = aiserverclient ]; then
    sources+=("$ROOT/tests/drivers/kotlin/EndToEnd.kt" "$ROOT/tests/drivers/kotlin/ParamsTest.kt"
      "$ROOT/tests/drivers/kotlin/WideTest.kt")
    local schemas
    mapfile -t schemas < <(test_schemas)
    for schema in "${schemas[@]}"; do
      stem="$(schema_stem "$schema")"
      rm -rf "$WORK/kotlin/schemas/$stem"
      "$DTOGEN" --lang kotlin --schema "$schema" --out "$WORK/kotlin/schemas/$stem" >/dev/null 2>&1 ||
        die "dtogen failed for $schema"
      sources+=("$WORK/kotlin/schemas/$stem/src/main/kotlin")
    done
  fi
  rm -rf "$out" && mkdir -p "$out"
  # kotlinc's default heap (512 MB) runs out on ~1,400 types (SchemaStore's
  # azure-pipelines) and OpenAI's ~2,800; KT_HEAP overrides.
  JAVA_OPTS="-Xmx${KT_HEAP:-3g} -Xms128M" "$KOTLINC" -Werror -jvm-target 17 -Xplugin="$KT_HOME/lib/kotlinx-serialization-compiler-plugin.jar" \
    -cp "$(kt_classpath)" -d "$out" "${sources[@]}" || return 1
  # kotlinc compiles classes the JVM refuses to load (over 255 constructor slots).
  java -cp "$(kt_classpath)" "$ROOT/tests/drivers/kotlin/LoadClasses.java" "$out"
}

kt_java() {
  java -cp "$1/build/classes:$(kt_classpath)" "${@:2}"
}

lang_roundtrip() {
  kt_java "$1" dtogen.driver.RoundTripKt "$(kt_package "$1")" "$2" "$3"
}

lang_roundtrip_batch() {
  kt_java "$1" dtogen.driver.RoundTripKt "$(kt_package "$1")" --batch
}

# The params schema's client against the echo server (path, query and header
# parameters, each body kind), big-class's wide class through JSON, then the
# generated client end to end against the real ai-server binary.
lang_behaviour_test() {
  python3 "$ROOT/tests/drivers/echo_server.py" -- \
    java -cp "$1/build/classes:$(kt_classpath)" dtogen.driver.params.ParamsTestKt || return 1
  # tests/schemas/big-class's wide class (compiled along by lang_build).
  java -cp "$1/build/classes:$(kt_classpath)" dtogen.driver.wide.WideTestKt || return 1
  (cd "$ROOT" && cargo build --quiet -p ai-server) || return 1
  python3 "$ROOT/tests/drivers/ai_server_fixture.py" --server "$ROOT/target/debug/ai-server" -- \
    java -Ddtogen.vectors="$ROOT/tests/vectors" -cp "$1/build/classes:$(kt_classpath)" dtogen.driver.EndToEndKt
}
