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

/// How [`DataDir::forget_plan`] tells openup's own files from others.
pub struct Recognise<'a> {
    /// Whether these bytes are a draft openup wrote.
    pub draft: &'a dyn Fn(&[u8]) -> bool,
    /// Reads a result; an error says why it is not one (or cannot be read).
    pub result: &'a dyn Fn(&Path) -> Result<()>,
}

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

    /// What `forget` would delete, and what it leaves alone and why. Only
    /// openup's own files count: result-named files in `results/` that read as
    /// openup results, a `draft.json` that reads as openup's draft, and
    /// `.openup-*.tmp` files an interrupted write left (they may hold answers).
    /// Links are never followed, so a linked `results/` is left alone with all
    /// it holds. An absent data folder holds nothing; one that cannot be read
    /// is an error, never "nothing".
    ///
    /// `recognise` says which files openup wrote: a draft by its bytes, a
    /// result by its path (each its owner's reading; `store` only moves files).
    pub fn forget_plan(&self, recognise: &Recognise) -> Result<ForgetPlan> {
        let mut plan = ForgetPlan::default();
        let Some(names) = entry_names(&self.root)? else {
            return Ok(plan);
        };
        for name in names {
            let path = self.root.join(&name);
            let Ok(meta) = fs::symlink_metadata(&path) else {
                // Gone since the folder was read.
                continue;
            };
            let name = name.to_str().unwrap_or("");
            if meta.is_symlink() {
                if name == "results" || name == "draft.json" || is_temporary_name(name) {
                    plan.left.push(Left::link(path));
                }
            } else if name == "results" {
                self.plan_results(&mut plan, recognise)?;
            } else if name == "draft.json" {
                match meta
                    .is_file()
                    .then(|| read_limited(&path, MAX_DRAFT_BYTES, "a draft"))
                {
                    Some(Ok(bytes)) if (recognise.draft)(&bytes) => {
                        plan.draft = Some(path);
                    }
                    Some(Err(Error::Read { source, .. })) => plan.left.push(Left {
                        path,
                        why: Kept::Unreadable(crate::error::io_reason(&source)),
                    }),
                    _ => plan.left.push(Left {
                        path,
                        why: Kept::NotADraft,
                    }),
                }
            } else if is_temporary_name(name) && meta.is_file() {
                plan.temporary.push(path);
            }
        }
        plan.results.sort();
        plan.temporary.sort();
        plan.left.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(plan)
    }

    /// Sorts the entries of a real (not linked) `results/` into the plan.
    fn plan_results(&self, plan: &mut ForgetPlan, recognise: &Recognise) -> Result<()> {
        let dir = self.results();
        // The entry was a folder a moment ago; absent now means nothing to do.
        let Some(names) = entry_names(&dir)? else {
            return Ok(());
        };
        for name in names {
            let path = dir.join(&name);
            let Ok(meta) = fs::symlink_metadata(&path) else {
                continue;
            };
            let name = name.to_str().unwrap_or("");
            if meta.is_symlink() {
                plan.left.push(Left::link(path));
            } else if !meta.is_file() {
                plan.left.push(Left {
                    path,
                    why: Kept::Foreign,
                });
            } else if is_result_name(name) {
                match (recognise.result)(&path) {
                    Ok(_) => plan.results.push(path),
                    Err(Error::Read { source, .. }) => plan.left.push(Left {
                        path,
                        why: Kept::Unreadable(crate::error::io_reason(&source)),
                    }),
                    Err(_) => plan.left.push(Left {
                        path,
                        why: Kept::NotAResult,
                    }),
                }
            } else if is_temporary_name(name) {
                plan.temporary.push(path);
            } else {
                plan.left.push(Left {
                    path,
                    why: Kept::Foreign,
                });
            }
        }
        Ok(())
    }

    /// Deletes the files of `plan`. Each is checked again first: a file that
    /// is no longer a regular file, or whose folder became a link, is left in
    /// place and reported as changed. An empty results folder goes too; the
    /// data folder itself stays, since --data-dir may name a folder the person
    /// uses for other things.
    pub fn forget(&self, plan: &ForgetPlan) -> Result<Forgotten> {
        let results_dir = self.results();
        let real_dir = |dir: &Path| fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir());
        let mut done = Forgotten::default();
        let mut remove = |path: &Path| -> Result<bool> {
            let dir = path.parent().unwrap_or(Path::new("."));
            let still_ours = (dir == self.root.as_path() || real_dir(dir))
                && fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
            if !still_ours {
                done.changed.push(path.to_path_buf());
                return Ok(false);
            }
            remove_if_present(path)?;
            Ok(true)
        };
        let mut deleted = ForgetPlan::default();
        for path in &plan.results {
            if remove(path)? {
                deleted.results.push(path.clone());
            }
        }
        if let Some(path) = &plan.draft
            && remove(path)?
        {
            deleted.draft = Some(path.clone());
        }
        for path in &plan.temporary {
            if remove(path)? {
                deleted.temporary.push(path.clone());
            }
        }
        done.deleted = deleted;
        // The draft lock holds nothing; it goes with the draft, unless an
        // assessment running now holds it.
        let lock = self.root.join("draft.lock");
        if fs::symlink_metadata(&lock).is_ok_and(|m| m.is_file())
            && let Ok(file) = fs::OpenOptions::new().write(true).open(&lock)
            && file.try_lock().is_ok()
        {
            let _ = fs::remove_file(&lock);
        }
        if real_dir(&results_dir) {
            // Fails, as it should, while anything is left in it.
            let _ = fs::remove_dir(&results_dir);
        }
        Ok(done)
    }

    /// A new result path for a result created at `created` (RFC 3339), unique in
    /// the results directory.
    pub fn new_result_path(&self, created: &str) -> PathBuf {
        free_name(&self.results(), &result_stem(created), "json")
    }
}

