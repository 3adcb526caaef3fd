//! Turns lapin's errors into a reply code and a text the user can act on.

use lapin::ErrorKind;

/// Why a channel or connection stopped: the AMQP reply code (0 when none) and a description.
#[derive(Debug, Clone, PartialEq)]
pub struct Cause {
    /// The AMQP reply code, 0 when the cause was not a broker reply.
    pub code: u16,
    /// A readable description.
    pub text: String,
}

impl Cause {
    /// A cause with no AMQP reply code.
    pub fn other(text: impl Into<String>) -> Self {
        Cause { code: 0, text: text.into() }
    }
}

impl From<&lapin::Error> for Cause {
    fn from(err: &lapin::Error) -> Self {
        match err.kind() {
            ErrorKind::ProtocolError(amqp) => Cause {
                code: amqp.get_id(),
                text: amqp.get_message().to_string(),
            },
            ErrorKind::IOError(io) => Cause::other(format!("I/O error: {io}")),
            ErrorKind::MissingHeartbeatError => Cause::other("connection lost: missed heartbeats"),
            ErrorKind::InvalidChannelState(state, _) => {
                Cause::other(format!("channel is not usable (state {state:?})"))
            }
            ErrorKind::InvalidConnectionState(state) => {
                Cause::other(format!("connection is not usable (state {state:?})"))
            }
            _ => Cause::other(err.to_string()),
        }
    }
}
