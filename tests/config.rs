//! dtogen.toml end to end: a custom identity in every language (names and file
//! layout), `--check` right after, flags over the config over `x-package`, bad
//! configs named by line and key, default names that never collide, `dtogen init`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ACME: &str = include_str!("configs/acme/dtogen.toml");

fn dtogen_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dtogen"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("dtogen runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh, empty scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dtogen-config-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(current) = stack.pop() {
        for entry in fs::read_dir(&current).expect("readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn succeeds(output: &Output) {
    assert!(
        output.status.success(),
        "dtogen failed ({:?}): {}",
        output.status.code(),
        text(&output.stderr)
    );
}

/// The one XML element `<tag>` of a project file.
fn element(xml: &str, tag: &str) -> String {
    let open = format!("<{tag}>");
    let start = xml
        .find(&open)
        .unwrap_or_else(|| panic!("no <{tag}> in {xml}"))
        + open.len();
    let end = xml[start..].find('<').expect("closing tag") + start;
    xml[start..end].to_owned()
}

#[test]
fn a_custom_identity_names_and_lays_out_every_language_and_check_passes_after() {
    let dir = scratch("acme");
    fs::write(dir.join("dtogen.toml"), ACME).expect("config written");
    // ./dtogen.toml is read without being named.
    succeeds(&dtogen_in(&dir, &[]));
    let out = dir.join("clients");

    // npm: the scoped names, one per package.
    assert_eq!(
        json(&out.join("typescript/package.json"))["name"],
        "@acme/chat"
    );
    assert_eq!(
        json(&out.join("typescript/package.json"))["version"],
        "2.3.4"
    );
    assert_eq!(
        json(&out.join("javascript/package.json"))["name"],
        "@acme/chat-js"
    );

    // Python: the distribution name and the module folder.
    let pyproject: toml::Table =
        toml::from_str(&read(&out.join("python/pyproject.toml"))).expect("pyproject.toml parses");
    assert_eq!(
        pyproject["project"]["name"].as_str(),
        Some("acme-chat-client")
    );
    assert_eq!(
        pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"][0].as_str(),
        Some("src/acme_chat")
    );
    assert!(out.join("python/src/acme_chat/__init__.py").is_file());
    assert!(out.join("python/src/acme_chat/client.py").is_file());
    assert!(read(&out.join("python/README.md")).contains("from acme_chat import"));

    // PHP: the Composer name, the PSR-4 prefix and the namespace declarations.
    let composer = json(&out.join("php/composer.json"));
    assert_eq!(composer["name"], "acme/chat-client");
    assert!(composer["autoload"]["psr-4"]["Acme\\Chat\\"].is_string());
    assert!(read(&out.join("php/src/AiServerClient.php")).contains("\nnamespace Acme\\Chat;\n"));
    assert!(
        read(&out.join("php/src/Dto/OpenAiMessage.php")).contains("\nnamespace Acme\\Chat\\Dto;\n")
    );

    // Java: Maven coordinates, the package folder and declarations.
    let pom = read(&out.join("java/pom.xml"));
    assert_eq!(element(&pom, "groupId"), "com.acme");
    assert_eq!(element(&pom, "artifactId"), "chat-client");
    assert_eq!(element(&pom, "version"), "2.3.4");
    let java = out.join("java/src/main/java/com/acme/chat");
    for file in files_under(&out.join("java/src")) {
        assert!(
            file.starts_with(&java),
            "{} is outside com/acme/chat",
            file.display()
        );
        assert!(
            read(&file).contains("\npackage com.acme.chat;\n"),
            "{}",
            file.display()
        );
    }
    assert!(java.join("AiServerClient.java").is_file());

    // Kotlin: the Gradle coordinates, the package folder and declarations.
    let gradle = read(&out.join("kotlin/build.gradle.kts"));
    assert!(gradle.contains("group = \"com.acme\""), "{gradle}");
    assert!(
        gradle.contains("artifactId = \"chat-client-kotlin\""),
        "{gradle}"
    );
    let kotlin = out.join("kotlin/src/main/kotlin/com/acme/chat/kt");
    for file in files_under(&out.join("kotlin/src")) {
        assert!(
            file.starts_with(&kotlin),
            "{} is outside com/acme/chat/kt",
            file.display()
        );
        assert!(
            read(&file).contains("\npackage com.acme.chat.kt\n"),
            "{}",
            file.display()
        );
    }

    // .NET: the package ids (F# and VB.NET suffixed by default), the project
    // files named after them, and the namespace of every source file.
    let csproj = read(&out.join("csharp/Acme.Chat.Client.csproj"));
    assert_eq!(element(&csproj, "PackageId"), "Acme.Chat.Client");
    assert_eq!(element(&csproj, "RootNamespace"), "Acme.Chat");
    let fsproj = read(&out.join("fsharp/Acme.Chat.FSharp.fsproj"));
    assert_eq!(element(&fsproj, "PackageId"), "Acme.Chat.FSharp");
    let vbproj = read(&out.join("vbnet/Acme.Chat.VisualBasic.vbproj"));
    assert_eq!(element(&vbproj, "PackageId"), "Acme.Chat.VisualBasic");
    for (language, declaration) in [
        ("csharp", "namespace Acme.Chat"),
        ("vbnet", "Namespace Acme.Chat"),
        ("fsharp", "namespace Acme.Chat"),
    ] {
        for file in files_under(&out.join(language).join("src")) {
            assert!(read(&file).contains(declaration), "{}", file.display());
        }
    }
    assert!(read(&out.join("csharp/src/Models/OpenAiMessage.cs"))
        .contains("namespace Acme.Chat.Models;"));

    // Swift: the package name and the module folder.
    let swift = read(&out.join("swift/Package.swift"));
    assert!(swift.contains("name: \"acme-chat\""), "{swift}");
    assert!(swift.contains(".target(name: \"AcmeChat\")"), "{swift}");
    assert!(out.join("swift/Sources/AcmeChat/Types.swift").is_file());

    // Dart: the pub name and its library file.
    let pubspec = read(&out.join("dart/pubspec.yaml"));
    assert!(pubspec.starts_with("name: acme_chat\n"), "{pubspec}");
    assert!(out.join("dart/lib/acme_chat.dart").is_file());

    // None of the default identities is left anywhere.
    for file in files_under(&out) {
        let contents = read(&file);
        for default in [
            "ai-server-client",
            "ai_server_client",
            "ai.server.client",
            "aiserverclient",
            "AiServer.Client",
            "ai-server/client",
        ] {
            assert!(
                !contents.contains(default),
                "{} still says {default}",
                file.display()
            );
        }
    }

    // --check passes right after, from another folder through --config too.
    succeeds(&dtogen_in(&dir, &["--check"]));
    let elsewhere = scratch("acme-elsewhere");
    let config = dir.join("dtogen.toml");
    succeeds(&dtogen_in(
        &elsewhere,
        &["--config", config.to_str().expect("utf-8"), "--check"],
    ));
    assert!(
        fs::read_dir(&elsewhere).expect("readable").next().is_none(),
        "paths are relative to the config"
    );

    // A changed identity makes the output stale.
    fs::write(
        &config,
        ACME.replace("version = \"2.3.4\"", "version = \"2.4.0\""),
    )
    .expect("edited");
    let stale = dtogen_in(&dir, &["--check"]);
    assert_eq!(stale.status.code(), Some(1), "{}", text(&stale.stderr));
    assert!(text(&stale.stdout).contains("typescript/package.json"));
}

#[test]
fn flags_win_over_the_config_and_the_config_over_x_package() {
    let dir = scratch("precedence");
    fs::write(
        dir.join("api.schema.json"),
        r#"{
  "title": "Widget API",
  "x-package": {
    "name": "widget-api",
    "version": "1.0.0",
    "java": { "package": "org.widget", "group_id": "org.widget" },
    "python": { "module": "widget" }
  },
  "$defs": { "Widget": { "type": "object", "properties": { "id": { "type": "string" } } } }
}"#,
    )
    .expect("schema written");
    fs::write(
        dir.join("dtogen.toml"),
        "schema = \"api.schema.json\"\nlanguages = [\"java\", \"python\"]\nout = \"out\"\n\n[java]\npackage = \"com.acme.widget\"\n",
    )
    .expect("config written");
    succeeds(&dtogen_in(&dir, &[]));
    // The config's package wins; x-package's group_id and Python module stay.
    assert!(dir
        .join("out/java/src/main/java/com/acme/widget/Widget.java")
        .is_file());
    assert_eq!(
        element(&read(&dir.join("out/java/pom.xml")), "groupId"),
        "org.widget"
    );
    assert!(dir.join("out/python/src/widget/models.py").is_file());
    assert!(!dir.join("out/typescript").exists());

    // --lang and --out replace the config's languages and folder.
    succeeds(&dtogen_in(&dir, &["--lang", "ts", "--out", "flags"]));
    assert_eq!(json(&dir.join("flags/package.json"))["name"], "widget-api");
    succeeds(&dtogen_in(&dir, &["--check"]));

    // A bad x-package setting is named by its key, and nothing is written.
    let schema = read(&dir.join("api.schema.json")).replace("\"widget\"", "\"wid-get\"");
    fs::write(dir.join("api.schema.json"), schema).expect("schema edited");
    let bad = dtogen_in(&dir, &["--lang", "dart", "--out", "bad"]);
    assert_eq!(bad.status.code(), Some(2));
    let stderr = text(&bad.stderr);
    assert!(
        stderr.contains("api.schema.json") && stderr.contains("x-package.python.module"),
        "{stderr}"
    );
    assert!(!dir.join("bad").exists());
}

