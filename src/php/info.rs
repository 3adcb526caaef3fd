//! The `phpinfo()` section (also `php --ri amqp_confirm`).

use crate::core::{registry, runtime, totals};
use ext_php_rs::zend::ModuleEntry;
use ext_php_rs::{info_table_end, info_table_row, info_table_start};
use super::ffi::display_ini_entries;

/// Text for a table cell: ext-php-rs panics on a NUL byte, and a connection name may hold one.
fn cell(text: impl AsRef<str>) -> String {
    text.as_ref().replace('\0', "\\0")
}

/// Prints the section: versions, runtime, open connections (never a password), totals, ini settings.
pub extern "C" fn info(module: *mut ModuleEntry) {
    let _ = std::panic::catch_unwind(|| {
        info_table_start!();
        info_table_row!("amqp_confirm support", "enabled");
        info_table_row!("version", env!("CARGO_PKG_VERSION"));
        info_table_row!("lapin version", env!("AMQP_CONFIRM_LAPIN_VERSION"));
        let runtime = if runtime::is_started() { format!("yes (pid {})", crate::core::pid::current()) } else { "no".into() };
        info_table_row!("runtime started in this process", cell(runtime));
        let live = registry::live();
        info_table_row!("open publishers", cell(live.len().to_string()));
        for (i, p) in live.iter().enumerate() {
            let state = match (p.connected(), p.blocked()) {
                (false, _) => format!("not connected (last node {})", p.node()),
                (true, Some(reason)) => format!("connected to {}, blocked by the broker: {reason}", p.node()),
                (true, None) => format!("connected to {}", p.node()),
            };
            let name = p.connection_name.as_deref().map(|n| format!(", name \"{n}\"")).unwrap_or_default();
            info_table_row!(cell(format!("publisher {}", i + 1)), cell(format!("{}{name}: {state}", p.shown_uri)));
        }
        for dir in registry::spool_dirs(&live) {
            let look = crate::core::spool::inventory::glance(&dir).unwrap_or_default();
            let age = look.oldest_ms.map_or("none".to_string(), |ms| format!("{:.1} s", crate::core::spool::now_ms().saturating_sub(ms) as f64 / 1000.0));
            let text = format!("{} segment(s), {} bytes, oldest message {age}", look.segments, look.bytes);
            info_table_row!(cell(format!("spool {}", dir.display())), cell(text));
        }
        let [published, acked, nacked, returned, failed] = totals::TOTALS.get();
        info_table_row!("messages published", cell(published.to_string()));
        info_table_row!("messages acked", cell(acked.to_string()));
        info_table_row!("messages nacked", cell(nacked.to_string()));
        info_table_row!("messages returned", cell(returned.to_string()));
        info_table_row!("messages failed", cell(failed.to_string()));
        info_table_end!();
        // SAFETY: the engine passes this module's entry to its info function.
        unsafe { display_ini_entries(module) };
    });
}
