//! Benchmarks ai-server on loopback against a tiny in-process upstream:
//! the gateway's added latency (through ai-server minus direct, sequential and
//! concurrent) and queued-job throughput (accepted and completed per second).
//!
//! `cargo run --release -p ai-server --bin ai-server-bench [-- --requests N --jobs N --concurrency N --rounds N]`
//!
//! Each latency figure is the median over `--rounds` rounds; every round
//! measures the direct call and then the call through ai-server with the same
//! client, request count and concurrency, and "added" is the difference of the
//! two within the round.

use std::sync::Arc;
use std::time::{Duration, Instant};

use ai_server::config::Config;
use axum::routing::{get, post};
use axum::Router;
use clap::Parser;
use tokio::net::TcpListener;

#[derive(Parser)]
#[command(name = "ai-server-bench")]
struct Args {
    /// Requests per latency run.
    #[arg(long, default_value_t = 3000)]
    requests: usize,
    /// Jobs for the throughput run.
    #[arg(long, default_value_t = 10000)]
    jobs: usize,
    /// Concurrent clients for the concurrent runs.
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    /// Rounds per latency figure: each round measures direct, then through
    /// ai-server, and the median of the rounds is reported.
    #[arg(long, default_value_t = 5)]
    rounds: usize,
    /// Worker threads of ai-server's runtime; by default one per core, as `main` uses.
    #[arg(long)]
    server_workers: Option<usize>,
}

const COMPLETION: &str = r#"{"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"bench","choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I help you today?"},"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":9,"total_tokens":18}}"#;

const REQUEST: &str = r#"{"model":"bench","messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"Hello there, how are you doing today?"}],"temperature":0.7}"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    // The upstream and ai-server each get their own runtime (as separate
    // processes would); the load generator runs on this thread.
    let up_addr = spawn_upstream()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(args, up_addr))
}

/// The stand-in upstream: a fixed completion, as fast as axum can answer.
fn spawn_upstream() -> Result<std::net::SocketAddr, Box<dyn std::error::Error>> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("upstream runtime");
        runtime.block_on(async move {
            let upstream = Router::new()
                .route(
                    "/v1/chat/completions",
                    post(|| async { ([("content-type", "application/json")], COMPLETION) }),
                )
                .route("/v1/models", get(|| async { "{}" }));
            let listener = TcpListener::from_std(listener).expect("upstream listener");
            let _ = axum::serve(listener, upstream).await;
        });
    });
    Ok(addr)
}

