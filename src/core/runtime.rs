//! The process-wide tokio runtime: created on first use, never in MINIT, rebuilt after a fork.

use super::error::{Error, Result};
use std::future::Future;
use super::sync::lock;
use std::sync::Mutex;
use std::time::Duration;
use tokio::runtime::{Builder, Handle, Runtime};

struct Owned {
    pid: u32,
    runtime: Runtime,
}

static RUNTIME: Mutex<Option<Owned>> = Mutex::new(None);

fn block_signals_in_this_thread() {
    // SAFETY: sigfillset and pthread_sigmask only write the local set and this thread's mask.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut set);
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
    }
}

/// A handle to this process's runtime, building it on first use (and again in a forked child).
pub fn handle() -> Result<Handle> {
    let pid = super::pid::current();
    let mut guard = lock(&RUNTIME);
    if let Some(owned) = guard.as_ref().filter(|o| o.pid == pid) {
        return Ok(owned.runtime.handle().clone());
    }
    if let Some(inherited) = guard.take() {
        // A parent's runtime: its threads do not exist in this process, so it must never be dropped here.
        std::mem::forget(inherited);
    }
    let runtime = Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("amqp_confirm")
        .on_thread_start(block_signals_in_this_thread)
        .enable_all()
        .build()
        .map_err(|e| Error::Connection(format!("cannot start the AMQP runtime: {e}")))?;
    let handle = runtime.handle().clone();
    *guard = Some(Owned { pid, runtime });
    Ok(handle)
}

/// Whether this process has started its runtime.
pub fn is_started() -> bool {
    let guard = lock(&RUNTIME);
    guard.as_ref().is_some_and(|o| o.pid == super::pid::current())
}

/// Stops this process's runtime (module shutdown); a runtime inherited through fork is left alone.
pub fn shutdown(timeout: Duration) {
    let mut guard = lock(&RUNTIME);
    match guard.take() {
        Some(owned) if owned.pid == super::pid::current() => owned.runtime.shutdown_timeout(timeout),
        Some(inherited) => std::mem::forget(inherited),
        None => {}
    }
}

/// Runs `fut` on the runtime and blocks only the calling thread until it ends or `timeout` passes.
pub fn call<T, F>(what: &str, timeout: Duration, fut: F) -> Result<T>
where
    T: Send + 'static,
    F: Future<Output = Result<T>> + Send + 'static,
{
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    let task = handle()?.spawn(async move {
        let _ = tx.send(fut.await);
    });
    match rx.recv_timeout(timeout) {
        Ok(result) => result,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            task.abort();
            Err(Error::Timeout(format!("{what} did not complete within {:.3} s", timeout.as_secs_f64())))
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            Err(Error::Connection(format!("{what} stopped without an answer (runtime shut down)")))
        }
    }
}
