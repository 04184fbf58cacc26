//! vapi-spec: lint OpenAPI descriptions and diff two versions of one.
//!
//! The pipeline has one module per stage, each using only those before it:
//! [`load`] → [`model`] → [`lint`] → [`rules`] → [`report`].

pub mod load;
pub mod model;
