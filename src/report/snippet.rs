//! A miette source that reads only the lines around a span. miette's own
//! `str` source scans from the start of the text for every label, which on a
//! 13 MB spec with many findings is quadratic; a minified spec's one huge line
//! would also be printed whole. This window fixes both.

use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::load::SourceFile;

/// Longest stretch of one line shown around a span.
const MAX_LINE_CONTEXT: usize = 160;

#[derive(Debug, Clone)]
pub struct Snippet {
    pub source: Arc<SourceFile>,
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // Never the raw text: a control character in it would reach the terminal.
        let text: &str = self.source.display_text();
        let lines = self.source.lines();
        let offset = span.offset().min(text.len());
        let last_byte = (offset + span.len().saturating_sub(1)).min(text.len());
        let span_line = lines.line_of(offset);
        let first = span_line.saturating_sub(context_lines_before);
        let last = lines.line_of(last_byte) + context_lines_after + 1;
        let mut start = lines.line_start(first).min(text.len());
        let mut end = if last < lines.line_count() {
            lines.line_start(last)
        } else {
            text.len()
        };
        if end - start > 8 * MAX_LINE_CONTEXT {
            // Very long lines: show only the neighbourhood of the span itself.
            start = floor_char(
                text,
                offset
                    .saturating_sub(MAX_LINE_CONTEXT / 2)
                    .max(lines.line_start(span_line)),
            );
            let line_end = match lines.line_start(span_line + 1) {
                usize::MAX => text.len(),
                next => next.saturating_sub(1).max(offset),
            };
            end = ceil_char(
                text,
                (offset + span.len().max(1) + MAX_LINE_CONTEXT / 2)
                    .min(line_end)
                    .max(offset),
            );
        }
        let window = &text.as_bytes()[start..end];
        let local = SourceSpan::new((offset - start).into(), span.len().min(end - offset));
        let inner = window.read_span(&local, context_lines_before, context_lines_after)?;
        let first_line = lines.line_of(start);
        let shift = start;
        // The contents start at the window; a cropped window starts mid-line.
        let data = inner.data();
        let inner_span = *inner.span();
        let column = lines.position(text, start).column - 1 + inner.column();
        Ok(Box::new(MietteSpanContents::new_named(
            super::escape::visible(&self.source.name).into_owned(),
            data,
            SourceSpan::new((inner_span.offset() + shift).into(), inner_span.len()),
            inner.line() + first_line,
            column,
            inner.line_count(),
        )))
    }
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}
