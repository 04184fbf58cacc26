//! `oas2-schema` / `oas3-schema`: the document has the structure its
//! specification defines. Each object is checked against [`grammar`]; a
//! missing field is reported at the object, an unknown field at its key, a
//! wrong value at the value. References are followed into the files they
//! name, and each target is checked once, where it is written.

pub mod grammar;

use crate::rule_id::RuleId;
use rustc_hash::FxHashSet as HashSet;

use crate::lint::Hit;
use crate::load::{Node, Value};
use crate::model::{DocId, Loc, Spec, Version, ROOT};

use grammar::{shape, K, T};

pub fn check(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    let rule = if spec.version == Version::Swagger2 {
        RuleId::Oas2Schema
    } else {
        RuleId::Oas3Schema
    };
    let mut walker = Walker {
        spec,
        rule,
        seen: HashSet::default(),
        pending: Vec::new(),
        hits,
    };
    let top = Loc::new(ROOT, "");
    walker.value(&Here::Root(&top), spec.root, T::Obj(K::Root));
    while let Some((target, k)) = walker.pending.pop() {
        if let Some(node) = spec.ws.node(&target) {
            walker.value(&Here::Root(&target), node, T::RefOr(k));
        }
    }
    if spec.version == Version::OpenApi31
        && ["paths", "components", "webhooks"]
            .iter()
            .all(|k| spec.root.get(k).is_none())
    {
        walker.report(
            top,
            "an OpenAPI 3.1 document needs at least one of `paths`, `components` or `webhooks`"
                .to_string(),
        );
    }
}

struct Walker<'s, 'w, 'h> {
    spec: &'s Spec<'w>,
    rule: RuleId,
    /// Objects already checked, so that a reference target is checked once.
    seen: HashSet<(DocId, u32)>,
    /// Reference targets still to check, each as the kind it is used as.
    /// Checked after the tree that refers to them, not inside it, so that a
    /// chain of references of any length never deepens the recursion.
    pending: Vec<(Loc, K)>,
    hits: &'h mut Vec<Hit>,
}

fn kind_of(node: &Node) -> &'static str {
    match &node.value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// `name@domain.tld`, which is what a contact address must look like.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && !s.chars().any(char::is_whitespace)
        && domain.split('.').filter(|label| !label.is_empty()).count() >= 2
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

/// Where the walk is, as a chain of steps on the stack: most places are
/// never reported, so their pointer is only written out when one is.
enum Here<'a> {
    Root(&'a Loc),
    Key(&'a Here<'a>, &'a str),
    Index(&'a Here<'a>, usize),
}

impl Here<'_> {
    fn doc(&self) -> DocId {
        match self {
            Here::Root(loc) => loc.doc,
            Here::Key(parent, _) | Here::Index(parent, _) => parent.doc(),
        }
    }

    fn loc(&self) -> Loc {
        match self {
            Here::Root(loc) => (*loc).clone(),
            Here::Key(parent, key) => parent.loc().child(key),
            Here::Index(parent, i) => parent.loc().index(*i),
        }
    }
}

fn word_ok(t: T, s: &str) -> bool {
    matches!(t, T::Word(words) if words.contains(&s))
}

/// Response keys: `default`, a status code 100–599, or a range like `4XX`.
fn is_status_key(key: &str, v2: bool) -> bool {
    if key == "default" {
        return true;
    }
    let b = key.as_bytes();
    b.len() == 3
        && (b'1'..=b'5').contains(&b[0])
        && (b[1..].iter().all(u8::is_ascii_digit) || (!v2 && &b[1..] == b"XX"))
}

