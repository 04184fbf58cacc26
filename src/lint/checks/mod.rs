//! The checks, grouped by what they look at. [`super::CHECKS`] lists them.

pub mod components;
pub mod document;
pub mod examples;
pub mod info;
pub mod markdown;
pub mod metadata;
pub mod operations;
pub mod parameters;
mod path_index;
pub mod paths;
pub mod schema_logic;
pub mod schemas;
pub mod shape;
pub mod structure;
