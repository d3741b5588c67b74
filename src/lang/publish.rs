//! What every package needs to be published, decided once: the metadata each
//! manifest carries (raw; each backend escapes it for its format), the
//! LICENSE file for the licenses whose text dtogen knows, and the README's
//! license section.

use crate::model::metadata::Author;
use crate::model::version::pep440;
use crate::model::Model;

use super::GeneratedFile;

/// License texts dtogen can write, by SPDX id. `{holder}` is replaced by the
/// copyright holders (the authors' names). No year: output is deterministic,
/// and a year taken from the clock would make `dtogen --check` fail each January.
const LICENSE_TEXTS: &[(&str, &str)] = &[
    (
        "Apache-2.0",
        include_str!("../../templates/licenses/Apache-2.0.txt"),
    ),
    (
        "BSD-2-Clause",
        include_str!("../../templates/licenses/BSD-2-Clause.txt"),
    ),
    (
        "BSD-3-Clause",
        include_str!("../../templates/licenses/BSD-3-Clause.txt"),
    ),
    ("ISC", include_str!("../../templates/licenses/ISC.txt")),
    ("MIT", include_str!("../../templates/licenses/MIT.txt")),
    (
        "MPL-2.0",
        include_str!("../../templates/licenses/MPL-2.0.txt"),
    ),
    (
        "Unlicense",
        include_str!("../../templates/licenses/Unlicense.txt"),
    ),
];

/// The SPDX ids dtogen writes a LICENSE file for.
pub fn known_licenses() -> impl Iterator<Item = &'static str> {
    LICENSE_TEXTS.iter().map(|(id, _)| *id)
}

/// The package metadata every manifest carries. Missing values stay `None`
/// (or empty) and are left out of the manifests, never made up.
#[derive(Debug, Clone)]
pub struct Publish<'a> {
    /// SemVer 2.0, checked when loading; npm, Maven, NuGet, pub and Gradle take it as it is.
    pub version: &'a str,
    pub description: Option<&'a str>,
    /// An SPDX expression.
    pub license: Option<&'a str>,
    pub authors: Vec<Author>,
    pub repository: Option<&'a str>,
    pub homepage: Option<&'a str>,
}

impl<'a> Publish<'a> {
    pub fn new(model: &'a Model) -> Self {
        let package = &model.package;
        Self {
            version: &package.version,
            description: package.description.as_deref(),
            license: package.license.as_deref(),
            authors: package.authors.iter().map(|a| Author::parse(a)).collect(),
            repository: package.repository.as_deref(),
            homepage: package.homepage.as_deref(),
        }
    }

    /// The version as PyPI takes it (PEP 440): `2.0.0-beta.1` → `2.0.0b1`.
    pub fn python_version(&self) -> String {
        pep440(self.version)
    }

    /// The one project URL of registries that have a single URL field
    /// (Maven's `<url>`, NuGet's `PackageProjectUrl`): the homepage, else the repository.
    pub fn url(&self) -> Option<&'a str> {
        self.homepage.or(self.repository)
    }

    /// The SPDX page of a single-id license (`https://spdx.org/licenses/MIT.html`),
    /// for registries that want a license URL (Maven).
    pub fn license_url(&self) -> Option<String> {
        let license = self.license?;
        let single = !license.contains([' ', '(', ')']) && !license.starts_with("LicenseRef-");
        single.then(|| format!("https://spdx.org/licenses/{license}.html"))
    }

    /// Whether the package has a LICENSE file (the license is one dtogen has the text of).
    pub fn has_license_file(&self) -> bool {
        self.license_text().is_some()
    }

    /// The authors' names, comma-separated (NuGet's `Authors`, the LICENSE holder).
    pub fn author_names(&self) -> String {
        self.authors
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The `scm:git:` connection Maven wants for the repository.
    pub fn scm_connection(&self) -> Option<String> {
        self.repository
            .map(|url| format!("scm:git:{}", git_url(url)))
    }

    /// The repository as npm normalises it (`git+https://…/x.git`), so
    /// `npm publish` has nothing to correct.
    pub fn npm_repository(&self) -> Option<String> {
        self.repository.map(|url| format!("git+{}", git_url(url)))
    }

    fn license_text(&self) -> Option<&'static str> {
        let license = self.license?;
        LICENSE_TEXTS
            .iter()
            .find(|(id, _)| *id == license)
            .map(|(_, text)| *text)
    }
}

/// A repository URL ending in `.git`.
fn git_url(url: &str) -> String {
    let url = url.trim_end_matches('/');
    if url.ends_with(".git") {
        url.to_owned()
    } else {
        format!("{url}.git")
    }
}

/// The LICENSE file, when the license is one dtogen has the text of.
pub fn license_file(model: &Model) -> Option<GeneratedFile> {
    let publish = Publish::new(model);
    let text = publish.license_text()?;
    let holder = match publish.author_names() {
        names if names.is_empty() => format!("the authors of {}", model.package.title),
        names => names,
    };
    Some(GeneratedFile::new(
        "LICENSE",
        text.replace("{holder}", &holder),
    ))
}

/// The README's closing license section: the license and its file, or why
/// there is no file.
pub fn readme_section(model: &Model) -> Option<String> {
    let publish = Publish::new(model);
    let license = publish.license?;
    Some(if publish.has_license_file() {
        format!("## License\n\n{license}; see [LICENSE](LICENSE).\n")
    } else {
        format!(
            "## License\n\n{license}. dtogen has no text for this license, so this package has no \
             LICENSE file: add one before publishing (the registries show it).\n"
        )
    })
}

/// Adds what every package gets whatever its language: the LICENSE file and
/// the README's license section.
pub fn finish(model: &Model, mut files: Vec<GeneratedFile>) -> Vec<GeneratedFile> {
    if let Some(section) = readme_section(model) {
        if let Some(readme) = files
            .iter_mut()
            .find(|file| file.path.as_os_str() == "README.md")
        {
            readme.contents = format!("{}\n\n{section}", readme.contents.trim_end());
        }
    }
    files.extend(license_file(model));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_license_text_names_its_holder_where_it_has_one() {
        for (id, text) in LICENSE_TEXTS {
            let needs_holder = matches!(*id, "MIT" | "ISC" | "BSD-2-Clause" | "BSD-3-Clause");
            assert_eq!(text.contains("{holder}"), needs_holder, "{id}");
            assert!(text.len() > 400, "{id} is not a full license text");
        }
    }

    #[test]
    fn git_urls() {
        assert_eq!(
            git_url("https://github.com/a/b"),
            "https://github.com/a/b.git"
        );
        assert_eq!(
            git_url("https://github.com/a/b/"),
            "https://github.com/a/b.git"
        );
        assert_eq!(
            git_url("https://github.com/a/b.git"),
            "https://github.com/a/b.git"
        );
    }
}
