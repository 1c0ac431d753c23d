//! tree-sitter's C allocations (parse stacks, subtrees, cursors) through
//! mimalloc, as the binary's Rust allocations are: with glibc's malloc about
//! a tenth of indexing went to `malloc`, `free` and `malloc_consolidate`.

#![allow(unsafe_code)] // FFI to two C libraries: nothing else in the workspace needs it.

use std::ffi::c_void;

use libmimalloc_sys::{mi_free, mi_malloc, mi_realloc, mi_zalloc};

/// Makes tree-sitter allocate through mimalloc, and mimalloc keep the memory
/// a process frees for reuse instead of handing it back to the system 10 ms
/// later: a parse frees its tree as the next one is built, and handing the
/// pages back then faulting them in again (each zeroed) cost 4% of indexing.
/// Meant for short-lived processes such as the gosleuth command: memory is
/// returned at exit.
///
/// # Safety
/// Call once at program start, before any tree-sitter object (parser, tree,
/// query, cursor) exists: an object allocated by one allocator must not be
/// freed by the other.
pub unsafe fn parse_with_mimalloc() {
    // SAFETY: the caller guarantees no tree-sitter object exists yet, and the
    // four functions are one consistent allocator. `mi_option_set` only
    // stores the option.
    unsafe {
        tree_sitter::set_allocator(Some(tree_sitter::Allocator {
            malloc,
            calloc,
            realloc,
            free,
        }));
        mi_option_set(MI_OPTION_PURGE_DELAY, -1);
    }
}

/// `mi_option_purge_delay` in `mimalloc.h`'s `mi_option_e` (the same value in
/// mimalloc 2 and 3; libmimalloc-sys declares options for version 2 only and
/// behind a feature, so it is declared here); -1 turns purging off.
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

unsafe extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

unsafe extern "C" fn malloc(size: usize) -> *mut c_void {
    // SAFETY: plain FFI call.
    unsafe { mi_malloc(size) }
}

unsafe extern "C" fn calloc(count: usize, size: usize) -> *mut c_void {
    match count.checked_mul(size) {
        // SAFETY: plain FFI call; the product did not overflow.
        Some(bytes) => unsafe { mi_zalloc(bytes) },
        None => std::ptr::null_mut(),
    }
}

unsafe extern "C" fn realloc(ptr: *mut c_void, size: usize) -> *mut c_void {
    // SAFETY: `ptr` came from this allocator (see `parse_with_mimalloc`).
    unsafe { mi_realloc(ptr, size) }
}

unsafe extern "C" fn free(ptr: *mut c_void) {
    // SAFETY: `ptr` came from this allocator (see `parse_with_mimalloc`).
    unsafe { mi_free(ptr) }
}
