//! The publisher's current connection, replaced by the channel task after each reconnection.

use super::sync::lock;
use lapin::Connection;
use std::sync::{Arc, Mutex, MutexGuard};

/// Shared between the channel task (which reconnects) and the topology calls and status queries.
#[derive(Default)]
pub struct Link {
    connection: Mutex<Option<Arc<Connection>>>,
}

impl Link {
    /// A link to an open connection.
    pub fn new(connection: Arc<Connection>) -> Self {
        Link { connection: Mutex::new(Some(connection)) }
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
