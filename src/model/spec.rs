//! The normalized description: one shape for Swagger 2.0, OpenAPI 3.0 and 3.1.
//! It borrows the tree; nothing is copied but names and pointers.

use crate::load::walk::Trail;
use crate::load::{Node, Value};

use super::path_template::PathTemplate;
use super::version::Version;
use super::workspace::{DocId, Loc, Workspace, ROOT};

/// The groups under `components`, in the order the specification lists them.
pub const COMPONENT_KINDS: [&str; 10] = [
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
    "pathItems",
];

pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParamIn {
    Path,
    Query,
    Header,
    Cookie,
    /// Swagger 2.0 only; folded into a request body by the model.
    Body,
    /// Swagger 2.0 only; folded into a form request body by the model.
    FormData,
}

impl ParamIn {
    pub fn parse(s: &str) -> Option<ParamIn> {
        Some(match s {
            "path" => ParamIn::Path,
            "query" => ParamIn::Query,
            "header" => ParamIn::Header,
            "cookie" => ParamIn::Cookie,
            "body" => ParamIn::Body,
            "formData" => ParamIn::FormData,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            ParamIn::Path => "path",
            ParamIn::Query => "query",
            ParamIn::Header => "header",
            ParamIn::Cookie => "cookie",
            ParamIn::Body => "body",
            ParamIn::FormData => "formData",
        }
    }
}

/// Whether a path item sits under `paths`, `webhooks` or an operation's callbacks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathKind {
    Path,
    Webhook,
    Callback { operation: Loc, name: String },
}

#[derive(Debug)]
pub struct Param<'w> {
    pub name: &'w str,
    pub location: ParamIn,
    pub required: bool,
    /// Where it is used (the `$ref` object when it is a reference).
    pub loc: Loc,
    /// Where its definition is, after references.
    pub def: Loc,
    pub node: &'w Node,
    /// Declared on the path item rather than the operation.
    pub from_path_item: bool,
    pub schema: Option<(Loc, &'w Node)>,
}

impl Param<'_> {
    /// Identity for matching: header names compare case-insensitively.
    pub fn key(&self) -> (ParamIn, String) {
        let name = if self.location == ParamIn::Header {
            self.name.to_ascii_lowercase()
        } else {
            self.name.to_string()
        };
        (self.location, name)
    }
}

#[derive(Debug)]
pub struct Media<'w> {
    pub media_type: String,
    pub loc: Loc,
    /// The node at `loc` and its `schema` member, as written (a `$ref`
    /// stays one): the diff reads both for every pair of media types.
    pub node: Option<&'w Node>,
    pub schema_written: Option<&'w Node>,
    pub schema: Option<(Loc, &'w Node)>,
    /// Swagger 2.0 `formData` parameters that make up this form body.
    pub form_fields: Vec<usize>,
}

#[derive(Debug)]
pub struct RequestBody<'w> {
    pub loc: Loc,
    /// The body object (Swagger 2.0: the body parameter), after references,
    /// and where it is defined; `None` for a 2.0 form made of parameters.
    pub def: Option<(Loc, &'w Node)>,
    pub required: bool,
    pub content: Vec<Media<'w>>,
}

#[derive(Debug)]
pub struct Response<'w> {
    pub status: &'w str,
    pub loc: Loc,
    pub node: &'w Node,
    pub content: Vec<Media<'w>>,
    pub headers: Vec<(&'w str, Loc, &'w Node)>,
}

impl Response<'_> {
    /// Header lookup by name, case-insensitively as HTTP does.
    pub fn header(&self, name: &str) -> Option<&(&str, Loc, &Node)> {
        self.headers.iter().find(|h| h.0.eq_ignore_ascii_case(name))
    }
}

