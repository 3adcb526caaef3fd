//! A segment: one file of records. Its writer appends to it while holding its lock (`flock`, which a crash
//! releases and a fork shares); whoever takes the lock after the writer is gone drains it. A sidecar file
//! (`<segment>.done`) keeps how far from the start every record has been delivered.

use super::record::{HEAD, Read, Record};
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{FileExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// The file name ending of a segment.
pub const EXT: &str = ".seg";

/// An open segment whose lock this process holds.
pub struct Segment {
    file: File,
    path: PathBuf,
    len: u64,
    /// Locked, and tracked for forked children (see `held`).
    held: bool,
}

impl Drop for Segment {
    fn drop(&mut self) {
        if self.held {
            super::held::release(self.file.as_raw_fd());
        }
    }
}

/// `flock` without waiting; whether the lock was taken.
fn try_lock(file: &File) -> io::Result<bool> {
    // SAFETY: a valid descriptor, owned by `file`.
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
        return Ok(true);
    }
    let e = io::Error::last_os_error();
    if e.kind() == io::ErrorKind::WouldBlock { Ok(false) } else { Err(e) }
}

/// Makes a directory entry (a new or renamed file) durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

impl Segment {
    /// Creates the segment `name` in `dir`, locked before it appears under its name (it is made under a
    /// temporary one), so no other process can take it from its writer.
    pub fn create(dir: &Path, name: &str) -> io::Result<Segment> {
        let temporary = dir.join(format!(".{name}.new"));
        let file = OpenOptions::new().read(true).write(true).create_new(true).mode(0o600).open(&temporary)?;
        if !try_lock(&file)? {
            return Err(io::Error::other("a new segment is locked by another process"));
        }
        let path = dir.join(name);
        std::fs::rename(&temporary, &path)?;
        sync_dir(dir)?;
        super::held::hold(file.as_raw_fd());
        Ok(Segment { file, path, len: 0, held: true })
    }

    /// Takes the segment at `path` when no other process holds it (its writer is gone, and nobody drains it);
    /// `None` when it is held, or was removed or replaced meanwhile.
    pub fn adopt(path: &Path) -> io::Result<Option<Segment>> {
        let file = match OpenOptions::new().read(true).write(true).open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        if !try_lock(&file)? {
            return Ok(None);
        }
        // the holder before may have finished and removed it between our open and our lock
        let (held, named) = match (file.metadata(), std::fs::metadata(path)) {
            (Ok(h), Ok(n)) => (h, n),
            _ => return Ok(None),
        };
        if held.ino() != named.ino() || held.dev() != named.dev() {
            return Ok(None);
        }
        super::held::hold(file.as_raw_fd());
        Ok(Some(Segment { len: held.len(), file, path: path.to_path_buf(), held: true }))
    }

