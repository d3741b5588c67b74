//! What each registry reads from the generated manifests, for the built-in
//! package and for tests/schemas/published.schema.json (every piece of
//! metadata and a pre-release version): license, description, authors,
//! repository and homepage, the version in the registry's form, and the
//! LICENSE file. The registries' own validators run in scripts/verify; NuGet
//! has none reachable here, so the .NET project files are checked only here.

use std::collections::BTreeMap;
use std::path::Path;

use dtogen::cli::render;
use dtogen::lang;
use dtogen::source::SchemaSource;
use serde_json::Value;

/// Every file of every language, by `<lang>/<path>`.
fn files(source: SchemaSource) -> BTreeMap<String, String> {
    let model = source.model().unwrap_or_else(|e| panic!("{e}"));
    let mut files = BTreeMap::new();
    for backend in lang::BACKENDS {
        for file in render(*backend, &model).expect("renders") {
            let key = format!("{}/{}", backend.name(), file.path.display());
            files.insert(key, file.contents);
        }
    }
    files
}

fn published() -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/published.schema.json");
    files(SchemaSource::File(path))
}

fn file<'a>(files: &'a BTreeMap<String, String>, key: &str) -> &'a str {
    files
        .get(key)
        .unwrap_or_else(|| panic!("no {key}; have {:?}", files.keys().collect::<Vec<_>>()))
}

