//! The TOML configuration file: listen address, database, auth and providers.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine;
use serde::Deserialize;

/// The whole configuration file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The address the server listens on.
    #[serde(default = "default_listen")]
    pub listen: String,
    /// The SQLite file jobs are stored in; created if missing.
    #[serde(default = "default_database")]
    pub database: PathBuf,
    /// Bearer keys that may call the API; empty means no auth.
    #[serde(default)]
    pub api_keys: Vec<String>,
    /// Signs ReplyTo deliveries (Standard Webhooks) when set.
    #[serde(default)]
    pub webhook_secret: Option<String>,
    /// Largest accepted request body, in bytes.
    #[serde(default = "default_max_body_bytes")]
    pub max_body_bytes: usize,
    /// How long shutdown waits for in-flight jobs before re-queueing them.
    #[serde(default = "default_shutdown_grace_secs")]
    pub shutdown_grace_secs: u64,
    /// Retry and failover tuning of upstream calls.
    #[serde(default)]
    pub retry: RetryConfig,
    /// Retry tuning and address policy of ReplyTo deliveries.
    #[serde(default)]
    pub reply: ReplyConfig,
    /// Client connection limits and timeouts.
    #[serde(default)]
    pub http: HttpConfig,
    /// ServiceStack-compatible `/api` behaviour.
    #[serde(default)]
    pub api: ApiConfig,
    /// The OpenAI-compatible upstreams.
    #[serde(default)]
    pub providers: Vec<ProviderConfig>,
}

/// One OpenAI-compatible upstream.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderConfig {
    /// A unique name, used by the `provider` request field.
    pub name: String,
    /// The API root, e.g. `http://127.0.0.1:11434/v1`.
    pub base_url: String,
    /// The environment variable holding the bearer key, if the upstream needs one.
    #[serde(default)]
    pub api_key_env: Option<String>,
    /// The models served: a list of names, or a table of public name -> upstream name.
    pub models: Models,
    /// Higher priority wins when in-flight counts tie.
    #[serde(default)]
    pub priority: i64,
    /// Maximum concurrent requests to this provider.
    #[serde(default = "default_concurrency")]
    pub concurrency: usize,
    /// Timeout of one upstream request.
    #[serde(default = "default_timeout_secs")]
    pub timeout_secs: u64,
}

/// The models of a provider: `["a", "b"]` or `{ public = "upstream" }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Models {
    /// Names served as they are.
    List(Vec<String>),
    /// Public names mapped to upstream names.
    Aliases(BTreeMap<String, String>),
}

impl Models {
    /// Public name -> upstream name pairs.
    pub fn pairs(&self) -> Vec<(String, String)> {
        match self {
            Models::List(names) => names.iter().map(|n| (n.clone(), n.clone())).collect(),
            Models::Aliases(map) => map.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        }
    }
}

/// Upstream retry, offline marking and probing.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetryConfig {
    /// Attempts per provider before failing over.
    #[serde(default = "default_attempts")]
    pub attempts: u32,
    /// First backoff delay; doubles each attempt.
    #[serde(default = "default_retry_base_ms")]
    pub base_delay_ms: u64,
    /// Upper bound of one backoff delay, Retry-After included.
    #[serde(default = "default_retry_max_ms")]
    pub max_delay_ms: u64,
    /// Failing requests (different ones) after which a provider is marked
    /// offline; one request's failures only mark it when a probe confirms.
    #[serde(default = "default_offline_after")]
    pub offline_after: u32,
    /// How often an offline provider is probed.
    #[serde(default = "default_probe_interval_ms")]
    pub probe_interval_ms: u64,
    /// How long a queued job waits for an offline model to come back before failing.
    #[serde(default = "default_offline_wait_secs")]
    pub offline_wait_secs: u64,
}

/// ReplyTo delivery retries.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyConfig {
    /// Attempts before a delivery is given up.
    #[serde(default = "default_reply_attempts")]
    pub attempts: u32,
    /// First backoff delay; doubles each attempt.
    #[serde(default = "default_reply_base_ms")]
    pub base_delay_ms: u64,
    /// Upper bound of one backoff delay.
    #[serde(default = "default_reply_max_ms")]
    pub max_delay_ms: u64,
    /// Timeout of one delivery request.
    #[serde(default = "default_reply_timeout_secs")]
    pub timeout_secs: u64,
    /// Lets ReplyTo reach loopback, private, link-local and other internal
    /// addresses (for on-premises receivers); off by default.
    #[serde(default)]
    pub allow_private_networks: bool,
}

