//! The publisher's current connection, replaced by the channel task after each reconnection (or, with the wire
//! engine, the pipeline that knows whether its own connection is up).

use super::engine::pipeline::Pipeline;
use super::sync::lock;
use lapin::Connection;
use std::sync::{Arc, Mutex, MutexGuard};

/// Shared between the channel task (which reconnects) and the topology calls and status queries.
pub struct Link {
    connection: Mutex<Option<Arc<Connection>>>,
    wire: Option<Arc<Pipeline>>,
}

impl Link {
    /// A link to an open connection.
    pub fn new(connection: Arc<Connection>) -> Self {
        Link { connection: Mutex::new(Some(connection)), wire: None }
    }

    /// A link to the wire engine's connection.
    pub fn wire(pipeline: Arc<Pipeline>) -> Self {
        Link { connection: Mutex::new(None), wire: Some(pipeline) }
    }

    /// Whether the publishing connection is up.
    pub fn is_up(&self) -> bool {
        self.wire.as_ref().map_or_else(|| self.connection().is_some(), |w| w.is_connected())
    }

    /// The current connection, when one is open.
    pub fn connection(&self) -> Option<Arc<Connection>> {
        self.lock().clone().filter(|c| c.status().connected())
    }

    /// Records a new connection (after a reconnection) or none (while reconnecting).
    pub fn set(&self, connection: Option<Arc<Connection>>) {
        *self.lock() = connection;
    }

    fn lock(&self) -> MutexGuard<'_, Option<Arc<Connection>>> {
        lock(&self.connection)
    }
}
