//! Who runs the channel task's step: the runtime's task, and the PHP thread while it waits for an outcome or for
//! room (and for a publish into an idle window). Every future the step polls gets the same waker, which wakes the
//! PHP thread while it drives and the runtime's task otherwise, so a confirm wakes the thread that waits for it
//! directly: one thread hand-off less each way than the runtime settling and then waking the waiter.

use super::channel_task::{ChannelTask, Outgoing, Step};
use super::pid;
use super::sync::lock;
use super::window::{Drive, Window};
use std::future::poll_fn;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use tokio::runtime::Handle;

/// Routes the wake-ups of the step's futures to whichever thread drives.
struct Route {
    /// The PHP thread is driving (waiting on the window, which `poke` wakes).
    php: AtomicBool,
    /// The runtime's task, as it last polled.
    task: Mutex<Option<Waker>>,
    window: Arc<Window>,
}

impl Route {
    fn wake_task(&self) {
        if let Some(waker) = lock(&self.task).as_ref() {
            waker.wake_by_ref();
        }
    }
}

impl Wake for Route {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if self.php.load(Ordering::SeqCst) {
            self.window.poke();
        } else {
            self.wake_task();
        }
    }
}

/// The channel task's state under one lock, steppable from the runtime and from the PHP thread.
pub struct Driver {
    task: Mutex<ChannelTask>,
    route: Arc<Route>,
    waker: Waker,
    handle: Handle,
    pid: u32,
}

impl Driver {
    /// A driver for `task`, whose window's waiters will drive through it.
    pub(super) fn new(task: ChannelTask, window: Arc<Window>, handle: Handle) -> Arc<Driver> {
        let route = Arc::new(Route { php: AtomicBool::new(false), task: Mutex::new(None), window: window.clone() });
        let waker = Waker::from(route.clone());
        let driver = Arc::new(Driver { task: Mutex::new(task), route, waker, handle, pid: pid::current() });
        let weak: std::sync::Weak<dyn Drive> = Arc::downgrade(&driver) as std::sync::Weak<dyn Drive>;
        window.set_driver(weak);
        driver
    }

    /// The runtime's task: steps when woken, opens channels and closes, until the publisher is closed or dropped.
    pub(super) async fn run(self: Arc<Self>) {
        loop {
            let step = poll_fn(|cx| {
                let mut registered = lock(&self.route.task);
                if !registered.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
                    *registered = Some(cx.waker().clone());
                }
                drop(registered);
                let mut task = lock(&self.task);
                let step = task.poll_step(&mut Context::from_waker(&self.waker));
                if let Poll::Ready(Step::NeedChannel) = step {
                    task.reopening = true;
                }
                step
            })
            .await;
            match step {
                Step::NeedChannel => {
                    ChannelTask::open_channel(&self.task).await;
                    lock(&self.task).reopening = false;
                }
                Step::Closed => break,
            }
        }
        let end = lock(&self.task).take_for_shut_down();
        if let Some(channel) = end.channel {
            let _ = channel.close(200, "closed by client".into()).await;
        }
        if let Some(connection) = end.connection {
            let _ = connection.close(200, "closed by client".into()).await;
        }
        if let Some(done) = end.done {
            let _ = done.send(());
        }
    }

    /// Starts `out` on this thread when the channel is idle and open (its frames go to lapin's I/O thread
    /// without waking the runtime's); returns it otherwise, for the runtime's task.
    pub(super) fn start_here(&self, out: Arc<Outgoing>) -> Option<Arc<Outgoing>> {
        if self.pid != pid::current() {
            return Some(out);
        }
        let mut task = lock(&self.task);
        if !task.can_start() {
            return Some(out);
        }
        task.enqueue(out);
        self.step_locked(task);
        None
    }

    /// One step on this thread, in the runtime's context (the step may spawn timers); anything the step needs of
    /// the runtime's task (a channel to open, the close to finish) is handed to it.
    fn step_locked(&self, mut task: std::sync::MutexGuard<'_, ChannelTask>) {
        let _context = self.handle.enter();
        if task.reopening {
            return;
        }
        if task.poll_step(&mut Context::from_waker(&self.waker)).is_ready() {
            drop(task);
            self.route.wake_task();
        }
    }
}

impl Drive for Driver {
    fn begin(&self) -> bool {
        if self.pid != pid::current() || lock(&self.task).reopening {
            return false;
        }
        self.route.php.store(true, Ordering::SeqCst);
        true
    }

    fn step(&self) {
        self.step_locked(lock(&self.task));
    }

    fn end(&self) {
        self.route.php.store(false, Ordering::SeqCst);
        if !lock(&self.task).is_idle() || self.route.window.counts().in_flight > 0 {
            self.route.wake_task();
        }
    }
}
