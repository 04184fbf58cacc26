//! The document's own metadata: info, license, contact, tags, servers, host.

use crate::lint::Hit;
use crate::load::{pointer, Node};
use crate::model::{Loc, Spec, Version, ROOT};
use crate::rule_id::RuleId;

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
        hits.push(Hit::new(RuleId::InfoDescription, at("/info")));
    }
    match info.get("license") {
        None => hits.push(Hit::new(RuleId::InfoLicense, at("/info"))),
        Some(license) if license.get("url").is_none() => {
            hits.push(Hit::new(RuleId::LicenseUrl, at("/info/license")))
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
            hits.push(
                Hit::new(RuleId::ContactProperties, at("/info/contact")).arg("missing", list),
            );
        }
    }
}

pub fn tags(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    let Some(node) = spec.root.get("tags") else {
        hits.push(Hit::new(RuleId::OpenapiTags, at("")));
        return;
    };
    let Some(list) = node.as_array() else { return };
    if list.is_empty() {
        hits.push(Hit::new(RuleId::OpenapiTags, at("/tags")));
        return;
    }
    let names: Vec<Option<&str>> = list.iter().map(|t| t.get_str("name")).collect();
    let plain: Vec<&str> = names.iter().flatten().copied().collect();
    if plain
        .windows(2)
        .any(|w| w[0].to_lowercase() > w[1].to_lowercase())
    {
        hits.push(Hit::new(RuleId::OpenapiTagsAlphabetical, at("/tags")));
    }
    for (i, tag) in list.iter().enumerate() {
        let ptr = pointer::join_index("/tags", i);
        if let Some(name) = names[i] {
            if names[..i].contains(&Some(name)) {
                hits.push(
                    Hit::new(
                        RuleId::OpenapiTagsUniqueness,
                        at(&pointer::join(&ptr, "name")),
                    )
                    .arg("name", name),
                );
            }
            if blank(tag.get("description")) {
                hits.push(Hit::new(RuleId::TagDescription, at(&ptr)).arg("name", name));
            }
        }
    }
}

pub fn servers(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    let root = spec.root;
    if spec.version == Version::Swagger2 {
        match root.get_str("host") {
            None => hits.push(Hit::new(RuleId::Oas2ApiHost, at(""))),
            Some(host) => {
                if host.contains("example.com") {
                    hits.push(Hit::new(RuleId::Oas2HostNotExample, at("/host")).arg("host", host));
                }
                if host.ends_with('/') {
                    hits.push(
                        Hit::new(RuleId::Oas2HostTrailingSlash, at("/host")).arg("host", host),
                    );
                }
            }
        }
        match root.get("schemes").map(|s| s.as_array().map(<[Node]>::len)) {
            None => hits.push(Hit::new(RuleId::Oas2ApiSchemes, at(""))),
            Some(Some(0)) => hits.push(Hit::new(RuleId::Oas2ApiSchemes, at("/schemes"))),
            _ => {}
        }
        return;
    }
    let Some(list) = root.get("servers") else {
        hits.push(Hit::new(RuleId::Oas3ApiServers, at("")));
        return;
    };
    let Some(list) = list.as_array() else { return };
    if list.is_empty() {
        hits.push(Hit::new(RuleId::Oas3ApiServers, at("/servers")));
    }
    for (i, server) in list.iter().enumerate() {
        let Some(url) = server.get_str("url") else {
            continue;
        };
        let ptr = pointer::join(&pointer::join_index("/servers", i), "url");
        if url.contains("example.com") {
            hits.push(Hit::new(RuleId::Oas3ServerNotExampleCom, at(&ptr)).arg("url", url));
        }
        if url.len() > 1 && url.ends_with('/') {
            hits.push(Hit::new(RuleId::Oas3ServerTrailingSlash, at(&ptr)).arg("url", url));
        }
    }
}

