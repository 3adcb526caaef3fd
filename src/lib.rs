//! amqp_confirm: a PHP extension that publishes to RabbitMQ with publisher confirms.
#![cfg_attr(windows, feature(abi_vectorcall))]

pub mod core;
#[cfg(not(test))]
pub mod php;

#[cfg(not(test))]
use ext_php_rs::prelude::*;

#[cfg(not(test))]
extern "C" fn shutdown(_type: i32, _module_number: i32) -> i32 {
    core::runtime::shutdown(std::time::Duration::from_secs(1));
    0
}

/// The module entry PHP loads.
#[cfg(not(test))]
#[php_module]
pub fn get_module(module: ModuleBuilder) -> ModuleBuilder {
    php::register(module).shutdown_function(shutdown)
}
