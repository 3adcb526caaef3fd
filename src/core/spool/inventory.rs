//! What a spool directory holds: its segments, by writer, in the order they were written; and a summary for
//! `stats()`, `phpinfo()` and the command-line tool.

use super::record::Read;
use super::segment::{EXT, Segment};
use super::DEAD_LETTERS;
use std::path::{Path, PathBuf};

/// One segment file.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Its path.
    pub path: PathBuf,
    /// The writer's key (process and thread).
    pub key: String,
    /// Its size.
    pub bytes: u64,
}

/// The segments of `dir`, oldest first within each writer.
pub fn segments(dir: &Path) -> std::io::Result<Vec<Entry>> {
    let mut list = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(EXT).filter(|_| !name.starts_with('.')) else { continue };
        let Some((key, _)) = stem.split_once('-') else { continue };
        let bytes = entry.metadata().map_or(0, |m| m.len());
        list.push(Entry { path: entry.path(), key: key.to_string(), bytes });
    }
    list.sort_by(|a, b| a.path.file_name().cmp(&b.path.file_name()));
    Ok(list)
}

/// A directory's contents, counted by reading every record.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    /// Segment files.
    pub segments: u64,
    /// Records not delivered yet.
    pub records: u64,
    /// Bytes of the segment files.
    pub bytes: u64,
    /// When the oldest record not delivered yet was spooled (ms since the epoch).
    pub oldest_ms: Option<u64>,
    /// Segments held by a live writer or a drainer now.
    pub held: u64,
    /// Records in the dead-letter file.
    pub dead_letters: u64,
    /// Segments set aside with a torn end (`.torn`).
    pub torn: u64,
}

/// Counts what `dir` holds (segments held by others are read too: reading needs no lock).
pub fn summarize(dir: &Path) -> std::io::Result<Summary> {
    let mut s = Summary::default();
    for entry in segments(dir)? {
        s.segments += 1;
        s.bytes += entry.bytes;
        match Segment::adopt(&entry.path) {
            Ok(Some(seg)) => count(&seg, &mut s),
            _ => {
                s.held += 1;
                if let Ok(seg) = Segment::peek(&entry.path) {
                    count(&seg, &mut s);
                }
            }
        }
    }
    for entry in std::fs::read_dir(dir)?.flatten() {
        if entry.file_name().to_string_lossy().ends_with(".torn") {
            s.torn += 1;
        }
    }
    if let Ok(dead) = Segment::peek(&dir.join(DEAD_LETTERS)) {
        let mut at = 0;
        while let Ok(Read::Record(_, n)) = dead.read(at) {
            s.dead_letters += 1;
            at += n as u64;
        }
    }
    Ok(s)
}

/// Adds a segment's records after its delivered prefix.
fn count(seg: &Segment, s: &mut Summary) {
    let mut at = seg.done();
    while let Ok(Read::Record(r, n)) = seg.read(at) {
        s.records += 1;
        s.oldest_ms = Some(s.oldest_ms.map_or(r.spooled_at_ms, |o| o.min(r.spooled_at_ms)));
        at += n as u64;
    }
}

/// One spooled message, as the tool lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    /// The segment (or dead-letter file) it is in.
    pub file: PathBuf,
    /// Its offset there.
    pub offset: u64,
    /// The record (its body included).
    pub record: super::record::Record,
}

/// Up to `max` messages not delivered yet, oldest segment first, in order within each.
pub fn messages(dir: &Path, max: usize) -> std::io::Result<Vec<Listed>> {
    let mut out = Vec::new();
    for entry in segments(dir)? {
        let Ok(seg) = Segment::peek(&entry.path) else { continue };
        collect(&seg, seg.done(), max, &mut out);
    }
    Ok(out)
}

/// Up to `max` dead letters, with their reasons.
pub fn dead_letters(dir: &Path, max: usize) -> std::io::Result<Vec<Listed>> {
    let mut out = Vec::new();
    if let Ok(seg) = Segment::peek(&dir.join(DEAD_LETTERS)) {
        collect(&seg, 0, max, &mut out);
    }
    Ok(out)
}

fn collect(seg: &Segment, from: u64, max: usize, out: &mut Vec<Listed>) {
    let mut at = from;
    while out.len() < max {
        let Ok(Read::Record(record, n)) = seg.read(at) else { return };
        out.push(Listed { file: seg.path().to_path_buf(), offset: at, record });
        at += n as u64;
    }
}

/// Moves every segment no process holds from `dir` to `to` (created if missing), with what was delivered of
/// it; returns how many. A segment held by a live writer or a drainer stays.
pub fn move_free(dir: &Path, to: &Path) -> std::io::Result<usize> {
    std::fs::create_dir_all(to)?;
    let mut moved = 0;
    for entry in segments(dir)? {
        let Ok(Some(seg)) = Segment::adopt(&entry.path) else { continue };
        let Some(name) = entry.path.file_name() else { continue };
        let target = to.join(name);
        let done = super::segment::done_path(&entry.path);
        if done.exists() {
            std::fs::rename(&done, super::segment::done_path(&target))?;
        }
        std::fs::rename(&entry.path, &target)?;
        drop(seg);
        moved += 1;
    }
    if moved > 0 {
        super::segment::sync_dir(to)?;
        super::segment::sync_dir(dir)?;
    }
    Ok(moved)
}

/// A quick look (for `stats()` and `phpinfo()`): segments, bytes, and when the oldest message not delivered
/// yet was spooled, reading one record per segment.
pub fn glance(dir: &Path) -> std::io::Result<Summary> {
    let mut s = Summary::default();
    for entry in segments(dir)? {
        s.segments += 1;
        s.bytes += entry.bytes;
        let Ok(seg) = Segment::peek(&entry.path) else { continue };
        if let Ok(Read::Record(r, _)) = seg.read(seg.done()) {
            s.oldest_ms = Some(s.oldest_ms.map_or(r.spooled_at_ms, |o| o.min(r.spooled_at_ms)));
        }
    }
    Ok(s)
}