    /// Opens the segment at `path` to read it only, without its lock (to count what it holds).
    pub fn peek(path: &Path) -> io::Result<Segment> {
        let file = File::open(path)?;
        let len = file.metadata()?.len();
        Ok(Segment { file, path: path.to_path_buf(), len, held: false })
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The bytes written (by this writer, or found when adopted).
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Appends a record's bytes, synced to disk when `sync`; on failure (a full disk) the file is cut back so
    /// that no partial record stays.
    pub fn append(&mut self, bytes: &[u8], sync: bool) -> io::Result<()> {
        let written = self.file.write_all_at(bytes, self.len).and_then(|_| if sync { self.file.sync_data() } else { Ok(()) });
        if let Err(e) = written {
            let _ = self.file.set_len(self.len);
            return Err(e);
        }
        self.len += bytes.len() as u64;
        Ok(())
    }

    /// Syncs what was appended.
    pub fn sync(&self) -> io::Result<()> {
        self.file.sync_data()
    }

    /// Looks at the file's length again (an adopted segment does not grow; one's own does, by `append`).
    pub fn refresh(&mut self) -> io::Result<u64> {
        self.len = self.file.metadata()?.len();
        Ok(self.len)
    }

    /// The record at `offset`.
    pub fn read(&self, offset: u64) -> io::Result<Read> {
        let left = self.len.saturating_sub(offset);
        let mut head = vec![0u8; (HEAD as u64).min(left) as usize];
        self.file.read_exact_at(&mut head, offset)?;
        if head.len() == HEAD && &head[..4] == b"AQS1" {
            let len = u32::from_be_bytes([head[4], head[5], head[6], head[7]]) as u64;
            let whole = (HEAD as u64 + len).min(left) as usize;
            head.resize(whole, 0);
            self.file.read_exact_at(&mut head[HEAD..], offset + HEAD as u64)?;
        }
        Ok(Record::decode(&head))
    }

    /// Where delivery stands: every record before this offset is delivered or dead-lettered.
    pub fn done(&self) -> u64 {
        std::fs::read_to_string(done_path(&self.path)).ok().and_then(|s| s.trim().parse().ok()).unwrap_or(0)
    }

    /// Records where delivery stands (not synced: after a crash, at worst records are delivered again).
    pub fn set_done(&self, offset: u64) -> io::Result<()> {
        let mut f = File::create(done_path(&self.path))?;
        f.write_all(offset.to_string().as_bytes())
    }

    /// Removes the segment and its sidecar; the lock goes with the descriptor.
    pub fn remove(self) -> io::Result<()> {
        let _ = std::fs::remove_file(done_path(&self.path));
        std::fs::remove_file(&self.path)
    }

    /// Keeps the segment under another name (its end is torn), with its sidecar removed.
    pub fn set_aside(self, ending: &str) -> io::Result<PathBuf> {
        let _ = std::fs::remove_file(done_path(&self.path));
        let to = self.path.with_extension(ending);
        std::fs::rename(&self.path, &to)?;
        Ok(to)
    }
}

/// The sidecar of a segment.
pub fn done_path(segment: &Path) -> PathBuf {
    let mut name = segment.as_os_str().to_os_string();
    name.push(".done");
    PathBuf::from(name)
}

/// Appends a record to a file that several processes may append to (the dead letters), under its lock, synced.
pub fn append_shared(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new().create(true).append(true).mode(0o600).open(path)?;
    // SAFETY: a valid descriptor owned by `file`; the lock goes with it.
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } != 0 {
        return Err(io::Error::last_os_error());
    }
    file.write_all(bytes)?;
    file.sync_data()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> PathBuf {
        let d = std::env::temp_dir().join(format!("amqp-confirm-seg-{}-{:?}", std::process::id(), std::thread::current().id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn record(n: u8) -> Record {
        Record { spooled_at_ms: 1, message_id: format!("m{n}"), exchange: String::new(), routing_key: "q".into(), mandatory: false, properties: vec![0, 0], body: vec![n; 100], reason: None }
    }

    #[test]
    fn a_held_segment_cannot_be_adopted_and_a_released_one_can_with_its_records_and_progress() {
        let d = dir();
        let mut s = Segment::create(&d, "a.seg").unwrap();
        let (one, two) = (record(1).encode(), record(2).encode());
        s.append(&one, true).unwrap();
        s.append(&two, false).unwrap();
        s.set_done(one.len() as u64).unwrap();
        assert!(Segment::adopt(&d.join("a.seg")).unwrap().is_none(), "held by its writer");
        drop(s);
        let taken = Segment::adopt(&d.join("a.seg")).unwrap().expect("free once its writer is gone");
        assert_eq!(taken.done(), one.len() as u64);
        assert_eq!(taken.read(taken.done()).unwrap(), Read::Record(record(2), two.len()));
        assert_eq!(taken.read(taken.len()).unwrap(), Read::End);
        taken.remove().unwrap();
        assert!(Segment::adopt(&d.join("a.seg")).unwrap().is_none(), "gone");
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn a_torn_tail_is_reported_and_the_records_before_it_still_read() {
        let d = dir();
        let mut s = Segment::create(&d, "t.seg").unwrap();
        let one = record(1).encode();
        s.append(&one, true).unwrap();
        s.append(&record(2).encode()[..40], true).unwrap();
        drop(s);
        let taken = Segment::adopt(&d.join("t.seg")).unwrap().unwrap();
        assert!(matches!(taken.read(0).unwrap(), Read::Record(_, n) if n == one.len()));
        assert!(matches!(taken.read(one.len() as u64).unwrap(), Read::Torn(_)));
        let aside = taken.set_aside("torn").unwrap();
        assert!(aside.exists());
        let _ = std::fs::remove_dir_all(&d);
    }
}
