//! Package identities: which per-language settings exist (dtogen.toml sections,
//! `x-package.<lang>` objects), the rules each value must follow for its
//! registry or language, and the default names when none is set.
//!
//! Defaults derive from the package name (`ai-server-client`); where two
//! languages publish to one registry, the second gets a suffix so that the
//! defaults never collide: npm `ai-server-client` (TypeScript) and
//! `ai-server-client-js` (JavaScript); NuGet `AiServer.Client` (C#),
//! `AiServer.Client.VisualBasic` (VB.NET) and `AiServer.Client.FSharp` (F#).

use crate::model::Package;

/// What a setting's value must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// An npm package name, optionally scoped (`@acme/chat`).
    Npm,
    /// A PyPI distribution name (PEP 508).
    PypiName,
    /// A Python module name: an identifier, not a keyword.
    PythonModule,
    /// A Java package: dot-separated identifiers, no keywords.
    JavaPackage,
    /// A Kotlin package: dot-separated identifiers, no hard keywords.
    KotlinPackage,
    /// A Maven groupId or artifactId.
    MavenId,
    /// A C# namespace.
    CSharpNamespace,
    /// A VB.NET namespace.
    VbNamespace,
    /// An F# namespace.
    FSharpNamespace,
    /// A NuGet package id.
    NugetId,
    /// A Composer package name, `vendor/package`.
    Composer,
    /// A PHP namespace, `Acme\Chat`.
    PhpNamespace,
    /// A Swift module name (an identifier).
    SwiftModule,
    /// A Swift package name.
    SwiftPackage,
    /// A Dart package name (pub.dev).
    DartPackage,
}

/// The settings each language has, with their rules, in dtogen.toml order.
pub const SETTINGS: &[(&str, &[(&str, Rule)])] = &[
    ("typescript", &[("name", Rule::Npm)]),
    ("javascript", &[("name", Rule::Npm)]),
    (
        "python",
        &[("name", Rule::PypiName), ("module", Rule::PythonModule)],
    ),
    (
        "php",
        &[("name", Rule::Composer), ("namespace", Rule::PhpNamespace)],
    ),
    (
        "java",
        &[
            ("group_id", Rule::MavenId),
            ("artifact_id", Rule::MavenId),
            ("package", Rule::JavaPackage),
        ],
    ),
    (
        "kotlin",
        &[
            ("group_id", Rule::MavenId),
            ("artifact_id", Rule::MavenId),
            ("package", Rule::KotlinPackage),
        ],
    ),
    (
        "csharp",
        &[
            ("namespace", Rule::CSharpNamespace),
            ("package_id", Rule::NugetId),
        ],
    ),
    (
        "fsharp",
        &[
            ("namespace", Rule::FSharpNamespace),
            ("package_id", Rule::NugetId),
        ],
    ),
    (
        "vbnet",
        &[
            ("namespace", Rule::VbNamespace),
            ("package_id", Rule::NugetId),
        ],
    ),
    (
        "swift",
        &[("name", Rule::SwiftPackage), ("module", Rule::SwiftModule)],
    ),
    ("dart", &[("name", Rule::DartPackage)]),
];

/// The settings of `language` (a canonical backend name).
pub fn settings_of(language: &str) -> Option<&'static [(&'static str, Rule)]> {
    SETTINGS
        .iter()
        .find(|(name, _)| *name == language)
        .map(|(_, keys)| *keys)
}

