//! Stage 5: findings rendered for people (miette) and for machines (JSON).

pub mod human;
pub mod json;
pub mod snippet;

pub use human::Style;