/// Every server object: the document's, path items', operations' and links'.
fn server_objects<'w>(spec: &Spec<'w>) -> Vec<(String, &'w Node)> {
    let mut out = Vec::new();
    let mut list = |base: String, node: Option<&'w Node>| {
        for (i, s) in node
            .and_then(Node::as_array)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            out.push((pointer::join_index(&base, i), s));
        }
    };
    list("/servers".to_string(), spec.root.get("servers"));
    for item in &spec.paths {
        list(
            pointer::join(&item.loc.pointer, "servers"),
            item.node.get("servers"),
        );
        for op in &item.operations {
            list(
                pointer::join(&op.loc.pointer, "servers"),
                op.node.get("servers"),
            );
        }
    }
    if let Some(links) = spec
        .root
        .get("components")
        .and_then(|c| c.get("links"))
        .and_then(Node::as_object)
    {
        for e in links.entries() {
            if let Some(server) = e.value.get("server") {
                out.push((
                    pointer::join(&pointer::join("/components/links", &e.key), "server"),
                    server,
                ));
            }
        }
    }
    out
}

/// Names between braces in a server URL.
fn url_variables(url: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = url;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    out
}

/// An absolute URL with a host (and a numeric port, if any), or a path.
fn plausible_url(url: &str) -> bool {
    if url.starts_with('/') {
        return !url.contains(char::is_whitespace);
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return false;
    };
    let scheme_ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    scheme_ok
        && !host.is_empty()
        && !host.contains(char::is_whitespace)
        && port.is_none_or(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        && !rest.contains(char::is_whitespace)
}

pub fn server_variables(spec: &Spec<'_>, hits: &mut Vec<Hit>) {
    const RULE: RuleId = RuleId::Oas3ServerVariables;
    if spec.version == Version::Swagger2 {
        return;
    }
    for (ptr, server) in server_objects(spec) {
        let Some(url) = server.get_str("url") else {
            continue;
        };
        let used = url_variables(url);
        let vars = server.get("variables").and_then(Node::as_object);
        let vars_ptr = pointer::join(&ptr, "variables");
        let undefined: Vec<&str> = used
            .iter()
            .copied()
            .filter(|v| !vars.is_some_and(|o| o.contains_key(v)))
            .collect();
        if !undefined.is_empty() {
            let at_ptr = if vars.is_some() {
                vars_ptr.clone()
            } else {
                ptr.clone()
            };
            hits.push(Hit::new(RULE, at(&at_ptr)).arg(
                "detail",
                format!(
                        "server `{url}` uses {} without defining it",
                        undefined
                            .iter()
                            .map(|v| format!("`{{{v}}}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
            ));
        }
        let Some(vars) = vars else { continue };
        for e in vars.entries() {
            let var_ptr = pointer::join(&vars_ptr, &e.key);
            if !used.contains(&&*e.key) {
                hits.push(Hit::new(RULE, at(&var_ptr)).arg(
                    "detail",
                    format!("server variable `{}` is not used in `{url}`", e.key),
                ));
                // An unused variable's other problems are moot.
                continue;
            }
            match e.value.get("default") {
                None => hits.push(Hit::new(RULE, at(&var_ptr)).arg(
                    "detail",
                    format!("server variable `{}` has no default", e.key),
                )),
                Some(default) => {
                    let listed = e.value.get("enum").and_then(Node::as_array);
                    if listed.is_some_and(|l| !l.iter().any(|v| v.same_value(default))) {
                        hits.push(Hit::new(RULE, at(&pointer::join(&var_ptr, "default"))).arg(
                            "detail",
                            format!(
                                "the default of server variable `{}` is not one of its values",
                                e.key
                            ),
                        ));
                    }
                }
            }
        }
        // Every value a variable may take must still give a URL.
        let mut urls = vec![url.to_string()];
        for name in &used {
            let Some(var) = vars.get(name) else { continue };
            let values: Vec<String> = match var.get("enum").and_then(Node::as_array) {
                Some(list) => list
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
                None => var
                    .get_str("default")
                    .map(str::to_string)
                    .into_iter()
                    .collect(),
            };
            if values.is_empty() || urls.len() * values.len() > 256 {
                continue;
            }
            let placeholder = format!("{{{name}}}");
            let mut next = Vec::with_capacity(urls.len() * values.len());
            for u in &urls {
                for v in &values {
                    next.push(u.replace(&placeholder, v));
                }
            }
            urls = next;
        }
        let resolved = urls.iter().all(|u| !u.contains('{'));
        if resolved && urls.iter().any(|u| !plausible_url(u)) {
            hits.push(Hit::new(RULE, at(&vars_ptr)).arg(
                "detail",
                format!("some values of the variables of `{url}` give a broken URL"),
            ));
        }
    }
}
