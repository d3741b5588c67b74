# Java: `mvn package` on the generated pom.xml (jar, sources and javadoc jars), then javac --release 17
# -Xlint:all -Werror on the generated sources with the Jackson jars from Maven
# Central; round trip and client test under java.
JAVA_TOOLS="$TOOLS/java"

lang_install() {
  if ! command -v javac >/dev/null || ! command -v mvn >/dev/null; then
    apt_install openjdk-17-jdk-headless maven
  fi
  # The Jackson version the generated pom.xml declares.
  local version
  version="$(sed -n 's|.*<jackson.version>\(.*\)</jackson.version>.*|\1|p' "$ROOT/generated/java/pom.xml")"
  [ -n "$version" ] || die "no <jackson.version> in generated/java/pom.xml"
  [ -f "$JAVA_TOOLS/lib/jackson-databind-$version.jar" ] && return 0
  mkdir -p "$JAVA_TOOLS"
  cat > "$JAVA_TOOLS/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.dtogen</groupId>
  <artifactId>java-tools</artifactId>
  <version>1</version>
  <dependencies>
    <dependency>
      <groupId>com.fasterxml.jackson.core</groupId>
      <artifactId>jackson-databind</artifactId>
      <version>$version</version>
    </dependency>
  </dependencies>
</project>
POM
  rm -rf "$JAVA_TOOLS/lib"
  (cd "$JAVA_TOOLS" && mvn -q -B -Dstyle.color=never dependency:copy-dependencies -DoutputDirectory=lib)
}

java_classpath() {
  local jars=("$JAVA_TOOLS"/lib/*.jar)
  [ -f "${jars[0]}" ] || die "Jackson is not installed; run scripts/verify --install java"
  local IFS=:
  echo "${jars[*]}"
}

# The generated package's Java package, from its source folder.
java_package() {
  local file
  file="$(cd "$1/src/main/java" && find . -name '*.java' | sort | head -n 1)"
  dirname "$file" | sed 's|^\./||; s|/|.|g'
}

java_compile() {
  local out="$1" cp="$2"
  shift 2
  rm -rf "$out" && mkdir -p "$out"
  javac --release 17 -encoding UTF-8 -Xlint:all -Werror -d "$out" -cp "$cp" "$@"
}

lang_build() {
  local cp sources
  # The pom.xml users publish with: it must build the jar on its own.
  (cd "$1" && mvn -B -q -Dstyle.color=never package) || die "mvn package failed in $1"
  # What Maven Central takes: the jar, its sources and its javadoc (javadoc
  # must accept every generated doc comment).
  local kind jars
  for kind in "" "-sources" "-javadoc"; do
    jars=("$1"/target/*"$kind".jar)
    [ -f "${jars[0]}" ] || die "mvn package built no *$kind.jar in $1/target"
  done
  cp="$(java_classpath)"
  sources="$1/target/sources.txt"
  mkdir -p "$1/target"
  find "$1/src/main/java" -name '*.java' | sort > "$sources"
  java_compile "$1/target/classes" "$cp" "@$sources"
  java_compile "$1/target/driver" "$cp" "$ROOT/tests/drivers/java/RoundTrip.java"
}

lang_roundtrip() {
  java -cp "$1/target/classes:$1/target/driver:$(java_classpath)" RoundTrip "$(java_package "$1")" "$2" "$3"
}

lang_roundtrip_batch() {
  java -cp "$1/target/classes:$1/target/driver:$(java_classpath)" RoundTrip "$(java_package "$1")" --batch
}

# Decoding strictness (no coercion, required properties, unions) and unknown
# properties, the params schema's client against the echo server, then the
# generated client end to end against the real ai-server binary.
lang_behaviour_test() {
  local cp
  cp="$1/target/classes:$(java_classpath)"
  java_compile "$1/target/strict-test" "$cp" "$ROOT/tests/drivers/java/StrictTest.java"
  java -cp "$1/target/strict-test:$cp" StrictTest || return 1
  # The client for tests/schemas/params (built by verify's schema pass) against
  # the echo server: path, query, header parameters and each body kind.
  local params="$WORK/java/schemas/params" params_cp
  if [ ! -d "$params/target/classes" ]; then
    "$DTOGEN" --lang java --schema "$ROOT/tests/schemas/params.schema.json" --out "$params" >/dev/null || return 1
    lang_build "$params" >/dev/null || return 1
  fi
  params_cp="$params/target/classes:$(java_classpath)"
  java_compile "$params/target/params-test" "$params_cp" "$ROOT/tests/drivers/java/ParamsTest.java" || return 1
  python3 "$ROOT/tests/drivers/echo_server.py" -- java -cp "$params/target/params-test:$params_cp" ParamsTest || return 1
  (cd "$ROOT" && cargo build --quiet -p ai-server) || return 1
  java_compile "$1/target/client-test" "$cp" "$ROOT/tests/drivers/java/ClientTest.java"
  python3 "$ROOT/tests/drivers/ai_server_fixture.py" --server "$ROOT/target/debug/ai-server" -- \
    java -Dvectors="$ROOT/tests/vectors" -cp "$1/target/client-test:$cp" ClientTest
}
