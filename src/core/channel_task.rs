//! The task that owns one confirm-mode channel and does all its publishing, so tags match wire order.

use super::cause::Cause;
use super::confirmation::{settle_all, Confirmation};
use super::outcome::Outcome;
use super::tracker::{Return, Tracker};
use super::window::Window;
use lapin::message::BasicReturnMessage;
use lapin::options::{BasicPublishOptions, ConfirmSelectOptions};
use lapin::types::ShortString;
use lapin::{BasicProperties, Channel, Confirmation as LapinConfirmation, Connection, PublisherConfirm};
use std::collections::VecDeque;
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::sync::mpsc::UnboundedReceiver;

/// A message ready for the wire: validated and encoded on the PHP thread.
pub struct Outgoing {
    /// Exchange name.
    pub exchange: ShortString,
    /// Routing key.
    pub routing_key: ShortString,
    /// Body bytes.
    pub body: Vec<u8>,
    /// Encoded properties (message_id always set).
    pub properties: BasicProperties,
    /// Return when unroutable.
    pub mandatory: bool,
    /// The handle to settle.
    pub confirmation: Arc<Confirmation>,
}

/// What the publisher asks of its channel task.
pub enum Command {
    /// Publish one message.
    Publish(Box<Outgoing>),
    /// Finish what is in flight, close the channel and the connection, then tell the sender.
    Close(std::sync::mpsc::SyncSender<()>),
}

type Write = Pin<Box<dyn Future<Output = lapin::Result<PublisherConfirm>> + Send>>;

enum Step {
    NeedChannel,
    Closed,
}

struct ChannelTask {
    connection: Arc<Connection>,
    window: Arc<Window>,
    rx: UnboundedReceiver<Command>,
    channel: Option<Channel>,
    tracker: Tracker<Arc<Confirmation>>,
    writing: Vec<(u64, Write)>,
    confirming: Vec<(u64, PublisherConfirm)>,
    queue: VecDeque<Box<Outgoing>>,
    closing: Option<Option<std::sync::mpsc::SyncSender<()>>>,
    settled: Vec<(Arc<Confirmation>, Outcome)>,
}

/// Runs the channel task until the publisher closes or is dropped.
pub async fn run(connection: Arc<Connection>, window: Arc<Window>, rx: UnboundedReceiver<Command>) {
    let mut task = ChannelTask {
        connection,
        window,
        rx,
        channel: None,
        tracker: Tracker::default(),
        writing: Vec::new(),
        confirming: Vec::new(),
        queue: VecDeque::new(),
        closing: None,
        settled: Vec::new(),
    };
    loop {
        match poll_fn(|cx| task.poll_step(cx)).await {
            Step::NeedChannel => task.open_channel().await,
            Step::Closed => break,
        }
    }
    task.shut_down().await;
}

fn to_return(message: BasicReturnMessage) -> Return {
    Return {
        message_id: message.properties.message_id().as_ref().map(|id| id.to_string()),
        code: message.reply_code,
        text: message.reply_text.to_string(),
    }
}

impl ChannelTask {
    async fn open_channel(&mut self) {
        let opened = async {
            let channel = self.connection.create_channel().await?;
            channel.confirm_select(ConfirmSelectOptions::default()).await?;
            Ok::<_, lapin::Error>(channel)
        };
        match opened.await {
            Ok(channel) => self.channel = Some(channel),
            Err(e) => {
                let cause = Cause::from(&e);
                let failed = self.queue.drain(..).map(|m| (m.confirmation, Outcome::Failed(cause.clone())));
                settle_all(&self.window, failed.collect());
            }
        }
    }

    fn poll_step(&mut self, cx: &mut Context<'_>) -> Poll<Step> {
        let mut broken: Option<Cause> = None;
        self.receive(cx, &mut broken);
        self.poll_writes(cx, &mut broken);
        self.poll_confirms(cx, &mut broken);
        self.tracker.end_scan(&mut self.settled);
        if let Some(cause) = broken {
            self.tracker.reset(&cause, &mut self.settled);
            self.writing.clear();
            self.confirming.clear();
            self.channel = None;
        } else if self.tracker.has_held() {
            cx.waker().wake_by_ref();
        }
        settle_all(&self.window, std::mem::take(&mut self.settled));
        if !self.queue.is_empty() && self.channel.is_none() {
            return Poll::Ready(Step::NeedChannel);
        }
        if self.closing.is_some() && self.tracker.is_empty() && self.queue.is_empty() {
            return Poll::Ready(Step::Closed);
        }
        Poll::Pending
    }

