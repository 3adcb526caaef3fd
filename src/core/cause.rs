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

/// What a server that answers with something else than AMQP 0-9-1 is told.
const NOT_AMQP: &str = "the server did not answer in AMQP 0-9-1: is this RabbitMQ's AMQP port (5672, or 5671 for amqps://), \
not its management or another service's?";

/// What to do about an I/O error whose text alone does not say (TLS mistakes above all).
fn io_hint(text: &str) -> &'static str {
    if text.contains("InvalidContentType") || text.contains("corrupt message") {
        " (the server does not speak TLS on this port: amqps:// is usually port 5671, amqp:// port 5672)"
    } else if text.contains("UnknownIssuer") {
        " (the broker's certificate is not signed by a CA this process trusts: pass that CA's PEM file as the cafile option)"
    } else if text.contains("NotValidForName") || text.contains("not valid for name") {
        " (the broker's certificate does not name the host of the URI: connect with a name the certificate lists)"
    } else {
        ""
    }
}

impl From<&lapin::Error> for Cause {
    fn from(err: &lapin::Error) -> Self {
        match err.kind() {
            ErrorKind::ProtocolError(amqp) => Cause {
                code: amqp.get_id(),
                text: amqp.get_message().to_string(),
            },
            ErrorKind::IOError(io) => Cause::other(format!("I/O error: {io}{}", io_hint(&io.to_string()))),
            ErrorKind::MissingHeartbeatError => Cause::other("connection lost: missed heartbeats"),
            ErrorKind::ParsingError(_) => Cause::other(NOT_AMQP),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tls_mistakes_get_a_hint() {
        assert!(io_hint("received corrupt message of type InvalidContentType").contains("5671"));
        assert!(io_hint("invalid peer certificate: UnknownIssuer").contains("cafile"));
        assert_eq!(io_hint("Connection refused (os error 111)"), "");
    }
}
