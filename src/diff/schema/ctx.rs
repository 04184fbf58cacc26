//! Where in a request or response a schema sits, and what that makes of a
//! change there: its rule (by site, direction and access) and the words
//! that name the place.
//!
//! A comparison is computed once per pair of definitions and context, with
//! the path relative to the pair; the full path of each operation that
//! reaches it is put back when its findings are written (see `engine`).

use crate::model::ParamIn;
use crate::rule_id::RuleId;

use super::super::kinds::{rule_for, Kind, Site};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dir {
    Request,
    Response,
}

#[derive(Clone, Debug)]
pub enum Root {
    Body,
    Parameter { location: ParamIn, name: String },
    Header { name: String },
}

/// Where in a request or response a schema sits.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub dir: Dir,
    pub root: Root,
    /// Property names from the root schema down, `items` for array items.
    pub path: Vec<String>,
    /// The media type is loosely typed (XML): every value travels as text.
    pub loose: bool,
    /// Inside a `readOnly` property (clients leave it out of requests) or a
    /// `writeOnly` one (servers leave it out of responses).
    pub read_only: bool,
    pub write_only: bool,
    /// One side is a Swagger 2.0 parameter or header whose fields sit
    /// beside its schema keywords: leave those fields to the parameter.
    pub parameter_fields: bool,
    /// Comparing the members of an `allOf`, whose properties and `required`
    /// lists were compared merged, at the schema that holds them.
    pub merged: bool,
    /// The schema is a property's: its deprecation, stability and access
    /// were reported with the property, by the schema that holds it.
    pub(crate) as_property: bool,
    /// The path above `path` already went below the root (see [`Ctx::nested`]).
    pub(crate) base_nested: bool,
}

/// What of a [`Ctx`] decides a comparison's findings, the names aside: pairs
/// compared under the same signature give the same findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Sig {
    root: RootKind,
    nested: bool,
    loose: bool,
    read_only: bool,
    write_only: bool,
    parameter_fields: bool,
    merged: bool,
    as_property: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum RootKind {
    Body,
    Parameter(ParamIn),
    Header,
}

/// Schema keywords, as a Swagger 2.0 parameter or header carries them inline.
pub const KEYWORDS: [&str; 17] = [
    "type",
    "format",
    "items",
    "enum",
    "default",
    "maximum",
    "minimum",
    "exclusiveMaximum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "multipleOf",
    "x-nullable",
];

impl Ctx {
    pub fn request(root: Root) -> Ctx {
        Ctx {
            dir: Dir::Request,
            root,
            path: Vec::new(),
            loose: false,
            read_only: false,
            write_only: false,
            parameter_fields: false,
            merged: false,
            as_property: false,
            base_nested: false,
        }
    }

    pub fn response(root: Root) -> Ctx {
        Ctx {
            dir: Dir::Response,
            root,
            path: Vec::new(),
            loose: false,
            read_only: false,
            write_only: false,
            parameter_fields: false,
            merged: false,
            as_property: false,
            base_nested: false,
        }
    }

    pub fn loosely_typed(mut self, media_type: &str) -> Ctx {
        self.loose = media_type.to_ascii_lowercase().contains("xml");
        self
    }

    pub(crate) fn child(&self, segment: &str) -> Ctx {
        let mut c = self.clone();
        c.path.push(segment.to_string());
        c.merged = false;
        c.as_property = false;
        c
    }

    /// A property's context: `child` with its access flags.
    pub(crate) fn property(&self, name: &str, read_only: bool, write_only: bool) -> Ctx {
        let mut c = self.child(name);
        c.read_only |= read_only;
        c.write_only |= write_only;
        c.as_property = true;
        c
    }

    pub(crate) fn sig(&self) -> Sig {
        Sig {
            root: match &self.root {
                Root::Body => RootKind::Body,
                Root::Parameter { location, .. } => RootKind::Parameter(*location),
                Root::Header { .. } => RootKind::Header,
            },
            nested: self.nested(),
            loose: self.loose,
            read_only: self.read_only,
            write_only: self.write_only,
            parameter_fields: self.parameter_fields,
            merged: self.merged,
            as_property: self.as_property,
        }
    }

