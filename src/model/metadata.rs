//! Checks on the package metadata that goes into every manifest, decided once
//! for whichever source it came from (the schema's `x-package`, a config file),
//! so no registry is handed a value it refuses.

use super::version::check_semver;
use super::Package;

/// A metadata value that no registry would accept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetadataError {
    /// The key under the package metadata, as a JSON pointer tail: `version`, `authors/1`.
    pub key: String,
    pub message: String,
}

impl Package {
    /// Checks the version (SemVer 2.0), the license (an SPDX expression),
    /// the authors (`Name` or `Name <email>`) and the URLs (http or https).
    pub fn validate(&self) -> Result<(), MetadataError> {
        let fail = |key: String, message: String| Err(MetadataError { key, message });
        if let Err(message) = check_semver(&self.version) {
            return fail("version".into(), message);
        }
        if let Some(license) = &self.license {
            if let Err(message) = check_spdx_expression(license) {
                return fail("license".into(), message);
            }
        }
        for (index, author) in self.authors.iter().enumerate() {
            if let Err(message) = check_author(author) {
                return fail(format!("authors/{index}"), message);
            }
        }
        for (key, url) in [
            ("repository", &self.repository),
            ("homepage", &self.homepage),
        ] {
            if let Some(url) = url {
                if let Err(message) = check_url(url) {
                    return fail(key.into(), message);
                }
            }
        }
        Ok(())
    }
}

/// An SPDX license expression's syntax: ids (`MIT`, `Apache-2.0`,
/// `LicenseRef-Acme`, `GPL-2.0+`) joined by `AND`/`OR`, `WITH` an exception,
/// in parentheses. Whether an id is on the SPDX list is the registries' call.
pub fn check_spdx_expression(text: &str) -> Result<(), String> {
    let spaced = text.replace('(', " ( ").replace(')', " ) ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let invalid = |why: &str| Err(format!("`{text}` is not an SPDX license expression: {why}"));
    if tokens.is_empty() {
        return invalid("it is empty (use an id such as MIT or Apache-2.0)");
    }
    let mut depth = 0usize;
    // Whether the next token must be an id (or `(`), else an operator (or `)`).
    let mut want_id = true;
    let mut after_with = false;
    for token in &tokens {
        match *token {
            "(" if want_id => depth += 1,
            ")" if !want_id => {
                if depth == 0 {
                    return invalid("a `)` closes nothing");
                }
                depth -= 1;
            }
            "AND" | "OR" | "WITH" if !want_id => {
                want_id = true;
                after_with = *token == "WITH";
            }
            id if want_id && is_license_id(id, after_with) => {
                want_id = false;
                after_with = false;
            }
            other if want_id => {
                return invalid(&format!(
                    "`{other}` is not a license id (letters, digits, `.` and `-`, e.g. MIT or Apache-2.0)"
                ))
            }
            other => {
                return invalid(&format!(
                    "`{other}` follows a license id where AND, OR or WITH is expected"
                ))
            }
        }
    }
    if want_id {
        return invalid("it ends where a license id is expected");
    }
    if depth != 0 {
        return invalid("a `(` is not closed");
    }
    Ok(())
}

fn is_license_id(token: &str, exception: bool) -> bool {
    let id = if exception {
        token
    } else {
        token.strip_suffix('+').unwrap_or(token)
    };
    let id = id
        .strip_prefix("DocumentRef-")
        .and_then(|rest| rest.split_once(':').map(|(_, id)| id))
        .unwrap_or(id);
    !id.is_empty()
        && !matches!(id, "AND" | "OR" | "WITH")
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

/// `Name` or `Name <email>`.
pub fn check_author(text: &str) -> Result<(), String> {
    let author = Author::parse(text);
    if author.name.is_empty() {
        return Err(format!(
            "`{text}` names no author: write `Name` or `Name <email>`"
        ));
    }
    match (&author.email, text.contains('<') || text.contains('>')) {
        (Some(email), _) if !is_email(email) => Err(format!(
            "`{text}`: `{email}` is not an email address (`Name <user@host>`)"
        )),
        (None, true) => Err(format!(
            "`{text}` is not `Name <email>`: the `<` and `>` around the email must both be there, at the end"
        )),
        _ => Ok(()),
    }
}

fn is_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((user, host)) => {
            !user.is_empty()
                && !host.is_empty()
                && !text.contains(char::is_whitespace)
                && !text.contains(['<', '>', '"'])
        }
        None => false,
    }
}

/// `http://` or `https://` and a host.
pub fn check_url(text: &str) -> Result<(), String> {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    match rest {
        Some(rest) if !rest.is_empty() && !text.contains(char::is_whitespace) => Ok(()),
        _ => Err(format!(
            "`{text}` is not an http(s) URL, e.g. https://github.com/acme/chat"
        )),
    }
}

/// An author split into name and email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    pub email: Option<String>,
}

impl Author {
    /// Splits `Name <email>`; without a trailing `<…>` the whole text is the name.
    pub fn parse(text: &str) -> Self {
        let text = text.trim();
        if let Some(open) = text.rfind('<') {
            if let Some(inner) = text[open + 1..].strip_suffix('>') {
                return Self {
                    name: text[..open].trim().to_owned(),
                    email: Some(inner.trim().to_owned()),
                };
            }
        }
        Self {
            name: text.to_owned(),
            email: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spdx_expressions() {
        for good in [
            "MIT",
            "Apache-2.0",
            "MIT OR Apache-2.0",
            "(MIT OR Apache-2.0) AND BSD-3-Clause",
            "GPL-2.0-or-later WITH Classpath-exception-2.0",
            "GPL-2.0+",
            "LicenseRef-Acme-1.0",
        ] {
            assert_eq!(check_spdx_expression(good), Ok(()), "{good}");
        }
        for (bad, complaint) in [
            ("", "empty"),
            ("MIT License", "`License` follows a license id"),
            ("MIT OR", "ends where a license id"),
            ("(MIT", "not closed"),
            ("MIT)", "closes nothing"),
            ("MIT/Apache", "`MIT/Apache` is not a license id"),
            ("OR MIT", "`OR` is not a license id"),
        ] {
            let message = check_spdx_expression(bad).expect_err(bad);
            assert!(message.contains(complaint), "{bad}: {message}");
        }
    }

    #[test]
    fn authors() {
        assert_eq!(
            Author::parse("Ada Lovelace <ada@example.test>"),
            Author {
                name: "Ada Lovelace".into(),
                email: Some("ada@example.test".into())
            }
        );
        assert_eq!(Author::parse("Acme").email, None);
        assert!(check_author("Ada <ada@example.test>").is_ok());
        assert!(check_author("Acme Inc.").is_ok());
        assert!(check_author("<ada@example.test>")
            .unwrap_err()
            .contains("names no author"));
        assert!(check_author("Ada <not an email>")
            .unwrap_err()
            .contains("not an email"));
        assert!(check_author("Ada <ada@example.test")
            .unwrap_err()
            .contains("must both be there"));
    }

    #[test]
    fn urls() {
        assert!(check_url("https://github.com/acme/chat").is_ok());
        assert!(check_url("github.com/acme/chat").is_err());
        assert!(check_url("https://").is_err());
    }
}
