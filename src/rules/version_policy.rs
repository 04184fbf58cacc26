//! The version policy: the bump a set of changes needs against the bump the
//! author made to `info.version`.

use crate::model::{Loc, Workspace, ROOT};

use super::catalogue::Bump;
use super::finding::{Finding, Place};

/// A semantic version, with or without a leading `v`; pre-release and build
/// suffixes are kept out of the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SemVer {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

impl SemVer {
    pub fn parse(text: &str) -> Option<SemVer> {
        let text = text.trim();
        let full = text.strip_prefix(['v', 'V']).unwrap_or(text);
        let core = full.split(['-', '+']).next()?;
        // A pre-release or build suffix needs all three numbers: `2024-06-01`
        // is a date, not version 2024 with a pre-release tag.
        if core.len() != full.len() && core.split('.').count() != 3 {
            return None;
        }
        let mut parts = core.split('.');
        let major = parts.next()?.parse().ok()?;
        let minor = parts.next().map_or(Some(0), |p| p.parse().ok())?;
        let patch = parts.next().map_or(Some(0), |p| p.parse().ok())?;
        if parts.next().is_some() {
            return None;
        }
        Some(SemVer {
            major,
            minor,
            patch,
        })
    }

    /// The bump from `self` to `next`; `None` when `next` is not higher.
    pub fn bump_to(&self, next: &SemVer) -> Option<Bump> {
        if next <= self {
            return None;
        }
        // Below 1.0.0 the minor number plays the major's part.
        let (a, b) = if self.major == 0 && next.major == 0 {
            ((self.minor, self.patch, 0), (next.minor, next.patch, 0))
        } else {
            (
                (self.major, self.minor, self.patch),
                (next.major, next.minor, next.patch),
            )
        };
        Some(if b.0 > a.0 {
            Bump::Major
        } else if b.1 > a.1 {
            Bump::Minor
        } else {
            Bump::Patch
        })
    }

    /// The smallest version after `self` that makes a `bump`.
    pub fn next(&self, bump: Bump) -> SemVer {
        let v = *self;
        match (bump, v.major) {
            (Bump::Major, 0) => SemVer {
                minor: v.minor + 1,
                patch: 0,
                ..v
            },
            (Bump::Minor, 0) | (Bump::Patch, _) => SemVer {
                patch: v.patch + 1,
                ..v
            },
            (Bump::Major, _) => SemVer {
                major: v.major + 1,
                minor: 0,
                patch: 0,
            },
            (Bump::Minor, _) => SemVer {
                minor: v.minor + 1,
                patch: 0,
                ..v
            },
        }
    }
}

impl std::fmt::Display for SemVer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// What the policy concluded.
#[derive(Clone, Debug)]
pub struct Verdict {
    pub needed: Option<Bump>,
    pub old: Option<String>,
    pub new: Option<String>,
    /// The smallest correct new version, when both versions are semver.
    pub suggested: Option<String>,
}

/// `info.version` as written (a string, or a number YAML read as one).
pub fn version(ws: &Workspace) -> Option<String> {
    let info = ws.root().root.get("info")?;
    let v = info.get("version")?;
    v.as_str()
        .map(str::to_string)
        .or_else(|| v.as_number().map(|n| n.raw().to_string()))
}

/// Checks the bump; adds `api-version-bump-insufficient` (or, for a version
/// that is not semver, `api-version-not-semver`) to `findings`.
pub fn check(
    old: &Workspace,
    new: &Workspace,
    findings: &mut Vec<Finding>,
    enforce: bool,
) -> Verdict {
    let needed = findings.iter().filter_map(|f| f.rule.bump).max();
    let (old_v, new_v) = (version(old), version(new));
    let mut verdict = Verdict {
        needed,
        old: old_v.clone(),
        new: new_v.clone(),
        suggested: None,
    };
    let (Some(a), Some(b)) = (&old_v, &new_v) else {
        return verdict;
    };
    // Without the policy, an unchanged version is not news: pull requests
    // usually leave the bump to the release. With it, an unchanged version
    // of an unchanged API needs nothing either (a spec compared with itself
    // reports nothing, whatever its version says).
    let quiet = a == b && (!enforce || needed.is_none());
    let at = Loc::new(ROOT, "/info/version");
    let place = Place::locate(new, &at, None);
    let (Some(sa), Some(sb)) = (SemVer::parse(a), SemVer::parse(b)) else {
        if quiet {
            return verdict;
        }
        if let Some(rule) = super::find("api-version-not-semver") {
            let args = [("old", a.clone()), ("new", b.clone())];
            findings.push(Finding {
                rule,
                level: rule.level,
                message: super::catalogue::render(rule.message, &args),
                operation: None,
                place,
                related: Vec::new(),
                sides: Some((Some(Place::locate(old, &at, None)), None)),
            });
        }
        return verdict;
    };
    let Some(needed) = needed else { return verdict };
    let made = sa.bump_to(&sb);
    if made.is_some_and(|m| m >= needed) {
        verdict.suggested = None;
        return verdict;
    }
    verdict.suggested = Some(sa.next(needed).to_string());
    if quiet {
        return verdict;
    }
    if let Some(rule) = super::find("api-version-bump-insufficient") {
        let args = [
            ("old", a.clone()),
            ("new", b.clone()),
            ("needed", needed.name().to_string()),
            ("made", made.map_or("no", Bump::name).to_string()),
            ("suggested", sa.next(needed).to_string()),
        ];
        let level = if enforce {
            rule.level
        } else {
            super::Level::Info
        };
        // Keep the list ordered by level, the version note first within its level.
        let at_index = findings
            .iter()
            .position(|f| f.level <= level)
            .unwrap_or(findings.len());
        findings.insert(
            at_index,
            Finding {
                rule,
                level,
                message: super::catalogue::render(rule.message, &args),
                operation: None,
                place: place.clone(),
                related: Vec::new(),
                sides: Some((Some(Place::locate(old, &at, None)), Some(place))),
            },
        );
    }
    verdict
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> SemVer {
        SemVer::parse(s).unwrap_or_else(|| panic!("{s}"))
    }

    #[test]
    fn versions_parse_with_or_without_v() {
        assert_eq!(
            v("v1.2.3"),
            SemVer {
                major: 1,
                minor: 2,
                patch: 3
            }
        );
        assert_eq!(
            v("2.0"),
            SemVer {
                major: 2,
                minor: 0,
                patch: 0
            }
        );
        assert_eq!(v("1.4.0-beta.1"), v("1.4.0"));
        assert!(SemVer::parse("2024-06-01").is_none());
        assert!(SemVer::parse("latest").is_none());
    }

    #[test]
    fn bumps_count_minor_as_major_below_one() {
        assert_eq!(v("1.2.3").bump_to(&v("2.0.0")), Some(Bump::Major));
        assert_eq!(v("1.2.3").bump_to(&v("1.3.0")), Some(Bump::Minor));
        assert_eq!(v("1.2.3").bump_to(&v("1.2.4")), Some(Bump::Patch));
        assert_eq!(v("0.4.1").bump_to(&v("0.5.0")), Some(Bump::Major));
        assert_eq!(v("0.4.1").bump_to(&v("0.4.2")), Some(Bump::Minor));
        assert_eq!(v("1.2.3").bump_to(&v("1.2.3")), None);
        assert_eq!(v("1.2.3").next(Bump::Major).to_string(), "2.0.0");
        assert_eq!(v("0.4.1").next(Bump::Major).to_string(), "0.5.0");
        assert_eq!(v("1.2.3").next(Bump::Minor).to_string(), "1.3.0");
    }
}
