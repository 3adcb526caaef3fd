//! The thin PHP binding: classes, argument checks, exceptions.

pub mod args;
pub mod arginfo;
pub mod byte_array;
pub mod code_pages;
pub mod confirmation;
pub mod drain;
pub mod exceptions;
pub mod ffi;
pub mod field;
pub mod handles;
pub mod info;
pub mod ini;
pub mod load;
pub mod log;
pub mod options;
pub mod properties;
pub mod publisher;
pub mod spool;
pub mod status;
pub mod table;
pub mod timeout;
pub mod topology_options;

use ext_php_rs::builders::ModuleBuilder;

/// Registers the `#[php_class]` classes (the exception classes are registered at startup: see `exceptions`).
pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module
        .enumeration::<status::Status>()
        .class::<byte_array::ByteArray>()
        .class::<confirmation::Confirmation>()
        .class::<publisher::Publisher>()
        .class::<spool::Spool>()
}