/// Checks every per-language setting of `package` (from `x-package`, or
/// merged from dtogen.toml) and its version; the error names the setting.
pub fn validate(package: &Package) -> Result<(), String> {
    semver(&package.version).map_err(|e| format!("x-package.version: {e}"))?;
    for (language, settings) in &package.languages {
        let Some(rules) = settings_of(language) else {
            return Err(format!(
                "x-package.{language}: not a language with settings; valid: {}",
                SETTINGS
                    .iter()
                    .map(|(l, _)| *l)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        };
        for (key, value) in settings {
            let Some((_, rule)) = rules.iter().find(|(k, _)| k == key) else {
                return Err(format!(
                    "x-package.{language}.{key}: unknown setting; valid: {}",
                    rules.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")
                ));
            };
            check(*rule, value).map_err(|e| format!("x-package.{language}.{key}: {e}"))?;
        }
    }
    Ok(())
}

/// A language's setting, or `default` when neither dtogen.toml nor
/// `x-package` sets it.
pub fn setting_or(
    package: &Package,
    language: &str,
    key: &str,
    default: impl FnOnce() -> String,
) -> String {
    package
        .setting(language, key)
        .map(str::to_owned)
        .unwrap_or_else(default)
}

/// The npm name: `[<language>] name`, else the package name, with `-js` for
/// JavaScript so that it never takes the TypeScript package's name.
pub fn npm_name(package: &Package, language: &str) -> String {
    setting_or(package, language, "name", || match language {
        "javascript" => format!("{}-js", package.name),
        _ => package.name.clone(),
    })
}

/// The NuGet package id: `[<language>] package_id`, else `base` (the C#
/// default), suffixed for F# and VB.NET so that the three never collide.
pub fn nuget_id(package: &Package, language: &str, base: &str) -> String {
    setting_or(package, language, "package_id", || match language {
        "fsharp" => format!("{base}.FSharp"),
        "vbnet" => format!("{base}.VisualBasic"),
        _ => base.to_owned(),
    })
}

/// Whether `value` follows `rule`; the error says what is wrong with it.
pub fn check(rule: Rule, value: &str) -> Result<(), String> {
    let shown = format!("`{value}`");
    match rule {
        Rule::Npm => npm(value),
        Rule::PypiName => pypi_name(value),
        Rule::PythonModule => identifier_not_in(value, PYTHON_KEYWORDS, "a Python module name"),
        Rule::JavaPackage => dotted(value, JAVA_KEYWORDS, false, "a Java package"),
        Rule::KotlinPackage => dotted(value, KOTLIN_KEYWORDS, false, "a Kotlin package"),
        Rule::MavenId => {
            if !value.is_empty()
                && value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
            {
                Ok(())
            } else {
                Err(format!(
                    "{shown} is not a Maven id: use letters, digits, `_`, `.` and `-`"
                ))
            }
        }
        Rule::CSharpNamespace => dotted(value, CSHARP_KEYWORDS, false, "a C# namespace"),
        Rule::VbNamespace => dotted(value, VB_KEYWORDS, true, "a VB.NET namespace"),
        Rule::FSharpNamespace => dotted(value, FSHARP_KEYWORDS, false, "an F# namespace"),
        Rule::NugetId => {
            let valid = value.len() <= 100
                && !value.is_empty()
                && value.split('.').all(|part| {
                    !part.is_empty()
                        && part
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                });
            if valid {
                Ok(())
            } else {
                Err(format!("{shown} is not a NuGet package id: dot-separated parts of letters, digits, `_` and `-`, at most 100 characters"))
            }
        }
        Rule::Composer => composer(value),
        Rule::PhpNamespace => {
            let valid = !value.is_empty() && value.split('\\').all(is_identifier);
            if valid {
                Ok(())
            } else {
                Err(format!(
                    "{shown} is not a PHP namespace: identifiers separated by `\\`, e.g. `Acme\\Chat`"
                ))
            }
        }
        Rule::SwiftModule => identifier_not_in(value, SWIFT_KEYWORDS, "a Swift module name"),
        Rule::SwiftPackage => {
            if !value.is_empty()
                && value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
            {
                Ok(())
            } else {
                Err(format!(
                    "{shown} is not a Swift package name: use letters, digits, `_`, `.` and `-`"
                ))
            }
        }
        Rule::DartPackage => {
            let valid = value.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
                && value
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                && !DART_RESERVED.contains(&value);
            if valid {
                Ok(())
            } else {
                Err(format!("{shown} is not a Dart package name: lowercase letters, digits and `_`, not starting with a digit, not a reserved word"))
            }
        }
    }
}

/// A SemVer 2.0.0 version: `MAJOR.MINOR.PATCH`, optional `-pre.release` and `+build`.
pub fn semver(value: &str) -> Result<(), String> {
    crate::model::version::check_semver(value)
}

fn npm(value: &str) -> Result<(), String> {
    let part_ok = |part: &str| {
        !part.is_empty()
            && !part.starts_with(['.', '_'])
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._~".contains(c))
    };
    let valid = value.len() <= 214
        && match value.strip_prefix('@') {
            Some(scoped) => scoped
                .split_once('/')
                .is_some_and(|(scope, name)| part_ok(scope) && part_ok(name)),
            None => part_ok(value) && value != "node_modules" && value != "favicon.ico",
        };
    if valid {
        Ok(())
    } else {
        Err(format!("`{value}` is not an npm package name: lowercase letters, digits, `-`, `.`, `_` and `~`, not starting with `.` or `_`, at most 214 characters, optionally scoped as `@scope/name`"))
    }
}

fn pypi_name(value: &str) -> Result<(), String> {
    let inner_ok = value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
    let ends_ok = value.starts_with(|c: char| c.is_ascii_alphanumeric())
        && value.ends_with(|c: char| c.is_ascii_alphanumeric());
    if inner_ok && ends_ok {
        Ok(())
    } else {
        Err(format!("`{value}` is not a Python distribution name (PEP 508): letters, digits, `.`, `_` and `-`, starting and ending with a letter or digit"))
    }
}

fn composer(value: &str) -> Result<(), String> {
    // Packagist's pattern: ^[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$
    let part_ok = |part: &str, double_dash: bool| {
        let bytes = part.as_bytes();
        let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
        if bytes.is_empty() || !alnum(bytes[0]) || !alnum(bytes[bytes.len() - 1]) {
            return false;
        }
        let mut separators = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if alnum(b) {
                separators = 0;
                continue;
            }
            if !b"_.-".contains(&b) {
                return false;
            }
            separators += 1;
            let dashes = b == b'-' && bytes[i - 1] == b'-';
            if separators > 1 && !(double_dash && dashes && separators == 2) {
                return false;
            }
        }
        true
    };
    let valid = value
        .split_once('/')
        .is_some_and(|(vendor, name)| part_ok(vendor, false) && part_ok(name, true));
    if valid {
        Ok(())
    } else {
        Err(format!("`{value}` is not a Composer package name: `vendor/package` in lowercase letters, digits and single `_`, `.` or `-` between them"))
    }
}

fn is_identifier(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn identifier_not_in(value: &str, keywords: &str, what: &str) -> Result<(), String> {
    if !is_identifier(value) {
        Err(format!(
            "`{value}` is not {what}: an ASCII identifier (letters, digits, `_`, not starting with a digit)"
        ))
    } else if keywords.split_whitespace().any(|k| k == value) {
        Err(format!("`{value}` is not {what}: it is a keyword"))
    } else {
        Ok(())
    }
}

fn dotted(value: &str, keywords: &str, ignore_case: bool, what: &str) -> Result<(), String> {
    for segment in value.split('.') {
        if !is_identifier(segment) {
            return Err(format!("`{value}` is not {what}: `{segment}` is not an identifier (dot-separated ASCII identifiers, e.g. `com.acme.chat`)"));
        }
        let keyword = keywords.split_whitespace().any(|k| {
            if ignore_case {
                k.eq_ignore_ascii_case(segment)
            } else {
                k == segment
            }
        });
        if keyword {
            return Err(format!("`{value}` is not {what}: `{segment}` is a keyword"));
        }
    }
    Ok(())
}

const PYTHON_KEYWORDS: &str = "False None True and as assert async await break class continue \
def del elif else except finally for from global if import in is lambda nonlocal not or pass \
raise return try while with yield";

const JAVA_KEYWORDS: &str = "abstract assert boolean break byte case catch char class const \
continue default do double else enum extends final finally float for goto if implements import \
instanceof int interface long native new package private protected public return short static \
strictfp super switch synchronized this throw throws transient try void volatile while true \
false null _ var yield record sealed permits non-sealed";

const KOTLIN_KEYWORDS: &str = "as break class continue do else false for fun if in interface is \
null object package return super this throw true try typealias typeof val var when while";

const CSHARP_KEYWORDS: &str = "abstract as base bool break byte case catch char checked class \
const continue decimal default delegate do double else enum event explicit extern false finally \
fixed float for foreach goto if implicit in int interface internal is lock long namespace new \
null object operator out override params private protected public readonly ref return sbyte \
sealed short sizeof stackalloc static string struct switch this throw true try typeof uint ulong \
unchecked unsafe ushort using virtual void volatile while";

const VB_KEYWORDS: &str = "AddHandler AddressOf Alias And AndAlso As Boolean ByRef Byte ByVal \
Call Case Catch CBool CByte CChar CDate CDbl CDec Char CInt Class CLng CObj Const Continue CSByte \
CShort CSng CStr CType CUInt CULng CUShort Date Decimal Declare Default Delegate Dim DirectCast \
Do Double Each Else ElseIf End EndIf Enum Erase Error Event Exit False Finally For Friend \
Function Get GetType GetXMLNamespace Global GoSub GoTo Handles If Implements Imports In Inherits \
Integer Interface Is IsNot Let Lib Like Long Loop Me Mod Module MustInherit MustOverride MyBase \
MyClass Namespace Narrowing New Next Not Nothing NotInheritable NotOverridable Object Of On \
Operator Option Optional Or OrElse Overloads Overridable Overrides ParamArray Partial Private \
Property Protected Public RaiseEvent ReadOnly ReDim REM RemoveHandler Resume Return SByte Select \
Set Shadows Shared Short Single Static Step Stop String Structure Sub SyncLock Then Throw To \
True Try TryCast TypeOf UInteger ULong UShort Using Variant Wend When While Widening With \
WithEvents WriteOnly Xor";

const FSHARP_KEYWORDS: &str = "abstract and as assert base begin class default delegate do done \
downcast downto elif else end exception extern false finally fixed for fun function global if \
in inherit inline interface internal lazy let match member module mutable namespace new not null \
of open or override private public rec return select sig static struct then to true try type \
upcast use val void when while with yield const";

const SWIFT_KEYWORDS: &str = "associatedtype class deinit enum extension fileprivate func import \
init inout internal let open operator private precedencegroup protocol public rethrows static \
struct subscript typealias var break case catch continue default defer do else fallthrough for \
guard if in repeat return throw switch where while Any as await false is nil self Self super \
throws true try";

/// Dart's reserved words, which pub.dev refuses as package names.
const DART_RESERVED: &[&str] = &[
    "assert", "break", "case", "catch", "class", "const", "continue", "default", "do", "else",
    "enum", "extends", "false", "final", "finally", "for", "if", "in", "is", "new", "null",
    "rethrow", "return", "super", "switch", "this", "throw", "true", "try", "var", "void", "while",
    "with",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_names() {
        assert!(check(Rule::Npm, "@acme/chat").is_ok());
        assert!(check(Rule::Npm, "acme-chat.js").is_ok());
        assert!(check(Rule::Npm, "Acme").is_err());
        assert!(check(Rule::Npm, "@acme").is_err());
        assert!(check(Rule::Npm, "_private").is_err());
        assert!(check(Rule::PypiName, "acme-chat.client_2").is_ok());
        assert!(check(Rule::PypiName, "-acme").is_err());
        assert!(check(Rule::PythonModule, "acme_chat").is_ok());
        assert!(check(Rule::PythonModule, "class").is_err());
        assert!(check(Rule::PythonModule, "acme-chat").is_err());
        assert!(check(Rule::JavaPackage, "com.acme.chat").is_ok());
        assert!(check(Rule::JavaPackage, "com.acme.class").is_err());
        assert!(check(Rule::JavaPackage, "com..acme").is_err());
        assert!(check(Rule::JavaPackage, "com.1acme").is_err());
        assert!(check(Rule::KotlinPackage, "com.acme.fun").is_err());
        assert!(check(Rule::CSharpNamespace, "Acme.Chat").is_ok());
        assert!(check(Rule::CSharpNamespace, "Acme.event").is_err());
        assert!(check(Rule::VbNamespace, "Acme.module").is_err());
        assert!(check(Rule::NugetId, "Acme.Chat.Client").is_ok());
        assert!(check(Rule::NugetId, "Acme Chat").is_err());
        assert!(check(Rule::Composer, "acme/chat-client").is_ok());
        assert!(check(Rule::Composer, "acme/chat--client").is_ok());
        assert!(check(Rule::Composer, "acme--x/chat").is_err());
        assert!(check(Rule::Composer, "Acme/Chat").is_err());
        assert!(check(Rule::Composer, "acme").is_err());
        assert!(check(Rule::PhpNamespace, "Acme\\Chat").is_ok());
        assert!(check(Rule::PhpNamespace, "Acme.Chat").is_err());
        assert!(check(Rule::DartPackage, "acme_chat").is_ok());
        assert!(check(Rule::DartPackage, "AcmeChat").is_err());
        assert!(check(Rule::DartPackage, "class").is_err());
        assert!(check(Rule::SwiftModule, "AcmeChat").is_ok());
        assert!(check(Rule::SwiftModule, "Acme-Chat").is_err());
    }

    #[test]
    fn semver_versions() {
        for good in [
            "0.1.0",
            "2.3.4",
            "1.0.0-beta.1",
            "1.0.0-rc.1+build.5",
            "1.0.0+20260101",
        ] {
            assert!(semver(good).is_ok(), "{good}");
        }
        for bad in [
            "1.0", "01.2.3", "1.2.3-", "1.2.3-01", "v1.2.3", "1.2.3+", "1.2.x",
        ] {
            assert!(semver(bad).is_err(), "{bad}");
        }
    }
}
