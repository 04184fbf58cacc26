//! Stage 2: the tree becomes a normalized OpenAPI model with resolved references.

pub mod path_template;
pub mod schema;
pub mod schema_walk;
pub mod spec;
pub mod version;
pub mod workspace;

pub use path_template::PathTemplate;
pub use schema::{Bound, Schema};
pub use schema_walk::{each_schema, SchemaSite};
pub use spec::{
    Component, Media, Operation, Param, ParamIn, PathItem, PathKind, RequestBody, Response, Server,
    Spec,
};
pub use version::{Version, VersionProblem};
pub use workspace::{DocId, Loc, Options, RefProblem, RefSite, Workspace, ROOT};