    fn receive(&mut self, cx: &mut Context<'_>, broken: &mut Option<Cause>) {
        if self.channel.as_ref().is_some_and(|c| !c.status().connected()) && self.tracker.is_empty() {
            self.channel = None;
        }
        while let Some(queued) = self.queue.pop_front() {
            if self.channel.is_none() || broken.is_some() {
                self.queue.push_front(queued);
                return;
            }
            self.start(queued, cx, broken);
        }
        for _ in 0..4096 {
            match self.rx.poll_recv(cx) {
                Poll::Ready(Some(Command::Publish(out))) => {
                    if self.channel.is_none() || broken.is_some() {
                        self.queue.push_back(out);
                    } else {
                        self.start(out, cx, broken);
                    }
                }
                Poll::Ready(Some(Command::Close(done))) => self.closing = Some(Some(done)),
                Poll::Ready(None) => {
                    if self.closing.is_none() {
                        self.closing = Some(None);
                    }
                    return;
                }
                Poll::Pending => return,
            }
        }
        cx.waker().wake_by_ref();
    }

    fn start(&mut self, out: Box<Outgoing>, cx: &mut Context<'_>, broken: &mut Option<Cause>) {
        let Some(channel) = self.channel.clone() else { return };
        let Outgoing { exchange, routing_key, body, properties, mandatory, confirmation } = *out;
        let message_id = confirmation.message_id().to_string();
        let tag = self.tracker.publish(message_id, mandatory, confirmation.clone());
        confirmation.set_tag(tag);
        let options = BasicPublishOptions { mandatory, immediate: false };
        let mut write: Write = Box::pin(async move {
            channel.basic_publish(exchange, routing_key, options, &body, properties).await
        });
        match write.as_mut().poll(cx) {
            Poll::Ready(Ok(confirm)) => self.confirming.push((tag, confirm)),
            Poll::Ready(Err(e)) => {
                let cause = Cause::from(&e);
                self.tracker.fail(tag, &cause, &mut self.settled);
                *broken = Some(cause);
            }
            Poll::Pending => self.writing.push((tag, write)),
        }
    }

    fn poll_writes(&mut self, cx: &mut Context<'_>, broken: &mut Option<Cause>) {
        let (tracker, settled, confirming) = (&mut self.tracker, &mut self.settled, &mut self.confirming);
        self.writing.retain_mut(|(tag, write)| match write.as_mut().poll(cx) {
            Poll::Ready(Ok(confirm)) => {
                confirming.push((*tag, confirm));
                false
            }
            Poll::Ready(Err(e)) => {
                let cause = Cause::from(&e);
                tracker.fail(*tag, &cause, settled);
                *broken = Some(cause);
                false
            }
            Poll::Pending => true,
        });
    }

    fn poll_confirms(&mut self, cx: &mut Context<'_>, broken: &mut Option<Cause>) {
        let (tracker, settled) = (&mut self.tracker, &mut self.settled);
        self.confirming.retain_mut(|(tag, confirm)| match Pin::new(confirm).poll(cx) {
            Poll::Ready(Ok(LapinConfirmation::Ack(ret))) => {
                tracker.complete(*tag, true, ret.map(to_return), settled);
                false
            }
            Poll::Ready(Ok(LapinConfirmation::Nack(ret))) => {
                tracker.complete(*tag, false, ret.map(to_return), settled);
                false
            }
            Poll::Ready(Ok(LapinConfirmation::NotRequested)) => {
                tracker.fail(*tag, &Cause::other("channel was not in confirm mode"), settled);
                false
            }
            Poll::Ready(Err(e)) => {
                let cause = Cause::from(&e);
                tracker.fail(*tag, &cause, settled);
                *broken = Some(cause);
                false
            }
            Poll::Pending => true,
        });
    }

    async fn shut_down(&mut self) {
        if let Some(channel) = self.channel.take() {
            let _ = channel.close(200, "closed by client".into()).await;
        }
        let _ = self.connection.close(200, "closed by client".into()).await;
        if let Some(Some(done)) = self.closing.take() {
            let _ = done.send(());
        }
    }
}
