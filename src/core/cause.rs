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

    /// An I/O error, with a hint when its text alone does not say what to do (TLS mistakes above all).
    pub fn io(err: &std::io::Error) -> Self {
        let text = err.to_string();
        Cause::other(format!("I/O error: {text}{}", io_hint(&text)))
    }

    /// Whether the broker closed the channel or the connection over something a message carried (a value it
    /// cannot hold, 541 INTERNAL_ERROR; a precondition, 406; a frame it cannot parse, 501, 502, 505), rather than
    /// over the connection or its own state (320 CONNECTION_FORCED, or no reply code: the network).
    pub fn is_message_fault(&self) -> bool {
        matches!(self.code, 406 | 501 | 502 | 505 | 541)
    }

    /// The broker's body size limit, when it closed the channel over a body larger than that: 406
    /// `PRECONDITION_FAILED - message size N is larger than [configured ]max size M`.
    pub fn size_limit(&self) -> Option<usize> {
        if self.code != 406 || !self.text.contains("message size") {
            return None;
        }
        let after = &self.text[self.text.find("max size ")? + "max size ".len()..];
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
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
            ErrorKind::IOError(io) => Cause::io(io),
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
    fn a_size_refusal_names_the_limit() {
        let cause = |code, text: &str| Cause { code, text: text.into() };
        let text = "PRECONDITION_FAILED - message size 17825792 is larger than configured max size 16777216";
        assert_eq!(cause(406, text).size_limit(), Some(16777216));
        assert_eq!(cause(406, "PRECONDITION_FAILED - message size 9 is larger than max size 8").size_limit(), Some(8));
        assert_eq!(cause(406, "PRECONDITION_FAILED - inequivalent arg 'durable'").size_limit(), None);
        assert_eq!(cause(541, text).size_limit(), None);
    }

    #[test]
    fn message_faults_are_told_from_connection_faults() {
        let cause = |code| Cause { code, text: String::new() };
        assert!(cause(541).is_message_fault() && cause(406).is_message_fault() && cause(501).is_message_fault());
        assert!(!cause(320).is_message_fault() && !cause(0).is_message_fault() && !cause(404).is_message_fault());
    }

    #[test]
    fn tls_mistakes_get_a_hint() {
        assert!(io_hint("received corrupt message of type InvalidContentType").contains("5671"));
        assert!(io_hint("invalid peer certificate: UnknownIssuer").contains("cafile"));
        assert_eq!(io_hint("Connection refused (os error 111)"), "");
    }
}
