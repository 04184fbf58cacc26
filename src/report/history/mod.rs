//! The history of one spec over its commits: what each commit changed
//! (each change once, with the endpoints it reaches), the version bump it
//! needed, and each endpoint's own timeline. One data model, written as a
//! page (`html`), as Markdown with an SVG chart beside it, or as JSON.

pub mod html;
pub mod markdown;
pub mod svg;

use serde::Serialize;

use crate::load::git_log::Commit;
use crate::rules::version_policy::Verdict;
use crate::rules::{Finding, Level, Place};

use super::changes;

/// What became of one commit's version of the file.
pub enum Outcome {
    /// The first version read: every endpoint in it is new.
    First {
        operations: Vec<String>,
        version: Option<String>,
    },
    /// Compared with the last version before it that could be read.
    Compared {
        findings: Vec<Finding>,
        verdict: Verdict,
        operations: usize,
        roots: (String, String),
    },
    /// The file did not load here; the history goes on from the last one that did.
    Unreadable(String),
    /// The commit removed the file.
    Deleted,
}

pub struct Step {
    pub commit: Commit,
    pub outcome: Outcome,
}

#[derive(Serialize, Default, Clone, Copy)]
pub struct Counts {
    pub breaking: usize,
    pub warning: usize,
    pub other: usize,
}

impl Counts {
    pub fn total(&self) -> usize {
        self.breaking + self.warning + self.other
    }
}

#[derive(Serialize)]
pub struct Spot {
    pub file: String,
    pub pointer: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Serialize)]
pub struct ChangeEntry {
    pub key: String,
    pub id: &'static str,
    pub level: &'static str,
    pub message: String,
    pub old: Option<Spot>,
    pub new: Option<Spot>,
    pub operations: Vec<String>,
}

#[derive(Serialize)]
pub struct CommitEntry {
    pub sha: String,
    pub short: String,
    pub date: String,
    pub author: String,
    pub subject: String,
    pub path: String,
    /// `first`, `compared`, `unreadable` or `deleted`.
    pub status: &'static str,
    pub error: Option<String>,
    /// Operations in this version (none where it could not be read).
    pub operations: Option<usize>,
    pub version_before: Option<String>,
    pub version_after: Option<String>,
    /// The semver bump the changes needed: `major`, `minor` or `patch`.
    pub bump_required: Option<&'static str>,
    pub counts: Counts,
    pub changes: Vec<ChangeEntry>,
}

#[derive(Serialize)]
pub struct Event {
    pub sha: String,
    pub short: String,
    pub date: String,
    /// `added`, `changed`, `deprecated` or `removed`.
    pub kind: &'static str,
    pub rules: Vec<&'static str>,
}

#[derive(Serialize)]
pub struct EndpointEntry {
    /// `GET /pets`.
    pub name: String,
    /// Its anchor in the page: `endpoint-GET-/pets`.
    pub anchor: String,
    pub events: Vec<Event>,
}

#[derive(Serialize)]
pub struct History {
    pub file: String,
    pub range: Option<String>,
    pub commits: Vec<CommitEntry>,
    pub endpoints: Vec<EndpointEntry>,
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::Error => "breaking",
        Level::Warning => "warning",
        Level::Info => "other",
    }
}

/// What an endpoint's finding says happened to it.
fn event_kind(rule: &str) -> &'static str {
    if rule == "endpoint-added" {
        "added"
    } else if rule.starts_with("api-path-removed") || rule.starts_with("api-removed") {
        "removed"
    } else if rule.starts_with("endpoint-deprecated") {
        "deprecated"
    } else {
        "changed"
    }
}

/// `endpoint-GET-/pets`: whitespace is all an id may not hold.
pub fn endpoint_anchor(name: &str) -> String {
    let name: String = name
        .chars()
        .map(|c| if c.is_whitespace() { '-' } else { c })
        .collect();
    format!("endpoint-{name}")
}

fn spot(p: Option<&Place>) -> Option<Spot> {
    let p = p?;
    let (line, column) = p.line_column();
    Some(Spot {
        file: p.source.name.clone(),
        pointer: p.pointer.to_string(),
        line,
        column,
    })
}

/// The events of endpoint `name`, in commit order, kept by first mention.
struct Timelines {
    order: Vec<String>,
    events: std::collections::HashMap<String, Vec<Event>>,
}

