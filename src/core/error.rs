//! The one error type of the core; `src/php/exceptions.rs` maps it to PHP exceptions.

/// Everything the core can report to its caller.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// An argument the caller passed is out of range or malformed.
    #[error("{name} {reason}")]
    InvalidArgument {
        /// The argument's name, as the PHP user knows it (e.g. `$routingKey`).
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The connection could not be made, or is gone.
    #[error("{0}")]
    Connection(String),
    /// The broker closed a channel (or the topology connection) in answer to an operation (e.g. 404 NOT_FOUND,
    /// 406 PRECONDITION_FAILED, 503 COMMAND_INVALID); the message starts with the code.
    #[error("{code} {text}")]
    Channel {
        /// The AMQP reply code.
        code: u16,
        /// The broker's reply text.
        text: String,
    },
    /// No answer came before the deadline; the operation may still complete later.
    #[error("{0}")]
    Timeout(String),
    /// The broker refused responsibility for the message (basic.nack).
    #[error("the broker nacked {message}")]
    Nacked {
        /// The message: its id, exchange and routing key.
        message: String,
    },
    /// The message was mandatory and unroutable (basic.return).
    #[error("{message} was returned by the broker: {code} {text}")]
    Returned {
        /// The message: its id, exchange and routing key.
        message: String,
        /// The AMQP reply code (312 NO_ROUTE).
        code: u16,
        /// The broker's reply text.
        text: String,
    },
    /// The channel or connection was lost before the broker answered for the message.
    #[error("{message} failed: {cause}")]
    PublishFailed {
        /// The message: its id, exchange and routing key.
        message: String,
        /// The AMQP reply code of the cause, 0 when the cause was not a broker reply.
        code: u16,
        /// What happened to the channel or connection.
        cause: String,
    },
    /// The spool cannot take the message (full, or the disk refused it); nothing of the message was kept.
    #[error("{0}")]
    Spool(String),
    /// The publisher was closed, or used in a process it was not created in.
    #[error("{0}")]
    Closed(String),
}

impl Error {
    /// Shorthand for an invalid argument.
    pub fn invalid(name: &str, reason: impl Into<String>) -> Self {
        Error::InvalidArgument { name: name.to_string(), reason: reason.into() }
    }
}

/// Result with the core error.
pub type Result<T> = std::result::Result<T, Error>;
