//! The PHP `AmqpConfirm\Confirmation` class: the handle `publish()` returns.

use super::args::OptFloat;
use super::exceptions::{to_php, to_php_with};
use super::status::Status;
use super::timeout::timeout;
use crate::core::confirmation::Confirmation as Core;
use crate::core::outcome::Outcome;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use std::sync::Arc;
use std::time::Duration;

/// The confirmation of one published message: poll it, wait for it, read its outcome.
#[php_class]
#[php(name = "AmqpConfirm\\Confirmation")]
pub struct Confirmation {
    inner: Arc<Core>,
    default_timeout: Duration,
}

impl Confirmation {
    /// Wraps a core handle; waits default to `default_timeout`.
    pub fn new(inner: Arc<Core>, default_timeout: Duration) -> Self {
        Confirmation { inner, default_timeout }
    }

    /// The core handle.
    pub fn core(&self) -> &Arc<Core> {
        &self.inner
    }

    /// This message's PHP handle (for an exception to carry): this very object.
    fn handle(&self) -> Option<ext_php_rs::types::Zval> {
        super::handles::zval(self.inner.clone(), self.default_timeout)
    }
}

impl Drop for Confirmation {
    fn drop(&mut self) {
        super::handles::forget(&self.inner, self);
    }
}

/// Why a message was not acked, as `reason()` and the logs say it (null when acked).
pub fn reason(outcome: &Outcome) -> Option<String> {
    match outcome {
        Outcome::Acked => None,
        Outcome::Spooled => Some("no broker answered: the message was written to the spool, to be delivered later".into()),
        Outcome::Nacked => Some("nacked by the broker".into()),
        Outcome::Returned { code, text } => Some(format!("{code} {text}")),
        Outcome::Failed(cause) if cause.code == 0 => Some(cause.text.clone()),
        Outcome::Failed(cause) => Some(format!("{} {}", cause.code, cause.text)),
    }
}

#[php_impl]
impl Confirmation {
    /// True once the message has an outcome. Never blocks.
    pub fn is_settled(&self) -> bool {
        self.inner.outcome().is_some()
    }

    /// The current status. Never blocks.
    pub fn status(&self) -> Status {
        self.inner.observe();
        self.inner.status().into()
    }

    /// Waits for the outcome: returns when acked; throws NackedException, ReturnedException or
    /// PublishFailedException for the other outcomes, TimeoutException when none came in time.
    pub fn wait(&self, timeout: OptFloat<1>) -> PhpResult<()> {
        const METHOD: &str = "AmqpConfirm\\Confirmation::wait()";
        let limit = self::timeout(METHOD, "Argument #1 ($timeout)", timeout.0, self.default_timeout)?;
        let outcome = self.inner.wait(limit).map_err(|e| to_php(e, METHOD))?;
        self.inner.observe();
        self.inner.result(outcome).map_err(|e| to_php_with(e, METHOD, self.handle()))
    }

    /// The message id (generated when the publisher did not give one).
    pub fn message_id(&self) -> String {
        self.inner.message_id().to_string()
    }

    /// The delivery tag on its channel; 0 until the message is handed to a channel.
    pub fn delivery_tag(&self) -> i64 {
        i64::try_from(self.inner.delivery_tag()).unwrap_or(i64::MAX)
    }

    /// Why the message was not acked (reply text or cause); null while pending or when acked.
    pub fn reason(&self) -> Option<String> {
        self.inner.observe();
        reason(&self.inner.outcome()?)
    }

    /// How many times the message was published: 1, more when it was republished after a lost channel or
    /// connection (or a nack, with retry_nacked).
    pub fn attempts(&self) -> i64 {
        self.inner.attempts().into()
    }

    /// The exchange the message was published to.
    pub fn exchange(&self) -> String {
        self.inner.exchange().to_string()
    }

    /// The routing key the message was published with.
    pub fn routing_key(&self) -> String {
        self.inner.routing_key().to_string()
    }

    /// What `var_dump()` and `print_r()` show: the message id, delivery tag, status, attempts, exchange,
    /// routing key and reason.
    #[php(name = "__debugInfo")]
    pub fn debug_info(&self) -> PhpResult<ZBox<ZendHashTable>> {
        let mut ht = ZendHashTable::new();
        ht.insert("messageId", self.message_id())?;
        ht.insert("deliveryTag", self.delivery_tag())?;
        ht.insert("status", self.status())?;
        ht.insert("attempts", self.attempts())?;
        ht.insert("exchange", self.exchange())?;
        ht.insert("routingKey", self.routing_key())?;
        match self.reason() {
            Some(reason) => ht.insert("reason", reason)?,
            None => ht.insert("reason", ())?,
        }
        Ok(ht)
    }
}
