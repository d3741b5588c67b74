//! The configured providers, their live state, and which one serves a request.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::config::ProviderConfig;

/// One upstream and its live state.
#[derive(Debug)]
pub struct Provider {
    pub name: String,
    /// The API root without a trailing slash.
    pub base_url: String,
    /// `{base_url}/chat/completions`, parsed once (URL parsing shows up in profiles).
    pub chat_url: Option<reqwest::Url>,
    pub api_key: Option<String>,
    /// Public model name -> upstream model name.
    pub models: BTreeMap<String, String>,
    pub priority: i64,
    pub timeout: Duration,
    /// Caps requests in flight to this provider.
    permits: Arc<Semaphore>,
    /// Requests holding or waiting for a permit; the selection balances on it.
    in_flight: AtomicUsize,
    offline: AtomicBool,
    /// The requests that failed on this provider since its last success, each
    /// once: one request failing again and again is evidence about that
    /// request, not about the provider.
    failing: Mutex<Vec<u64>>,
    /// Set while a recovery probe task runs, so there is at most one per provider.
    probing: AtomicBool,
    /// Set while a probe checks whether one request's failure means the provider is down.
    confirming: AtomicBool,
}

/// What a failed call says about its provider.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Evidence {
    /// Enough different requests failed: the provider has just been marked offline.
    MarkedOffline,
    /// Too few different requests have failed: a probe must confirm before marking.
    Unconfirmed,
    /// Already offline, or this request's failure was already counted.
    Nothing,
}

/// Remembered failing requests per provider; more than the largest sensible `offline_after`.
const MAX_FAILING: usize = 64;

/// Holds a provider's in-flight slot; releasing it on drop keeps the count right on every path.
pub struct Slot {
    provider: Arc<Provider>,
    _permit: OwnedSemaphorePermit,
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.provider.in_flight.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Provider {
    fn new(config: &ProviderConfig) -> Provider {
        let api_key = config
            .api_key_env
            .as_ref()
            .and_then(|var| std::env::var(var).ok())
            .filter(|k| !k.is_empty());
        if let (Some(var), None) = (&config.api_key_env, &api_key) {
            tracing::warn!(provider = %config.name, env = %var, "api_key_env is set but the variable is empty or missing");
        }
        let base_url = config.base_url.trim_end_matches('/').to_string();
        Provider {
            name: config.name.clone(),
            chat_url: reqwest::Url::parse(&format!("{base_url}/chat/completions")).ok(),
            base_url,
            api_key,
            models: config.models.pairs().into_iter().collect(),
            priority: config.priority,
            timeout: Duration::from_secs(config.timeout_secs),
            permits: Arc::new(Semaphore::new(config.concurrency)),
            in_flight: AtomicUsize::new(0),
            offline: AtomicBool::new(false),
            failing: Mutex::new(Vec::new()),
            probing: AtomicBool::new(false),
            confirming: AtomicBool::new(false),
        }
    }

    /// Waits for a free slot under the provider's concurrency limit.
    pub async fn acquire(self: &Arc<Self>) -> Slot {
        self.in_flight.fetch_add(1, Ordering::Relaxed);
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .expect("provider semaphores are never closed");
        Slot {
            provider: self.clone(),
            _permit: permit,
        }
    }

    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::Relaxed)
    }

    pub fn is_offline(&self) -> bool {
        self.offline.load(Ordering::Relaxed)
    }

    /// The upstream name of a public model.
    pub fn upstream_model(&self, model: &str) -> Option<&str> {
        self.models.get(model).map(String::as_str)
    }

    /// Forgets past failures and brings the provider online.
    pub fn record_success(&self) {
        if let Ok(mut failing) = self.failing.lock() {
            failing.clear();
        }
        if self.offline.swap(false, Ordering::Relaxed) {
            tracing::info!(provider = %self.name, "provider back online");
        }
    }

    /// Records that `request` failed on this provider. The provider goes
    /// offline once `offline_after` different requests have failed since its
    /// last success; a request failing repeatedly counts once.
    pub fn record_failure(&self, request: u64, offline_after: u32) -> Evidence {
        if self.is_offline() {
            return Evidence::Nothing;
        }
        let (distinct, new) = match self.failing.lock() {
            Ok(mut failing) => {
                let new = !failing.contains(&request);
                if new {
                    if failing.len() >= MAX_FAILING {
                        failing.remove(0);
                    }
                    failing.push(request);
                }
                (failing.len(), new)
            }
            Err(_) => (0, false),
        };
        if distinct >= offline_after as usize {
            if self.mark_offline() {
                tracing::warn!(provider = %self.name, requests = distinct, "provider marked offline: different requests failed");
                return Evidence::MarkedOffline;
            }
            return Evidence::Nothing;
        }
        if new {
            Evidence::Unconfirmed
        } else {
            Evidence::Nothing
        }
    }

    /// Marks the provider offline; true if it was online.
    pub fn mark_offline(&self) -> bool {
        !self.offline.swap(true, Ordering::Relaxed)
    }

    /// Claims the right to run the recovery probe task; false when one already runs.
    pub fn start_probing(&self) -> bool {
        !self.probing.swap(true, Ordering::Relaxed)
    }

    pub fn stop_probing(&self) {
        self.probing.store(false, Ordering::Relaxed);
    }

    /// Claims the right to run a confirmation probe; false when one already runs.
    pub fn start_confirming(&self) -> bool {
        !self.confirming.swap(true, Ordering::Relaxed)
    }

    pub fn stop_confirming(&self) {
        self.confirming.store(false, Ordering::Relaxed);
    }
}

