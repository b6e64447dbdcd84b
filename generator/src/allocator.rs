//! The allocator of the binary and the benchmark: mimalloc, asked the way it answers fastest.
//!
//! The pages allocate many small strings, and the system allocator was a fifth of the run
//! time. The `mimalloc` crate's own wrapper passes every request to mimalloc's aligned entry
//! points, which in mimalloc 3 take a slower path (and over-allocate) for any block above
//! 1 KiB or whose size class is not a power of two, whatever the alignment asked for. Every
//! block mimalloc hands out is aligned to a machine word, so a request for that alignment or
//! less goes to the plain entry points here; a larger alignment keeps the aligned ones. Over
//! the v1.0 corpus this saves about 19 M of a `model` run's 1.1 G instructions, and 1.5 to
//! 2.5% of its simulated data-cache misses.

use libmimalloc_sys as mi;
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// The alignment every mimalloc block has: its size classes are whole machine words, and its
/// pages start on 16 bytes.
const WORD: usize = std::mem::size_of::<usize>();

/// mimalloc as a global allocator (`#[global_allocator] static A: Allocator = Allocator;`).
pub struct Allocator;

/// `plain(size)` when mimalloc's word alignment is enough for `layout`, else
/// `aligned(size, align)`.
///
/// # Safety
/// Both must be mimalloc allocation functions, called as `GlobalAlloc` allows.
#[inline]
unsafe fn allocate(
    layout: Layout,
    plain: unsafe extern "C" fn(usize) -> *mut c_void,
    aligned: unsafe extern "C" fn(usize, usize) -> *mut c_void,
) -> *mut u8 {
    // SAFETY: a non-zero size, as `GlobalAlloc` promises, with an alignment either entry
    // point honours.
    unsafe {
        if layout.align() <= WORD {
            plain(layout.size()).cast()
        } else {
            aligned(layout.size(), layout.align()).cast()
        }
    }
}

// SAFETY: every path returns a block of at least `layout.size()` bytes aligned to
// `layout.align()` (or null), and every block is freed by `mi_free`, which takes blocks from
// both the plain and the aligned entry points.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: mimalloc's allocation functions, called for `GlobalAlloc::alloc`.
        unsafe { allocate(layout, mi::mi_malloc, mi::mi_malloc_aligned) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: mimalloc's zeroing allocation functions, called for `alloc_zeroed`.
        unsafe { allocate(layout, mi::mi_zalloc, mi::mi_zalloc_aligned) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator, so from mimalloc.
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from this allocator with `layout`; the new block keeps its
        // alignment (plain blocks are word-aligned).
        unsafe {
            if layout.align() <= WORD {
                mi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sizes around mimalloc's size classes, its 1 KiB small-block limit and its page size.
    const SIZES: &[usize] = &[
        1, 3, 7, 8, 9, 15, 16, 17, 24, 48, 100, 1000, 1024, 1025, 3000, 4096, 70_000,
    ];
    const ALIGNMENTS: &[usize] = &[1, 2, 4, 8, 16, 32, 64, 4096];

    /// Every layout of [`SIZES`] and [`ALIGNMENTS`].
    fn layouts() -> impl Iterator<Item = Layout> {
        SIZES.iter().flat_map(|&size| {
            ALIGNMENTS
                .iter()
                .map(move |&align| Layout::from_size_align(size, align).expect("valid layout"))
        })
    }

    #[test]
    fn every_block_has_the_size_and_alignment_asked_for() {
        for layout in layouts() {
            // SAFETY: non-zero size; the block is written within its size and freed once.
            unsafe {
                let block = Allocator.alloc(layout);
                assert!(!block.is_null(), "{layout:?}");
                assert_eq!(block as usize % layout.align(), 0, "{layout:?}");
                block.write_bytes(0xA5, layout.size());
                Allocator.dealloc(block, layout);
            }
        }
    }

    #[test]
    fn zeroed_blocks_are_zero() {
        for layout in layouts() {
            // SAFETY: as above; the block is read within its size.
            unsafe {
                let block = Allocator.alloc_zeroed(layout);
                assert_eq!(block as usize % layout.align(), 0, "{layout:?}");
                let bytes = std::slice::from_raw_parts(block, layout.size());
                assert!(bytes.iter().all(|&b| b == 0), "{layout:?}");
                Allocator.dealloc(block, layout);
            }
        }
    }

    #[test]
    fn a_grown_or_shrunk_block_keeps_its_bytes_and_alignment() {
        for &align in ALIGNMENTS {
            for (&from, &to) in SIZES.iter().zip(SIZES.iter().rev()) {
                let layout = Layout::from_size_align(from, align).expect("valid layout");
                // SAFETY: as above; the common prefix is compared, then the block is freed
                // with the layout it now has.
                unsafe {
                    let block = Allocator.alloc(layout);
                    for i in 0..from {
                        block.add(i).write(i as u8);
                    }
                    let moved = Allocator.realloc(block, layout, to);
                    assert_eq!(
                        moved as usize % align,
                        0,
                        "{from} -> {to} aligned to {align}"
                    );
                    for i in 0..from.min(to) {
                        assert_eq!(moved.add(i).read(), i as u8, "{from} -> {to}, byte {i}");
                    }
                    Allocator.dealloc(moved, Layout::from_size_align(to, align).expect("valid"));
                }
            }
        }
    }
}
