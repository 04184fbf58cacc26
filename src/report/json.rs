//! `--format json`: the object CONTRACT.md describes, and nothing else.
//!
//! Written field by field with [`Pretty`], in the order and layout the
//! contract shows; a large diff prints tens of megabytes of it.

use super::json_writer::Pretty;
use crate::rules::{Finding, OperationRef, Place};

use std::io::Write;

/// Bytes a finding takes, about: the buffer is sized once, since growing a
/// buffer of tens of megabytes by doubling copies it and faults in fresh
/// pages again and again.
const FINDING_BYTES: usize = 640;

/// Written out to the destination whenever this much is buffered: a large
/// report never sits in memory whole beside the findings it is made of.
const PIECE: usize = 1 << 20;

/// The destination of a report: a string being built, or a stream that
/// takes it piece by piece.
enum Sink<'o> {
    Whole,
    Stream(&'o mut dyn Write),
}

impl Sink<'_> {
    fn start(&self, findings: usize) -> Pretty {
        match self {
            Sink::Whole => Pretty::with_capacity(findings * FINDING_BYTES + 4096),
            Sink::Stream(_) => Pretty::with_capacity(PIECE + 64 * 1024),
        }
    }

    /// Drains `w` once a piece is full.
    fn piece(&mut self, w: &mut Pretty) -> std::io::Result<()> {
        match self {
            Sink::Stream(out) if w.pending() >= PIECE => w.drain_to(*out),
            _ => Ok(()),
        }
    }

    /// The report's end, with its final line break: the text when it was
    /// built whole, written out when streamed.
    fn end(&mut self, mut w: Pretty) -> std::io::Result<String> {
        match self {
            Sink::Whole => Ok(w.finish()),
            Sink::Stream(out) => {
                w.drain_to(*out)?;
                out.write_all(b"\n")?;
                Ok(String::new())
            }
        }
    }
}

/// `roots`: the names of the old and the new root document, which change
/// keys leave out (see [`super::changes::key`]).
pub fn diff(findings: &[Finding], roots: (&str, &str)) -> String {
    diff_into(findings, roots, Sink::Whole).unwrap_or_default()
}

/// [`diff`] written to `out` as it is made, with a final line break.
pub fn diff_to(
    findings: &[Finding],
    roots: (&str, &str),
    out: &mut dyn Write,
) -> std::io::Result<()> {
    diff_into(findings, roots, Sink::Stream(out)).map(drop)
}

fn diff_into(
    findings: &[Finding],
    roots: (&str, &str),
    mut sink: Sink<'_>,
) -> std::io::Result<String> {
    let (changes, which) = super::changes::indexed(findings, roots);
    let mut w = sink.start(findings.len());
    w.open_object();
    w.key("changes");
    w.open_array();
    for c in &changes {
        w.item();
        w.open_object();
        w.key("key");
        w.string(&c.key);
        w.key("id");
        w.string(c.first.rule.id);
        w.key("level");
        w.string(c.first.level.name());
        w.key("message");
        w.string(&c.message());
        sides(&mut w, c.first, &mut Positions::default());
        w.key("operations");
        w.open_array();
        for o in &c.operations {
            w.item();
            operation(&mut w, o);
        }
        w.close_array();
        w.close_object();
        sink.piece(&mut w)?;
    }
    w.close_array();
    w.key("findings");
    w.open_array();
    let mut known = Positions::default();
    for (f, &i) in findings.iter().zip(&which) {
        w.item();
        w.open_object();
        head(&mut w, f);
        sides(&mut w, f, &mut known);
        w.key("change");
        w.string(&changes[i].key);
        w.close_object();
        sink.piece(&mut w)?;
    }
    w.close_array();
    w.close_object();
    sink.end(w)
}

pub fn lint(findings: &[Finding]) -> String {
    lint_into(findings, Sink::Whole).unwrap_or_default()
}

/// [`lint`] written to `out` as it is made, with a final line break.
pub fn lint_to(findings: &[Finding], out: &mut dyn Write) -> std::io::Result<()> {
    lint_into(findings, Sink::Stream(out)).map(drop)
}

fn lint_into(findings: &[Finding], mut sink: Sink<'_>) -> std::io::Result<String> {
    let mut w = sink.start(findings.len());
    w.open_object();
    w.key("findings");
    w.open_array();
    for f in findings {
        w.item();
        w.open_object();
        head(&mut w, f);
        place(&mut w, &f.place);
        if !f.related.is_empty() {
            w.key("related");
            w.open_array();
            for (p, message) in &f.related {
                w.item();
                w.open_object();
                place(&mut w, p);
                w.key("message");
                w.string(message);
                w.close_object();
            }
            w.close_array();
        }
        w.close_object();
        sink.piece(&mut w)?;
    }
    w.close_array();
    w.close_object();
    sink.end(w)
}

/// `id`, `level`, `message` and, when there is one, `operation`.
fn head(w: &mut Pretty, f: &Finding) {
    w.key("id");
    w.string(f.rule.id);
    w.key("level");
    w.string(f.level.name());
    w.key("message");
    w.string(&f.message);
    if let Some(o) = &f.operation {
        w.key("operation");
        operation(w, o);
    }
}

fn operation(w: &mut Pretty, o: &OperationRef) {
    w.open_object();
    w.key("method");
    w.string(&o.method);
    w.key("path");
    w.string(&o.path);
    w.close_object();
}

/// Lines and columns already counted, by file and offset: the findings of
/// one change share its places, once for every operation it reaches.
#[derive(Default)]
struct Positions(rustc_hash::FxHashMap<(usize, u32), (usize, usize)>);

impl Positions {
    fn of(&mut self, p: &Place) -> (usize, usize) {
        let key = (std::sync::Arc::as_ptr(&p.source) as usize, p.span.start);
        *self.0.entry(key).or_insert_with(|| p.line_column())
    }
}

/// `old` and `new`: each a place, or `null` on the side without one.
fn sides(w: &mut Pretty, f: &Finding, known: &mut Positions) {
    let (old, new) = f
        .sides
        .as_ref()
        .map_or((None, None), |(o, n)| (o.as_ref(), n.as_ref()));
    for (name, side) in [("old", old), ("new", new)] {
        w.key(name);
        match side {
            Some(p) => {
                w.open_object();
                place_at(w, p, known.of(p));
                w.close_object();
            }
            None => w.null(),
        }
    }
}

/// The fields of a place, inside an object already open.
fn place(w: &mut Pretty, p: &Place) {
    place_at(w, p, p.line_column());
}

/// [`place`], its line and column already known.
fn place_at(w: &mut Pretty, p: &Place, (line, column): (usize, usize)) {
    w.key("file");
    w.string(&p.source.name);
    w.key("pointer");
    w.string(&p.pointer);
    w.key("line");
    w.number(line);
    w.key("column");
    w.number(column);
}
