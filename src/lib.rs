//! soundbite: a terminal player for timecoded interview logs.
//!
//! The crate is a functional core with a thin shell: a reader in [`formats`]
//! turns a log into a [`model::Transcript`]; filtering, search, statistics, export and
//! the player's state work on that model without touching the terminal, the
//! clock or the file system. Only `cli` (with `input`, which reads a log
//! from a path or stdin, and `config`'s search for the config file), the
//! terminal runtime, the [`session`] that carries out the player's effects,
//! the [`media`] engines (mpv over its socket), the selects' sidecar file
//! ([`selects::sidecar`]), `export::write_file`, and the [`library`]'s walk
//! through folders do I/O. The [`catalog`] is the library as the player
//! shows it: pure, like the player's state.

pub mod app;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod export;
pub mod filter;
pub mod formats;
pub mod generate;
pub mod hash;
pub mod index;
pub mod input;
pub mod library;
pub mod media;
pub mod model;
pub mod playback;
pub mod search;
pub mod selects;
pub mod session;
pub mod stats;
pub mod tui;
pub mod ui;
