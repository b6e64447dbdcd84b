//! Emitting Rust bindings from the model.

pub mod names;
