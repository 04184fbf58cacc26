//! Byte offsets to 1-based line and column, computed only for what gets printed.

/// Start offsets of every line, built on first use.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// Characters before every [`STRIDE`]th byte: a column on a line of
    /// megabytes (a minified spec is one line) costs one stride to count.
    marks: Vec<u32>,
}

const STRIDE: usize = 256;

/// Characters that start in `bytes`: every byte that does not continue one
/// (`10xxxxxx`). Eight bytes at a time, as the index counts every byte of
/// the file on the first finding printed.
fn chars_in(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    let mut continuing = 0;
    for word in &mut words {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(word);
        let w = u64::from_le_bytes(eight);
        // Bit 7 set and bit 6 clear, in every byte at once.
        continuing += (w & !(w << 1) & HIGH).count_ones() as usize;
    }
    let rest = words.remainder();
    continuing += rest.iter().filter(|&&b| (b & 0xC0) == 0x80).count();
    bytes.len() - continuing
}

/// A 1-based position. `column` counts Unicode characters, not bytes, so a
/// finding after non-ASCII text lands where an editor puts the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0u32];
        let bytes = text.as_bytes();
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i as u32 + 1);
            }
        }
        let mut marks = Vec::with_capacity(bytes.len() / STRIDE + 1);
        let mut seen = 0u32;
        for chunk in bytes.chunks(STRIDE) {
            marks.push(seen);
            seen += chars_in(chunk) as u32;
        }
        LineIndex { starts, marks }
    }

    /// Characters in `bytes[..offset]`.
    fn chars_before(&self, bytes: &[u8], offset: usize) -> usize {
        let k = offset / STRIDE;
        let mark = self.marks.get(k).map_or(0, |&m| m as usize);
        mark + bytes.get(k * STRIDE..offset).map_or(0, chars_in)
    }

    /// 0-based line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s as usize <= offset)
            .saturating_sub(1)
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).map_or(usize::MAX, |&s| s as usize)
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_start(line).min(offset);
        let bytes = text.as_bytes();
        let column = self.chars_before(bytes, offset) - self.chars_before(bytes, start);
        Position {
            line: line + 1,
            column: column + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_are_counted_as_one_at_a_time_would() {
        let text = "aé✓😀b\u{80}xyzé✓😀abcdefgh";
        for start in 0..text.len() {
            for end in start..=text.len() {
                let bytes = &text.as_bytes()[start..end];
                let plain = bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
                assert_eq!(chars_in(bytes), plain, "{start}..{end}");
            }
        }
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "a: 1\nbé: ✓x\r\nc";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap_or(0);
        assert_eq!(index.position(text, x), Position { line: 2, column: 6 });
        let c = text.rfind('c').unwrap_or(0);
        assert_eq!(index.position(text, c), Position { line: 3, column: 1 });
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
    }

    #[test]
    fn columns_on_a_long_line_match_a_plain_count() {
        // Multi-byte characters on both sides of several stride boundaries.
        let mut text = String::from("x\n");
        for i in 0..5000 {
            text.push_str(if i % 3 == 0 { "é✓" } else { "ab" });
        }
        let index = LineIndex::new(&text);
        for offset in [2, 4095, 4096, 4097, 9000, 12_289, text.len()] {
            let offset = (0..=offset)
                .rev()
                .find(|&o| text.is_char_boundary(o))
                .unwrap_or(0);
            let want = text[2..offset].chars().count() + 1;
            assert_eq!(
                index.position(&text, offset),
                Position {
                    line: 2,
                    column: want
                }
            );
        }
    }
}