impl Walker<'_, '_, '_> {
    fn report(&mut self, at: Loc, detail: String) {
        self.hits
            .push(Hit::new(self.rule, at).arg("detail", detail));
    }

    fn wrong_type(&mut self, at: &Here<'_>, node: &Node, expected: &str) {
        let detail = format!("expected {expected} here, not {}", kind_of(node));
        self.report(at.loc(), detail);
    }

    fn value(&mut self, at: &Here<'_>, node: &Node, t: T) {
        let v31 = self.spec.version == Version::OpenApi31;
        match t {
            T::Any => {}
            T::Str => {
                if node.as_str().is_none() {
                    self.wrong_type(at, node, "text");
                }
            }
            T::Bool => {
                if node.as_bool().is_none() {
                    self.wrong_type(at, node, "true or false");
                }
            }
            T::Num => {
                if node.as_number().is_none() {
                    self.wrong_type(at, node, "a number");
                }
            }
            T::Count => {
                let ok = node
                    .as_number()
                    .is_some_and(|n| n.is_integer() && n.as_f64().is_some_and(|f| f >= 0.0));
                if !ok {
                    self.wrong_type(at, node, "a whole number, 0 or more");
                }
            }
            T::Email => match node.as_str() {
                Some(s) if is_email(s) => {}
                Some(s) => self.report(at.loc(), format!("`{s}` is not an email address")),
                None => self.wrong_type(at, node, "an email address"),
            },
            T::Word(words) => match node.as_str() {
                Some(s) if words.contains(&s) => {}
                Some(s) => self.report(
                    at.loc(),
                    format!("`{s}` is not one of: {}", words.join(", ")),
                ),
                None => self.wrong_type(at, node, &format!("one of {}", words.join(", "))),
            },
            T::Obj(k) => self.object(at, node, k),
            T::RefOr(k) => {
                if node.get("$ref").is_some() {
                    self.follow(at, node, k);
                    // In 3.1 a schema's `$ref` is one keyword among others.
                    if !(v31 && k == K::Schema) {
                        return;
                    }
                }
                self.object(at, node, k);
            }
            T::Map(inner) => {
                let Some(obj) = node.as_object() else {
                    self.wrong_type(at, node, "a mapping");
                    return;
                };
                for e in obj.entries() {
                    self.value(&Here::Key(at, &e.key), &e.value, *inner);
                }
            }
            T::List(inner) => {
                let Some(items) = node.as_array() else {
                    self.wrong_type(at, node, "a list");
                    return;
                };
                for (i, item) in items.iter().enumerate() {
                    self.value(&Here::Index(at, i), item, *inner);
                }
            }
            T::SchemaOrBool => {
                if node.as_bool().is_some() {
                    return;
                }
                if node.as_object().is_none() {
                    self.wrong_type(at, node, "a schema or true / false");
                    return;
                }
                self.value(at, node, T::RefOr(K::Schema));
            }
            T::SchemaType => self.schema_type(at, node),
        }
    }

    fn schema_type(&mut self, at: &Here<'_>, node: &Node) {
        let version = self.spec.version;
        let allowed: &[&str] = match version {
            Version::Swagger2 => &[
                "array", "boolean", "integer", "number", "object", "string", "file",
            ],
            Version::OpenApi30 => &["array", "boolean", "integer", "number", "object", "string"],
            Version::OpenApi31 => &[
                "array", "boolean", "integer", "number", "object", "string", "null",
            ],
        };
        let one = |n: &Node| n.as_str().is_some_and(|s| allowed.contains(&s));
        let ok = match &node.value {
            Value::Array(items) if version == Version::OpenApi31 => items.iter().all(one),
            _ => one(node),
        };
        if !ok {
            let shown = match &node.value {
                Value::String(s) => format!("`{s}`"),
                _ => kind_of(node).to_string(),
            };
            let list = if version == Version::OpenApi31 {
                format!("one of {} or a list of them", allowed.join(", "))
            } else {
                format!("one of {}", allowed.join(", "))
            };
            self.report(at.loc(), format!("type {shown} is not {list}"));
        }
    }

    /// Checks the target of a reference as a `k`, once, in its own file.
    fn follow(&mut self, at: &Here<'_>, node: &Node, k: K) {
        let ws = self.spec.ws;
        let Some(site) = ws.ref_site(at.doc(), node) else {
            return;
        };
        let Ok(target) = &site.target else { return };
        self.pending.push((target.clone(), k));
    }

    fn object(&mut self, at: &Here<'_>, node: &Node, k: K) {
        let Some(obj) = node.as_object() else {
            self.wrong_type(at, node, &format!("{} (a mapping)", k.name()));
            return;
        };
        if !self.seen.insert((at.doc(), node.span.start)) {
            return;
        }
        let version = self.spec.version;
        let v2 = version == Version::Swagger2;
        match k {
            K::Paths => {
                for e in obj.entries() {
                    if e.key.starts_with("x-") {
                        continue;
                    }
                    let child = Here::Key(at, &e.key);
                    if !e.key.starts_with('/') {
                        self.report(
                            child.loc(),
                            format!("path `{}` does not start with `/`", e.key),
                        );
                        continue;
                    }
                    self.value(&child, &e.value, T::RefOr(K::PathItem));
                }
                return;
            }
            K::Responses => {
                for e in obj.entries() {
                    if e.key.starts_with("x-") {
                        continue;
                    }
                    let child = Here::Key(at, &e.key);
                    if !is_status_key(&e.key, v2) {
                        let ranges = if v2 { "" } else { ", a range such as 4XX" };
                        self.report(
                            child.loc(),
                            format!(
                                "`{}` is not a response key: use an HTTP status code from 100 to 599{ranges} or `default`",
                                e.key
                            ),
                        );
                        continue;
                    }
                    self.value(&child, &e.value, T::RefOr(K::Response));
                }
                if obj.entries().iter().all(|e| e.key.starts_with("x-")) && !v2 {
                    // 3.0 requires at least one response; 3.1 allows none.
                    if version == Version::OpenApi30 {
                        self.report(at.loc(), "an operation needs at least one response".into());
                    }
                }
                return;
            }
            K::Callback => {
                for e in obj.entries() {
                    if !e.key.starts_with("x-") {
                        self.value(&Here::Key(at, &e.key), &e.value, T::RefOr(K::PathItem));
                    }
                }
                return;
            }
            K::SecurityRequirement => {
                for e in obj.entries() {
                    self.value(&Here::Key(at, &e.key), &e.value, T::List(&T::Str));
                }
                return;
            }
            _ => {}
        }
        let sh = shape(k, version);
        for field in sh.required {
            if obj.get(field).is_none() {
                self.report(at.loc(), format!("{} needs `{field}`", k.name()));
            }
        }
        // Which fields a security scheme may have depends on its type;
        // without a valid one, only that is worth saying.
        let typeless = k == K::SecurityScheme
            && !node.get_str("type").is_some_and(|t| {
                sh.fields
                    .iter()
                    .any(|(n, ty)| *n == "type" && word_ok(*ty, t))
            });
        for e in obj
            .entries()
            .iter()
            .filter(|e| !typeless || &*e.key == "type")
        {
            let key: &str = &e.key;
            let child = Here::Key(at, key);
            match sh
                .fields
                .iter()
                .chain(sh.also.iter().copied().flatten())
                .find(|(name, _)| *name == key)
            {
                Some((_, t)) => self.value(&child, &e.value, *t),
                None if key.starts_with("x-") || sh.open => {}
                None => self.report(
                    child.loc(),
                    format!("`{key}` is not a field of {}", k.name()),
                ),
            }
        }
        self.extra(at, node, k);
    }

    /// Requirements that depend on other fields of the same object.
    fn extra(&mut self, at: &Here<'_>, node: &Node, k: K) {
        let version = self.spec.version;
        let v2 = version == Version::Swagger2;
        let has = |f: &str| node.get(f).is_some();
        let needs = |this: &mut Self, field: &str, because: &str| {
            if !has(field) {
                this.report(at.loc(), format!("{because} needs `{field}`"));
            }
        };
        match k {
            K::Parameter if v2 => match node.get_str("in") {
                Some("body") => needs(self, "schema", "a body parameter"),
                Some(_) => needs(self, "type", "a parameter that is not in the body"),
                None => {}
            },
            K::Parameter | K::Header if !v2 && has("schema") == has("content") => {
                let what = if k == K::Parameter {
                    "a parameter"
                } else {
                    "a header"
                };
                let which = if has("schema") { "not both" } else { "one" };
                self.report(
                    at.loc(),
                    format!("{what} needs exactly one of `schema` and `content` ({which})"),
                );
            }
            K::SecurityScheme => match node.get_str("type") {
                Some("apiKey") => {
                    needs(self, "name", "an apiKey scheme");
                    needs(self, "in", "an apiKey scheme");
                }
                Some("http") => needs(self, "scheme", "an http scheme"),
                Some("oauth2") if v2 => {
                    needs(self, "flow", "an oauth2 scheme");
                    needs(self, "scopes", "an oauth2 scheme");
                    match node.get_str("flow") {
                        Some("implicit") => needs(self, "authorizationUrl", "the implicit flow"),
                        Some("password" | "application") => {
                            needs(self, "tokenUrl", "this flow");
                        }
                        Some("accessCode") => {
                            needs(self, "authorizationUrl", "the accessCode flow");
                            needs(self, "tokenUrl", "the accessCode flow");
                        }
                        _ => {}
                    }
                }
                Some("oauth2") => needs(self, "flows", "an oauth2 scheme"),
                Some("openIdConnect") => needs(self, "openIdConnectUrl", "an openIdConnect scheme"),
                Some("mutualTLS") if version == Version::OpenApi30 => self.report(
                    Here::Key(at, "type").loc(),
                    "`mutualTLS` is a scheme type from OpenAPI 3.1 on".to_string(),
                ),
                _ => {}
            },
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_and_status_keys() {
        assert!(is_email("pets@pets.test"));
        assert!(!is_email("bar@foo"));
        assert!(!is_email("pets.test"));
        assert!(is_status_key("404", true));
        assert!(is_status_key("4XX", false));
        assert!(!is_status_key("4XX", true));
        assert!(!is_status_key("42", false));
        assert!(!is_status_key("9999", false));
        assert!(!is_status_key("5xx", false));
        assert!(!is_status_key("600", false));
    }
}
