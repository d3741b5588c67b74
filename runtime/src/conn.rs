//! Per-connection timeouts at the socket: how long a client may take to send
//! a request's headers, and how long a kept-alive connection may sit idle.
//! (Body stalls are cut per request, in [`crate::body`].)
//!
//! The socket wrapper only limits reads while no request is being served: a
//! request in flight (including a long SSE stream) counts as busy from the
//! moment its handler is called until its response body has been written,
//! and the keep-alive wait starts when the last busy request ended.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use http_body::{Frame, SizeHint};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

/// The timeouts of one connection.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// From accept, or from a kept-alive request's first byte, to its complete headers.
    pub header: Duration,
    /// From the end of one response to the first byte of the next request.
    pub keep_alive: Duration,
    /// Longest pause within a request body (cut per request, in [`crate::body`]).
    pub body: Duration,
}

/// Requests of one connection currently being served, shared by the socket
/// wrapper and the service.
#[derive(Debug)]
pub struct Busy {
    requests: AtomicUsize,
    /// When the last request ended, in nanoseconds after `since`.
    ended: AtomicU64,
    since: Instant,
}

impl Default for Busy {
    fn default() -> Busy {
        Busy {
            requests: AtomicUsize::new(0),
            ended: AtomicU64::new(0),
            since: Instant::now(),
        }
    }
}

impl Busy {
    /// Marks a request as in flight until the guard is dropped.
    pub fn start(self: &Arc<Self>) -> BusyGuard {
        self.requests.fetch_add(1, Ordering::AcqRel);
        BusyGuard(self.clone())
    }

    fn is_busy(&self) -> bool {
        self.requests.load(Ordering::Acquire) > 0
    }

    fn ended_at(&self) -> Instant {
        self.since + Duration::from_nanos(self.ended.load(Ordering::Acquire))
    }
}

/// Ends a request's busy period on drop.
pub struct BusyGuard(Arc<Busy>);

impl Drop for BusyGuard {
    fn drop(&mut self) {
        let busy = &self.0;
        let nanos = u64::try_from(busy.since.elapsed().as_nanos()).unwrap_or(u64::MAX);
        busy.ended.store(nanos, Ordering::Release);
        busy.requests.fetch_sub(1, Ordering::AcqRel);
    }
}

/// What the connection is waiting for while no request is in flight.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Wait {
    /// A request is being served: no read deadline.
    Serving,
    /// Between requests, no byte of the next one yet.
    Idle,
    /// Part of a request's headers has arrived (or the connection is new).
    Head,
}

/// A socket that fails its reads once the client stalls past a deadline.
///
/// The timer is touched lazily: each request only moves `due`, and the
/// registered timer is reset only when it must fire earlier, or when it fires
/// before `due` (then it is re-armed). Resetting a tokio timer takes the timer
/// wheel's lock, which is worth avoiding on every request.
pub struct TimedIo<T> {
    inner: T,
    busy: Arc<Busy>,
    timeouts: Timeouts,
    wait: Wait,
    /// When the current wait times out.
    due: Instant,
    timer: Pin<Box<Sleep>>,
}

impl<T> TimedIo<T> {
    /// A freshly accepted connection: its first request's headers are due within `header`.
    pub fn new(inner: T, busy: Arc<Busy>, timeouts: Timeouts) -> TimedIo<T> {
        let due = Instant::now() + timeouts.header;
        TimedIo {
            inner,
            busy,
            timeouts,
            wait: Wait::Head,
            due,
            timer: Box::pin(tokio::time::sleep_until(due)),
        }
    }

    fn arm(&mut self, wait: Wait, after: Duration) {
        self.wait = wait;
        self.due = Instant::now() + after;
    }

    /// Keeps a wake-up registered no later than `due`, so a connection whose
    /// last request ends while nothing polls it is still looked at in time.
    fn keep_timer_within(&mut self, cx: &mut Context<'_>, due: Instant) {
        if self.timer.deadline() > due || self.timer.is_elapsed() {
            self.timer.as_mut().reset(due);
        }
        // Registers the waker; a timer firing early only costs a re-check.
        let _ = self.timer.as_mut().poll(cx);
    }

    /// Ready once `due` has passed.
    fn poll_due(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        if self.timer.deadline() > self.due {
            self.timer.as_mut().reset(self.due);
        }
        while self.timer.as_mut().poll(cx).is_ready() {
            if Instant::now() >= self.due {
                return Poll::Ready(());
            }
            // Fired for an earlier wait; sleep on until this one is due.
            let due = self.due;
            self.timer.as_mut().reset(due);
        }
        Poll::Pending
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for TimedIo<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        if this.busy.is_busy() {
            this.wait = Wait::Serving;
            let read = Pin::new(&mut this.inner).poll_read(cx, buf);
            if read.is_pending() {
                let due = Instant::now() + this.timeouts.keep_alive;
                this.keep_timer_within(cx, due);
            }
            return read;
        }
        if this.wait == Wait::Serving {
            // The last response is done: the connection idles until the next request.
            this.wait = Wait::Idle;
            this.due = this.busy.ended_at() + this.timeouts.keep_alive;
        }
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                if this.wait == Wait::Idle && buf.filled().len() > before {
                    this.arm(Wait::Head, this.timeouts.header);
                }
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => match this.poll_due(cx) {
                Poll::Ready(()) => {
                    let what = match this.wait {
                        Wait::Idle => "idle keep-alive connection",
                        _ => "request headers",
                    };
                    tracing::debug!("closing connection: {what} timed out");
                    Poll::Ready(Err(io::Error::new(
                        io::ErrorKind::TimedOut,
                        format!("{what} timed out"),
                    )))
                }
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for TimedIo<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// A response body that keeps its request busy until it is written (or dropped).
pub struct GuardedBody {
    inner: Body,
    _guard: BusyGuard,
}

impl GuardedBody {
    pub fn new(inner: Body, guard: BusyGuard) -> GuardedBody {
        GuardedBody {
            inner,
            _guard: guard,
        }
    }
}

impl http_body::Body for GuardedBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        Pin::new(&mut self.inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}
