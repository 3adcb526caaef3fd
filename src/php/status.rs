//! The PHP `AmqpConfirm\Status` enum, mirroring the core status.

use crate::core::outcome;
use ext_php_rs::prelude::*;

/// Where a published message stands.
#[php_enum]
#[php(name = "AmqpConfirm\\Status")]
pub enum Status {
    /// No outcome yet.
    #[php(value = "pending")]
    Pending,
    /// The broker took responsibility for the message.
    #[php(value = "acked")]
    Acked,
    /// The broker refused the message.
    #[php(value = "nacked")]
    Nacked,
    /// The message was mandatory and could not be routed.
    #[php(value = "returned")]
    Returned,
    /// The channel or connection was lost before the broker answered.
    #[php(value = "failed")]
    Failed,
    /// No broker answered: the message was written to the spool, to be delivered later.
    #[php(value = "spooled")]
    Spooled,
}

impl From<outcome::Status> for Status {
    fn from(s: outcome::Status) -> Self {
        match s {
            outcome::Status::Pending => Status::Pending,
            outcome::Status::Acked => Status::Acked,
            outcome::Status::Nacked => Status::Nacked,
            outcome::Status::Returned => Status::Returned,
            outcome::Status::Failed => Status::Failed,
            outcome::Status::Spooled => Status::Spooled,
        }
    }
}
