//! What the broker said on the publishing connection, as the session reports it in wire order.

/// What the broker said, in the order it said it.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The channel is open in confirm mode: publishing may start (again), tags count from 1.
    Ready,
    /// `basic.ack`: the broker took responsibility for `tag` (and every earlier one if `multiple`).
    Acked {
        /// The delivery tag.
        tag: u64,
        /// Whether every earlier tag is acked too.
        multiple: bool,
    },
    /// `basic.nack`: the broker refused `tag` (and every earlier one if `multiple`).
    Nacked {
        /// The delivery tag.
        tag: u64,
        /// Whether every earlier tag is nacked too.
        multiple: bool,
    },
    /// `basic.return` with its content header: a mandatory message no queue took. Its ack follows.
    Returned {
        /// The reply code (312 NO_ROUTE).
        code: u16,
        /// The broker's text.
        text: String,
        /// The exchange the message was published to.
        exchange: String,
        /// Its routing key.
        routing_key: String,
        /// The fingerprint of its properties (`frame::fingerprint`).
        fingerprint: u64,
    },
    /// The broker closed channel 1; the session has answered and is opening it again.
    ChannelClosed {
        /// The reply code.
        code: u16,
        /// The broker's text.
        text: String,
        /// The class of the method that caused it (60 for basic).
        class_id: u16,
        /// The method that caused it (40 for publish).
        method_id: u16,
    },
    /// The broker closed the connection (or refused the login); the session has answered and is over.
    ConnectionClosed {
        /// The reply code.
        code: u16,
        /// The broker's text.
        text: String,
    },
    /// Our own close was answered: the session is over.
    Closed,
    /// `connection.blocked`: the broker stops reading publishes until it unblocks.
    Blocked(String),
    /// `connection.unblocked`.
    Unblocked,
    /// The probe channel's answer about an exchange: missing (with the broker's 404), or not (it exists, or the
    /// broker refused the check for another reason: the publish itself will tell).
    ExchangeChecked {
        /// The exchange.
        exchange: String,
        /// The reply code and text when the broker says it does not exist.
        missing: Option<(u16, String)>,
    },
}
