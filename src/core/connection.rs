//! Opening an AMQP connection to one node: URI checks, TLS files, address resolution, a connect timeout lapin
//! itself ignores.

use super::config::Tls;
use std::time::Duration;
use super::error::{Error, Result};
use super::cause::Cause;
use lapin::tcp::{OwnedIdentity, OwnedTLSConfig};
use lapin::types::LongString;
use lapin::uri::{AMQPScheme, AMQPUri};
use lapin::{AsyncTcpStream, Connection, ConnectionProperties};
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};

/// The frame_max asked for when the URI names none. lapin keeps two I/O buffers of 32 frames each per
/// connection: with the broker's 131072 that is 8 MiB resident, with this 512 KiB. Larger bodies are split
/// into more frames (measured in bench/RESULTS.md); `?frame_max=` in the URI overrides it.
pub const DEFAULT_FRAME_MAX: u32 = 8192;

/// The heartbeat asked for (seconds) when the URI names none (lapin would follow the broker's 60 s): a connection
/// that stops answering without a reset (half-open) is noticed after two missed heartbeats, about 20 s, and the
/// publisher reconnects; `?heartbeat=` in the URI overrides it (0 turns heartbeats off).
pub const DEFAULT_HEARTBEAT: u16 = 10;

const QUERY_KEYS: [&str; 5] = ["heartbeat", "frame_max", "channel_max", "connection_timeout", "auth_mechanism"];

/// Parses and checks a URI; errors never repeat the URI, so they never show its password.
pub fn parse_uri(uri: &str) -> Result<AMQPUri> {
    if !(uri.starts_with("amqp://") || uri.starts_with("amqps://")) {
        return Err(Error::invalid("$uri", "must start with amqp:// or amqps://"));
    }
    let (_, query) = uri.split_once('?').unwrap_or((uri, ""));
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if !QUERY_KEYS.contains(&key) {
            return Err(Error::invalid(
                "$uri",
                format!("has an unknown query parameter \"{key}\" (known: {})", QUERY_KEYS.join(", ")),
            ));
        }
        if let Some(unit) = whole_number_unit(key)
            && !value.chars().all(|c| c.is_ascii_digit())
        {
            return Err(Error::invalid("$uri", format!("query parameter {key} must be a whole number{unit}, \"{value}\" given")));
        }
    }

    let parsed = uri
        .parse::<AMQPUri>()
        .map_err(|e| Error::invalid("$uri", format!("is not a valid AMQP URI ({})", redact_text(&e, uri))))?;
    if parsed.vhost.is_empty() {
        return Err(Error::invalid(
            "$uri",
            "has an empty vhost (the \"/\" at its end): RabbitMQ's default vhost \"/\" is written %2f, as in amqp://host:5672/%2f, or leave the path out",
        ));
    }
    Ok(parsed)
}

/// The unit of a query parameter that takes a whole number (`Some("")` when it has none), `None` for the others.
fn whole_number_unit(key: &str) -> Option<&'static str> {
    match key {
        "heartbeat" => Some(" of seconds"),
        "connection_timeout" => Some(" of milliseconds"),
        "frame_max" | "channel_max" => Some(""),
        _ => None,
    }
}

/// The URI as it may be shown: scheme, user, host, port and vhost, never the password.
pub fn redact(uri: &AMQPUri) -> String {
    let scheme = if uri.scheme == AMQPScheme::AMQPS { "amqps" } else { "amqp" };
    let a = &uri.authority;
    let vhost = if uri.vhost == "/" { "%2f".to_string() } else { uri.vhost.clone() };
    format!("{scheme}://{}@{}:{}/{vhost}", a.userinfo.username, a.host, a.port)
}

fn redact_text(text: &str, uri: &str) -> String {
    let password = uri
        .split_once("://")
        .and_then(|(_, rest)| rest.split('@').next().filter(|_| rest.contains('@')))
        .and_then(|userinfo| userinfo.split_once(':').map(|(_, p)| p.to_string()))
        .filter(|p| !p.is_empty());
    match password {
        Some(p) => text.replace(&p, "***"),
        None => text.to_string(),
    }
}

fn read_file(option: &str, path: &str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::invalid(option, format!("cannot read \"{path}\": {e}")))
}

/// Reads the TLS files named in the options.
pub fn tls_config(tls: &Tls) -> Result<OwnedTLSConfig> {
    let cert_chain = match &tls.cafile {
        Some(path) => Some(
            String::from_utf8(read_file("cafile", path)?)
                .map_err(|_| Error::invalid("cafile", format!("\"{path}\" is not a PEM file")))?,
        ),
        None => None,
    };
    let identity = match (&tls.certfile, &tls.keyfile) {
        (Some(cert), Some(key)) => {
            Some(OwnedIdentity::PKCS8 { pem: read_file("certfile", cert)?, key: read_file("keyfile", key)? })
        }
        (None, None) => None,
        _ => return Err(Error::invalid("certfile", "and keyfile must be given together")),
    };
    Ok(OwnedTLSConfig { identity, cert_chain })
}

/// One broker node: its parsed single-host URI (credentials, vhost and query as given).
#[derive(Clone)]
pub struct Node {
    uri: AMQPUri,
}