/// Limits on client connections, so stalled or idle clients cannot pile up.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpConfig {
    /// Longest wait for a request's headers, from the connection opening
    /// (or the first byte of a kept-alive connection's next request).
    #[serde(default = "default_header_timeout_secs")]
    pub header_timeout_secs: u64,
    /// Longest gap while reading a request body.
    #[serde(default = "default_body_timeout_secs")]
    pub body_timeout_secs: u64,
    /// How long a kept-alive connection may sit idle between requests.
    #[serde(default = "default_keep_alive_timeout_secs")]
    pub keep_alive_timeout_secs: u64,
    /// Most client connections open at once; more wait in the listen backlog.
    #[serde(default = "default_max_connections")]
    pub max_connections: usize,
}

/// The ServiceStack-compatible operations.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiConfig {
    /// The server's public base URL, e.g. `https://ai.example.com`; when set,
    /// `statusUrl` is absolute, otherwise a path from the server root.
    #[serde(default)]
    pub public_url: Option<String>,
    /// Longest time WaitForOpenAiChat waits for a job to finish.
    #[serde(default = "default_wait_timeout_secs")]
    pub wait_timeout_secs: u64,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self {
            attempts: default_attempts(),
            base_delay_ms: default_retry_base_ms(),
            max_delay_ms: default_retry_max_ms(),
            offline_after: default_offline_after(),
            probe_interval_ms: default_probe_interval_ms(),
            offline_wait_secs: default_offline_wait_secs(),
        }
    }
}

impl Default for ReplyConfig {
    fn default() -> Self {
        Self {
            attempts: default_reply_attempts(),
            base_delay_ms: default_reply_base_ms(),
            max_delay_ms: default_reply_max_ms(),
            timeout_secs: default_reply_timeout_secs(),
            allow_private_networks: false,
        }
    }
}

impl Default for HttpConfig {
    fn default() -> Self {
        Self {
            header_timeout_secs: default_header_timeout_secs(),
            body_timeout_secs: default_body_timeout_secs(),
            keep_alive_timeout_secs: default_keep_alive_timeout_secs(),
            max_connections: default_max_connections(),
        }
    }
}

fn default_listen() -> String {
    "127.0.0.1:5005".into()
}
fn default_database() -> PathBuf {
    "ai-server.db".into()
}
fn default_max_body_bytes() -> usize {
    8 * 1024 * 1024
}
fn default_shutdown_grace_secs() -> u64 {
    10
}
fn default_concurrency() -> usize {
    4
}
fn default_timeout_secs() -> u64 {
    120
}
fn default_attempts() -> u32 {
    3
}
fn default_retry_base_ms() -> u64 {
    500
}
fn default_retry_max_ms() -> u64 {
    30_000
}
fn default_offline_after() -> u32 {
    2
}
fn default_probe_interval_ms() -> u64 {
    15_000
}
fn default_offline_wait_secs() -> u64 {
    300
}
fn default_reply_attempts() -> u32 {
    10
}
fn default_reply_base_ms() -> u64 {
    1_000
}
fn default_reply_max_ms() -> u64 {
    300_000
}
fn default_reply_timeout_secs() -> u64 {
    30
}
fn default_header_timeout_secs() -> u64 {
    10
}
fn default_body_timeout_secs() -> u64 {
    30
}
fn default_keep_alive_timeout_secs() -> u64 {
    60
}
fn default_max_connections() -> usize {
    1024
}
fn default_wait_timeout_secs() -> u64 {
    60
}

/// A configuration error, naming the file, key and line.
#[derive(Debug)]
pub struct ConfigError(pub String, pub Option<String>);

