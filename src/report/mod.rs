//! Stage 5: findings rendered for people (code frames, Markdown) and for machines
//! (JSON, SARIF, JUnit, GitHub workflow commands).

pub mod changelog;
pub mod changes;
pub mod escape;
pub mod frame;
pub mod github;
pub mod history;
pub mod human;
pub mod json;
mod json_writer;
pub mod junit;
pub mod markdown;
pub mod rule_pages;
pub mod sarif;

pub use human::Style;