/// Why no provider could be chosen.
#[derive(Debug, Clone, PartialEq)]
pub enum SelectError {
    /// No provider serves the model.
    UnknownModel(String),
    /// The forced provider does not exist.
    UnknownProvider(String),
    /// The forced provider does not serve the model.
    ProviderLacksModel { provider: String, model: String },
    /// Every provider serving the model is offline.
    AllOffline(String),
}

impl std::fmt::Display for SelectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SelectError::UnknownModel(m) => write!(f, "model {m:?} is not served by any provider"),
            SelectError::UnknownProvider(p) => write!(f, "unknown provider {p:?}"),
            SelectError::ProviderLacksModel { provider, model } => {
                write!(f, "provider {provider:?} does not serve model {model:?}")
            }
            SelectError::AllOffline(m) => write!(f, "every provider of model {m:?} is offline"),
        }
    }
}

/// All providers.
#[derive(Debug)]
pub struct Providers {
    pub all: Vec<Arc<Provider>>,
}

impl Providers {
    pub fn new(configs: &[ProviderConfig]) -> Providers {
        Providers {
            all: configs.iter().map(|c| Arc::new(Provider::new(c))).collect(),
        }
    }

    pub fn by_name(&self, name: &str) -> Option<&Arc<Provider>> {
        self.all.iter().find(|p| p.name == name)
    }

    /// Checks a request can be routed at all, without regard to offline state.
    pub fn check(&self, model: &str, forced: Option<&str>) -> Result<(), SelectError> {
        match forced {
            Some(name) => {
                let p = self
                    .by_name(name)
                    .ok_or_else(|| SelectError::UnknownProvider(name.to_string()))?;
                if p.upstream_model(model).is_none() {
                    return Err(SelectError::ProviderLacksModel {
                        provider: name.to_string(),
                        model: model.to_string(),
                    });
                }
                Ok(())
            }
            None if self.all.iter().any(|p| p.upstream_model(model).is_some()) => Ok(()),
            None => Err(SelectError::UnknownModel(model.to_string())),
        }
    }