#[test]
fn bad_configs_are_named_by_line_and_key() {
    let cases: &[(&str, &str)] = &[
        ("out = \"x\"\ncolour = \"red\"\n", "dtogen.toml:2: colour: unknown key"),
        ("[java]\npackages = \"com.acme\"\n", "dtogen.toml:2: [java] packages: unknown key; valid: group_id, artifact_id, package"),
        ("\nout = 3\n", "dtogen.toml:2: out: expected a string, found an integer"),
        ("languages = \"python\"\n", "dtogen.toml:1: languages: expected a list of strings, found a string"),
        ("languages = [\"python\", \"cobol\"]\n", "dtogen.toml:1: languages: unknown language `cobol`"),
        ("[package]\nauthors = \"me\"\n", "dtogen.toml:2: [package] authors: expected a list of strings"),
        ("[typescript]\nname = \"@Acme/Chat\"\n", "dtogen.toml:2: [typescript] name: `@Acme/Chat` is not an npm package name"),
        ("[java]\n\npackage = \"com.acme.class\"\n", "dtogen.toml:3: [java] package: `com.acme.class` is not a Java package: `class` is a keyword"),
        ("[package]\nname = \"acme\"\nversion = \"2.3\"\n", "dtogen.toml:3: [package] version: `2.3` is not a SemVer 2.0 version"),
        ("[python]\nmodule = \"acme-chat\"\n", "dtogen.toml:2: [python] module: `acme-chat` is not a Python module name"),
        ("[php]\nname = \"acme\"\n", "dtogen.toml:2: [php] name: `acme` is not a Composer package name"),
        ("[csharp]\nnamespace = \"Acme.Chat.\"\n", "dtogen.toml:2: [csharp] namespace:"),
        ("[dart]\nname = \"AcmeChat\"\n", "dtogen.toml:2: [dart] name: `AcmeChat` is not a Dart package name"),
        ("[cobol]\nname = \"x\"\n", "dtogen.toml:1: cobol: unknown key"),
        ("[java]\npackage = [\"com\"]\n", "dtogen.toml:2: [java] package: expected a string, found a list"),
        ("out = \"x\"\n[java\n", "dtogen.toml:2: not valid TOML"),
    ];
    for (index, (config, expected)) in cases.iter().enumerate() {
        let dir = scratch(&format!("bad-{index}"));
        fs::write(dir.join("dtogen.toml"), config).expect("config written");
        let output = dtogen_in(&dir, &[]);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{config}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{config}:\nexpected {expected}\ngot {stderr}"
        );
        let written: Vec<_> = fs::read_dir(&dir)
            .expect("readable")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(written.len(), 1, "a bad config writes nothing: {written:?}");
    }
}