async fn run(args: Args, up_addr: std::net::SocketAddr) -> Result<(), Box<dyn std::error::Error>> {
    let db = std::env::temp_dir().join(format!("ai-server-bench-{}.db", std::process::id()));
    let config = Config::parse(&format!(
        r#"
database = "{}"
[[providers]]
name = "bench"
base_url = "http://{up_addr}/v1"
models = ["bench"]
concurrency = 64
"#,
        db.display()
    ))?;
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    listener.set_nonblocking(true)?;
    let gw_addr = listener.local_addr()?;
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let workers = args.server_workers;
    let server = std::thread::spawn(move || {
        let mut builder = tokio::runtime::Builder::new_multi_thread();
        if let Some(n) = workers {
            builder.worker_threads(n.max(1));
        }
        let runtime = builder.enable_all().build().expect("server runtime");
        runtime.block_on(async move {
            let listener = TcpListener::from_std(listener).expect("server listener");
            ai_server::serve(config, listener, async move {
                let _ = stop_rx.await;
            })
            .await
        })
    });

    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .build()?;
    let direct = format!("http://{up_addr}/v1/chat/completions");
    let gateway = format!("http://{gw_addr}/v1/chat/completions");

    let rounds = args.rounds.max(1);
    println!(
        "ai-server-bench: {} cores, {} requests per latency run, median of {rounds} rounds, {} jobs",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
        args.requests,
        args.jobs
    );
    // Warm up code paths and open every connection the concurrent runs use
    // (client to upstream, client to ai-server, ai-server to upstream), so no
    // measured request pays for a TCP handshake on either side.
    let warm = args.concurrency.max(1);
    latencies(&client, &direct, 100 * warm, warm).await?;
    latencies(&client, &gateway, 100 * warm, warm).await?;

    for concurrency in [1, args.concurrency] {
        // Both sides see the same client, request count and concurrency; the
        // rounds alternate them so drift in background load hits both alike.
        let mut figures: [Vec<f64>; 6] = Default::default();
        for _ in 0..rounds {
            let d = latencies(&client, &direct, args.requests, concurrency).await?;
            let g = latencies(&client, &gateway, args.requests, concurrency).await?;
            let round = [
                pct(&d, 50.0),
                pct(&d, 99.0),
                pct(&g, 50.0),
                pct(&g, 99.0),
                pct(&g, 50.0) - pct(&d, 50.0),
                pct(&g, 99.0) - pct(&d, 99.0),
            ];
            for (all, v) in figures.iter_mut().zip(round) {
                all.push(v);
            }
        }
        let [dp50, dp99, gp50, gp99, ap50, ap99] = figures.map(|mut v| {
            v.sort_by(f64::total_cmp);
            pct(&v, 50.0)
        });
        let label = if concurrency == 1 {
            "sequential".to_string()
        } else {
            format!("{concurrency} concurrent")
        };
        println!(
            "latency {label:>13}: direct p50 {dp50:>7.1} µs p99 {dp99:>7.1} µs | via ai-server p50 {gp50:>7.1} µs p99 {gp99:>7.1} µs | added p50 {ap50:>6.1} µs p99 {ap99:>6.1} µs",
        );
    }

    // The server's own view: time spent in the /v1 handler minus the upstream
    // wait (parsing, validation, routing; not socket I/O), from /metrics buckets.
    let metrics = client
        .get(format!("http://{gw_addr}/metrics"))
        .send()
        .await?
        .text()
        .await?;
    println!(
        "in-handler overhead (server-side histogram, bucket upper bounds): p50 <= {} µs, p99 <= {} µs",
        bucket_percentile(&metrics, 0.50),
        bucket_percentile(&metrics, 0.99)
    );

    // Queued jobs: how fast CreateOpenAiChat accepts (each persisted before
    // answering), and how fast they complete end to end.
    let create = Arc::new(format!("http://{gw_addr}/api/CreateOpenAiChat"));
    let body = Arc::new(format!(r#"{{"tag":"bench","request":{REQUEST}}}"#));
    let started = Instant::now();
    let mut tasks = Vec::new();
    let per_task = args.jobs / args.concurrency.max(1);
    for _ in 0..args.concurrency.max(1) {
        let (client, create, body) = (client.clone(), create.clone(), body.clone());
        tasks.push(tokio::spawn(async move {
            for _ in 0..per_task {
                let resp = client
                    .post(create.as_str())
                    .header("content-type", "application/json")
                    .body(body.as_str().to_owned())
                    .send()
                    .await?;
                if !resp.status().is_success() {
                    return Err(format!("create failed: {}", resp.status()).into());
                }
                resp.bytes().await?;
            }
            Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
        }));
    }
    for t in tasks {
        t.await?.map_err(|e| e.to_string())?;
    }
    let total = per_task * args.concurrency.max(1);
    let accepted = started.elapsed();
    let query = format!("http://{gw_addr}/api/QueryOpenAiChat?state=Completed&take=0");
    loop {
        let page: serde_json::Value =
            serde_json::from_slice(&client.get(&query).send().await?.bytes().await?)?;
        if page["total"].as_u64().unwrap_or(0) as usize >= total {
            break;
        }
        if started.elapsed() > Duration::from_secs(300) {
            return Err("jobs did not complete within 300 s".into());
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let completed = started.elapsed();
    println!(
        "queued jobs ({} clients): {total} accepted in {:.2} s = {:.0} jobs/s; all completed end to end in {:.2} s = {:.0} jobs/s",
        args.concurrency,
        accepted.as_secs_f64(),
        total as f64 / accepted.as_secs_f64(),
        completed.as_secs_f64(),
        total as f64 / completed.as_secs_f64(),
    );

    let _ = stop_tx.send(());
    let _ = server.join();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    Ok(())
}

/// Per-request latencies in microseconds, sorted.
async fn latencies(
    client: &reqwest::Client,
    url: &str,
    requests: usize,
    concurrency: usize,
) -> Result<Vec<f64>, Box<dyn std::error::Error>> {
    let per_task = requests / concurrency.max(1);
    let mut tasks = Vec::new();
    for _ in 0..concurrency.max(1) {
        let (client, url) = (client.clone(), url.to_string());
        tasks.push(tokio::spawn(async move {
            let mut out = Vec::with_capacity(per_task);
            for _ in 0..per_task {
                let started = Instant::now();
                let resp = client
                    .post(&url)
                    .header("content-type", "application/json")
                    .body(REQUEST)
                    .send()
                    .await?;
                let status = resp.status();
                resp.bytes().await?;
                if !status.is_success() {
                    return Err(format!("{url} answered {status}").into());
                }
                out.push(started.elapsed().as_secs_f64() * 1e6);
            }
            Ok::<Vec<f64>, Box<dyn std::error::Error + Send + Sync>>(out)
        }));
    }
    let mut all = Vec::with_capacity(requests);
    for t in tasks {
        all.extend(t.await?.map_err(|e| e.to_string())?);
    }
    all.sort_by(f64::total_cmp);
    Ok(all)
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let idx = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

/// The upper bound (µs) of the bucket holding the given quantile of
/// `aiserver_gateway_overhead_seconds`.
fn bucket_percentile(metrics: &str, q: f64) -> String {
    let buckets: Vec<(String, f64)> = metrics
        .lines()
        .filter_map(|l| l.strip_prefix("aiserver_gateway_overhead_seconds_bucket{le=\""))
        .filter_map(|l| {
            let (le, rest) = l.split_once("\"} ")?;
            Some((le.to_string(), rest.trim().parse().ok()?))
        })
        .collect();
    let total = buckets.last().map(|b| b.1).unwrap_or(0.0);
    buckets
        .iter()
        .find(|(_, n)| *n >= q * total)
        .map(|(le, _)| match le.parse::<f64>() {
            Ok(secs) => format!("{:.0}", secs * 1e6),
            Err(_) => le.clone(),
        })
        .unwrap_or_else(|| "?".into())
}
