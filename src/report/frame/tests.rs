//! Our frames beside miette's, which they follow, on every span of small
//! ASCII texts (where columns in bytes and in characters agree).

use std::sync::Arc;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};

use super::{Frame, Label, Painter, Severity};
use crate::load::SourceFile;

#[derive(Debug)]
struct Theirs {
    message: String,
    help: Option<String>,
    source: NamedSource<String>,
    label: LabeledSpan,
}

impl std::fmt::Display for Theirs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Theirs {}

impl Diagnostic for Theirs {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new("some-rule"))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Warning)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(self.label.clone())))
    }
}

fn ours(text: &str, offset: usize, len: usize, label: Option<&str>, message: &str) -> String {
    let frame = Frame {
        code: Some("some-rule".into()),
        message: message.into(),
        severity: Severity::Warning,
        help: Some("do this".into()),
        label: Some(Label {
            source: Arc::new(SourceFile::new("f.yaml", text)),
            offset,
            len,
            text: label.map(str::to_string),
        }),
        related: Vec::new(),
    };
    let mut out = String::new();
    Painter {
        color: false,
        width: 60,
    }
    .render(&mut out, &frame);
    out
}

fn theirs(text: &str, offset: usize, len: usize, label: Option<&str>, message: &str) -> String {
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(60)
        .with_context_lines(1)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace);
    let diagnostic = Theirs {
        message: message.into(),
        help: Some("do this".into()),
        source: NamedSource::new("f.yaml", text.to_string()),
        label: LabeledSpan::new(label.map(str::to_string), offset, len),
    };
    let mut out = String::new();
    let _ = handler.render_report(&mut out, &diagnostic);
    out
}

#[test]
fn frames_match_miettes_on_every_span() {
    let texts = [
        "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths: {}\n",
        "{\n  \"a\": {\n    \"b\": [1, 2,\n      3]\n  },\n\t\"c\": true\n}",
        "a: 1\r\nb:\r\n  - x\r\n  - y\r\n",
        "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
    ];
    let messages = [
        "short",
        "a message long enough that it has to be wrapped onto a second line here",
    ];
    for text in texts {
        for offset in 0..text.len() {
            if matches!(text.as_bytes()[offset], b'\n' | b'\r') {
                continue;
            }
            for len in [0, 1, 2, 5, 9, 17, 30] {
                // miette gives a span that ends on a line break one more
                // line of context; ours never start or end there (they are values).
                let last = text.as_bytes().get((offset + len).saturating_sub(1));
                if offset + len > text.len() || (len > 0 && matches!(last, Some(b'\n' | b'\r'))) {
                    continue;
                }
                for label in [Some("here"), None, Some("two\nlines")] {
                    for message in messages {
                        let a = ours(text, offset, len, label, message);
                        let b = theirs(text, offset, len, label, message);
                        assert_eq!(a, b, "{text:?} at {offset}+{len}, label {label:?}");
                    }
                }
            }
        }
    }
}
