//! The history as one self-contained page: inline CSS, the SVG chart, a
//! little inline JavaScript for the search box; no request leaves it, and
//! with JavaScript off everything is shown.

use std::fmt::Write as _;

use super::{day, svg, CommitEntry, History};
use crate::report::escape::html as esc;

const STYLE: &str = r#"
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1100px;padding:0 1.2em 3em;color:#1b1b1b}
h1{font-size:1.6em;margin:.8em 0 .2em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}
code{font:13px ui-monospace,monospace;background:#f3f3f3;padding:0 .25em;border-radius:3px}
.chart{overflow-x:auto}.timeline g.bar:focus,.timeline g.bar:hover{outline:none}
.timeline g.bar:hover rect[fill=transparent],.timeline g.bar:focus rect[fill=transparent]{fill:#0000000d}
.legend span{display:inline-block;margin-right:1.2em}.legend i{display:inline-block;width:.8em;height:.8em;margin-right:.3em;vertical-align:-.05em}
.commit{border:1px solid #e2e2e2;border-radius:6px;padding:.5em .9em;margin:.8em 0}
.commit h3{margin:.1em 0;font-size:1.05em}.meta{color:#555;margin:.2em 0}
.commit.unreadable{background:#fff4f4}.bump{font-weight:600}
.change{margin:.35em 0}.level{display:inline-block;min-width:5.5em;font-size:.8em;font-weight:700;text-transform:uppercase}
.breaking .level{color:#c62828}.warning .level{color:#b26a00}.other .level{color:#546e7a}
.reach{color:#555;font-size:.9em;margin-left:5.9em}.more{display:inline}.more summary{display:inline;cursor:pointer;color:#1a57b6}
table{border-collapse:collapse;width:100%}td,th{text-align:left;vertical-align:top;padding:.3em .5em;border-bottom:1px solid #eee}
th{white-space:nowrap;font-weight:600}
#search{position:sticky;top:0;background:#fff;padding:.6em 0;border-bottom:1px solid #eee}
#filter{font-size:1em;padding:.3em .5em;width:min(30em,90%)}
[hidden]{display:none!important}
@media print{#search{display:none}.commit{break-inside:avoid}}
"#;

const SCRIPT: &str = r#"
window.addEventListener('error', function (e) {
  document.documentElement.setAttribute('data-errors', String(e.message));
});
(function () {
  var search = document.getElementById('search');
  var box = document.getElementById('filter');
  var shown = document.getElementById('shown');
  var items = Array.prototype.slice.call(document.querySelectorAll('[data-search]'));
  function apply() {
    var q = box.value.trim().toLowerCase();
    var endpoints = 0, commits = 0;
    items.forEach(function (el) {
      var hit = !q || el.getAttribute('data-search').indexOf(q) >= 0;
      el.hidden = !hit;
      if (hit && el.classList.contains('endpoint')) endpoints++;
      if (hit && el.classList.contains('commit')) commits++;
    });
    shown.textContent = q ? endpoints + ' endpoints, ' + commits + ' commits match' : '';
    document.documentElement.setAttribute('data-filter', q);
  }
  // Hovering shows a column's title as a tooltip; focus (keyboard, touch)
  // shows it under the chart.
  var detail = document.getElementById('chart-detail');
  function tell(e) {
    var bar = e.target.closest && e.target.closest('g.bar');
    var title = bar && bar.querySelector('title');
    if (title) detail.textContent = title.textContent;
  }
  document.addEventListener('focusin', tell);
  document.addEventListener('mouseover', tell);
  search.hidden = false;
  box.addEventListener('input', apply);
  var m = /[?&]filter=([^&#]*)/.exec(location.search);
  if (m) box.value = decodeURIComponent(m[1].replace(/\+/g, ' '));
  apply();
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) { d.open = true; });
  });
})();
"#;

/// How many endpoints a change lists before the rest fold away.
const LISTED: usize = 8;

/// A message whose `backticked` parts are names, set as code.
fn message(m: &str) -> String {
    m.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("<code>{}</code>", esc(part))
            } else {
                esc(part)
            }
        })
        .collect()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What the filter matches a commit by: its own words and all of its changes'.
fn commit_search(c: &CommitEntry) -> String {
    let mut s = format!("{} {} {} {}", c.sha, c.subject, c.author, c.date);
    for ch in &c.changes {
        let _ = write!(s, " {} {}", ch.id, ch.operations.join(" "));
    }
    s.to_lowercase()
}

fn commit(out: &mut String, c: &CommitEntry) {
    let _ = write!(
        out,
        r##"<article class="commit {}" id="commit-{sha}" data-search="{}"><h3><a href="#commit-{sha}"><code>{}</code></a> {}</h3>"##,
        c.status,
        esc(&commit_search(c)),
        esc(&c.short),
        esc(&c.subject),
        sha = esc(&c.sha),
    );
    let mut meta = format!("{} · {}", esc(&day(&c.date)), esc(&c.author));
    if c.path.contains('/') || c.status == "first" {
        let _ = write!(meta, " · <code>{}</code>", esc(&c.path));
    }
    match (&c.version_before, &c.version_after) {
        (Some(a), Some(b)) if a != b => {
            let _ = write!(meta, " · version {} → {}", esc(a), esc(b));
        }
        (_, Some(b)) => {
            let _ = write!(meta, " · version {}", esc(b));
        }
        _ => {}
    }
    if let Some(bump) = c.bump_required {
        let _ = write!(
            meta,
            r#" · <span class="bump">needs a {bump} release</span>"#
        );
    }
    if let Some(ops) = c.operations {
        let _ = write!(meta, " · {}", plural(ops, "operation", "operations"));
    }
    let _ = write!(out, r#"<p class="meta">{meta}</p>"#);
    match c.status {
        "unreadable" => {
            let _ = write!(
                out,
                "<p>The file does not parse in this commit: {}. The next commit is compared with the last version that did.</p>",
                esc(c.error.as_deref().unwrap_or("unknown reason"))
            );
        }
        "deleted" => out.push_str("<p>This commit deleted the file.</p>"),
        "first" => out.push_str(
            "<p>The first version in this history: every endpoint in it starts here.</p>",
        ),
        _ if c.changes.is_empty() => {
            out.push_str("<p>No change a client can see (wording, order or formatting only).</p>")
        }
        _ => {
            let k = &c.counts;
            let _ = write!(
                out,
                "<details{}><summary>{} ({} breaking, {} warnings, {} other)</summary><ul>",
                if k.breaking > 0 { " open" } else { "" },
                plural(c.changes.len(), "change", "changes"),
                k.breaking,
                k.warning,
                k.other
            );
            for ch in &c.changes {
                let search =
                    format!("{} {} {}", ch.id, ch.message, ch.operations.join(" ")).to_lowercase();
                let _ = write!(
                    out,
                    r#"<li class="change {}" data-search="{}"><span class="level">{}</span> <code>{}</code> {}"#,
                    ch.level,
                    esc(&search),
                    ch.level,
                    esc(ch.id),
                    message(&ch.message)
                );
                if !ch.operations.is_empty() {
                    let links: Vec<String> = ch
                        .operations
                        .iter()
                        .map(|o| {
                            format!(
                                r##"<a href="#{}">{}</a>"##,
                                esc(&super::endpoint_anchor(o)),
                                esc(o)
                            )
                        })
                        .collect();
                    let (first, rest) = links.split_at(links.len().min(LISTED));
                    let _ = write!(out, r#"<div class="reach">reaches {}"#, first.join(", "));
                    if !rest.is_empty() {
                        let _ = write!(
                            out,
                            r#" <details class="more"><summary>and {} more</summary>{}</details>"#,
                            rest.len(),
                            rest.join(", ")
                        );
                    }
                    out.push_str("</div>");
                }
                out.push_str("</li>");
            }
            out.push_str("</ul></details>");
        }
    }
    out.push_str("</article>");
}

/// The page.
pub fn page(h: &History) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let title = format!("History of {}", h.file);
    let _ = write!(
        out,
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>{}</title><style>{STYLE}</style></head><body>"#,
        esc(&title)
    );
    let breaking_commits = h.commits.iter().filter(|c| c.counts.breaking > 0).count();
    let breaking: usize = h.commits.iter().map(|c| c.counts.breaking).sum();
    let _ = write!(
        out,
        "<header><h1>History of <code>{}</code></h1><p>",
        esc(&h.file)
    );
    let _ = write!(
        out,
        "{}{}; {} in {}.",
        plural(h.commits.len(), "commit", "commits"),
        h.range
            .as_deref()
            .map(|r| format!(" in <code>{}</code>", esc(r)))
            .unwrap_or_default(),
        plural(breaking, "breaking change", "breaking changes"),
        plural(breaking_commits, "commit", "commits"),
    );
    if let (Some(first), Some(last)) = (h.commits.first(), h.commits.last()) {
        let _ = write!(
            out,
            " From {} to {}.",
            esc(&day(&first.date)),
            esc(&day(&last.date))
        );
    }
    out.push_str("</p></header>");
    let _ = write!(
        out,
        r#"<section id="timeline"><h2>Timeline</h2><div class="chart">{}</div><p class="legend"><span><i style="background:{}"></i>breaking</span><span><i style="background:{}"></i>warning</span><span><i style="background:{}"></i>other</span><span><i style="background:{}"></i>operations</span><span>× the file does not parse</span></p><p id="chart-detail" class="meta" aria-live="polite"></p></section>"#,
        svg::chart(h, true),
        svg::BREAKING,
        svg::WARNING,
        svg::OTHER,
        svg::OPERATIONS
    );
    out.push_str(r#"<div id="search" hidden><label for="filter">Filter endpoints, rules and commits </label><input id="filter" type="search" placeholder="GET /pets, response-property-type-changed" autocomplete="off"> <span id="shown"></span></div>"#);
    out.push_str(r#"<section id="commits"><h2>Commits, newest first</h2>"#);
    for c in h.commits.iter().rev() {
        commit(&mut out, c);
    }
    out.push_str("</section>");
    out.push_str(r#"<section id="endpoints"><h2>Endpoints</h2><table><thead><tr><th>Endpoint</th><th>History</th></tr></thead><tbody>"#);
    for e in &h.endpoints {
        let mut search = e.name.to_lowercase();
        for ev in &e.events {
            let _ = write!(search, " {} {}", ev.kind, ev.rules.join(" "));
        }
        let _ = write!(
            out,
            r##"<tr class="endpoint" id="{a}" data-search="{}"><th><a href="#{a}">{}</a></th><td>"##,
            esc(&search),
            esc(&e.name),
            a = esc(&e.anchor),
        );
        let events: Vec<String> = e
            .events
            .iter()
            .map(|ev| {
                let rules = if ev.kind == "changed" && !ev.rules.is_empty() {
                    let list: Vec<String> = ev
                        .rules
                        .iter()
                        .map(|r| format!("<code>{}</code>", esc(r)))
                        .collect();
                    format!(" ({})", list.join(", "))
                } else {
                    String::new()
                };
                format!(
                    r##"{} in <a href="#commit-{}">{}</a> ({}){rules}"##,
                    ev.kind,
                    esc(&ev.sha),
                    esc(&ev.short),
                    esc(&ev.date)
                )
            })
            .collect();
        let _ = write!(out, "{}</td></tr>", events.join("; "));
    }
    out.push_str("</tbody></table></section>");
    let _ = writeln!(out, "<script>{SCRIPT}</script></body></html>");
    out
}
