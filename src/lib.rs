//! amqp_confirm: a PHP extension that publishes to RabbitMQ with publisher confirms.
#![cfg_attr(windows, feature(abi_vectorcall))]

pub mod core;
#[cfg(not(test))]
pub mod php;

#[cfg(not(test))]
use ext_php_rs::prelude::*;

/// Runs a lifecycle hook; a panic must never unwind into the engine.
#[cfg(not(test))]
fn hook(body: impl FnOnce()) -> i32 {
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(body));
    0
}

/// Module startup: ini settings and the exception classes (before ext-php-rs registers the other classes).
#[cfg(not(test))]
fn startup(_type: i32, module_number: i32) -> i32 {
    if php::load::too_late() {
        return -1;
    }
    let mut registered = false;
    let status = hook(|| {
        php::ini::register(module_number);
        registered = php::exceptions::register().is_ok();
    });
    if registered { status } else { -1 }
}

#[cfg(not(test))]
extern "C" fn request_startup(_type: i32, _module_number: i32) -> i32 {
    hook(|| {
        php::arginfo::fix();
        php::handles::reset();
        php::code_pages::advise();
    })
}

#[cfg(not(test))]
extern "C" fn request_shutdown(_type: i32, _module_number: i32) -> i32 {
    hook(|| {
        for shared in core::persistent::all() {
            let publisher = core::persistent::lock(&shared);
            php::drain::drain_and_log(&publisher, "at request end", publisher.take_used());
        }
    })
}

#[cfg(not(test))]
extern "C" fn shutdown(_type: i32, _module_number: i32) -> i32 {
    hook(|| {
        for shared in core::persistent::take_all() {
            let mut publisher = core::persistent::lock(&shared);
            php::drain::drain_and_log(&publisher, "at process shutdown", true);
            let _ = publisher.close(std::time::Duration::ZERO);
        }
        core::runtime::shutdown(std::time::Duration::from_secs(1));
    })
}

/// The module entry PHP loads.
#[cfg(not(test))]
#[php_module]
#[php(startup = startup)]
pub fn get_module(module: ModuleBuilder) -> ModuleBuilder {
    php::register(module)
        .request_startup_function(request_startup)
        .request_shutdown_function(request_shutdown)
        .shutdown_function(shutdown)
        .info_function(php::info::info)
}
