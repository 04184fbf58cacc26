//! Stage 5: findings rendered for people (code frames, Markdown) and for machines
//! (JSON, SARIF, JUnit, GitHub workflow commands).

pub mod changelog;
pub mod changes;
pub mod escape;
pub mod frame;
pub mod github;
pub mod history;
pub mod human;
pub mod json;
mod json_writer;
pub mod junit;
pub mod markdown;
pub mod rule_pages;
pub mod sarif;

pub use human::Style;

/// `n` in decimal, written into `buf`: the digits. Line numbers and JSON
/// numbers are written by the hundred thousand, past the formatter.
fn decimal(n: usize, buf: &mut [u8; 20]) -> &str {
    let mut at = buf.len();
    let mut rest = n;
    loop {
        at -= 1;
        buf[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    std::str::from_utf8(&buf[at..]).unwrap_or("0")
}