impl ConfigError {
    fn new(message: String) -> ConfigError {
        ConfigError(message, None)
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Reads and validates a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError::new(format!("{}: {e}", path.display())))?;
        Config::parse(&text).map_err(|e| ConfigError::new(format!("{}: {}", path.display(), e.0)))
    }

    /// Parses and validates config text.
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        // toml's error Display already carries "line N, column M" and the offending key.
        let config: Config = toml::from_str(text).map_err(|e| ConfigError::new(e.to_string()))?;
        config
            .validate()
            .map_err(|e| match e.1.as_deref().and_then(|k| line_of(text, k)) {
                Some(line) => ConfigError::new(format!("line {line}: {}", e.0)),
                None => e,
            })?;
        Ok(config)
    }

    /// Checks what serde cannot: uniqueness, URLs, ranges.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let err =
            |key: String, msg: &str| Err(ConfigError(format!("invalid `{key}`: {msg}"), Some(key)));
        if self.listen.parse::<std::net::SocketAddr>().is_err() {
            return err("listen".into(), "expected host:port, e.g. 127.0.0.1:5005");
        }
        if self.api_keys.iter().any(|k| k.is_empty()) {
            return err("api_keys".into(), "keys must not be empty");
        }
        if let Some(secret) = &self.webhook_secret {
            if let Err(e) = webhook_key(secret) {
                return err("webhook_secret".into(), &e);
            }
        }
        if self.retry.attempts == 0 {
            return err("retry.attempts".into(), "must be at least 1");
        }
        if self.reply.attempts == 0 {
            return err("reply.attempts".into(), "must be at least 1");
        }
        if self.retry.offline_after < 2 {
            // One request's failures are evidence about that request only.
            return err(
                "retry.offline_after".into(),
                "must be at least 2 (failures from different requests)",
            );
        }
        for (key, secs) in [
            ("http.header_timeout_secs", self.http.header_timeout_secs),
            ("http.body_timeout_secs", self.http.body_timeout_secs),
            (
                "http.keep_alive_timeout_secs",
                self.http.keep_alive_timeout_secs,
            ),
        ] {
            if secs == 0 {
                return err(key.into(), "must be at least 1");
            }
        }
        if !(1..=1_000_000).contains(&self.http.max_connections) {
            return err("http.max_connections".into(), "must be 1 to 1000000");
        }
        if let Some(url) = &self.api.public_url {
            match reqwest::Url::parse(url) {
                Ok(u) if matches!(u.scheme(), "http" | "https") => {}
                _ => return err("api.public_url".into(), "expected an http(s) URL"),
            }
        }
        let mut names = HashSet::new();
        for (i, p) in self.providers.iter().enumerate() {
            let key = |k: &str| format!("providers[{i}].{k}");
            if p.name.trim().is_empty() {
                return err(key("name"), "must not be empty");
            }
            if !names.insert(p.name.as_str()) {
                return err(
                    key("name"),
                    &format!("duplicate provider name {:?}", p.name),
                );
            }
            match reqwest::Url::parse(&p.base_url) {
                Ok(url) if matches!(url.scheme(), "http" | "https") => {}
                _ => return err(key("base_url"), "expected an http(s) URL"),
            }
            if p.concurrency == 0 {
                return err(key("concurrency"), "must be at least 1");
            }
            if p.timeout_secs == 0 {
                return err(key("timeout_secs"), "must be at least 1");
            }
            let pairs = p.models.pairs();
            if pairs.is_empty() {
                return err(key("models"), "must list at least one model");
            }
            if pairs.iter().any(|(a, b)| a.is_empty() || b.is_empty()) {
                return err(key("models"), "model names must not be empty");
            }
        }
        Ok(())
    }

    /// The retry base delay as a Duration.
    pub fn probe_interval(&self) -> Duration {
        Duration::from_millis(self.retry.probe_interval_ms.max(1))
    }
}

/// The 1-based line of a dotted key path like `providers[1].base_url`, if present in the text.
fn line_of(text: &str, key: &str) -> Option<usize> {
    use toml::de::{DeTable, DeValue};
    let root = DeTable::parse(text).ok()?;
    let mut table: &DeTable = root.get_ref();
    let mut span = None;
    let parts: Vec<&str> = key.split('.').collect();
    for (n, part) in parts.iter().enumerate() {
        let (name, index) = match part.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (*part, None),
        };
        let (k, v) = table.iter().find(|(k, _)| k.get_ref().as_ref() == name)?;
        span = Some(k.span());
        let mut value = v.get_ref();
        if let Some(i) = index {
            value = match value {
                DeValue::Array(items) => items.get(i)?.get_ref(),
                _ => return None,
            };
        }
        if n + 1 < parts.len() {
            table = match value {
                DeValue::Table(t) => t,
                _ => return None,
            };
        }
    }
    let start = span?.start;
    Some(text.get(..start)?.matches('\n').count() + 1)
}

