//! Drops from the process's RSS the extension's code pages that only one-time work used. The library is 8 MB of
//! machine code and the kernel maps 64 KiB of it around every page touched ("fault-around"), so loading alone
//! left 1.7 MB of this file resident in every PHP process, and connecting (starting the runtime, the AMQP
//! handshake) as much again. Twice per process, at the first request startup (module startup is over by then)
//! and after the first connection is made, the clean pages of the two mappings the loader never writes, the code
//! (`r-x`) and the first segment (ELF headers, symbols, relocation tables, read-only data, at file offset 0), are
//! dropped with `MADV_DONTNEED`: they are re-read from the page cache when used again (publishing brings back
//! what it uses; a reconnection what it uses). The segments the loader wrote (RELRO, which shows as read-only
//! afterwards, and data) are left alone.

use std::ffi::{c_void, CStr};
use std::sync::Once;

static ADVISED: Once = Once::new();
static CONNECTED: Once = Once::new();

/// The path of the file this function's code was loaded from.
fn library_path() -> Option<String> {
    let mut info: libc::Dl_info = unsafe { std::mem::zeroed() };
    // SAFETY: dladdr only reads the loader's tables and fills `info`.
    let found = unsafe { libc::dladdr(library_path as *const c_void, &mut info) };
    if found == 0 || info.dli_fname.is_null() {
        return None;
    }
    // SAFETY: dli_fname is a NUL-terminated path owned by the loader.
    Some(unsafe { CStr::from_ptr(info.dli_fname) }.to_string_lossy().into_owned())
}

/// Drops the clean pages of the library's code mapping and its first mapping, once per process (request startup).
pub fn advise() {
    ADVISED.call_once(advise_now);
}

/// The same, once per process, after its first connection is made.
pub fn after_first_connection() {
    CONNECTED.call_once(advise_now);
}

fn advise_now() {
    let Some(path) = library_path() else { return };
    let Ok(file) = std::fs::canonicalize(&path) else { return };
    let file = file.to_string_lossy().into_owned();
    let Ok(maps) = std::fs::read_to_string("/proc/self/maps") else { return };
    for line in maps.lines() {
        let mut fields = line.split_whitespace();
        let (Some(range), Some(perms), Some(offset)) = (fields.next(), fields.next(), fields.next()) else { continue };
        let never_written = perms == "r-xp" || (perms == "r--p" && offset.trim_start_matches('0').is_empty());
        if !line.ends_with(&file) || !never_written {
            continue;
        }
        let Some((start, end)) = range.split_once('-') else { continue };
        let (Ok(start), Ok(end)) = (usize::from_str_radix(start, 16), usize::from_str_radix(end, 16)) else { continue };
        // SAFETY: the range is a whole mapping of our own library that the loader never writes (code, headers),
        // so its pages are clean copies of the file: dropping them loses nothing, and they are faulted back in
        // when executed or read.
        unsafe { libc::madvise(start as *mut c_void, end - start, libc::MADV_DONTNEED) };
    }
}