/// A result's file name without extension: its creation time, colons made
/// dashes (`2026-11-27T16-15-00Z`).
pub fn result_stem(created: &str) -> String {
    created
        .chars()
        .map(|c| if c == ':' { '-' } else { c })
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

/// The `nth` name for `stem` in a folder: `stem.ext`, then `stem_2.ext`, ...;
/// "_2" sorts after ".", so results made in the same second stay in order.
fn nth_name(dir: &Path, stem: &str, ext: &str, nth: usize) -> PathBuf {
    if nth <= 1 {
        dir.join(format!("{stem}.{ext}"))
    } else {
        dir.join(format!("{stem}_{nth}.{ext}"))
    }
}

/// The first name for `stem` not taken in `dir` (a dangling link counts as taken).
pub fn free_name(dir: &Path, stem: &str, ext: &str) -> PathBuf {
    (1..)
        .map(|n| nth_name(dir, stem, ext, n))
        .find(|p| fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| dir.join(format!("{stem}.{ext}")))
}

/// Whether a place to write names a folder: one that exists, or one named
/// with a trailing slash ("reports/"), which is created when written into.
/// `--save` and `report -o` both use it, so they agree on what a folder is.
pub fn names_folder(path: &Path) -> bool {
    path.is_dir()
        || path
            .to_string_lossy()
            .ends_with(['/', std::path::MAIN_SEPARATOR])
}

/// Writes a new private file in `dir` named after `stem`, never over another:
/// when a name is taken, even by another openup writing in the same second,
/// the next free one. Returns where it went.
pub fn write_new_in(dir: &Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<PathBuf> {
    // Many runs in one second each get their own name; the bound only stops a
    // folder that refuses every name from looping for ever.
    for n in 1..=10_000 {
        let path = nth_name(dir, stem, ext, n);
        if fs::symlink_metadata(&path).is_ok() {
            continue;
        }
        match write_private(&path, bytes, Replace::Never) {
            Ok(()) => return Ok(path),
            Err(Error::Write {
                problem: WriteProblem::Exists | WriteProblem::Appeared,
                ..
            }) => continue,
            Err(err) => return Err(err),
        }
    }
    Err(Error::Write {
        path: dir.to_path_buf(),
        problem: WriteProblem::Exists,
    })
}

/// Held while a wizard may write the draft, so that two assessments at once
/// with one data folder cannot overwrite each other's answers. An advisory
/// lock on `draft.lock` (std's `File::try_lock`: flock on Unix, LockFileEx on
/// Windows); it is released when dropped, also when the process dies.
#[derive(Debug)]
pub struct DraftLock {
    _file: fs::File,
    lock: PathBuf,
    draft: PathBuf,
}

impl Drop for DraftLock {
    /// With no draft left, the lock file goes too (it holds nothing), so a run
    /// that keeps nothing leaves nothing behind; it is removed while still held.
    fn drop(&mut self) {
        if fs::symlink_metadata(&self.draft).is_err() {
            let _ = fs::remove_file(&self.lock);
        }
    }
}

impl DataDir {
    /// Takes the draft lock: `Some` when this run may keep a draft, `None` when
    /// another assessment holds it.
    pub fn lock_draft(&self) -> Result<Option<DraftLock>> {
        let path = self.root.join("draft.lock");
        create_private_dir(&self.root).map_err(|e| Error::Write {
            path: path.clone(),
            problem: WriteProblem::in_dir(e, &self.root),
        })?;
        let mut options = fs::OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(&path).map_err(|e| Error::Write {
            path: path.clone(),
            problem: WriteProblem::in_dir(e, &self.root),
        })?;
        let held = |file| DraftLock {
            _file: file,
            lock: path.clone(),
            draft: self.draft(),
        };
        match file.try_lock() {
            Ok(()) => Ok(Some(held(file))),
            Err(fs::TryLockError::WouldBlock) => Ok(None),
            // A file system without locks: carry on as before locks existed.
            Err(fs::TryLockError::Error(_)) => Ok(Some(held(file))),
        }
    }
}

/// Reads a whole file, refusing one larger than `limit` bytes.
pub fn read_limited(path: &Path, limit: u64, what: &'static str) -> Result<Vec<u8>> {
    let read_err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = fs::File::open(path).map_err(read_err)?;
    // Room for the whole file at once, as far as the limit allows; reading
    // through `take` would otherwise grow the buffer step by step.
    let size = file.metadata().map_or(0, |m| m.len()).min(limit) as usize;
    let mut bytes = Vec::with_capacity(size + 1);
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
    // Armed at the first write, not at start-up: nothing before it can hit the limit.
    static ARMED: std::sync::Once = std::sync::Once::new();
    ARMED.call_once(crate::interrupt::survive_file_size_limit);
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

/// The largest draft `forget` reads to check that it is openup's.
const MAX_DRAFT_BYTES: u64 = 1024 * 1024;

/// What `forget` found: openup's files, and the files it leaves alone.
#[derive(Debug, Default)]
pub struct ForgetPlan {
    /// Saved results, in name order (oldest first).
    pub results: Vec<PathBuf>,
    /// openup's draft, when there is one.
    pub draft: Option<PathBuf>,
    /// Temporary files an interrupted write left.
    pub temporary: Vec<PathBuf>,
    /// What is left in place, and why.
    pub left: Vec<Left>,
}

impl ForgetPlan {
    /// Whether there is nothing to delete.
    pub fn is_empty(&self) -> bool {
        self.results.is_empty() && self.draft.is_none() && self.temporary.is_empty()
    }

    /// Every file to delete: results, the draft, then temporary files.
    pub fn files(&self) -> impl Iterator<Item = &PathBuf> {
        self.results
            .iter()
            .chain(&self.draft)
            .chain(&self.temporary)
    }
}

/// A file or folder `forget` leaves in place.
#[derive(Debug, PartialEq, Eq)]
pub struct Left {
    /// Where it is.
    pub path: PathBuf,
    /// Why it stays.
    pub why: Kept,
}

impl Left {
    /// A link, never followed; whether it points at a folder only changes how
    /// it is described.
    fn link(path: PathBuf) -> Left {
        let to_folder = fs::metadata(&path).is_ok_and(|m| m.is_dir());
        Left {
            path,
            why: Kept::Link { to_folder },
        }
    }
}

/// Why `forget` leaves something in place.
#[derive(Debug, PartialEq, Eq)]
pub enum Kept {
    /// A link; openup never follows one.
    Link {
        /// Whether it leads to a folder.
        to_folder: bool,
    },
    /// Named like an openup result, but does not read as one.
    NotAResult,
    /// `draft.json`, but not openup's draft.
    NotADraft,
    /// Something in `results/` that openup did not write.
    Foreign,
    /// It could not be read to tell; the reason in words.
    Unreadable(String),
}

/// What `forget` did.
#[derive(Debug, Default)]
pub struct Forgotten {
    /// The files deleted.
    pub deleted: ForgetPlan,
    /// Files that changed after they were listed, left in place.
    pub changed: Vec<PathBuf>,
}

/// The names in a folder, or `None` when it does not exist. A folder that
/// exists but cannot be read (or is not a folder) is an error.
fn entry_names(dir: &Path) -> Result<Option<Vec<std::ffi::OsString>>> {
    let unreadable = |source| Error::FolderUnreadable {
        dir: dir.to_path_buf(),
        source,
    };
    let entries = match fs::read_dir(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        other => other.map_err(unreadable)?,
    };
    let mut names = Vec::new();
    for entry in entries {
        names.push(entry.map_err(unreadable)?.file_name());
    }
    names.sort();
    Ok(Some(names))
}

/// Whether a file name has exactly the form [`DataDir::new_result_path`]
/// gives: `2026-11-27T16-15-00Z.json`, or `..._2.json` and up.
pub fn is_result_name(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".json") else {
        return false;
    };
    let (time, n) = match stem.split_once('_') {
        Some((time, n)) => (time, Some(n)),
        None => (stem, None),
    };
    let shape = "0000-00-00T00-00-00Z";
    let time_fits = time.len() == shape.len()
        && time.bytes().zip(shape.bytes()).all(|(c, s)| match s {
            b'0' => c.is_ascii_digit(),
            _ => c == s,
        });
    let n_fits = n.is_none_or(|n| {
        !n.starts_with('0')
            && n.bytes().all(|c| c.is_ascii_digit())
            && n.parse::<u64>().is_ok_and(|n| n >= 2)
    });
    time_fits && n_fits
}

/// Whether a file name is one of openup's temporary files (`.openup-*.tmp`).
pub fn is_temporary_name(name: &str) -> bool {
    name.len() > ".openup-.tmp".len() && name.starts_with(".openup-") && name.ends_with(".tmp")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_names_are_exactly_the_ones_openup_gives() {
        for name in [
            "2026-11-27T16-15-00Z.json",
            "2026-11-27T16-15-00Z_2.json",
            "2026-11-27T16-15-00Z_13.json",
        ] {
            assert!(is_result_name(name), "{name}");
        }
        for name in [
            "package.json",
            "2026-11-27T16-15-00Z.JSON",
            "2026-11-27T16-15-00Z.json.bak",
            "2026-11-27T16:15:00Z.json",
            "2026-11-27T16-15-00Z_.json",
            "2026-11-27T16-15-00Z_1.json",
            "2026-11-27T16-15-00Z_02.json",
            "2026-11-27T16-15-00Z_2a.json",
            "2026-11-27T16-15-00Z_2_3.json",
            "x2026-11-27T16-15-00Z.json",
            "2026-11-27T16-15-00.json",
            ".json",
        ] {
            assert!(!is_result_name(name), "{name}");
        }
    }

    #[test]
    fn a_made_result_path_has_a_result_name() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir {
            root: dir.path().to_path_buf(),
        };
        let first = data.new_result_path("2026-11-27T16:15:00Z");
        let name = first.file_name().unwrap().to_str().unwrap();
        assert!(is_result_name(name), "{name}");
        fs::create_dir_all(data.results()).unwrap();
        fs::write(&first, "{}").unwrap();
        let second = data.new_result_path("2026-11-27T16:15:00Z");
        let name = second.file_name().unwrap().to_str().unwrap();
        assert!(is_result_name(name), "{name}");
    }

    #[test]
    fn temporary_names() {
        assert!(is_temporary_name(".openup-a1B2c3.tmp"));
        assert!(!is_temporary_name(".openup-.tmp"));
        assert!(!is_temporary_name("openup-a1B2c3.tmp"));
        assert!(!is_temporary_name(".openup-a1B2c3.tmp.json"));
    }
}