/// The HMAC key of a webhook secret: `whsec_<base64>` decodes, anything else is used as is.
pub fn webhook_key(secret: &str) -> Result<Vec<u8>, String> {
    if secret.is_empty() {
        return Err("must not be empty".into());
    }
    match secret.strip_prefix("whsec_") {
        Some(encoded) => base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .map_err(|e| format!("whsec_ secret is not valid base64: {e}")),
        None => Ok(secret.as_bytes().to_vec()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_list_and_alias_models() {
        let c = Config::parse(
            r#"
            [[providers]]
            name = "a"
            base_url = "http://127.0.0.1:1/v1"
            models = ["x", "y"]
            [[providers]]
            name = "b"
            base_url = "http://127.0.0.1:2/v1"
            [providers.models]
            public = "upstream"
            "#,
        )
        .unwrap();
        assert_eq!(c.providers[0].models.pairs().len(), 2);
        assert_eq!(
            c.providers[1].models.pairs(),
            vec![("public".to_string(), "upstream".to_string())]
        );
        assert_eq!(c.providers[0].concurrency, 4);
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let e = Config::parse("listen = \"127.0.0.1:1\"\nlisten_port = 3\n").unwrap_err();
        assert!(e.0.contains("line 2"), "{e}");
        assert!(e.0.contains("listen_port"), "{e}");
    }

    #[test]
    fn wrong_type_names_line() {
        let e = Config::parse("[[providers]]\nname = \"a\"\nbase_url = \"http://x\"\nmodels = [\"m\"]\nconcurrency = \"four\"\n").unwrap_err();
        assert!(e.0.contains("line 5"), "{e}");
    }

    #[test]
    fn semantic_errors_name_the_key() {
        let e = Config::parse(
            "[[providers]]\nname = \"a\"\nbase_url = \"ftp://x\"\nmodels = [\"m\"]\n",
        )
        .unwrap_err();
        assert!(e.0.contains("providers[0].base_url"), "{e}");
        assert!(e.0.starts_with("line 3:"), "{e}");
        let e = Config::parse(
            "[[providers]]\nname = \"a\"\nbase_url = \"http://x\"\nmodels = [\"m\"]\n\n[[providers]]\nname = \"a\"\nbase_url = \"http://y\"\nmodels = [\"m\"]\n",
        )
        .unwrap_err();
        assert!(
            e.0.starts_with("line 7: invalid `providers[1].name`"),
            "{e}"
        );
        let e = Config::parse("webhook_secret = \"whsec_!!!\"").unwrap_err();
        assert!(e.0.contains("webhook_secret"), "{e}");
    }

    #[test]
    fn connection_limits_and_offline_evidence_are_checked() {
        let c = Config::parse("").unwrap();
        assert_eq!(
            c.http.header_timeout_secs, 10,
            "headers are due within 10 s by default"
        );
        assert_eq!(c.http.max_connections, 1024);
        assert!(
            !c.reply.allow_private_networks,
            "internal addresses refused by default"
        );
        let e = Config::parse("[http]\nheader_timeout_secs = 0\n").unwrap_err();
        assert!(e.0.contains("http.header_timeout_secs"), "{e}");
        let e = Config::parse("[http]\nmax_connections = 0\n").unwrap_err();
        assert!(e.0.contains("http.max_connections"), "{e}");
        let e = Config::parse("[retry]\noffline_after = 1\n").unwrap_err();
        assert!(e.0.contains("retry.offline_after"), "{e}");
        let e = Config::parse("[api]\npublic_url = \"ftp://x\"\n").unwrap_err();
        assert!(e.0.contains("api.public_url"), "{e}");
    }

    #[test]
    fn shipped_example_config_is_valid() {
        let c = Config::parse(include_str!("../ai-server.example.toml")).unwrap();
        assert_eq!(c.listen, "127.0.0.1:5005");
        assert_eq!(c.providers[0].models.pairs().len(), 2);
    }

    #[test]
    fn whsec_secret_is_base64_decoded() {
        assert_eq!(webhook_key("whsec_aGVsbG8=").unwrap(), b"hello");
        assert_eq!(webhook_key("plain").unwrap(), b"plain");
    }
}