#[test]
fn default_names_never_collide_across_languages() {
    let dir = scratch("defaults");
    succeeds(&dtogen_in(
        &dir,
        &[
            "--out",
            "out",
            "--lang",
            "ts,js,csharp,fsharp,vbnet,java,kotlin",
        ],
    ));
    let out = dir.join("out");
    let ts = json(&out.join("typescript/package.json"))["name"].clone();
    let js = json(&out.join("javascript/package.json"))["name"].clone();
    assert_eq!(ts, "ai-server-client");
    assert_eq!(js, "ai-server-client-js");
    let project = |language: &str, ext: &str| -> String {
        let file = files_under(&out.join(language))
            .into_iter()
            .find(|f| f.extension().is_some_and(|e| e == ext))
            .unwrap_or_else(|| panic!("no .{ext} for {language}"));
        read(&file)
    };
    let ids: Vec<String> = [
        ("csharp", "csproj"),
        ("fsharp", "fsproj"),
        ("vbnet", "vbproj"),
    ]
    .iter()
    .map(|(language, ext)| element(&project(language, ext), "PackageId"))
    .collect();
    assert_eq!(
        ids,
        [
            "AiServer.Client",
            "AiServer.Client.FSharp",
            "AiServer.Client.VisualBasic"
        ]
    );
    let assemblies: Vec<String> = [("csharp", "csproj"), ("vbnet", "vbproj")]
        .iter()
        .map(|(language, ext)| element(&project(language, ext), "AssemblyName"))
        .collect();
    assert_ne!(assemblies[0], assemblies[1]);
    // Maven: Java and Kotlin differ in groupId.
    let java = element(&read(&out.join("java/pom.xml")), "groupId");
    let gradle = read(&out.join("kotlin/build.gradle.kts"));
    assert!(!gradle.contains(&format!("group = \"{java}\"")), "{java}");
}

