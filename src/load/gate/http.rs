//! `http(s)://` inputs and references: one deadline for every fetch of a
//! run, and redirects followed only to the same host unless asked.

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use super::{read_capped, Refusal, MAX_INPUT_BYTES};

/// All fetches of one run together may take this long.
pub const FETCH_BUDGET: Duration = Duration::from_secs(30);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const MAX_REDIRECTS: usize = 5;

/// What a run may fetch, shared by everything it loads: the deadline starts
/// with the first fetch and covers them all.
#[derive(Clone, Debug)]
pub struct Net {
    policy: Arc<Policy>,
}

#[derive(Debug)]
struct Policy {
    started: OnceLock<Instant>,
    budget: Duration,
    cross_host: bool,
}

impl Default for Net {
    fn default() -> Net {
        Net::new(false, FETCH_BUDGET)
    }
}

impl Net {
    /// `cross_host`: follow redirects to other hosts too.
    pub fn new(cross_host: bool, budget: Duration) -> Net {
        Net {
            policy: Arc::new(Policy {
                started: OnceLock::new(),
                budget,
                cross_host,
            }),
        }
    }

    fn remaining(&self) -> Result<Duration, Refusal> {
        let started = *self.policy.started.get_or_init(Instant::now);
        self.policy
            .budget
            .checked_sub(started.elapsed())
            .filter(|d| !d.is_zero())
            .ok_or_else(|| {
                Refusal::Failed(format!(
                    "not fetched: the {} s allowed for all fetches of this run ran out",
                    self.policy.budget.as_secs()
                ))
            })
    }
}

/// Scheme and authority (host and port, lower case, without user
/// information) of an absolute URL.
fn origin(url: &str) -> Option<(String, String)> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    Some((scheme.to_ascii_lowercase(), host.to_ascii_lowercase()))
}

/// `relative` read against `base`, as a browser would for a link.
pub fn join_url(base: &str, relative: &str) -> String {
    let lower = relative.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return relative.to_string();
    }
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    if let Some(rest) = relative.strip_prefix("//") {
        return format!("{}{rest}", &base[..after_scheme]);
    }
    let base = base.split(['?', '#']).next().unwrap_or(base);
    let authority_end = base[after_scheme..]
        .find('/')
        .map_or(base.len(), |i| after_scheme + i);
    let (prefix, path) = base.split_at(authority_end);
    if relative.starts_with('/') {
        return format!("{prefix}{relative}");
    }
    // The folder of the base: its path without the last segment.
    let mut segments: Vec<&str> = path.split('/').skip(1).collect();
    segments.pop();
    for segment in relative.split('/') {
        match segment {
            "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    format!("{prefix}/{}", segments.join("/"))
}

/// Fetches `url` within the run's deadline.
pub fn fetch(url: &str, net: &Net) -> Result<Vec<u8>, Refusal> {
    let mut current = url.to_string();
    for _ in 0..=MAX_REDIRECTS {
        let remaining = net.remaining()?;
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(remaining))
            .timeout_connect(Some(remaining.min(CONNECT_TIMEOUT)))
            .max_redirects(0)
            .http_status_as_error(false)
            .build();
        let agent: ureq::Agent = config.into();
        let mut response = agent.get(&current).call().map_err(|e| match e {
            ureq::Error::Timeout(_) => Refusal::Failed(format!(
                "not fetched: no answer within the {} s allowed for all fetches of this run",
                net.policy.budget.as_secs()
            )),
            other => Refusal::Failed(format!("cannot fetch: {other}")),
        })?;
        let status = response.status();
        if status.is_redirection() {
            let Some(location) = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
            else {
                return Err(Refusal::Failed(format!(
                    "the server answered {status} without saying where to"
                )));
            };
            let next = join_url(&current, location);
            let (from, to) = (origin(&current), origin(&next));
            let same_host = from.as_ref().map(|o| &o.1) == to.as_ref().map(|o| &o.1);
            let downgrade = from.as_ref().is_some_and(|o| o.0 == "https")
                && to.as_ref().is_some_and(|o| o.0 != "https");
            if !net.policy.cross_host && (!same_host || downgrade) {
                return Err(Refusal::Failed(format!(
                    "not followed: the server redirects to another host or to plain http ({}); pass --allow-cross-host-redirects to follow it",
                    to.map_or_else(|| next.clone(), |(scheme, host)| format!("{scheme}://{host}"))
                )));
            }
            current = next;
            continue;
        }
        if !status.is_success() {
            return Err(Refusal::Failed(format!("the server answered {status}")));
        }
        let reader = response
            .body_mut()
            .with_config()
            .limit(MAX_INPUT_BYTES + 1)
            .reader();
        return read_capped(reader);
    }
    Err(Refusal::Failed(format!(
        "not fetched: more than {MAX_REDIRECTS} redirects"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_join() {
        assert_eq!(
            join_url("http://h/a/b/spec.yaml", "c.yaml"),
            "http://h/a/b/c.yaml"
        );
        assert_eq!(
            join_url("http://h/a/b/spec.yaml", "../c.yaml"),
            "http://h/a/c.yaml"
        );
        assert_eq!(
            join_url("http://h/a/spec.yaml", "../../../x.yaml"),
            "http://h/x.yaml"
        );
        assert_eq!(
            join_url("http://h/a/spec.yaml", "/x.yaml"),
            "http://h/x.yaml"
        );
        assert_eq!(
            join_url("http://h/a/spec.yaml?v=1", "x.yaml"),
            "http://h/a/x.yaml"
        );
        assert_eq!(join_url("https://h/a", "//other/x"), "https://other/x");
        assert_eq!(join_url("http://h", "x.yaml"), "http://h/x.yaml");
    }

    #[test]
    fn origins_ignore_user_and_case() {
        assert_eq!(
            origin("HTTP://me@Example.test:8080/a?b"),
            Some(("http".into(), "example.test:8080".into()))
        );
    }
}