/// The one file of `lang` whose name ends with `suffix`.
fn file_ending<'a>(files: &'a BTreeMap<String, String>, lang: &str, suffix: &str) -> &'a str {
    let found: Vec<_> = files
        .iter()
        .filter(|(key, _)| key.starts_with(&format!("{lang}/")) && key.ends_with(suffix))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{lang}/*{suffix}: {:?}",
        found.iter().map(|f| f.0).collect::<Vec<_>>()
    );
    found[0].1
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

fn toml(text: &str) -> toml::Table {
    toml::from_str(text).expect("valid TOML")
}

/// The text of the child elements named `name` under `parent` (XML without namespaces in mind).
fn xml_texts(document: &roxmltree::Document, path: &[&str]) -> Vec<String> {
    let mut nodes = vec![document.root_element()];
    for name in path {
        nodes = nodes
            .iter()
            .flat_map(|node| node.children().filter(|c| c.tag_name().name() == *name))
            .collect();
    }
    nodes
        .iter()
        .map(|node| node.text().unwrap_or("").to_owned())
        .collect()
}

const AUTHORS: [(&str, Option<&str>); 3] = [
    ("Ada Lovelace", Some("ada@acme.test")),
    ("Zoë Ångström", Some("zoe@acme.test")),
    ("Acme Inc.", None),
];
const REPOSITORY: &str = "https://github.com/acme/chat";
const HOMEPAGE: &str = "https://acme.test/chat";

#[test]
fn npm_packages_carry_license_authors_and_urls() {
    let files = published();
    for lang in ["typescript", "javascript"] {
        let manifest = json(file(&files, &format!("{lang}/package.json")));
        assert_eq!(
            manifest["version"], "2.0.0-beta.1",
            "{lang}: npm takes SemVer"
        );
        assert_eq!(manifest["license"], "Apache-2.0", "{lang}");
        assert_eq!(manifest["author"], "Ada Lovelace <ada@acme.test>", "{lang}");
        assert_eq!(
            manifest["contributors"],
            serde_json::json!(["Zoë Ångström <zoe@acme.test>", "Acme Inc."]),
            "{lang}"
        );
        assert_eq!(manifest["repository"]["type"], "git", "{lang}");
        assert_eq!(
            manifest["repository"]["url"],
            format!("git+{REPOSITORY}.git"),
            "{lang}"
        );
        assert_eq!(manifest["homepage"], HOMEPAGE, "{lang}");
        assert!(manifest["description"]
            .as_str()
            .is_some_and(|d| d.starts_with("Acme's chat client")));
    }
}

#[test]
fn pyproject_carries_pep_639_license_authors_urls_and_a_pep_440_version() {
    let files = published();
    let pyproject = toml(file(&files, "python/pyproject.toml"));
    let project = pyproject["project"].as_table().expect("[project]");
    assert_eq!(project["version"].as_str(), Some("2.0.0b1"));
    assert_eq!(project["license"].as_str(), Some("Apache-2.0"));
    assert_eq!(
        project["license-files"].as_array().map(Vec::len),
        Some(1),
        "license-files names LICENSE"
    );
    let authors: Vec<(String, Option<String>)> = project["authors"]
        .as_array()
        .expect("authors")
        .iter()
        .map(|a| {
            (
                a["name"].as_str().expect("name").to_owned(),
                a.get("email").and_then(|e| e.as_str()).map(str::to_owned),
            )
        })
        .collect();
    let expected: Vec<_> = AUTHORS
        .iter()
        .map(|(n, e)| (n.to_string(), e.map(str::to_owned)))
        .collect();
    assert_eq!(authors, expected);
    let urls = project["urls"].as_table().expect("[project.urls]");
    assert_eq!(urls["Homepage"].as_str(), Some(HOMEPAGE));
    assert_eq!(urls["Repository"].as_str(), Some(REPOSITORY));
    let requires = pyproject["build-system"]["requires"]
        .as_array()
        .expect("requires");
    assert_eq!(
        requires[0].as_str(),
        Some("hatchling>=1.27"),
        "PEP 639 needs hatchling 1.27"
    );
}

#[test]
fn composer_json_carries_license_authors_homepage_and_source_but_no_version() {
    let files = published();
    let composer = json(file(&files, "php/composer.json"));
    assert_eq!(composer["license"], "Apache-2.0");
    let authors: Vec<_> = composer["authors"]
        .as_array()
        .expect("authors")
        .iter()
        .map(|a| (a["name"].as_str(), a["email"].as_str()))
        .collect();
    let expected: Vec<_> = AUTHORS.iter().map(|(n, e)| (Some(*n), *e)).collect();
    assert_eq!(authors, expected);
    assert_eq!(composer["homepage"], HOMEPAGE);
    assert_eq!(composer["support"]["source"], REPOSITORY);
    assert!(
        composer.get("version").is_none(),
        "Packagist takes versions from tags"
    );
}

#[test]
fn pom_carries_what_maven_central_requires_and_builds_sources_and_javadoc_jars() {
    let files = published();
    let text = file(&files, "java/pom.xml");
    let pom = roxmltree::Document::parse(text).expect("valid XML");
    assert_eq!(xml_texts(&pom, &["version"]), ["2.0.0-beta.1"]);
    assert_eq!(xml_texts(&pom, &["name"]), ["Acme Chat"]);
    assert_eq!(xml_texts(&pom, &["description"]).len(), 1);
    assert_eq!(xml_texts(&pom, &["url"]), [HOMEPAGE]);
    assert_eq!(
        xml_texts(&pom, &["licenses", "license", "name"]),
        ["Apache-2.0"]
    );
    assert_eq!(
        xml_texts(&pom, &["licenses", "license", "url"]),
        ["https://spdx.org/licenses/Apache-2.0.html"]
    );
    let names: Vec<_> = AUTHORS.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(xml_texts(&pom, &["developers", "developer", "name"]), names);
    let emails: Vec<_> = AUTHORS
        .iter()
        .filter_map(|(_, e)| e.map(str::to_owned))
        .collect();
    assert_eq!(
        xml_texts(&pom, &["developers", "developer", "email"]),
        emails
    );
    assert_eq!(xml_texts(&pom, &["scm", "url"]), [REPOSITORY]);
    assert_eq!(
        xml_texts(&pom, &["scm", "connection"]),
        [format!("scm:git:{REPOSITORY}.git")]
    );
    let plugins = xml_texts(&pom, &["build", "plugins", "plugin", "artifactId"]);
    for plugin in ["maven-source-plugin", "maven-javadoc-plugin"] {
        assert!(
            plugins.iter().any(|p| p == plugin),
            "{plugin} in {plugins:?}"
        );
    }
}

#[test]
fn dotnet_projects_carry_the_nuget_metadata_and_pack_license_and_readme() {
    let files = published();
    for (lang, suffix) in [
        ("csharp", ".csproj"),
        ("vbnet", ".vbproj"),
        ("fsharp", ".fsproj"),
    ] {
        let text = file_ending(&files, lang, suffix);
        let project = roxmltree::Document::parse(text).expect("valid XML");
        let property = |name: &str| xml_texts(&project, &["PropertyGroup", name]);
        assert_eq!(
            property("Version"),
            ["2.0.0-beta.1"],
            "{lang}: NuGet takes SemVer 2.0"
        );
        assert_eq!(
            property("PackageLicenseExpression"),
            ["Apache-2.0"],
            "{lang}"
        );
        assert_eq!(
            property("Authors"),
            ["Ada Lovelace, Zoë Ångström, Acme Inc."],
            "{lang}"
        );
        assert_eq!(property("RepositoryUrl"), [REPOSITORY], "{lang}");
        assert_eq!(property("RepositoryType"), ["git"], "{lang}");
        assert_eq!(property("PackageProjectUrl"), [HOMEPAGE], "{lang}");
        assert_eq!(property("PackageReadmeFile"), ["README.md"], "{lang}");
        assert_eq!(property("Description").len(), 1, "{lang}");
        let packed: Vec<_> = project
            .descendants()
            .filter(|n| n.has_tag_name("None") && n.attribute("Pack") == Some("true"))
            .filter_map(|n| n.attribute("Include"))
            .collect();
        assert_eq!(packed, ["README.md", "LICENSE"], "{lang}");
    }
}

#[test]
fn pubspec_and_gradle_carry_repository_homepage_and_pom_metadata() {
    let files = published();
    let pubspec = file(&files, "dart/pubspec.yaml");
    assert!(
        pubspec.contains(&format!("repository: \"{REPOSITORY}\"\n")),
        "{pubspec}"
    );
    assert!(
        pubspec.contains(&format!("homepage: \"{HOMEPAGE}\"\n")),
        "{pubspec}"
    );
    assert!(pubspec.contains("version: 2.0.0-beta.1\n"), "{pubspec}");
    let gradle = file(&files, "kotlin/build.gradle.kts");
    for line in [
        "withJavadocJar()".to_owned(),
        format!("url.set(\"{HOMEPAGE}\")"),
        "name.set(\"Apache-2.0\")".to_owned(),
        "name.set(\"Zoë Ångström\")".to_owned(),
        format!("connection.set(\"scm:git:{REPOSITORY}.git\")"),
    ] {
        assert!(gradle.contains(&line), "build.gradle.kts lacks {line}");
    }
}

#[test]
fn every_package_gets_the_license_text_with_its_holders() {
    let files = published();
    for backend in lang::BACKENDS {
        let name = backend.name();
        let license = file(&files, &format!("{name}/LICENSE"));
        assert!(license.contains("Apache License\n"), "{name}");
        assert!(license.contains("Version 2.0, January 2004"), "{name}");
        let readme = file(&files, &format!("{name}/README.md"));
        assert!(
            readme.ends_with("## License\n\nApache-2.0; see [LICENSE](LICENSE).\n"),
            "{name}: {}",
            &readme[readme.len().saturating_sub(200)..]
        );
    }
}

#[test]
fn the_built_in_package_is_mit_licensed_by_the_dtogen_authors_with_no_invented_urls() {
    let files = files(SchemaSource::BuiltIn);
    for backend in lang::BACKENDS {
        let name = backend.name();
        let license = file(&files, &format!("{name}/LICENSE"));
        assert!(
            license.starts_with("MIT License\n\nCopyright (c) The dtogen authors\n"),
            "{name}"
        );
    }
    let npm = json(file(&files, "typescript/package.json"));
    assert_eq!(npm["license"], "MIT");
    assert_eq!(npm["author"], "The dtogen authors");
    assert!(npm.get("repository").is_none() && npm.get("homepage").is_none());
    let pyproject = toml(file(&files, "python/pyproject.toml"));
    assert_eq!(pyproject["project"]["license"].as_str(), Some("MIT"));
    assert!(pyproject["project"].get("urls").is_none());
    let composer = json(file(&files, "php/composer.json"));
    assert_eq!(composer["license"], "MIT");
    assert!(composer.get("homepage").is_none() && composer.get("support").is_none());
    let pom = roxmltree::Document::parse(file(&files, "java/pom.xml")).expect("XML");
    assert_eq!(xml_texts(&pom, &["licenses", "license", "name"]), ["MIT"]);
    assert_eq!(
        xml_texts(&pom, &["developers", "developer", "name"]),
        ["The dtogen authors"]
    );
    assert!(xml_texts(&pom, &["scm"]).is_empty() && xml_texts(&pom, &["url"]).is_empty());
    let csproj = roxmltree::Document::parse(file_ending(&files, "csharp", ".csproj")).expect("XML");
    assert_eq!(
        xml_texts(&csproj, &["PropertyGroup", "PackageLicenseExpression"]),
        ["MIT"]
    );
    assert_eq!(
        xml_texts(&csproj, &["PropertyGroup", "Authors"]),
        ["The dtogen authors"]
    );
    assert!(xml_texts(&csproj, &["PropertyGroup", "RepositoryUrl"]).is_empty());
}

#[test]
fn a_license_without_a_known_text_gets_no_file_and_a_readme_note() {
    let schema = serde_json::json!({
        "title": "Dual",
        "x-package": {"name": "dual", "version": "1.0.0", "license": "MIT OR Apache-2.0"},
        "$defs": {"A": {"type": "object", "properties": {"a": {"type": "string"}}}}
    });
    let model = dtogen::model::load(&schema).expect("loads");
    for backend in lang::BACKENDS {
        let files = render(*backend, &model).expect("renders");
        assert!(
            !files.iter().any(|f| f.path == Path::new("LICENSE")),
            "{}",
            backend.name()
        );
        let readme = files
            .iter()
            .find(|f| f.path == Path::new("README.md"))
            .expect("README");
        assert!(
            readme
                .contents
                .contains("MIT OR Apache-2.0. dtogen has no text for this license"),
            "{}",
            backend.name()
        );
    }
    // Without a license: no file, no section, no license field.
    let schema = serde_json::json!({
        "title": "Bare",
        "$defs": {"A": {"type": "object", "properties": {"a": {"type": "string"}}}}
    });
    let model = dtogen::model::load(&schema).expect("loads");
    for backend in lang::BACKENDS {
        let files = render(*backend, &model).expect("renders");
        assert!(!files.iter().any(|f| f.path == Path::new("LICENSE")));
        for file in &files {
            let name = file.path.to_string_lossy();
            if name.ends_with("package.json") || name.ends_with("composer.json") {
                assert!(json(&file.contents).get("license").is_none(), "{name}");
            }
        }
    }
}

#[test]
fn an_invalid_version_stops_the_cli_with_exit_2_and_its_pointer() {
    let dir = std::env::temp_dir().join(format!("dtogen-publish-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let schema = dir.join("bad-version.schema.json");
    std::fs::write(
        &schema,
        r#"{"title": "T", "x-package": {"version": "1.0"}, "$defs": {}}"#,
    )
    .expect("write");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_dtogen"))
        .args(["--lang", "ts", "--schema"])
        .arg(&schema)
        .arg("--out")
        .arg(dir.join("out"))
        .output()
        .expect("runs dtogen");
    let message = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.contains("/x-package/version"), "{message}");
    assert!(
        message.contains("`1.0` is not a SemVer 2.0 version"),
        "{message}"
    );
    assert!(!dir.join("out").exists(), "nothing written");
    std::fs::remove_dir_all(&dir).ok();
}
