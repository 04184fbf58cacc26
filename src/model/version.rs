//! Which OpenAPI dialect a document speaks.

use crate::load::Node;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Version {
    Swagger2,
    OpenApi30,
    OpenApi31,
}

impl Version {
    pub fn is_oas3(self) -> bool {
        self != Version::Swagger2
    }

    pub fn name(self) -> &'static str {
        match self {
            Version::Swagger2 => "Swagger 2.0",
            Version::OpenApi30 => "OpenAPI 3.0",
            Version::OpenApi31 => "OpenAPI 3.1",
        }
    }
}

/// Why a document's version could not be told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VersionProblem {
    /// Neither `openapi` nor `swagger` at the top level (or the top level is not an object).
    NotOpenApi,
    /// A version field we do not know, with the pointer of the field.
    Unknown { field: &'static str, value: String },
}

pub fn detect(root: &Node) -> Result<Version, VersionProblem> {
    if root.as_object().is_none() {
        return Err(VersionProblem::NotOpenApi);
    }
    if let Some(v) = root.get("openapi") {
        let text = scalar(v);
        let mut parts = text.split('.');
        return match (parts.next(), parts.next()) {
            (Some("3"), Some("0")) => Ok(Version::OpenApi30),
            // 3.2 only adds to 3.1; reading it as 3.1 keeps every rule meaningful.
            (Some("3"), Some("1" | "2")) => Ok(Version::OpenApi31),
            _ => Err(VersionProblem::Unknown {
                field: "openapi",
                value: text,
            }),
        };
    }
    if let Some(v) = root.get("swagger") {
        let text = scalar(v);
        return match text.as_str() {
            "2.0" | "2" => Ok(Version::Swagger2),
            _ => Err(VersionProblem::Unknown {
                field: "swagger",
                value: text,
            }),
        };
    }
    Err(VersionProblem::NotOpenApi)
}

fn scalar(node: &Node) -> String {
    match (node.as_str(), node.as_number()) {
        (Some(s), _) => s.to_string(),
        (None, Some(n)) => n.raw().to_string(),
        _ => node.kind().to_string(),
    }
}