#[test]
fn init_writes_a_starter_that_generates_and_never_overwrites() {
    let dir = scratch("init");
    succeeds(&dtogen_in(&dir, &["init"]));
    let starter = read(&dir.join("dtogen.toml"));
    let again = dtogen_in(&dir, &["init"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again.stderr).contains("already exists"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(read(&dir.join("dtogen.toml")), starter);

    // As written: every language from the built-in DTOs, fresh right after.
    succeeds(&dtogen_in(&dir, &[]));
    assert!(dir.join("generated/typescript/package.json").is_file());
    assert!(dir.join("generated/dart/pubspec.yaml").is_file());
    assert!(
        !dir.join("schema").exists(),
        "a config run writes only its languages"
    );
    succeeds(&dtogen_in(&dir, &["--check"]));

    // Every commented example is valid once uncommented.
    let uncommented: String = starter
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(rest)
                if rest.contains(" = ") && rest.starts_with(|c: char| c.is_ascii_lowercase()) =>
            {
                rest
            }
            _ => line,
        })
        .map(|line| format!("{line}\n"))
        .collect();
    assert_ne!(uncommented, starter);
    let examples = scratch("init-examples");
    fs::write(
        examples.join("api.schema.json"),
        read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/ai-server.schema.json")),
    )
    .expect("schema copied");
    fs::write(examples.join("dtogen.toml"), &uncommented).expect("config written");
    let output = dtogen_in(&examples, &["--lang", "java,python"]);
    succeeds(&output);
    assert!(examples
        .join("generated/java/src/main/java/com/acme/chat/AiServerClient.java")
        .is_file());
    assert!(examples
        .join("generated/python/src/acme_chat/__init__.py")
        .is_file());
}
