//! One PHP object per message: the `Confirmation` that `publish()` returned comes back as that same object from
//! `collectSettled()` and an exception's `getConfirmation()`, so `===` and `SplObjectStorage` work.
//!
//! The map holds no reference (the object keeps itself alive through PHP's refcount, and forgets itself when
//! freed); it is emptied at each request start, since a fatal error's fast shutdown can free objects without
//! running their destructors.

use super::confirmation::Confirmation;
use crate::core::confirmation::Confirmation as Core;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::convert::IntoZval;
use ext_php_rs::types::{ZendClassObject, Zval};
use std::cell::RefCell;
use crate::core::ptr_map::AddressMap;
use std::collections::hash_map::Entry as Slot;
use std::sync::Arc;
use std::time::Duration;

/// A live PHP object and the address of the Rust value inside it (to recognise it when it is dropped).
type Entry = (*mut ZendClassObject<Confirmation>, usize);

thread_local! {
    static OBJECTS: RefCell<AddressMap<Entry>> = RefCell::new(AddressMap::default());
}

fn key(core: &Arc<Core>) -> usize {
    Arc::as_ptr(core) as usize
}

/// A new PHP handle for a message just published.
pub fn create(core: Arc<Core>, default_timeout: Duration) -> ZBox<ZendClassObject<Confirmation>> {
    let k = key(&core);
    let mut object = ZendClassObject::new(Confirmation::new(core, default_timeout));
    let inner: *const Confirmation = &**object;
    let raw: *mut ZendClassObject<Confirmation> = &mut *object;
    OBJECTS.with(|m| m.borrow_mut().insert(k, (raw, inner as usize)));
    object
}

/// The PHP handle of this message: the existing object when PHP still holds one, else a new one.
pub fn zval(core: Arc<Core>, default_timeout: Duration) -> Option<Zval> {
    let existing = OBJECTS.with(|m| m.borrow().get(&key(&core)).map(|e| e.0));
    match existing {
        Some(raw) => {
            let mut zv = Zval::new();
            // SAFETY: the object is alive: it removes itself from the map when freed (see `forget`), and the map
            // is emptied at each request start.
            zv.set_object(unsafe { &mut (*raw).std });
            Some(zv)
        }
        None => create(core, default_timeout).into_zval(false).ok(),
    }
}

/// Called when a PHP handle is freed: it stops being the message's object.
pub fn forget(core: &Arc<Core>, inner: *const Confirmation) {
    let _ = OBJECTS.try_with(|m| {
        if let Slot::Occupied(e) = m.borrow_mut().entry(key(core))
            && e.get().1 == inner as usize
        {
            e.remove();
        }
    });
}

/// Forgets every object (request start: those of an earlier request are gone).
pub fn reset() {
    let _ = OBJECTS.try_with(|m| m.borrow_mut().clear());
}
