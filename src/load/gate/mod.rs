//! One gate for every byte vapi-spec reads: files, git objects and HTTP.
//!
//! Specs arrive in pull requests from strangers, so nothing here trusts what
//! it is pointed at. A file is read only when, after every symbolic link is
//! resolved, it is a regular file inside the folder it must stay in; a git
//! object only when it is a regular blob; a URL only within one deadline for
//! the whole run and never through a redirect to another host unless asked.
//! Every read counts its bytes against [`MAX_INPUT_BYTES`] instead of
//! trusting a size that metadata reports (`/dev/zero` reports none).

mod file;
mod git;
pub mod http;

use std::io::Read;

pub use file::{read_file, read_file_in, real_folder};
pub use git::read_git;
pub use http::{fetch, join_url, Net};

/// Inputs larger than this are refused rather than read into memory.
pub const MAX_INPUT_BYTES: u64 = 512 * 1024 * 1024;

/// Why the gate did not hand over the bytes. None of these carries any of
/// the refused content: a refusal may be printed to a public CI log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing is there.
    Missing,
    /// After symbolic links are followed, the target lies outside the folder
    /// it must stay in.
    Outside {
        through_link: bool,
    },
    /// Not a regular file: a directory, a pipe, a device, a socket, or in
    /// git a symbolic link or a submodule.
    NotRegular(&'static str),
    TooLarge,
    /// Anything else (permissions, git or network failures), in words.
    Failed(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Missing => f.write_str("no such file"),
            Refusal::Outside { through_link: true } => f.write_str(
                "it is a symbolic link (or lies in a linked folder) that leads outside the spec's folder; it was not read",
            ),
            Refusal::Outside { through_link: false } => {
                f.write_str("it lies outside the spec's folder; it was not read")
            }
            Refusal::NotRegular(what) => write!(f, "it is {what}, not a regular file; it was not read"),
            Refusal::TooLarge => write!(
                f,
                "it is larger than the {} MiB limit",
                MAX_INPUT_BYTES / 1024 / 1024
            ),
            Refusal::Failed(why) => f.write_str(why),
        }
    }
}

/// Reads at most [`MAX_INPUT_BYTES`]; one byte more is a refusal.
pub fn read_capped(reader: impl Read) -> Result<Vec<u8>, Refusal> {
    read_at_most(reader, MAX_INPUT_BYTES)
}

fn read_at_most(reader: impl Read, limit: u64) -> Result<Vec<u8>, Refusal> {
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Refusal::Failed(io_message(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(Refusal::TooLarge);
    }
    Ok(bytes)
}

pub(crate) fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_capped_by_counting() {
        let endless = std::io::repeat(b'x');
        assert_eq!(read_at_most(endless, 1024), Err(Refusal::TooLarge));
        assert_eq!(read_at_most(&b"abc"[..], 3), Ok(b"abc".to_vec()));
        assert_eq!(read_at_most(&b"abcd"[..], 3), Err(Refusal::TooLarge));
    }
}
