//! graph-docgen: reads Microsoft Graph reference pages and turns them into a typed API model,
//! Rust bindings and consistency diagnostics.

pub mod allocator;
pub mod check;
pub mod codes;
pub mod commands;
pub mod corpus;
pub mod coverage;
pub mod csdl;
pub mod diagnostics;
pub mod emit;
pub mod model;
pub mod output;
pub mod page;
mod patterns;