#[derive(Debug)]
pub struct Operation<'w> {
    pub method: &'static str,
    pub path: &'w str,
    pub loc: Loc,
    pub node: &'w Node,
    pub operation_id: Option<(&'w str, Loc)>,
    /// Effective parameters: the path item's, overridden by the operation's own.
    /// Swagger 2.0 `body` and `formData` parameters are listed here too, and
    /// also appear as [`Operation::request_body`].
    pub params: Vec<Param<'w>>,
    pub request_body: Option<RequestBody<'w>>,
    pub responses: Vec<Response<'w>>,
    pub callbacks: Vec<PathItem<'w>>,
    pub tags: Vec<&'w str>,
    pub deprecated: bool,
}

impl Operation<'_> {
    /// `GET /pets`, as people write it.
    pub fn label(&self) -> String {
        format!("{} {}", self.method.to_ascii_uppercase(), self.path)
    }
}

#[derive(Debug)]
pub struct PathItem<'w> {
    pub key: &'w str,
    pub kind: PathKind,
    pub loc: Loc,
    pub node: &'w Node,
    pub template: PathTemplate,
    pub params: Vec<Param<'w>>,
    pub operations: Vec<Operation<'w>>,
}

impl PathItem<'_> {
    /// What the item hangs under: `paths`, `webhooks`, or a callback's name.
    pub fn kind_name(&self) -> &str {
        match &self.kind {
            PathKind::Path => "paths",
            PathKind::Webhook => "webhooks",
            PathKind::Callback { name, .. } => name,
        }
    }
}

#[derive(Debug)]
pub struct Server {
    pub url: String,
    pub loc: Loc,
}

#[derive(Debug)]
pub struct Component<'w> {
    /// `schemas`, `parameters`, `responses`, … (Swagger 2.0 names mapped to these).
    pub kind: &'static str,
    pub name: &'w str,
    pub loc: Loc,
    pub node: &'w Node,
}

pub struct Spec<'w> {
    pub ws: &'w Workspace,
    pub version: Version,
    pub root: &'w Node,
    pub paths: Vec<PathItem<'w>>,
    pub webhooks: Vec<PathItem<'w>>,
    pub servers: Vec<Server>,
    pub components: Vec<Component<'w>>,
}

impl<'w> Spec<'w> {
    pub fn build(ws: &'w Workspace, version: Version) -> Spec<'w> {
        let root = &ws.root().root;
        let b = Builder { ws, version, root };
        let top = Loc::new(ROOT, "");
        Spec {
            ws,
            version,
            root,
            paths: b.path_items(&top.child("paths"), PathKind::Path),
            webhooks: b.path_items(&top.child("webhooks"), PathKind::Webhook),
            servers: b.servers(),
            components: b.components(),
        }
    }

    /// Every operation under `paths`, then under webhooks, then in callbacks.
    pub fn operations(&self) -> impl Iterator<Item = &Operation<'w>> {
        fn walk<'a, 'w>(items: &'a [PathItem<'w>], out: &mut Vec<&'a Operation<'w>>) {
            for item in items {
                for op in &item.operations {
                    out.push(op);
                    walk(&op.callbacks, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.paths, &mut out);
        walk(&self.webhooks, &mut out);
        out.into_iter()
    }

    pub fn node(&self, loc: &Loc) -> Option<&'w Node> {
        self.ws.node(loc)
    }

    /// Visits every node of every file the description spans, the root file
    /// first, with the file, the node's pointer in it and the key holding it.
    /// Checks that look for a keyword anywhere use it, so that what a `$ref`
    /// pulls in from another file is checked where it is written.
    pub fn each_node(&self, visit: &mut impl FnMut(DocId, &Trail<'w>, Option<&'w str>, &'w Node)) {
        for (doc, document) in self.ws.docs() {
            crate::load::walk::walk(&document.root, &mut |ptr, key, node| {
                visit(doc, ptr, key, node)
            });
        }
    }
}

struct Builder<'w> {
    ws: &'w Workspace,
    version: Version,
    root: &'w Node,
}

impl<'w> Builder<'w> {
    fn deref(&self, loc: &Loc, node: &'w Node) -> (Loc, &'w Node) {
        self.ws.deref(loc, node)
    }

