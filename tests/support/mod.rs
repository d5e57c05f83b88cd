//! A small builder for running `openup` in a fresh temporary directory, in the
//! style of casey/just's tests:
//!
//! ```ignore
//! Test::new()
//!     .args(["start", "--no-save", "--answers"])
//!     .answers_file(json!({"answers": {"nope": "x"}}))
//!     .expect_exit(1)
//!     .expect_stderr_contains("answers.json")
//!     .run();
//! ```
//!
//! Every command runs with the temporary directory as its working directory,
//! `OPENUP_DATA_DIR` and `HOME` inside it, `NO_COLOR=1` and no `TERM`, so
//! nothing is written outside the temporary directory and relative paths in
//! arguments and messages are short.
//!
//! Standard error is checked whether or not a test asks:
//!
//! - `expect_stderr(text)` pins the whole of it. Use it wherever the output is
//!   the same on every run: an error message, a note, clap's usage errors.
//! - `expect_stderr_contains(text)` checks a part, for output that holds a
//!   temporary path, a time stamp, or a long interactive transcript (plain
//!   mode), and for messages a test deliberately pins only in part (say why
//!   at the test).
//! - With neither, standard error must be empty: a stray warning, note or
//!   debug line fails the test. `expect_stderr_not_contains` alone is not an
//!   expectation of output, so it does not lift this rule.
//!
//! Standard output has no such rule: many runs are set-up steps (saving a
//! result, writing a draft) whose report nobody reads, so a test checks
//! stdout only where it asks to, with `expect_stdout` or
//! `expect_stdout_contains`.

// Each test binary that declares `mod support;` uses only part of it.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::{Value, json};
use tempfile::TempDir;

/// The data directory every test uses, relative to its temporary directory.
pub const DATA: &str = "data";
/// Where [`Test::bank`] copies the built-in question bank.
pub const BANK: &str = "bank";
/// The line after "Saved to FILE" when `openup start` saves a result.
/// What is said after saving a result that records a safety concern.
pub const SAVED_PRIVATE_NEXT: &str = "Next: `openup report` shows it again. It records your answers about your safety, so keep it where only you can read it; `openup forget` removes it.\n";
pub const SAVED_NEXT: &str = "Next: `openup report` shows it again, `openup report --format markdown -o report.md` makes a copy to share, and after a retake some weeks from now `openup compare` shows what moved.\n";
/// What follows every message about an answers file that is not the right JSON.
pub const ANSWERS_HINT: &str =
    " An answers file looks like {\"answers\": {\"question-id\": \"option-id\"}}.\n";
/// What follows a message about a result file that is not JSON.
pub const RESULT_CUT_HINT: &str = " The file is damaged or cut short; if you have another copy, use that, or take the assessment again.\n";
/// What follows a message about a result file that is JSON of the wrong shape.
pub const RESULT_EDITED_HINT: &str =
    " The result is damaged; if you edited it, undo the change, or take the assessment again.\n";

/// The whole message with which `openup start --questions bank` refuses a
/// bank with these problems (each "FILE: PLACE: what is wrong").
pub fn bank_refusal(problems: &[&str]) -> String {
    let count = match problems.len() {
        1 => "1 problem".to_string(),
        n => format!("{n} problems"),
    };
    let list: String = problems.iter().map(|p| format!("  error: {p}\n")).collect();
    format!(
        "openup: the question bank at bank has {count} that must be fixed before openup can use it:\n{list}Fix them in the files named, then run `openup validate` with the same --questions to check.\n"
    )
}

/// The whole of what `openup validate bank` writes to stderr for a bank with
/// these problems and no design warnings.
pub fn validate_refusal(problems: &[&str]) -> String {
    let list: String = problems.iter().map(|p| format!("error: {p}\n")).collect();
    let count = match problems.len() {
        1 => "1 error".to_string(),
        n => format!("{n} errors"),
    };
    format!("{list}bank: {count}, 0 warnings\n")
}

/// One run of `openup`, described before it runs.
#[must_use = "a Test does nothing until .run()"]
pub struct Test {
    dir: TempDir,
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Vec<u8>,
    exit: i32,
    stdout_has: Vec<String>,
    stdout_lacks: Vec<String>,
    stderr_has: Vec<String>,
    stderr_lacks: Vec<String>,
    stdout_is: Option<String>,
    stderr_is: Option<String>,
    clean: bool,
}