    /// The providers to try, in order. A forced provider is tried even when
    /// offline (the caller asked for it); otherwise offline ones are skipped,
    /// fewest in flight come first, then highest priority.
    pub fn candidates(
        &self,
        model: &str,
        forced: Option<&str>,
    ) -> Result<Vec<Arc<Provider>>, SelectError> {
        self.check(model, forced)?;
        if let Some(name) = forced {
            return Ok(self.by_name(name).into_iter().cloned().collect());
        }
        let mut list: Vec<Arc<Provider>> = self
            .all
            .iter()
            .filter(|p| p.upstream_model(model).is_some() && !p.is_offline())
            .cloned()
            .collect();
        if list.is_empty() {
            return Err(SelectError::AllOffline(model.to_string()));
        }
        list.sort_by(|a, b| {
            a.in_flight()
                .cmp(&b.in_flight())
                .then(b.priority.cmp(&a.priority))
        });
        Ok(list)
    }

    /// Public model names with the providers that serve them.
    pub fn models(&self) -> BTreeMap<String, Vec<String>> {
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for p in &self.all {
            for public in p.models.keys() {
                out.entry(public.clone()).or_default().push(p.name.clone());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Models;

    fn cfg(name: &str, priority: i64, models: &[&str]) -> ProviderConfig {
        ProviderConfig {
            name: name.into(),
            base_url: "http://127.0.0.1:1/v1/".into(),
            api_key_env: None,
            models: Models::List(models.iter().map(|m| m.to_string()).collect()),
            priority,
            concurrency: 2,
            timeout_secs: 5,
        }
    }

    #[tokio::test]
    async fn orders_by_in_flight_then_priority_and_skips_offline() {
        let ps = Providers::new(&[
            cfg("a", 1, &["m"]),
            cfg("b", 5, &["m"]),
            cfg("c", 9, &["x"]),
        ]);
        let names = |v: Vec<Arc<Provider>>| v.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(ps.candidates("m", None).unwrap()), ["b", "a"]);
        let _slot = ps.by_name("b").unwrap().acquire().await;
        assert_eq!(names(ps.candidates("m", None).unwrap()), ["a", "b"]);
        ps.by_name("a").unwrap().mark_offline();
        assert_eq!(names(ps.candidates("m", None).unwrap()), ["b"]);
        ps.by_name("b").unwrap().mark_offline();
        assert_eq!(
            ps.candidates("m", None).unwrap_err(),
            SelectError::AllOffline("m".into())
        );
        // Forcing an offline provider still tries it.
        assert_eq!(names(ps.candidates("m", Some("a")).unwrap()), ["a"]);
    }

    #[test]
    fn only_different_requests_mark_a_provider_offline() {
        let ps = Providers::new(&[cfg("a", 1, &["m"])]);
        let a = ps.by_name("a").unwrap();
        assert_eq!(a.record_failure(7, 2), Evidence::Unconfirmed);
        for _ in 0..10 {
            assert_eq!(a.record_failure(7, 2), Evidence::Nothing);
        }
        assert!(
            !a.is_offline(),
            "one request failing ten times is not evidence"
        );
        assert_eq!(a.record_failure(8, 2), Evidence::MarkedOffline);
        assert!(a.is_offline());
        a.record_success();
        assert!(!a.is_offline());
        assert_eq!(
            a.record_failure(8, 2),
            Evidence::Unconfirmed,
            "a success forgets past failures"
        );
    }

    #[test]
    fn forced_and_unknown_errors() {
        let ps = Providers::new(&[cfg("a", 1, &["m"]), cfg("c", 9, &["x"])]);
        assert!(matches!(
            ps.candidates("zz", None),
            Err(SelectError::UnknownModel(_))
        ));
        assert!(matches!(
            ps.candidates("m", Some("nope")),
            Err(SelectError::UnknownProvider(_))
        ));
        assert!(matches!(
            ps.candidates("m", Some("c")),
            Err(SelectError::ProviderLacksModel { .. })
        ));
        assert_eq!(ps.by_name("a").unwrap().base_url, "http://127.0.0.1:1/v1");
    }
}