    fn path_items(&self, at: &Loc, kind: PathKind) -> Vec<PathItem<'w>> {
        let Some(obj) = self.ws.node(at).and_then(Node::as_object) else {
            return Vec::new();
        };
        obj.entries()
            .iter()
            .filter(|e| !e.key.starts_with("x-"))
            .map(|e| self.path_item(at.child(&e.key), &e.key, &e.value, kind.clone()))
            .collect()
    }

    fn path_item(&self, loc: Loc, key: &'w str, node: &'w Node, kind: PathKind) -> PathItem<'w> {
        let (def, item) = self.deref(&loc, node);
        let params = self.params(&def.child("parameters"), item.get("parameters"), true);
        let mut operations = Vec::new();
        if let Some(obj) = item.as_object() {
            for method in METHODS {
                if let Some(op) = obj.get(method) {
                    operations.push(self.operation(def.child(method), method, key, op, &params));
                }
            }
        }
        PathItem {
            key,
            kind,
            template: PathTemplate::parse(key),
            loc,
            node: item,
            params,
            operations,
        }
    }

    fn params(&self, at: &Loc, list: Option<&'w Node>, from_path_item: bool) -> Vec<Param<'w>> {
        let Some(items) = list.and_then(Node::as_array) else {
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(i, node)| {
                let loc = at.index(i);
                let (def, p) = self.deref(&loc, node);
                let name = p.get_str("name")?;
                let location = ParamIn::parse(p.get_str("in")?)?;
                let required = p.get_bool("required") == Some(true);
                let schema = match p.get("schema") {
                    Some(s) => Some(self.deref(&def.child("schema"), s)),
                    // Swagger 2.0 non-body parameters carry the schema keywords inline.
                    None if self.version == Version::Swagger2 => Some((def.clone(), p)),
                    None => p
                        .get("content")
                        .and_then(Node::as_object)
                        .and_then(|c| c.entries().first())
                        .and_then(|e| {
                            let media = def.child("content").child(&e.key);
                            e.value
                                .get("schema")
                                .map(|s| self.deref(&media.child("schema"), s))
                        }),
                };
                Some(Param {
                    name,
                    location,
                    required,
                    loc,
                    def,
                    node: p,
                    from_path_item,
                    schema,
                })
            })
            .collect()
    }

    fn operation(
        &self,
        loc: Loc,
        method: &'static str,
        path: &'w str,
        node: &'w Node,
        inherited: &[Param<'w>],
    ) -> Operation<'w> {
        let mut params = self.params(&loc.child("parameters"), node.get("parameters"), false);
        // The path item's parameters apply unless the operation redefines the
        // same name and location.
        for p in inherited {
            if !params.iter().any(|own| own.key() == p.key()) {
                params.push(Param {
                    name: p.name,
                    location: p.location,
                    required: p.required,
                    loc: p.loc.clone(),
                    def: p.def.clone(),
                    node: p.node,
                    from_path_item: true,
                    schema: p.schema.clone(),
                });
            }
        }
        let request_body = match self.version {
            Version::Swagger2 => self.swagger_body(node, &params),
            _ => node.get("requestBody").map(|b| {
                let at = loc.child("requestBody");
                let (def, body) = self.deref(&at, b);
                RequestBody {
                    loc: at,
                    def: Some((def.clone(), body)),
                    required: body.get_bool("required") == Some(true),
                    content: self.content(&def.child("content"), body.get("content")),
                }
            }),
        };
        let responses = self.responses(&loc, node);
        let callbacks = self.callbacks(&loc, node);
        let operation_id = node
            .get_str("operationId")
            .map(|id| (id, loc.child("operationId")));
        let tags = node
            .get("tags")
            .and_then(Node::as_array)
            .map(|t| t.iter().filter_map(Node::as_str).collect())
            .unwrap_or_default();
        Operation {
            method,
            path,
            loc,
            node,
            operation_id,
            params,
            request_body,
            responses,
            callbacks,
            tags,
            deprecated: node.get_bool("deprecated") == Some(true),
        }
    }

    /// Media types an operation of a 2.0 document consumes or produces.
    fn media_types(&self, op: &Node, key: &str) -> Vec<String> {
        let list = op.get(key).or_else(|| self.root.get(key));
        let types: Vec<String> = list
            .and_then(Node::as_array)
            .map(|l| {
                l.iter()
                    .filter_map(Node::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        if types.is_empty() {
            vec!["application/json".to_string()]
        } else {
            types
        }
    }

    fn swagger_body(&self, op: &'w Node, params: &[Param<'w>]) -> Option<RequestBody<'w>> {
        if let Some(body) = params.iter().find(|p| p.location == ParamIn::Body) {
            let schema = body
                .node
                .get("schema")
                .map(|s| self.deref(&body.def.child("schema"), s));
            let written = self.ws.node(&body.loc);
            let content = self
                .media_types(op, "consumes")
                .into_iter()
                .map(|media_type| Media {
                    media_type,
                    loc: body.loc.clone(),
                    node: written,
                    schema_written: written.and_then(|n| n.get("schema")),
                    schema: schema.clone(),
                    form_fields: Vec::new(),
                })
                .collect();
            return Some(RequestBody {
                loc: body.loc.clone(),
                def: Some((body.def.clone(), body.node)),
                required: body.required,
                content,
            });
        }
        let fields: Vec<usize> = params
            .iter()
            .enumerate()
            .filter(|(_, p)| p.location == ParamIn::FormData)
            .map(|(i, _)| i)
            .collect();
        let first = *fields.first()?;
        let consumes = self.media_types(op, "consumes");
        let forms: Vec<String> = consumes
            .into_iter()
            .filter(|m| {
                m.starts_with("multipart/form-data")
                    || m.starts_with("application/x-www-form-urlencoded")
            })
            .collect();
        let forms = if forms.is_empty() {
            vec!["application/x-www-form-urlencoded".to_string()]
        } else {
            forms
        };
        let at = params[first].loc.clone();
        let written = self.ws.node(&at);
        Some(RequestBody {
            loc: at.clone(),
            def: None,
            required: fields.iter().any(|&i| params[i].required),
            content: forms
                .into_iter()
                .map(|media_type| Media {
                    media_type,
                    loc: at.clone(),
                    node: written,
                    schema_written: written.and_then(|n| n.get("schema")),
                    schema: None,
                    form_fields: fields.clone(),
                })
                .collect(),
        })
    }

    fn content(&self, at: &Loc, node: Option<&'w Node>) -> Vec<Media<'w>> {
        let Some(obj) = node.and_then(Node::as_object) else {
            return Vec::new();
        };
        obj.entries()
            .iter()
            .map(|e| {
                let loc = at.child(&e.key);
                let schema = e
                    .value
                    .get("schema")
                    .map(|s| self.deref(&loc.child("schema"), s));
                Media {
                    media_type: e.key.to_string(),
                    loc,
                    node: Some(&e.value),
                    schema_written: e.value.get("schema"),
                    schema,
                    form_fields: Vec::new(),
                }
            })
            .collect()
    }

    fn responses(&self, op_loc: &Loc, op: &'w Node) -> Vec<Response<'w>> {
        let at = op_loc.child("responses");
        let Some(obj) = op.get("responses").and_then(Node::as_object) else {
            return Vec::new();
        };
        obj.entries()
            .iter()
            .filter(|e| !e.key.starts_with("x-"))
            .map(|e| {
                let loc = at.child(&e.key);
                let (def, node) = self.deref(&loc, &e.value);
                let content = match self.version {
                    Version::Swagger2 => match node.get("schema") {
                        Some(s) => {
                            let schema = self.deref(&def.child("schema"), s);
                            self.media_types(op, "produces")
                                .into_iter()
                                .map(|media_type| Media {
                                    media_type,
                                    loc: def.clone(),
                                    node: Some(node),
                                    schema_written: Some(s),
                                    schema: Some(schema.clone()),
                                    form_fields: Vec::new(),
                                })
                                .collect()
                        }
                        None => Vec::new(),
                    },
                    _ => self.content(&def.child("content"), node.get("content")),
                };
                let headers = node
                    .get("headers")
                    .and_then(Node::as_object)
                    .map(|h| {
                        h.entries()
                            .iter()
                            .map(|he| {
                                // Where the header is defined, after references.
                                let hloc = def.child("headers").child(&he.key);
                                let (hdef, hnode) = self.deref(&hloc, &he.value);
                                (&*he.key, hdef, hnode)
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                Response {
                    status: &e.key,
                    loc,
                    node,
                    content,
                    headers,
                }
            })
            .collect()
    }

    fn callbacks(&self, op_loc: &Loc, op: &'w Node) -> Vec<PathItem<'w>> {
        let Some(obj) = op.get("callbacks").and_then(Node::as_object) else {
            return Vec::new();
        };
        let at = op_loc.child("callbacks");
        let mut out = Vec::new();
        for entry in obj.entries() {
            let loc = at.child(&entry.key);
            let (def, callback) = self.deref(&loc, &entry.value);
            let kind = PathKind::Callback {
                operation: op_loc.clone(),
                name: entry.key.to_string(),
            };
            if let Some(exprs) = callback.as_object() {
                for e in exprs.entries().iter().filter(|e| !e.key.starts_with("x-")) {
                    out.push(self.path_item(def.child(&e.key), &e.key, &e.value, kind.clone()));
                }
            }
        }
        out
    }

    fn servers(&self) -> Vec<Server> {
        let top = Loc::new(ROOT, "");
        if self.version == Version::Swagger2 {
            let Some(host) = self.root.get_str("host") else {
                return Vec::new();
            };
            let base = self.root.get_str("basePath").unwrap_or("");
            let schemes: Vec<&str> = self
                .root
                .get("schemes")
                .and_then(Node::as_array)
                .map(|s| s.iter().filter_map(Node::as_str).collect())
                .filter(|s: &Vec<&str>| !s.is_empty())
                .unwrap_or_else(|| vec!["https"]);
            return schemes
                .into_iter()
                .map(|scheme| Server {
                    url: format!("{scheme}://{host}{base}"),
                    loc: top.child("host"),
                })
                .collect();
        }
        servers_of(self.root, &top)
    }

    fn components(&self) -> Vec<Component<'w>> {
        let top = Loc::new(ROOT, "");
        let groups: Vec<(Loc, &'static str, Option<&'w Node>)> = match self.version {
            Version::Swagger2 => [
                ("definitions", "schemas"),
                ("parameters", "parameters"),
                ("responses", "responses"),
                ("securityDefinitions", "securitySchemes"),
            ]
            .into_iter()
            .map(|(key, kind)| (top.child(key), kind, self.root.get(key)))
            .collect(),
            _ => {
                let at = top.child("components");
                let comps = self.root.get("components");
                COMPONENT_KINDS
                    .into_iter()
                    .map(|kind| (at.child(kind), kind, comps.and_then(|c| c.get(kind))))
                    .collect()
            }
        };
        let mut out = Vec::new();
        for (at, kind, node) in groups {
            if let Some(Value::Object(obj)) = node.map(|n| &n.value) {
                for e in obj.entries() {
                    out.push(Component {
                        kind,
                        name: &e.key,
                        loc: at.child(&e.key),
                        node: &e.value,
                    });
                }
            }
        }
        out
    }
}

/// The `servers` list of the document, a path item or an operation (`holder`, at `at`).
pub fn servers_of(holder: &Node, at: &Loc) -> Vec<Server> {
    holder
        .get("servers")
        .and_then(Node::as_array)
        .map(|list| {
            list.iter()
                .enumerate()
                .filter_map(|(i, s)| {
                    Some(Server {
                        url: s.get_str("url")?.to_string(),
                        loc: at.child("servers").index(i),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}
