//! Opening the publishing connection to one node: TCP, TLS when amqps://, and the AMQP handshake up to channel 1
//! in confirm mode, all blocking and bounded by one deadline (run on the PHP thread at construction, on a
//! blocking thread of the runtime when reconnecting). The socket is handed over non-blocking.

use super::super::cause::Cause;
use super::super::connection::Node;
use super::super::connector::Connector;
use super::super::error::{Error, Result};
use super::super::wire::event::Event;
use super::super::wire::session::{Login, Session};
use lapin::tcp::{OwnedTLSConfig, TcpStream};
use lapin::uri::AMQPScheme;
use std::io::{ErrorKind, Read, Write};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

/// An open connection: its socket (plain or TLS) and its session, ready to publish.
pub struct Dialed {
    /// The socket, non-blocking.
    pub stream: TcpStream,
    /// The session, in confirm mode.
    pub session: Session,
}

/// Connects to `node` at one of `addresses` within `deadline`; errors name the node (never its password).
pub fn dial(node: &Node, addresses: &[SocketAddr], tls: &OwnedTLSConfig, name: Option<&str>, deadline: Duration) -> Result<Dialed> {
    let until = Instant::now() + deadline;
    let shown = node.shown();
    let fail = |text: String| Error::Connection(format!("cannot connect to {shown}: {text}"));
    let timed_out = || {
        fail(format!(
            "no answer within {:.3} s (connect_timeout): the host did not accept the connection or did not answer AMQP's handshake (is RabbitMQ listening on that port?)",
            deadline.as_secs_f64()
        ))
    };
    let mut last = None;
    let mut tcp = None;
    for address in addresses {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(timed_out());
        }
        match std::net::TcpStream::connect_timeout(address, left) {
            Ok(s) => {
                tcp = Some(s);
                break;
            }
            Err(e) if e.kind() == ErrorKind::TimedOut => return Err(timed_out()),
            Err(e) => last = Some(e),
        }
    }
    let Some(tcp) = tcp else {
        let e = last.map_or_else(|| "the host has no address".to_string(), |e| format!("I/O error: {e}"));
        return Err(fail(e));
    };
    let io = |e: std::io::Error| match e.kind() {
        ErrorKind::WouldBlock | ErrorKind::TimedOut => timed_out(),
        _ => fail(Cause::io(&e).text),
    };
    tcp.set_nodelay(true).map_err(io)?;
    bound(&tcp, until).map_err(io)?;
    let uri = node.uri();
    let mut stream = TcpStream::Plain(tcp);
    if uri.scheme == AMQPScheme::AMQPS {
        stream = stream.into_tls(&uri.authority.host, tls.as_ref()).map_err(|e| match e.into_mid_handshake_tls_stream() {
            Ok(_) => timed_out(),
            Err(e) => io(e),
        })?;
    }
    let mut session = Session::new(Login::from_uri(uri, name));
    handshake(&mut stream, &mut session, until).map_err(|e| match e {
        Handshake::Io(e) => io(e),
        Handshake::Refused(text) => fail(text),
    })?;
    stream.set_read_timeout(None).map_err(io)?;
    stream.set_write_timeout(None).map_err(io)?;
    stream.set_nonblocking(true).map_err(io)?;
    Ok(Dialed { stream, session })
}

/// Opens the first connection: each node in turn (resolved on this thread), each getting an equal share of
/// what is left of the connect deadline; returns it with its node's index.
pub fn dial_first(connector: &Connector) -> Result<(Dialed, usize)> {
    let total = connector.deadline();
    let until = Instant::now() + total;
    let count = connector.node_count();
    let name = connector.config().connection_name.as_deref();
    let mut errors = Vec::new();
    for i in 0..count {
        let node = connector.node(i);
        // the first node's share is exact, so that a single node's error names connect_timeout as it was set
        let left = if i == 0 { total } else { until.saturating_duration_since(Instant::now()) };
        let share = left / u32::try_from(count - i).unwrap_or(1);
        let attempt = match node.resolve() {
            Ok(_) if share.is_zero() => Err(Error::Connection(format!("cannot connect to {}: connect_timeout used up", node.shown()))),
            Ok(addresses) => dial(node, &addresses, connector.tls(), name, share),
            Err(e) => Err(e),
        };
        match attempt {
            Ok(dialed) => {
                connector.set_current(i);
                return Ok((dialed, i));
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
    Err(Connector::all_failed(errors))
}

/// Opens a connection to the node after the one in use (a single node is tried again), resolving its name
/// again: blocking, for a blocking thread of the runtime.
pub fn dial_next(connector: &Connector) -> Result<(Dialed, usize)> {
    let i = (connector.current() + 1) % connector.node_count();
    connector.set_current(i);
    let node = connector.node(i);
    let addresses = node.resolve()?;
    let name = connector.config().connection_name.as_deref();
    Ok((dial(node, &addresses, connector.tls(), name, connector.deadline())?, i))
}

/// Why a broker that hung up during the handshake did: the TLS alert it sent (a client certificate it requires),
/// read past the TLS layer's pending writes (they fail again on the closed socket), or what the socket says.
fn refusal(stream: &mut TcpStream, buf: &mut [u8]) -> Option<std::io::Error> {
    match stream {
        TcpStream::Rustls(tls) => match tls.conn.read_tls(&mut tls.sock) {
            Err(e) => Some(e),
            Ok(0) => None,
            Ok(_) => tls.conn.process_new_packets().err().map(|e| std::io::Error::other(e.to_string())),
        },
        other => other.read(buf).err(),
    }
}

/// Why a handshake did not reach confirm mode.
enum Handshake {
    Io(std::io::Error),
    Refused(String),
}

/// Bounds the blocking reads and writes of the handshake by what is left of the deadline.
fn bound(tcp: &std::net::TcpStream, until: Instant) -> std::io::Result<()> {
    let left = until.saturating_duration_since(Instant::now()).max(Duration::from_millis(1));
    tcp.set_read_timeout(Some(left))?;
    tcp.set_write_timeout(Some(left))
}

fn handshake(stream: &mut TcpStream, session: &mut Session, until: Instant) -> std::result::Result<(), Handshake> {
    let mut buf = vec![0u8; 16 * 1024];
    let mut events = Vec::new();
    loop {
        if !session.output().is_empty() {
            // a broker that refused the connection (a TLS alert, a reset) says why on the read side
            let written = stream.write_all(session.output()).and_then(|()| stream.flush());
            if let Err(e) = written {
                return Err(Handshake::Io(refusal(stream, &mut buf).unwrap_or(e)));
            }
            let n = session.output().len();
            session.wrote(n);
        }
        if let Some(event) = events.drain(..).next() {
            return match event {
                Event::Ready => Ok(()),
                Event::ConnectionClosed { code, text } => Err(Handshake::Refused(Cause { code, text }.text)),
                other => Err(Handshake::Refused(format!("the broker answered the handshake with {other:?}"))),
            };
        }
        bound(stream, until).map_err(Handshake::Io)?;
        let n = stream.read(&mut buf).map_err(Handshake::Io)?;
        if n == 0 {
            let text = "the broker closed the connection during the handshake (wrong credentials with an old broker, or a vhost it refuses)";
            return Err(Handshake::Refused(text.into()));
        }
        session.receive(&buf[..n], &mut events).map_err(|e| Handshake::Refused(e.to_string()))?;
    }
}