impl Node {
    /// Parses and checks a single-host URI, applying the default frame_max and heartbeat.
    pub fn parse(uri: &str) -> Result<Node> {
        let mut uri = parse_uri(uri)?;
        let frame_max = *uri.query.frame_max.get_or_insert(DEFAULT_FRAME_MAX);
        if frame_max < DEFAULT_FRAME_MAX {
            return Err(Error::invalid("$uri", format!("frame_max must be at least {DEFAULT_FRAME_MAX} (RabbitMQ 4.1 and later refuse less), {frame_max} given")));
        }
        uri.query.heartbeat.get_or_insert(DEFAULT_HEARTBEAT);
        Ok(Node { uri })
    }

    /// The URI as it may be shown (no password).
    pub fn shown(&self) -> String {
        redact(&self.uri)
    }

    /// `host:port`, as `stats()` and logs name the node.
    pub fn address(&self) -> String {
        format!("{}:{}", self.uri.authority.host, self.uri.authority.port)
    }

    /// The parsed URI (with its password: never show it).
    pub fn uri(&self) -> &AMQPUri {
        &self.uri
    }

    /// The URI's `connection_timeout` (ms), if any.
    pub fn connection_timeout(&self) -> Option<u64> {
        self.uri.query.connection_timeout
    }

    fn host(&self) -> &str {
        self.uri.authority.host.trim_start_matches('[').trim_end_matches(']')
    }

    /// The address of an IP-literal host, which needs no resolution.
    fn literal(&self) -> Option<Vec<SocketAddr>> {
        let ip = self.host().parse::<IpAddr>().ok()?;
        Some(vec![SocketAddr::new(ip, self.uri.authority.port)])
    }

    fn unresolved(&self, e: std::io::Error) -> Error {
        Error::Connection(format!("cannot connect to {}: {e}", self.shown()))
    }

    /// The host's addresses, resolved on the calling thread (the PHP thread at construction), so that the
    /// runtime never starts a blocking thread for DNS; an IP literal needs no resolution at all.
    pub fn resolve(&self) -> Result<Vec<SocketAddr>> {
        if let Some(addresses) = self.literal() {
            return Ok(addresses);
        }
        let found = (self.host(), self.uri.authority.port).to_socket_addrs();
        found.map(Iterator::collect).map_err(|e| self.unresolved(e))
    }

    /// Resolves again from inside the runtime (on reconnection; a host name may have moved).
    pub async fn resolve_again(&self) -> Result<Vec<SocketAddr>> {
        if let Some(addresses) = self.literal() {
            return Ok(addresses);
        }
        let found = tokio::net::lookup_host((self.host().to_string(), self.uri.authority.port)).await;
        found.map(Iterator::collect).map_err(|e| self.unresolved(e))
    }

    /// Connects (inside the runtime) to one of the node's resolved addresses within `deadline`; TLS verifies
    /// the node's own host name.
    pub async fn connect(
        &self,
        addresses: Vec<SocketAddr>,
        props: ConnectionProperties,
        tls: &OwnedTLSConfig,
        deadline: Duration,
    ) -> Result<Connection> {
        let shown = self.shown();
        let runtime = lapin::runtime::default_runtime()
            .map_err(|e| Error::Connection(format!("cannot connect to {shown}: {e}")))?;
        let tls = tls.clone();
        let open = async move |uri: AMQPUri, runtime| {
            let stream = AsyncTcpStream::connect(&runtime, addresses.clone()).await.map_err(lapin::Error::from)?;
            match uri.scheme {
                AMQPScheme::AMQP => Ok(stream),
                AMQPScheme::AMQPS => stream.into_tls(&uri.authority.host, tls.as_ref()).await.map_err(lapin::Error::from),
            }
        };
        let connect = Connection::connector(self.uri.clone(), runtime, open, props);
        match tokio::time::timeout(deadline, connect).await {
            Ok(Ok(conn)) => Ok(conn),
            Ok(Err(e)) => Err(Error::Connection(format!("cannot connect to {shown}: {}", Cause::from(&e).text))),
            Err(_) => Err(Error::Connection(format!(
                "cannot connect to {shown}: no answer within {:.3} s (connect_timeout): the host did not accept the \
                 connection or did not answer AMQP's handshake (is RabbitMQ listening on that port?)",
                deadline.as_secs_f64()
            ))),
        }
    }
}

/// The client properties every connection announces.
pub fn properties(connection_name: Option<&str>) -> ConnectionProperties {
    let props = ConnectionProperties::default()
        .with_client_property("product".into(), LongString::from("amqp_confirm"))
        .with_client_property("version".into(), LongString::from(env!("CARGO_PKG_VERSION")));
    match connection_name {
        Some(name) => props.with_connection_name(LongString::from(name)),
        None => props,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(uri: &str) -> String {
        parse_uri(uri).map(|_| "accepted".to_string()).unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn uri_mistakes_say_what_to_write_instead() {
        assert!(message("amqp://guest:guest@127.0.0.1:5672/").contains("empty vhost") && message("amqp://h/").contains("%2f"));
        assert_eq!(message("amqp://guest:guest@127.0.0.1:5672"), "accepted", "no path: the default vhost");
        assert_eq!(message("amqp://h1,h2/%2f"), "accepted");
        assert_eq!(
            message("amqp://h/%2f?connection_timeout=3.5"),
            "$uri query parameter connection_timeout must be a whole number of milliseconds, \"3.5\" given"
        );
        assert!(message("amqp://h/%2f?heartbeat=ten").contains("whole number of seconds, \"ten\" given"));
        assert_eq!(message("amqp://h/%2f?heartbeat=10&frame_max=131072"), "accepted");
    }
}
