//! A publisher's configuration, already validated; the PHP layer builds it from the options array.

use super::nodes::NodeOrder;
use std::time::Duration;

/// The URI a publisher connects to when none is given.
pub const DEFAULT_URI: &str = "amqp://guest:guest@127.0.0.1:5672/%2f";

/// The default bound on body bytes in flight per publisher: 32 MiB.
pub const DEFAULT_MAX_IN_FLIGHT_BYTES: u64 = 32 << 20;
/// The largest body `publish()` accepts by default: RabbitMQ's own default `max_message_size` (16 MiB since 4.0),
/// over which the broker closes the channel.
pub const DEFAULT_MAX_MESSAGE_SIZE: u64 = 16 << 20;

/// TLS files for amqps:// connections.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tls {
    /// PEM file of the CA(s) to trust instead of the system roots.
    pub cafile: Option<String>,
    /// PEM client certificate, for client-certificate authentication.
    pub certfile: Option<String>,
    /// PEM (PKCS#8) private key of the client certificate.
    pub keyfile: Option<String>,
}

/// Everything a publisher needs to connect and publish.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// amqp:// or amqps:// URIs, each naming one host or several (comma-separated), passwords included (never
    /// shown: see `connection::redact`).
    pub uris: Vec<String>,
    /// In which order the nodes are tried.
    pub node_order: NodeOrder,
    /// Connection name shown by the broker's management tools.
    pub connection_name: Option<String>,
    /// How long construction may take to connect; `None`: the URI's `connection_timeout`, else the default.
    pub connect_timeout: Option<Duration>,
    /// The connect timeout when neither the option nor the URI gives one.
    pub default_connect_timeout: Duration,
    /// Default deadline of every wait.
    pub confirm_timeout: Duration,
    /// Most messages held unsettled at once.
    pub max_in_flight: u64,
    /// Most body bytes held unsettled at once.
    pub max_in_flight_bytes: u64,
    /// The largest body `publish()` accepts, in bytes.
    pub max_message_size: u64,
    /// TLS settings.
    pub tls: Tls,
    /// How many times to try to reconnect after the connection is lost, before failing what waits.
    pub reconnect_attempts: u32,
    /// First and longest pause between reconnection attempts (doubling in between).
    pub reconnect_backoff: (Duration, Duration),
    /// How many times one message may be published (the first time included) before it fails.
    pub max_attempts: u32,
    /// Republish nacked messages (with backoff) instead of settling them as nacked.
    pub retry_nacked: bool,
    /// Where and how to spool messages while no broker answers; `None`: no spool.
    pub spool: Option<super::spool::config::SpoolConfig>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            uris: vec![DEFAULT_URI.to_string()],
            node_order: NodeOrder::Shuffle,
            connection_name: None,
            connect_timeout: None,
            default_connect_timeout: Duration::from_secs(10),
            confirm_timeout: Duration::from_secs(30),
            max_in_flight: 10_000,
            max_in_flight_bytes: DEFAULT_MAX_IN_FLIGHT_BYTES,
            max_message_size: DEFAULT_MAX_MESSAGE_SIZE,
            tls: Tls::default(),
            reconnect_attempts: 10,
            reconnect_backoff: (Duration::from_millis(100), Duration::from_secs(5)),
            max_attempts: 3,
            retry_nacked: false,
            spool: None,
        }
    }
}

impl Config {
    /// The connect deadline: the option, else the URI's `connection_timeout` (ms), else the default.
    pub fn connect_deadline(&self, uri_connection_timeout_ms: Option<u64>) -> Duration {
        self.connect_timeout
            .or(uri_connection_timeout_ms.map(Duration::from_millis))
            .unwrap_or(self.default_connect_timeout)
    }

    /// The pause before retry number `attempt` (1-based): the initial backoff doubled each time, capped.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let (initial, max) = self.reconnect_backoff;
        initial.saturating_mul(1u32 << attempt.saturating_sub(1).min(16)).min(max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_maximum() {
        let c = Config { reconnect_backoff: (Duration::from_millis(100), Duration::from_millis(500)), ..Config::default() };
        let steps: Vec<u128> = (1..=5).map(|a| c.backoff(a).as_millis()).collect();
        assert_eq!(steps, vec![100, 200, 400, 500, 500]);
        assert_eq!(c.backoff(1000), Duration::from_millis(500));
    }
}