impl Timelines {
    fn push(&mut self, name: &str, c: &Commit, kind: &'static str, rule: Option<&'static str>) {
        let list = self.events.entry(name.to_string()).or_insert_with(|| {
            self.order.push(name.to_string());
            Vec::new()
        });
        match list.last_mut() {
            // One event per commit and kind; the rules are gathered on it.
            Some(e) if e.sha == c.sha && e.kind == kind => {
                if let Some(r) = rule.filter(|r| !e.rules.contains(r)) {
                    e.rules.push(r);
                }
            }
            _ => list.push(Event {
                sha: c.sha.clone(),
                short: short(&c.sha),
                date: day(&c.date),
                kind,
                rules: rule.into_iter().collect(),
            }),
        }
    }
}

fn short(sha: &str) -> String {
    sha.chars().take(10).collect()
}

/// `2026-03-06` from an ISO 8601 timestamp.
pub fn day(date: &str) -> String {
    date.chars().take(10).collect()
}

/// The history of `file` from its steps, oldest first. With `places`, each
/// change names its line and column in both versions, which costs a line
/// index per version: only the JSON writes them.
pub fn build(file: &str, range: Option<&str>, steps: &[Step], places: bool) -> History {
    let mut timelines = Timelines {
        order: Vec::new(),
        events: Default::default(),
    };
    let mut commits = Vec::new();
    let mut last_version: Option<String> = None;
    for step in steps {
        let c = &step.commit;
        let mut entry = CommitEntry {
            sha: c.sha.clone(),
            short: short(&c.sha),
            date: c.date.clone(),
            author: c.author.clone(),
            subject: c.subject.clone(),
            path: c.path.clone(),
            status: "compared",
            error: None,
            operations: None,
            version_before: last_version.clone(),
            version_after: None,
            bump_required: None,
            counts: Counts::default(),
            changes: Vec::new(),
        };
        match &step.outcome {
            Outcome::First {
                operations,
                version,
            } => {
                entry.status = "first";
                entry.operations = Some(operations.len());
                entry.version_before = None;
                entry.version_after = version.clone();
                last_version = version.clone();
                for op in operations {
                    timelines.push(op, c, "added", None);
                }
            }
            Outcome::Compared {
                findings,
                verdict,
                operations,
                roots,
            } => {
                entry.operations = Some(*operations);
                entry.version_before = verdict.old.clone();
                entry.version_after = verdict.new.clone();
                entry.bump_required = verdict.needed.map(|b| b.name());
                last_version = verdict.new.clone();
                for g in changes::group(findings, (&roots.0, &roots.1)) {
                    let f = g.first;
                    match f.level {
                        Level::Error => entry.counts.breaking += 1,
                        Level::Warning => entry.counts.warning += 1,
                        Level::Info => entry.counts.other += 1,
                    }
                    let names: Vec<String> = g
                        .operations
                        .iter()
                        .map(|o| format!("{} {}", o.method, o.path))
                        .collect();
                    for name in &names {
                        timelines.push(name, c, event_kind(f.rule.id), Some(f.rule.id));
                    }
                    let (old, new) = f
                        .sides
                        .as_ref()
                        .map_or((None, None), |(o, n)| (o.as_ref(), n.as_ref()));
                    entry.changes.push(ChangeEntry {
                        key: g.key.clone(),
                        id: f.rule.id,
                        level: level_name(f.level),
                        message: g.message(),
                        old: spot(old.filter(|_| places)),
                        new: spot(new.filter(|_| places)),
                        operations: names,
                    });
                }
            }
            Outcome::Unreadable(why) => {
                entry.status = "unreadable";
                entry.error = Some(why.clone());
            }
            Outcome::Deleted => entry.status = "deleted",
        }
        commits.push(entry);
    }
    let mut endpoints: Vec<EndpointEntry> = timelines
        .order
        .iter()
        .map(|name| EndpointEntry {
            name: name.clone(),
            anchor: endpoint_anchor(name),
            events: timelines.events.remove(name).unwrap_or_default(),
        })
        .collect();
    endpoints.sort_by(|a, b| endpoint_key(&a.name).cmp(&endpoint_key(&b.name)));
    History {
        file: file.to_string(),
        range: range.map(str::to_string),
        commits,
        endpoints,
    }
}

/// Endpoints by path, then method.
fn endpoint_key(name: &str) -> (&str, &str) {
    let (method, path) = name.split_once(' ').unwrap_or(("", name));
    (path, method)
}

/// The data as JSON, safe to print on a terminal or into a CI log.
pub fn json(h: &History) -> String {
    super::escape::json(serde_json::to_string_pretty(h).unwrap_or_default()) + "\n"
}
