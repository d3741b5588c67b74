//! Job persistence in SQLite (WAL), on one dedicated thread.
//!
//! Every operation is a closure sent to the thread; the thread runs whatever
//! is waiting in one transaction, so a burst of inserts costs one fsync-free
//! WAL commit instead of one per job.

use std::path::Path;
use std::sync::mpsc;
use std::time::SystemTime;

use rusqlite::{params, Connection, OptionalExtension, Row};
use tokio::sync::oneshot;

/// Most operations run in one transaction.
const MAX_BATCH: usize = 512;

/// Runs the database work and returns what reports its result after COMMIT.
type Op = Box<dyn FnOnce(&Connection) -> Done + Send>;
/// Reports an operation's result; the flag says whether its transaction committed.
type Done = Box<dyn FnOnce(bool) + Send>;

/// A handle to the store thread; cheap to clone.
#[derive(Clone)]
pub struct Store {
    tx: mpsc::Sender<Op>,
}

/// A store failure.
#[derive(Debug)]
pub enum StoreError {
    /// The refId is already taken by another job.
    DuplicateRefId,
    /// SQLite failed or the store thread is gone.
    Db(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::DuplicateRefId => f.write_str("a job with this refId already exists"),
            StoreError::Db(e) => write!(f, "database error: {e}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Db(e.to_string())
    }
}

/// A job to insert.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub ref_id: String,
    pub tag: Option<String>,
    pub forced_provider: Option<String>,
    pub model: String,
    /// The raw request JSON, unknown properties included.
    pub request: String,
    pub reply_to: Option<String>,
}

/// One stored job.
#[derive(Debug, Clone)]
pub struct JobRow {
    pub id: i64,
    pub ref_id: String,
    pub tag: Option<String>,
    pub provider: Option<String>,
    pub forced_provider: Option<String>,
    pub model: String,
    pub state: String,
    pub request: String,
    pub response: Option<String>,
    pub error: Option<String>,
    pub reply_to: Option<String>,
    pub reply_attempts: i64,
    pub reply_status: Option<String>,
    pub reply_state: Option<String>,
    pub created_date: String,
    pub completed_date: Option<String>,
    pub duration_ms: Option<i64>,
}

/// Reply states: waiting for delivery, delivered, given up.
pub const REPLY_PENDING: &str = "pending";
pub const REPLY_DELIVERED: &str = "delivered";
pub const REPLY_FAILED: &str = "failed";

const COLUMNS: &str = "id, ref_id, tag, provider, forced_provider, model, state, request, response, \
     error, reply_to, reply_attempts, reply_status, reply_state, created_date, completed_date, duration_ms";

fn row_to_job(r: &Row) -> rusqlite::Result<JobRow> {
    Ok(JobRow {
        id: r.get(0)?,
        ref_id: r.get(1)?,
        tag: r.get(2)?,
        provider: r.get(3)?,
        forced_provider: r.get(4)?,
        model: r.get(5)?,
        state: r.get(6)?,
        request: r.get(7)?,
        response: r.get(8)?,
        error: r.get(9)?,
        reply_to: r.get(10)?,
        reply_attempts: r.get(11)?,
        reply_status: r.get(12)?,
        reply_state: r.get(13)?,
        created_date: r.get(14)?,
        completed_date: r.get(15)?,
        duration_ms: r.get(16)?,
    })
}

/// The current time as RFC 3339 with milliseconds.
pub fn now_rfc3339() -> String {
    humantime::format_rfc3339_millis(SystemTime::now()).to_string()
}

