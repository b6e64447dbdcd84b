//! Emitting Rust bindings from the model.

pub mod models;
pub mod names;
pub mod routes;
