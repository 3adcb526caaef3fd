//! The thin PHP binding: classes, argument checks, exceptions.

pub mod confirmation;
pub mod drain;
pub mod exceptions;
pub mod field;
pub mod info;
pub mod ini;
pub mod log;
pub mod options;
pub mod properties;
pub mod publisher;
pub mod status;
pub mod table;
pub mod timeout;
pub mod topology_options;

use ext_php_rs::builders::ModuleBuilder;

/// Registers every class, parents before children.
pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module
        .class::<exceptions::Exception>()
        .class::<exceptions::ConnectionException>()
        .class::<exceptions::ChannelException>()
        .class::<exceptions::TimeoutException>()
        .class::<exceptions::NackedException>()
        .class::<exceptions::ReturnedException>()
        .class::<exceptions::PublishFailedException>()
        .enumeration::<status::Status>()
        .class::<confirmation::Confirmation>()
        .class::<publisher::Publisher>()
}