impl Store {
    /// Opens (creating if missing) the database and starts the store thread.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             PRAGMA busy_timeout = 5000;
             CREATE TABLE IF NOT EXISTS jobs (
                 id INTEGER PRIMARY KEY AUTOINCREMENT,
                 ref_id TEXT NOT NULL UNIQUE,
                 tag TEXT,
                 provider TEXT,
                 forced_provider TEXT,
                 model TEXT NOT NULL,
                 state TEXT NOT NULL,
                 request TEXT NOT NULL,
                 response TEXT,
                 error TEXT,
                 reply_to TEXT,
                 reply_attempts INTEGER NOT NULL DEFAULT 0,
                 reply_status TEXT,
                 reply_state TEXT,
                 created_date TEXT NOT NULL,
                 completed_date TEXT,
                 duration_ms INTEGER
             );
             CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state);
             CREATE INDEX IF NOT EXISTS jobs_tag ON jobs(tag);
             CREATE INDEX IF NOT EXISTS jobs_reply_state ON jobs(reply_state);",
        )?;
        let (tx, rx) = mpsc::channel::<Op>();
        std::thread::Builder::new()
            .name("ai-server-store".into())
            .spawn(move || run(conn, rx))
            .map_err(|e| StoreError::Db(e.to_string()))?;
        Ok(Store { tx })
    }

    /// Runs `f` on the store thread and waits for its result.
    pub async fn call<R, F>(&self, f: F) -> Result<R, StoreError>
    where
        R: Send + 'static,
        F: FnOnce(&Connection) -> Result<R, StoreError> + Send + 'static,
    {
        let (done, result) = oneshot::channel();
        let op: Op = Box::new(move |conn| {
            let result = f(conn);
            // Answer only after COMMIT, so a caller never sees data that may be rolled back.
            Box::new(move |committed| {
                let result = match result {
                    Ok(_) if !committed => Err(StoreError::Db("commit failed".into())),
                    other => other,
                };
                let _ = done.send(result);
            })
        });
        self.tx
            .send(op)
            .map_err(|_| StoreError::Db("store thread stopped".into()))?;
        result
            .await
            .map_err(|_| StoreError::Db("store thread stopped".into()))?
    }

    /// Queues `f` without waiting; writes stay ordered with later calls.
    fn detach<F>(&self, f: F)
    where
        F: FnOnce(&Connection) -> rusqlite::Result<()> + Send + 'static,
    {
        let op: Op = Box::new(move |conn| {
            if let Err(e) = f(conn) {
                tracing::error!(error = %e, "store write failed");
            }
            Box::new(|_| {})
        });
        if self.tx.send(op).is_err() {
            tracing::error!("store thread stopped; write dropped");
        }
    }

    /// Inserts a Queued job and returns its id.
    pub async fn insert(&self, job: NewJob) -> Result<i64, StoreError> {
        self.call(move |c| {
            let result = c.execute(
                "INSERT INTO jobs (ref_id, tag, forced_provider, model, state, request, reply_to, created_date)
                 VALUES (?1, ?2, ?3, ?4, 'Queued', ?5, ?6, ?7)",
                params![
                    job.ref_id,
                    job.tag,
                    job.forced_provider,
                    job.model,
                    job.request,
                    job.reply_to,
                    now_rfc3339()
                ],
            );
            match result {
                Ok(_) => Ok(c.last_insert_rowid()),
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == rusqlite::ErrorCode::ConstraintViolation =>
                {
                    Err(StoreError::DuplicateRefId)
                }
                Err(e) => Err(e.into()),
            }
        })
        .await
    }

    /// Marks a job Started on a provider (not awaited: ordering is enough).
    pub fn mark_started(&self, id: i64, provider: String) {
        self.detach(move |c| {
            c.execute(
                "UPDATE jobs SET state = 'Started', provider = ?2 WHERE id = ?1",
                params![id, provider],
            )
            .map(|_| ())
        });
    }

    /// Records a job's outcome; `response` on success, `error` on failure.
    pub async fn finish(&self, outcome: Finish) -> Result<(), StoreError> {
        self.call(move |c| {
            c.execute(
                "UPDATE jobs SET state = ?2, provider = COALESCE(?3, provider), response = ?4, error = ?5,
                     completed_date = ?6, duration_ms = ?7,
                     reply_state = CASE WHEN reply_to IS NULL THEN NULL ELSE 'pending' END
                 WHERE id = ?1",
                params![
                    outcome.id,
                    outcome.state,
                    outcome.provider,
                    outcome.response,
                    outcome.error,
                    now_rfc3339(),
                    outcome.duration_ms
                ],
            )?;
            Ok(())
        })
        .await
    }

    /// Puts Started jobs back to Queued, e.g. at shutdown.
    pub async fn requeue_started(&self) -> Result<usize, StoreError> {
        self.call(|c| {
            Ok(c.execute(
                "UPDATE jobs SET state = 'Queued' WHERE state = 'Started'",
                [],
            )?)
        })
        .await
    }

    /// Records one ReplyTo attempt.
    pub async fn record_reply(
        &self,
        id: i64,
        attempts: i64,
        status: String,
        reply_state: &'static str,
    ) -> Result<(), StoreError> {
        self.call(move |c| {
            c.execute(
                "UPDATE jobs SET reply_attempts = ?2, reply_status = ?3, reply_state = ?4 WHERE id = ?1",
                params![id, attempts, status, reply_state],
            )?;
            Ok(())
        })
        .await
    }

    /// A job by id.
    pub async fn get(&self, id: i64) -> Result<Option<JobRow>, StoreError> {
        self.call(move |c| {
            let sql = format!("SELECT {COLUMNS} FROM jobs WHERE id = ?1");
            Ok(c.query_row(&sql, [id], row_to_job).optional()?)
        })
        .await
    }

    /// A job by refId.
    pub async fn get_by_ref(&self, ref_id: String) -> Result<Option<JobRow>, StoreError> {
        self.call(move |c| {
            let sql = format!("SELECT {COLUMNS} FROM jobs WHERE ref_id = ?1");
            Ok(c.query_row(&sql, [ref_id], row_to_job).optional()?)
        })
        .await
    }

    /// A page of jobs, newest first, and the total matching the filter.
    pub async fn query(
        &self,
        tag: Option<String>,
        state: Option<String>,
        skip: i64,
        take: i64,
    ) -> Result<(Vec<JobRow>, i64), StoreError> {
        self.call(move |c| {
            // Only the filters given, so SQLite can use the tag/state indexes.
            let filter = match (tag.is_some(), state.is_some()) {
                (true, true) => "tag = ?1 AND state = ?2",
                (true, false) => "tag = ?1 AND ?2 IS NULL",
                (false, true) => "?1 IS NULL AND state = ?2",
                (false, false) => "?1 IS NULL AND ?2 IS NULL",
            };
            let total: i64 = c.query_row(
                &format!("SELECT COUNT(*) FROM jobs WHERE {filter}"),
                params![tag, state],
                |r| r.get(0),
            )?;
            let mut stmt = c.prepare(&format!(
                "SELECT {COLUMNS} FROM jobs WHERE {filter} ORDER BY id DESC LIMIT ?3 OFFSET ?4"
            ))?;
            let rows = stmt
                .query_map(params![tag, state, take, skip], row_to_job)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok((rows, total))
        })
        .await
    }

    /// Jobs left Queued or Started, oldest first: they run again at startup.
    pub async fn unfinished(&self) -> Result<Vec<JobRow>, StoreError> {
        self.select_where("state IN ('Queued', 'Started')").await
    }

    /// Jobs whose ReplyTo delivery has not finished.
    pub async fn pending_replies(&self) -> Result<Vec<JobRow>, StoreError> {
        self.select_where("reply_state = 'pending'").await
    }

    async fn select_where(&self, filter: &'static str) -> Result<Vec<JobRow>, StoreError> {
        self.call(move |c| {
            let mut stmt = c.prepare(&format!(
                "SELECT {COLUMNS} FROM jobs WHERE {filter} ORDER BY id"
            ))?;
            let rows = stmt
                .query_map([], row_to_job)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })
        .await
    }

    /// Job counts per state, for metrics.
    pub async fn counts_by_state(&self) -> Result<Vec<(String, i64)>, StoreError> {
        self.call(|c| {
            let mut stmt = c.prepare("SELECT state, COUNT(*) FROM jobs GROUP BY state")?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })
        .await
    }
}

/// The outcome of a job.
#[derive(Debug, Clone)]
pub struct Finish {
    pub id: i64,
    /// `Completed` or `Failed`.
    pub state: &'static str,
    pub provider: Option<String>,
    pub response: Option<String>,
    pub error: Option<String>,
    pub duration_ms: Option<i64>,
}

fn run(conn: Connection, rx: mpsc::Receiver<Op>) {
    while let Ok(first) = rx.recv() {
        // A failed BEGIN just means the ops run in autocommit mode.
        let in_tx = conn.execute_batch("BEGIN").is_ok();
        let mut done = vec![first(&conn)];
        while done.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(op) => done.push(op(&conn)),
                Err(_) => break,
            }
        }
        let committed = !in_tx
            || match conn.execute_batch("COMMIT") {
                Ok(()) => true,
                Err(e) => {
                    tracing::error!(error = %e, "commit failed");
                    let _ = conn.execute_batch("ROLLBACK");
                    false
                }
            };
        for d in done {
            d(committed);
        }
    }
}
