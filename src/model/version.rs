//! Package versions: SemVer 2.0 checked once when loading, and spelled for
//! registries that do not take SemVer as it is (PyPI wants PEP 440).

/// Checks `text` is a SemVer 2.0 version (`MAJOR.MINOR.PATCH[-pre][+build]`);
/// the error says which part is wrong.
pub fn check_semver(text: &str) -> Result<(), String> {
    let (rest, build) = match text.split_once('+') {
        Some((rest, build)) => (rest, Some(build)),
        None => (text, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (rest, None),
    };
    let parts: Vec<&str> = core.split('.').collect();
    if parts.len() != 3 {
        return Err(format!(
            "`{text}` is not a SemVer 2.0 version: it needs MAJOR.MINOR.PATCH, e.g. 1.2.3 or 2.0.0-beta.1"
        ));
    }
    for (part, what) in parts.iter().zip(["major", "minor", "patch"]) {
        if !is_number(part) {
            return Err(format!(
                "`{text}` is not a SemVer 2.0 version: the {what} version `{part}` must be a number without leading zeros"
            ));
        }
    }
    if let Some(pre) = pre {
        for identifier in pre.split('.') {
            if !is_identifier(identifier) {
                return Err(format!(
                    "`{text}` is not a SemVer 2.0 version: the pre-release identifier `{identifier}` must be non-empty [0-9A-Za-z-] without leading zeros in numbers"
                ));
            }
            if identifier.bytes().all(|b| b.is_ascii_digit()) && !is_number(identifier) {
                return Err(format!(
                    "`{text}` is not a SemVer 2.0 version: the numeric pre-release identifier `{identifier}` has a leading zero"
                ));
            }
        }
    }
    if let Some(build) = build {
        if let Some(bad) = build.split('.').find(|id| !is_identifier(id)) {
            return Err(format!(
                "`{text}` is not a SemVer 2.0 version: the build identifier `{bad}` must be non-empty [0-9A-Za-z-]"
            ));
        }
    }
    Ok(())
}

fn is_number(text: &str) -> bool {
    !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'))
        && text.parse::<u64>().is_ok()
}

fn is_identifier(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// The PEP 440 spelling of a SemVer version (checked by [`check_semver`]):
/// `2.0.0-beta.1` → `2.0.0b1`, `1.0.0-rc.2` → `1.0.0rc2`, `1.0.0-alpha` →
/// `1.0.0a0`, `1.0.0-dev.3` → `1.0.0.dev3`, `1.0.0-beta.1.post.2` →
/// `1.0.0b1.post2`. A pre-release label PEP 440 has no word for
/// (`-nightly.5`) becomes a development release (`.dev5`), which sorts
/// before the release as SemVer's pre-releases do. Build metadata is dropped:
/// it does not affect precedence, and PyPI refuses local versions.
pub fn pep440(semver: &str) -> String {
    let without_build = semver.split('+').next().unwrap_or(semver);
    let Some((core, pre)) = without_build.split_once('-') else {
        return without_build.to_owned();
    };
    let (mut pre_part, mut post_part, mut dev_part) = (None, None, None);
    let identifiers: Vec<&str> = pre.split('.').collect();
    let mut index = 0;
    while index < identifiers.len() {
        let identifier = identifiers[index];
        index += 1;
        // `beta2` is a label and its number in one identifier; `beta.2` in two.
        let split = identifier
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(identifier.len());
        let (label, mut number) = identifier.split_at(split);
        let label = label.trim_end_matches('-').to_ascii_lowercase();
        if label.is_empty() {
            // A bare number: a development release number.
            dev_part.get_or_insert(number_of(identifier));
            continue;
        }
        if number.is_empty() {
            if let Some(next) = identifiers.get(index) {
                if next.bytes().all(|b| b.is_ascii_digit()) {
                    number = next;
                    index += 1;
                }
            }
        }
        let number = number_of(number);
        match label.as_str() {
            "a" | "alpha" => {
                pre_part.get_or_insert(format!("a{number}"));
            }
            "b" | "beta" => {
                pre_part.get_or_insert(format!("b{number}"));
            }
            "c" | "rc" | "pre" | "preview" => {
                pre_part.get_or_insert(format!("rc{number}"));
            }
            "post" | "rev" | "r" => {
                post_part.get_or_insert(format!(".post{number}"));
            }
            _ => {
                dev_part.get_or_insert(number);
            }
        }
    }
    let mut out = core.to_owned();
    out.push_str(pre_part.as_deref().unwrap_or(""));
    out.push_str(post_part.as_deref().unwrap_or(""));
    if let Some(dev) = dev_part {
        out.push_str(&format!(".dev{dev}"));
    }
    out
}

/// The number in `digits` without leading zeros (0 when there is none).
fn number_of(digits: &str) -> String {
    let trimmed = digits.trim_start_matches('0');
    if trimmed.bytes().all(|b| b.is_ascii_digit()) && !trimmed.is_empty() {
        trimmed.to_owned()
    } else {
        "0".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semver_versions_are_accepted() {
        for version in [
            "0.1.0",
            "1.2.3",
            "10.20.30",
            "2.0.0-beta.1",
            "1.0.0-alpha",
            "1.0.0-0.3.7",
            "1.0.0-x.7.z.92",
            "1.0.0-alpha+001",
            "1.0.0+20130313144700",
            "1.0.0-beta+exp.sha.5114f85",
            "1.0.0-x-y-z.--",
        ] {
            assert_eq!(check_semver(version), Ok(()), "{version}");
        }
    }

    #[test]
    fn malformed_versions_say_what_is_wrong() {
        for (version, complaint) in [
            ("1.2", "MAJOR.MINOR.PATCH"),
            ("1.2.3.4", "MAJOR.MINOR.PATCH"),
            ("v1.2.3", "major version `v1`"),
            ("01.2.3", "major version `01`"),
            ("1.x.3", "minor version `x`"),
            ("1.2.3-", "pre-release identifier ``"),
            ("1.2.3-beta..1", "pre-release identifier ``"),
            ("1.2.3-01", "leading zero"),
            ("1.2.3-beta_1", "pre-release identifier `beta_1`"),
            ("1.2.3+", "build identifier ``"),
            ("", "MAJOR.MINOR.PATCH"),
        ] {
            let message = check_semver(version).expect_err(version);
            assert!(message.contains(complaint), "{version}: {message}");
        }
    }

    #[test]
    fn pep440_spells_pre_releases_as_python_does() {
        for (semver, python) in [
            ("1.2.3", "1.2.3"),
            ("2.0.0-beta.1", "2.0.0b1"),
            ("2.0.0-beta1", "2.0.0b1"),
            ("1.0.0-alpha", "1.0.0a0"),
            ("1.0.0-a.3", "1.0.0a3"),
            ("1.0.0-rc.2", "1.0.0rc2"),
            ("1.0.0-RC.2", "1.0.0rc2"),
            ("1.0.0-preview.4", "1.0.0rc4"),
            ("1.0.0-dev.3", "1.0.0.dev3"),
            ("1.0.0-beta.1.post.2", "1.0.0b1.post2"),
            ("1.0.0-alpha.1.dev.5", "1.0.0a1.dev5"),
            ("1.0.0-nightly.5", "1.0.0.dev5"),
            ("1.0.0-0.3.7", "1.0.0.dev0"),
            ("1.0.0-beta+exp.sha.5114f85", "1.0.0b0"),
            ("1.0.0+build.1", "1.0.0"),
        ] {
            assert_eq!(pep440(semver), python, "{semver}");
        }
    }
}
