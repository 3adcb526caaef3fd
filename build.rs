//! Build script: records lapin's version (for phpinfo), compiles the one C file (`src/php/stream.c`, against
//! the headers `php-config --includes` names), rebuilds when the PHP toolchain changes, and lets the loader
//! resolve PHP's symbols on macOS.

fn main() {
    println!("cargo:rerun-if-changed=Cargo.lock");
    let lock = std::fs::read_to_string("Cargo.lock").unwrap_or_default();
    let lapin = lock
        .split("[[package]]")
        .find(|p| p.contains("name = \"lapin\""))
        .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")))
        .map(|v| v.trim_end_matches('"').to_string())
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=AMQP_CONFIRM_LAPIN_VERSION={lapin}");
    println!("cargo:rerun-if-env-changed=PHP");
    println!("cargo:rerun-if-env-changed=PHP_CONFIG");
    println!("cargo:rerun-if-changed=src/php/stream.c");
    let php_config = std::env::var("PHP_CONFIG").unwrap_or_else(|_| "php-config".into());
    let includes = std::process::Command::new(&php_config)
        .arg("--includes")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let mut c = cc::Build::new();
    c.file("src/php/stream.c");
    for dir in includes.split_whitespace().filter_map(|i| i.strip_prefix("-I")) {
        c.include(dir);
    }
    c.compile("amqp_confirm_stream");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("macos") {
        println!("cargo:rustc-cdylib-link-arg=-undefined");
        println!("cargo:rustc-cdylib-link-arg=dynamic_lookup");
    }
}