impl Test {
    /// A test in a new, empty temporary directory.
    pub fn new() -> Test {
        Test::in_dir(tempfile::tempdir().expect("create a temporary directory"))
    }

    /// A test in a directory an earlier run left behind (see [`Outcome::dir`]).
    pub fn in_dir(dir: TempDir) -> Test {
        Test {
            dir,
            args: Vec::new(),
            env: Vec::new(),
            stdin: Vec::new(),
            exit: 0,
            stdout_has: Vec::new(),
            stdout_lacks: Vec::new(),
            stderr_has: Vec::new(),
            stderr_lacks: Vec::new(),
            stdout_is: None,
            stderr_is: None,
            clean: false,
        }
    }

    pub fn arg(mut self, arg: impl Into<String>) -> Test {
        self.args.push(arg.into());
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Test
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Test {
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    pub fn stdin(mut self, input: impl Into<Vec<u8>>) -> Test {
        self.stdin = input.into();
        self
    }

    /// Writes a file under the temporary directory, creating its parents.
    pub fn write(self, path: &str, contents: impl AsRef<[u8]>) -> Test {
        let path = self.path(path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create parent directory");
        }
        fs::write(&path, contents).expect("write test file");
        self
    }

    /// Writes a value as pretty JSON under the temporary directory.
    pub fn write_json(self, path: &str, value: &Value) -> Test {
        self.write(path, pretty(value))
    }

    /// Writes `answers.json` and adds its path as the next argument.
    pub fn answers_file(self, answers: Value) -> Test {
        self.write_json("answers.json", &answers)
            .arg("answers.json")
    }

    /// Copies a file of `tests/corpus/` into the directory under its own name
    /// and adds that name as the next argument.
    pub fn corpus_file(self, corpus_file: &str) -> Test {
        let name = Path::new(corpus_file)
            .file_name()
            .expect("a file name")
            .to_string_lossy()
            .into_owned();
        let bytes = fs::read(corpus_dir().join(corpus_file)).expect("read corpus file");
        self.write(&name, bytes).arg(name)
    }

    /// The built-in bank in `bank/` with the files of
    /// `tests/corpus/banks/<case>/` laid over it.
    pub fn bank_case(self, case: &str) -> Test {
        let test = self.bank();
        let overlay = corpus_dir().join("banks").join(case);
        let entries = fs::read_dir(&overlay)
            .unwrap_or_else(|e| panic!("{}: {e}", overlay.display()))
            .map(|e| e.expect("dir entry").path());
        for path in entries {
            let name = path.file_name().expect("a file name");
            fs::copy(&path, test.path(BANK).join(name)).expect("overlay bank file");
        }
        test
    }

    /// Copies the built-in question bank to `bank/` (once).
    pub fn bank(self) -> Test {
        let dir = self.path(BANK);
        if !dir.exists() {
            fs::create_dir_all(&dir).expect("create bank directory");
            for (name, _) in bank_files() {
                fs::copy(questions_dir().join(&name), dir.join(&name)).expect("copy bank file");
            }
        }
        self
    }

    /// Changes one file of the copied bank (copying it first).
    pub fn edit_bank(self, file: &str, edit: impl FnOnce(&mut Value)) -> Test {
        let test = self.bank();
        let path = test.path(BANK).join(file);
        let mut value: Value =
            serde_json::from_slice(&fs::read(&path).expect("read bank file")).expect("bank JSON");
        edit(&mut value);
        fs::write(&path, pretty(&value)).expect("write bank file");
        test
    }

    /// Replaces one file of the copied bank with raw text.
    pub fn write_bank(self, file: &str, text: &str) -> Test {
        let test = self.bank();
        let path = format!("{BANK}/{file}");
        test.write(&path, text)
    }

    /// Removes one file of the copied bank.
    pub fn remove_bank_file(self, file: &str) -> Test {
        let test = self.bank();
        fs::remove_file(test.path(BANK).join(file)).expect("remove bank file");
        test
    }

    /// A path inside the temporary directory.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn expect_exit(mut self, code: i32) -> Test {
        self.exit = code;
        self
    }

    pub fn expect_stdout_contains(mut self, text: &str) -> Test {
        self.stdout_has.push(text.to_string());
        self
    }

    pub fn expect_stdout_not_contains(mut self, text: &str) -> Test {
        self.stdout_lacks.push(text.to_string());
        self
    }

    /// Standard output must be exactly `text`.
    pub fn expect_stdout(mut self, text: &str) -> Test {
        self.stdout_is = Some(text.to_string());
        self
    }

    /// Standard error must be exactly `text`.
    pub fn expect_stderr(mut self, text: &str) -> Test {
        self.stderr_is = Some(text.to_string());
        self
    }

    /// Both streams must be UTF-8 without a character a terminal could act on:
    /// C0 controls other than newline, DEL, and the C1 controls.
    pub fn expect_clean_output(mut self) -> Test {
        self.clean = true;
        self
    }

    pub fn expect_stderr_contains(mut self, text: &str) -> Test {
        self.stderr_has.push(text.to_string());
        self
    }

    pub fn expect_stderr_not_contains(mut self, text: &str) -> Test {
        self.stderr_lacks.push(text.to_string());
        self
    }

    /// Runs `openup`, checks every expectation and hands back what happened.
    #[track_caller]
    pub fn run(self) -> Outcome {
        let mut cmd = Command::cargo_bin("openup").expect("the openup binary");
        cmd.current_dir(self.dir.path())
            .args(&self.args)
            .env("OPENUP_DATA_DIR", self.dir.path().join(DATA))
            .env("HOME", self.dir.path().join("home"))
            .env("XDG_DATA_HOME", self.dir.path().join("home/.local/share"))
            .env("NO_COLOR", "1")
            .env_remove("TERM")
            // The region of the help lines comes from the locale: none unless a test sets one.
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .env_remove("CLICOLOR")
            .env_remove("CLICOLOR_FORCE")
            .write_stdin(self.stdin.clone())
            // Only a guard against a hang; no test depends on timing.
            .timeout(Duration::from_secs(120));
        for (key, value) in &self.env {
            cmd.env(key, value);
        }
        let output = cmd.output().expect("run openup");
        let mut failures = Vec::new();
        if self.clean {
            for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
                match std::str::from_utf8(bytes) {
                    Err(e) => failures.push(format!("{stream} is not UTF-8: {e}")),
                    Ok(text) => {
                        let bad = control_chars(text);
                        if !bad.is_empty() {
                            failures.push(format!("{stream} holds control characters {bad:?}"));
                        }
                    }
                }
            }
        }
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        let code = output.status.code();
        let outcome = Outcome {
            dir: self.dir,
            stdout,
            stderr,
        };

        if code != Some(self.exit) {
            failures.push(format!("exit code {code:?}, expected {}", self.exit));
        }
        for (stream, expected, got) in [
            ("stdout", &self.stdout_is, &outcome.stdout),
            ("stderr", &self.stderr_is, &outcome.stderr),
        ] {
            if let Some(expected) = expected.as_ref().filter(|e| *e != got) {
                failures.push(format!("{stream} is not exactly\n{expected}"));
            }
        }
        // Standard error the test says nothing about must stay empty, so a
        // stray warning or note fails instead of passing unseen.
        if self.stderr_is.is_none() && self.stderr_has.is_empty() && !outcome.stderr.is_empty() {
            failures.push(
                "stderr is not empty, and the test expects nothing there (give it \
                 expect_stderr or expect_stderr_contains)"
                    .to_string(),
            );
        }
        for text in &self.stdout_has {
            if !outcome.stdout.contains(text.as_str()) {
                failures.push(format!("stdout lacks {text:?}"));
            }
        }
        for text in &self.stdout_lacks {
            if outcome.stdout.contains(text.as_str()) {
                failures.push(format!("stdout contains {text:?}"));
            }
        }
        for text in &self.stderr_has {
            if !outcome.stderr.contains(text.as_str()) {
                failures.push(format!("stderr lacks {text:?}"));
            }
        }
        for text in &self.stderr_lacks {
            if outcome.stderr.contains(text.as_str()) {
                failures.push(format!("stderr contains {text:?}"));
            }
        }
        assert!(
            failures.is_empty(),
            "openup {}\n{}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.args.join(" "),
            failures.join("\n"),
            outcome.stdout,
            outcome.stderr
        );
        outcome
    }
}

