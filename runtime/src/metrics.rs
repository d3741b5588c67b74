//! Prometheus text-format metrics, kept in memory.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;

use crate::providers::{Provider, Providers};

/// Latency buckets in seconds, fine at the low end to show the gateway's own overhead.
const BUCKETS: [f64; 19] = [
    0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
    0.1, 0.25, 0.5, 1.0, 2.5, 10.0, 60.0,
];

#[derive(Debug, Default, Clone)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

impl Histogram {
    fn observe(&mut self, secs: f64) {
        for (i, bound) in BUCKETS.iter().enumerate() {
            if secs <= *bound {
                self.counts[i] += 1;
            }
        }
        self.count += 1;
        self.sum += secs;
    }

    fn render(&self, out: &mut String, name: &str, labels: &str) {
        let sep = if labels.is_empty() { "" } else { "," };
        for (i, bound) in BUCKETS.iter().enumerate() {
            let _ = writeln!(
                out,
                "{name}_bucket{{{labels}{sep}le=\"{bound}\"}} {}",
                self.counts[i]
            );
        }
        let _ = writeln!(
            out,
            "{name}_bucket{{{labels}{sep}le=\"+Inf\"}} {}",
            self.count
        );
        let braces = if labels.is_empty() {
            String::new()
        } else {
            format!("{{{labels}}}")
        };
        let _ = writeln!(out, "{name}_sum{braces} {}", self.sum);
        let _ = writeln!(out, "{name}_count{braces} {}", self.count);
    }
}

/// method -> status -> count, for one route.
type MethodCounts = BTreeMap<String, BTreeMap<u16, u64>>;