    /// The same context with the path made relative to here.
    pub(crate) fn relative(&self) -> Ctx {
        let mut c = self.clone();
        c.base_nested = self.nested();
        c.path.clear();
        c
    }

    /// The rule for `kind` here: a read-only property's narrowing in a
    /// request, and a write-only one's new enum value in a response, have
    /// rules of their own, since clients never meet them.
    pub(crate) fn rule(&self, kind: Kind) -> RuleId {
        use RuleId as R;
        let special = match (self.dir, kind) {
            (Dir::Request, Kind::EnumValueRemoved) if self.read_only => {
                Some(R::RequestReadOnlyPropertyEnumValueRemoved)
            }
            (Dir::Request, Kind::MaxDecreased) if self.read_only => {
                Some(R::RequestReadOnlyPropertyMaxDecreased)
            }
            (Dir::Request, Kind::ExclusiveMaxDecreased) if self.read_only => {
                Some(R::RequestReadOnlyPropertyExclusiveMaxDecreased)
            }
            (Dir::Request, Kind::MaxLengthDecreased) if self.read_only => {
                Some(R::RequestReadOnlyPropertyMaxLengthDecreased)
            }
            (Dir::Request, Kind::MinIncreased) if self.read_only => {
                Some(R::RequestReadOnlyPropertyMinIncreased)
            }
            (Dir::Request, Kind::ExclusiveMinIncreased) if self.read_only => {
                Some(R::RequestReadOnlyPropertyExclusiveMinIncreased)
            }
            (Dir::Response, Kind::EnumValueAdded) if self.write_only => {
                Some(R::ResponseWriteOnlyPropertyEnumValueAdded)
            }
            _ => None,
        };
        special.unwrap_or_else(|| rule(self.site(), kind))
    }

    fn nested(&self) -> bool {
        self.base_nested
            || match self.root {
                // The items of an array parameter are still "the parameter".
                Root::Parameter { .. } => self.path.iter().any(|p| p != "items"),
                _ => !self.path.is_empty(),
            }
    }

    pub(crate) fn site(&self) -> Site {
        match (&self.root, self.dir, self.nested()) {
            (Root::Body, Dir::Request, false) => Site::RequestBody,
            (Root::Body, Dir::Request, true) => Site::RequestProperty,
            (Root::Body, Dir::Response, false) => Site::ResponseBody,
            (Root::Body, Dir::Response, true) => Site::ResponseProperty,
            (Root::Parameter { .. }, _, false) => Site::RequestParameter,
            (
                Root::Parameter {
                    location: ParamIn::Header,
                    ..
                },
                _,
                true,
            ) => Site::RequestHeaderProperty,
            (Root::Parameter { .. }, _, true) => Site::RequestParameterProperty,
            (Root::Header { .. }, _, _) => Site::ResponseHeader,
        }
    }

    fn dir_name(&self) -> &'static str {
        match self.dir {
            Dir::Request => "request",
            Dir::Response => "response",
        }
    }

    /// What a person calls the place at `path` below this context's root:
    /// `pet/owner/name`, `query parameter limit`.
    pub(crate) fn name_at<S: std::borrow::Borrow<str>>(&self, path: &[S]) -> String {
        match &self.root {
            Root::Body if path.is_empty() => format!("the {} body", self.dir_name()),
            Root::Body => path.join("/"),
            Root::Parameter { location, name } if path.is_empty() => {
                format!("{} parameter `{name}`", location.name())
            }
            Root::Parameter { name, .. } => format!("{name}.{}", path.join(".")),
            Root::Header { name } => format!("header `{name}`"),
        }
    }
}

/// The rule for `kind` at `site`: its own, the property family's for a
/// property inside a parameter, or the general rule.
pub fn rule(site: Site, kind: Kind) -> RuleId {
    rule_for(site, kind)
        .or_else(|| match site {
            Site::RequestParameterProperty | Site::RequestHeaderProperty => {
                rule_for(Site::RequestProperty, kind)
            }
            _ => None,
        })
        .unwrap_or(RuleId::SchemaKeywordChanged)
}