/// What a run left: its output and its temporary directory.
pub struct Outcome {
    pub dir: TempDir,
    pub stdout: String,
    pub stderr: String,
}

impl Outcome {
    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// Standard output parsed as JSON.
    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    /// The files in the data directory's `results/`, sorted.
    pub fn results(&self) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(self.path(DATA).join("results")) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = entries.map(|e| e.expect("dir entry").path()).collect();
        files.sort();
        files
    }

    /// Keeps the directory for another run.
    pub fn then(self) -> Test {
        Test::in_dir(self.dir)
    }
}

/// The characters a terminal could act on: C0 controls other than newline, DEL,
/// and the C1 controls (U+0080 to U+009F).
pub fn control_chars(text: &str) -> Vec<(usize, char)> {
    text.char_indices()
        .filter(|(_, c)| (c.is_control() && *c != '\n') || ('\u{80}'..='\u{9f}').contains(c))
        .collect()
}

/// The corpus of broken inputs.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// The built-in bank's directory.
pub fn questions_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("questions")
}

/// Every `*.json` file of the built-in bank, parsed, in name order.
pub fn bank_files() -> Vec<(String, Value)> {
    let mut files: Vec<(String, Value)> = fs::read_dir(questions_dir())
        .expect("read questions/")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let value = serde_json::from_slice(&fs::read(&p).unwrap()).unwrap();
            (name, value)
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// The scenario questions in the order openup asks them (files in name order).
pub fn scenario_questions() -> Vec<Value> {
    bank_files()
        .into_iter()
        .filter(|(name, _)| name != "tips.json")
        .flat_map(|(_, v)| v["questions"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// The safety questions.
pub fn safety_questions() -> Vec<Value> {
    bank_files()
        .into_iter()
        .flat_map(|(_, v)| v["safety"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// The tips of the built-in bank.
pub fn tips() -> Vec<Value> {
    let (_, tips) = bank_files()
        .into_iter()
        .find(|(name, _)| name == "tips.json")
        .expect("tips.json");
    tips["tips"].as_array().cloned().unwrap()
}

/// The title of the tip with this id.
pub fn tip_title(id: &str) -> String {
    tips()
        .into_iter()
        .find(|t| t["id"] == id)
        .and_then(|t| t["title"].as_str().map(str::to_string))
        .unwrap_or_else(|| panic!("no tip {id}"))
}

/// The tips a scenario question weighs (any option with a non-zero weight).
pub fn tips_measured_by(question: &Value) -> Vec<String> {
    let mut tips: Vec<String> = question["options"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|o| o["weights"].as_object().unwrap().iter())
        .filter(|(_, w)| w.as_i64() != Some(0))
        .map(|(tip, _)| tip.clone())
        .collect();
    tips.sort();
    tips.dedup();
    tips
}

/// A complete answers file: every scenario question's first option and "no"
/// to every safety question.
pub fn all_answers() -> Value {
    let mut answers = serde_json::Map::new();
    for q in scenario_questions() {
        answers.insert(
            q["id"].as_str().unwrap().to_string(),
            q["options"][0]["id"].clone(),
        );
    }
    for q in safety_questions() {
        answers.insert(q["id"].as_str().unwrap().to_string(), json!("no"));
    }
    json!({ "answers": answers })
}

/// `all_answers` with some answers changed (`Some`) or left out (`None`).
pub fn answers_with(changes: &[(&str, Option<&str>)]) -> Value {
    let mut value = all_answers();
    let answers = value["answers"].as_object_mut().unwrap();
    for (question, option) in changes {
        match option {
            Some(option) => answers.insert(question.to_string(), json!(option)),
            None => answers.remove(*question),
        };
    }
    value
}

/// Text with every run of whitespace made one space, so wrapped lines read as one.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The permission bits of a file.
#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap()
}