/// All counters and histograms.
#[derive(Debug, Default)]
pub struct Metrics {
    /// route -> method -> status -> count.
    requests: Mutex<BTreeMap<String, MethodCounts>>,
    /// route -> latency.
    latency: Mutex<BTreeMap<String, Histogram>>,
    /// Time a /v1 request spent in the gateway itself (total minus upstream wait).
    overhead: Mutex<Histogram>,
    /// (provider, outcome) -> count.
    upstream: Mutex<BTreeMap<(String, String), u64>>,
    /// (outcome) -> ReplyTo delivery attempts.
    replies: Mutex<BTreeMap<String, u64>>,
    /// Jobs accepted but not yet picked up by a worker.
    pub queue_depth: AtomicI64,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while holding a metrics lock cannot leave the data inconsistent in a harmful way.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn escape(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

impl Metrics {
    pub fn http(&self, route: &str, method: &str, status: u16, secs: f64) {
        // Keys are only allocated the first time a series is seen.
        {
            let mut requests = lock(&self.requests);
            let methods = match requests.get_mut(route) {
                Some(methods) => methods,
                None => requests.entry(route.to_string()).or_default(),
            };
            let statuses = match methods.get_mut(method) {
                Some(statuses) => statuses,
                None => methods.entry(method.to_string()).or_default(),
            };
            *statuses.entry(status).or_default() += 1;
        }
        let mut latency = lock(&self.latency);
        match latency.get_mut(route) {
            Some(h) => h.observe(secs),
            None => latency.entry(route.to_string()).or_default().observe(secs),
        }
    }

    pub fn overhead(&self, secs: f64) {
        lock(&self.overhead).observe(secs.max(0.0));
    }

    pub fn upstream(&self, provider: &str, outcome: &str) {
        *lock(&self.upstream)
            .entry((provider.to_string(), outcome.to_string()))
            .or_default() += 1;
    }

    pub fn reply(&self, outcome: &str) {
        *lock(&self.replies).entry(outcome.to_string()).or_default() += 1;
    }

    pub fn queue_add(&self, n: i64) {
        self.queue_depth.fetch_add(n, Ordering::Relaxed);
    }

    /// The text exposition; job counts come from the store at scrape time.
    pub fn render(&self, providers: &Providers, jobs: &[(String, i64)]) -> String {
        let mut out = String::new();
        out.push_str("# HELP aiserver_http_requests_total HTTP requests by route, method and status.\n# TYPE aiserver_http_requests_total counter\n");
        for (route, methods) in lock(&self.requests).iter() {
            for (method, statuses) in methods {
                for (status, n) in statuses {
                    let _ = writeln!(
                        out,
                        "aiserver_http_requests_total{{route=\"{}\",method=\"{method}\",status=\"{status}\"}} {n}",
                        escape(route)
                    );
                }
            }
        }
        out.push_str("# HELP aiserver_http_request_duration_seconds HTTP request latency by route.\n# TYPE aiserver_http_request_duration_seconds histogram\n");
        for (route, h) in lock(&self.latency).iter() {
            h.render(
                &mut out,
                "aiserver_http_request_duration_seconds",
                &format!("route=\"{}\"", escape(route)),
            );
        }
        out.push_str("# HELP aiserver_gateway_overhead_seconds Time /v1 requests spent in the gateway itself, upstream wait excluded.\n# TYPE aiserver_gateway_overhead_seconds histogram\n");
        lock(&self.overhead).render(&mut out, "aiserver_gateway_overhead_seconds", "");
        out.push_str("# HELP aiserver_upstream_requests_total Upstream attempts by provider and outcome (ok or the error kind).\n# TYPE aiserver_upstream_requests_total counter\n");
        for ((provider, outcome), n) in lock(&self.upstream).iter() {
            let _ = writeln!(
                out,
                "aiserver_upstream_requests_total{{provider=\"{}\",outcome=\"{outcome}\"}} {n}",
                escape(provider)
            );
        }
        out.push_str("# HELP aiserver_upstream_errors_total Failed upstream attempts by provider.\n# TYPE aiserver_upstream_errors_total counter\n");
        let mut errors: BTreeMap<&str, u64> = BTreeMap::new();
        let upstream = lock(&self.upstream);
        for ((provider, outcome), n) in upstream.iter() {
            if outcome != "ok" {
                *errors.entry(provider).or_default() += n;
            }
        }
        for (provider, n) in errors {
            let _ = writeln!(
                out,
                "aiserver_upstream_errors_total{{provider=\"{}\"}} {n}",
                escape(provider)
            );
        }
        drop(upstream);
        out.push_str("# HELP aiserver_reply_deliveries_total ReplyTo delivery attempts by outcome.\n# TYPE aiserver_reply_deliveries_total counter\n");
        for (outcome, n) in lock(&self.replies).iter() {
            let _ = writeln!(
                out,
                "aiserver_reply_deliveries_total{{outcome=\"{outcome}\"}} {n}"
            );
        }
        out.push_str("# HELP aiserver_queue_depth Jobs waiting for a worker.\n# TYPE aiserver_queue_depth gauge\n");
        let _ = writeln!(
            out,
            "aiserver_queue_depth {}",
            self.queue_depth.load(Ordering::Relaxed).max(0)
        );
        out.push_str("# HELP aiserver_jobs Stored jobs by state.\n# TYPE aiserver_jobs gauge\n");
        for (state, n) in jobs {
            let _ = writeln!(out, "aiserver_jobs{{state=\"{}\"}} {n}", escape(state));
        }
        provider_gauge(
            &mut out,
            providers,
            "aiserver_provider_online",
            "Whether a provider is online (1) or marked offline (0).",
            |p| u64::from(!p.is_offline()),
        );
        provider_gauge(
            &mut out,
            providers,
            "aiserver_provider_in_flight",
            "Requests in flight or waiting per provider.",
            |p| p.in_flight() as u64,
        );
        out
    }
}

/// Writes a gauge with one `provider` sample per configured provider.
fn provider_gauge(
    out: &mut String,
    providers: &Providers,
    name: &str,
    help: &str,
    value: impl Fn(&Provider) -> u64,
) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge");
    for p in &providers.all {
        let _ = writeln!(
            out,
            "{name}{{provider=\"{}\"}} {}",
            escape(&p.name),
            value(p)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_buckets_are_cumulative() {
        let m = Metrics::default();
        m.http("/x", "GET", 200, 0.0002);
        m.http("/x", "GET", 200, 0.2);
        let text = m.render(&Providers { all: vec![] }, &[("Queued".into(), 3)]);
        assert!(
            text.contains(
                "aiserver_http_request_duration_seconds_bucket{route=\"/x\",le=\"0.00025\"} 1"
            ),
            "{text}"
        );
        assert!(text
            .contains("aiserver_http_request_duration_seconds_bucket{route=\"/x\",le=\"0.25\"} 2"));
        assert!(text.contains(
            "aiserver_http_requests_total{route=\"/x\",method=\"GET\",status=\"200\"} 2"
        ));
        assert!(text.contains("aiserver_jobs{state=\"Queued\"} 3"));
    }
}
