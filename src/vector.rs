//! The few loops that read every byte of a log, run with the widest vector
//! instructions the machine has.
//!
//! A release build targets the oldest x86-64, whose vectors hold 16 bytes.
//! Looking for controls and counting words are written as plain loops over
//! bytes that the compiler turns into vector code; [`widest`] compiles them a
//! second time for AVX2 and picks one when it runs. Where the compiler
//! cannot find the instructions a loop wants (a table lookup per byte, a
//! mask of bytes in a register), the loop is written with them, through
//! [`avx2`], and the plain loop stays for other processors.

use std::sync::LazyLock;

/// What this machine's processor can do, asked once.
static ARCH: LazyLock<pulp::Arch> = LazyLock::new(pulp::Arch::new);

/// The AVX2 instructions, when this machine's processor has them, asked once.
#[cfg(target_arch = "x86_64")]
pub(crate) fn avx2() -> Option<pulp::x86::V3> {
    static V3: LazyLock<Option<pulp::x86::V3>> = LazyLock::new(pulp::x86::V3::try_new);
    *V3
}

/// A loop to compile for each kind of vector: only what is inlined into
/// `run` gains wider ones, so `run` and its helpers are `#[inline(always)]`
/// (a closure would not be inlined).
pub(crate) trait ByteLoop {
    type Output;

    fn run(self) -> Self::Output;
}

/// `op` run with the widest vectors available.
#[inline]
pub(crate) fn widest<Op: ByteLoop>(op: Op) -> Op::Output {
    ARCH.dispatch(Dispatched(op))
}

struct Dispatched<Op>(Op);

impl<Op: ByteLoop> pulp::WithSimd for Dispatched<Op> {
    type Output = Op::Output;

    #[allow(clippy::inline_always)] // the point: see `ByteLoop`
    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _simd: S) -> Self::Output {
        self.0.run()
    }
}
