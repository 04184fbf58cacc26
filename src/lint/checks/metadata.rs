//! The document's own metadata: info, license, contact, tags, servers, host.

use crate::lint::Hit;
use crate::load::{pointer, Node};
use crate::model::{Loc, Spec, Version, ROOT};

fn at(ptr: &str) -> Loc {
    Loc::new(ROOT, ptr)
}

fn blank(node: Option<&Node>) -> bool {
    node.and_then(Node::as_str)
        .is_none_or(|s| s.trim().is_empty())
}

pub fn info(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    let Some(info) = spec.root.get("info").filter(|i| i.as_object().is_some()) else {
        return;
    };
    if blank(info.get("description")) {
        hits.push(Hit::new("info-description", at("/info")));
    }
    match info.get("license") {
        None => hits.push(Hit::new("info-license", at("/info"))),
        Some(license) if license.get("url").is_none() => {
            hits.push(Hit::new("license-url", at("/info/license")))
        }
        Some(_) => {}
    }
    if let Some(contact) = info.get("contact").filter(|c| c.as_object().is_some()) {
        let missing: Vec<&str> = ["name", "url", "email"]
            .into_iter()
            .filter(|k| contact.get(k).is_none())
            .collect();
        if !missing.is_empty() {
            let list = missing
                .iter()
                .map(|m| format!("`{m}`"))
                .collect::<Vec<_>>()
                .join(", ");
            hits.push(Hit::new("contact-properties", at("/info/contact")).arg("missing", list));
        }
    }
}

pub fn tags(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    let Some(node) = spec.root.get("tags") else {
        hits.push(Hit::new("openapi-tags", at("")));
        return;
    };
    let Some(list) = node.as_array() else { return };
    if list.is_empty() {
        hits.push(Hit::new("openapi-tags", at("/tags")));
        return;
    }
    let names: Vec<Option<&str>> = list.iter().map(|t| t.get_str("name")).collect();
    let plain: Vec<&str> = names.iter().flatten().copied().collect();
    if plain
        .windows(2)
        .any(|w| w[0].to_lowercase() > w[1].to_lowercase())
    {
        hits.push(Hit::new("openapi-tags-alphabetical", at("/tags")));
    }
    for (i, tag) in list.iter().enumerate() {
        let ptr = pointer::join_index("/tags", i);
        if let Some(name) = names[i] {
            if names[..i].contains(&Some(name)) {
                hits.push(
                    Hit::new("openapi-tags-uniqueness", at(&pointer::join(&ptr, "name")))
                        .arg("name", name),
                );
            }
            if blank(tag.get("description")) {
                hits.push(Hit::new("tag-description", at(&ptr)).arg("name", name));
            }
        }
    }
}

pub fn servers(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    let root = spec.root;
    if spec.version == Version::Swagger2 {
        match root.get_str("host") {
            None => hits.push(Hit::new("oas2-api-host", at(""))),
            Some(host) => {
                if host.contains("example.com") {
                    hits.push(Hit::new("oas2-host-not-example", at("/host")).arg("host", host));
                }
                if host.ends_with('/') {
                    hits.push(Hit::new("oas2-host-trailing-slash", at("/host")).arg("host", host));
                }
            }
        }
        match root.get("schemes").map(|s| s.as_array().map(<[Node]>::len)) {
            None => hits.push(Hit::new("oas2-api-schemes", at(""))),
            Some(Some(0)) => hits.push(Hit::new("oas2-api-schemes", at("/schemes"))),
            _ => {}
        }
        return;
    }
    let Some(list) = root.get("servers") else {
        hits.push(Hit::new("oas3-api-servers", at("")));
        return;
    };
    let Some(list) = list.as_array() else { return };
    if list.is_empty() {
        hits.push(Hit::new("oas3-api-servers", at("/servers")));
    }
    for (i, server) in list.iter().enumerate() {
        let Some(url) = server.get_str("url") else {
            continue;
        };
        let ptr = pointer::join(&pointer::join_index("/servers", i), "url");
        if url.contains("example.com") {
            hits.push(Hit::new("oas3-server-not-example.com", at(&ptr)).arg("url", url));
        }
        if url.len() > 1 && url.ends_with('/') {
            hits.push(Hit::new("oas3-server-trailing-slash", at(&ptr)).arg("url", url));
        }
    }
}
