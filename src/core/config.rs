//! A publisher's configuration, already validated; the PHP layer builds it from the options array.

use std::time::Duration;

/// The URI a publisher connects to when none is given.
pub const DEFAULT_URI: &str = "amqp://guest:guest@127.0.0.1:5672/%2f";

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
    /// amqp:// or amqps:// URI, password included (never shown: see `connection::redact`).
    pub uri: String,
    /// Connection name shown by the broker's management tools.
    pub connection_name: Option<String>,
    /// How long construction may take to connect; `None`: the URI's `connection_timeout`, else 10 s.
    pub connect_timeout: Option<Duration>,
    /// Default deadline of every wait.
    pub confirm_timeout: Duration,
    /// Most messages held unsettled at once.
    pub max_in_flight: u64,
    /// TLS settings.
    pub tls: Tls,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            uri: DEFAULT_URI.to_string(),
            connection_name: None,
            connect_timeout: None,
            confirm_timeout: Duration::from_secs(30),
            max_in_flight: 10_000,
            tls: Tls::default(),
        }
    }
}

impl Config {
    /// The connect deadline: the option, else the URI's `connection_timeout` (ms), else 10 s.
    pub fn connect_deadline(&self, uri_connection_timeout_ms: Option<u64>) -> Duration {
        self.connect_timeout
            .or(uri_connection_timeout_ms.map(Duration::from_millis))
            .unwrap_or(Duration::from_secs(10))
    }
}
