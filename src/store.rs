//! Everything openup keeps on disk, and the one place that writes files.
//!
//! Writes are atomic (a temporary file in the same directory, flushed, synced,
//! then renamed), personal files get mode 0600, the directories openup creates
//! get 0700 (an existing directory is left as it is), and nothing is
//! overwritten silently.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result, WriteProblem};

/// The variable that moves openup's data directory.
pub const DATA_DIR_VAR: &str = "OPENUP_DATA_DIR";

/// Where openup keeps results and drafts.
#[derive(Debug, Clone)]
pub struct DataDir {
    /// The directory itself.
    pub root: PathBuf,
}

impl DataDir {
    /// `--data-dir`, else `$OPENUP_DATA_DIR`, else the platform's data directory
    /// (`~/.local/share/openup` on Linux).
    pub fn locate(flag: Option<&Path>) -> Result<DataDir> {
        if let Some(dir) = flag {
            return Ok(DataDir {
                root: dir.to_path_buf(),
            });
        }
        if let Some(dir) = std::env::var_os(DATA_DIR_VAR).filter(|d| !d.is_empty()) {
            return Ok(DataDir {
                root: PathBuf::from(dir),
            });
        }
        directories::ProjectDirs::from("", "", "openup")
            .map(|dirs| DataDir {
                root: dirs.data_dir().to_path_buf(),
            })
            .ok_or(Error::NoHome)
    }

    /// Where finished results go.
    pub fn results(&self) -> PathBuf {
        self.root.join("results")
    }

    /// Where an unfinished assessment is kept.
    pub fn draft(&self) -> PathBuf {
        self.root.join("draft.json")
    }

    /// Deletes every saved result, the draft, and temporary files an
    /// interrupted write left behind (they may hold answers). An empty results
    /// folder goes too; the data folder itself stays, since --data-dir may name
    /// a folder the person uses for other things.
    pub fn forget_everything(&self) -> Result<()> {
        let leftovers = |dir: &Path| -> Vec<PathBuf> {
            fs::read_dir(dir)
                .map(|entries| {
                    entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| {
                            p.file_name()
                                .and_then(|n| n.to_str())
                                .is_some_and(|n| n.starts_with(".openup-") && n.ends_with(".tmp"))
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut doomed = json_files(&self.results());
        doomed.extend(leftovers(&self.results()));
        doomed.extend(leftovers(&self.root));
        doomed.push(self.draft());
        for path in &doomed {
            remove_if_present(path)?;
        }
        let _ = fs::remove_dir(self.results());
        Ok(())
    }

    /// A new result path for a result created at `created` (RFC 3339), unique in
    /// the results directory.
    pub fn new_result_path(&self, created: &str) -> PathBuf {
        let stem: String = created
            .chars()
            .map(|c| if c == ':' { '-' } else { c })
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let dir = self.results();
        let mut path = dir.join(format!("{stem}.json"));
        // "_2" sorts after ".json", so results made in the same second stay in order.
        let mut n = 2;
        while path.exists() {
            path = dir.join(format!("{stem}_{n}.json"));
            n += 1;
        }
        path
    }
}

/// Reads a whole file, refusing one larger than `limit` bytes.
pub fn read_limited(path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>> {
    let read_err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = fs::File::open(path).map_err(read_err)?;
    let mut bytes = Vec::new();
    // Read one byte past the limit so a file that grows while read is caught too.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            what,
            limit,
        });
    }
    Ok(bytes)
}

/// Whether an existing file may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Fail when the file exists.
    Never,
    /// Replace it atomically (drafts, and files the person said to overwrite).
    Allowed,
}

/// Writes `bytes` to `path` atomically with mode 0600, creating the parent
/// directory (mode 0700) when needed.
pub fn write_private(path: &Path, bytes: &[u8], replace: Replace) -> Result<()> {
    let fail = |problem: WriteProblem| Error::Write {
        path: path.to_path_buf(),
        problem,
    };
    let io = |e: std::io::Error, dir: &Path| fail(WriteProblem::in_dir(e, dir));
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    create_private_dir(&dir).map_err(|e| io(e, &dir))?;
    if replace == Replace::Never && path.exists() {
        return Err(fail(WriteProblem::Exists));
    }
    // NamedTempFile creates the file with mode 0600 on Unix.
    let mut temp = tempfile::Builder::new()
        .prefix(".openup-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| io(e, &dir))?;
    temp.write_all(bytes)
        .and_then(|_| temp.flush())
        .and_then(|_| temp.as_file().sync_all())
        .map_err(|e| io(e, &dir))?;
    match replace {
        Replace::Never => temp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                fail(WriteProblem::Appeared)
            } else {
                io(e.error, &dir)
            }
        })?,
        Replace::Allowed => temp.persist(path).map_err(|e| io(e.error, &dir))?,
    };
    // Make the rename itself durable; a failure here loses nothing already written.
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Creates `dir` and its parents; new directories are private (0700).
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Removes a file if it is there.
pub fn remove_if_present(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        // Absent, or under something that is not a folder: nothing to remove.
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            Ok(())
        }
        Err(e) => Err(Error::Write {
            path: path.to_path_buf(),
            problem: WriteProblem::Remove(e),
        }),
    }
}

/// The `*.json` files in a directory, in name order (oldest first, since names
/// start with their time); an absent directory has none.
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
        .collect();
    files.sort();
    files
}
