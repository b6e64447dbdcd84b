//! Emitting Rust bindings from the model: the models, the golden round-trip cases, and the
//! files that make the output a crate of its own.

pub mod golden;
pub mod models;
pub mod names;
pub mod routes;
pub mod scaffold;
