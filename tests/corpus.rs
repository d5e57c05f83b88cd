//! A corpus of broken inputs: answers files, result files and question banks
//! (see `tests/corpus/README.md`). Each case runs the real `openup` binary in a
//! temporary directory and asserts its exit code, the specific message it gives
//! (file name, JSON path, line and column, ...), and that nothing it prints
//! carries an escape sequence or another control character.
//!
//! Tests named `regression_*` pin bugs this corpus found in openup, since fixed.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::{Value, json};
use tempfile::TempDir;

mod support;

use support::{BANK, Test, control_chars};

/// The escape sequences and control characters that bank and result texts carry
/// in the escape cases: clear screen, retitle the window (OSC ... BEL), a C1 CSI
/// (red), BEL and backspaces.
const ESCAPES: &str = "\u{1b}[2J\u{1b}]0;title\u{7}\u{9b}31m\u{7}\u{8}\u{8}";

/// The answers file limit (`answers::MAX_ANSWERS_FILE_BYTES`).
const ANSWERS_LIMIT: usize = 1024 * 1024;
/// The bank file limit (`bank::MAX_BANK_FILE_BYTES`).
const BANK_LIMIT: usize = 1024 * 1024;
/// The result file limit (`saved::MAX_RESULT_FILE_BYTES`).
const RESULT_LIMIT: usize = 4 * 1024 * 1024;
/// How deep the deeply nested inputs go.
const DEPTH: usize = 10_000;

// ------------------------------------------------------------------ harness

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A file or directory of the corpus.
fn corpus(relative: &str) -> PathBuf {
    manifest_dir().join("tests/corpus").join(relative)
}

/// The built-in bank's `*.json` files, in name order.
fn bank_file_names() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(manifest_dir().join("questions"))
        .expect("read questions/")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    names
}

/// A built-in bank file, parsed.
fn bank_json(name: &str) -> Value {
    let path = manifest_dir().join("questions").join(name);
    serde_json::from_slice(&fs::read(&path).expect("read bank file")).expect("bank file is JSON")
}

/// Every scenario question and every safety question of the built-in bank.
fn all_questions() -> (Vec<Value>, Vec<Value>) {
    let mut scenario = Vec::new();
    let mut safety = Vec::new();
    for name in bank_file_names() {
        let file = bank_json(&name);
        scenario.extend(file["questions"].as_array().cloned().unwrap_or_default());
        safety.extend(file["safety"].as_array().cloned().unwrap_or_default());
    }
    (scenario, safety)
}

/// An answers file answering every question with its first option, and every
/// safety question "no" except `afraid` for `safety-afraid`.
fn full_answers(afraid: &str) -> Value {
    let (scenario, safety) = all_questions();
    let mut answers = serde_json::Map::new();
    for q in scenario.iter() {
        answers.insert(
            q["id"].as_str().unwrap().into(),
            q["options"][0]["id"].clone(),
        );
    }
    for q in safety.iter() {
        let id = q["id"].as_str().unwrap();
        let option = if id == "safety-afraid" { afraid } else { "no" };
        answers.insert(id.into(), json!(option));
    }
    json!({ "answers": answers })
}

/// A temporary directory to run openup in: the working directory, with the
/// data directory at `data/`, so messages name short relative paths.
struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("create a temporary directory"),
        }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// Writes a file (creating its parents) and returns its relative path.
    fn write(&self, relative: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.path(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create parent directory");
        }
        fs::write(&path, bytes).expect("write test file");
        relative.to_string()
    }

    fn write_json(&self, relative: &str, value: &Value) -> String {
        self.write(relative, serde_json::to_string_pretty(value).unwrap())
    }

    /// Copies a corpus file into the sandbox under its own name.
    fn copy(&self, corpus_file: &str) -> String {
        let name = Path::new(corpus_file)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        self.write(
            &name,
            fs::read(corpus(corpus_file)).expect("read corpus file"),
        )
    }

    /// Copies the built-in bank to `bank/` and returns that relative path.
    fn bank(&self) -> String {
        let dir = self.path("bank");
        if !dir.exists() {
            fs::create_dir_all(&dir).expect("create bank directory");
            for name in bank_file_names() {
                fs::copy(
                    manifest_dir().join("questions").join(&name),
                    dir.join(&name),
                )
                .expect("copy bank file");
            }
        }
        "bank".to_string()
    }

    /// The built-in bank with the files of `tests/corpus/banks/<case>/` laid over it.
    fn bank_case(&self, case: &str) -> String {
        let bank = self.bank();
        let overlay = corpus(&format!("banks/{case}"));
        let entries = fs::read_dir(&overlay)
            .unwrap_or_else(|e| panic!("{}: {e}", overlay.display()))
            .map(|e| e.expect("dir entry").path());
        for path in entries {
            let name = path.file_name().unwrap();
            fs::copy(&path, self.path(&bank).join(name)).expect("overlay bank file");
        }
        bank
    }

    /// The built-in bank with one file changed by `edit`.
    fn edit_bank(&self, file: &str, edit: impl FnOnce(&mut Value)) -> String {
        let bank = self.bank();
        let mut value = bank_json(file);
        edit(&mut value);
        self.write_json(&format!("{bank}/{file}"), &value);
        bank
    }

    /// A small valid answers file (two answers; the rest count as skipped).
    fn answers(&self) -> String {
        self.copy("answers/ok-two-answers.json")
    }

    /// Runs openup with `NO_COLOR=1`, no `TERM` and the data directory inside
    /// the sandbox, and checks that its output is UTF-8 without control characters.
    #[track_caller]
    fn run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let args: Vec<String> = args
            .into_iter()
            .map(|a| a.as_ref().to_string_lossy().into_owned())
            .collect();
        let output = Command::cargo_bin("openup")
            .expect("the openup binary")
            .current_dir(self.dir.path())
            .args(&args)
            .env("OPENUP_DATA_DIR", self.path("data"))
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("home/.local/share"))
            .env("NO_COLOR", "1")
            .env_remove("TERM")
            .env_remove("CLICOLOR")
            .env_remove("CLICOLOR_FORCE")
            .write_stdin(Vec::new())
            // Only a guard against a hang; no test depends on timing.
            .timeout(Duration::from_secs(120))
            .output()
            .expect("run openup");
        let command = format!("openup {}", args.join(" "));
        let text = |bytes: Vec<u8>, stream: &str| {
            String::from_utf8(bytes)
                .unwrap_or_else(|e| panic!("{command}: {stream} is not UTF-8: {e}"))
        };
        let run = Run {
            stdout: text(output.stdout, "stdout"),
            stderr: text(output.stderr, "stderr"),
            code: output.status.code(),
            command,
        };
        for (stream, out) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
            let bad = control_chars(out);
            assert!(
                bad.is_empty(),
                "{}\n{stream} holds control characters {bad:?}\n{}",
                run.command,
                run.dump()
            );
        }
        run
    }
}

/// What one run of openup did.
struct Run {
    command: String,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn dump(&self) -> String {
        format!(
            "exit code {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }

    #[track_caller]
    fn exit(self, code: i32) -> Run {
        assert_eq!(
            self.code,
            Some(code),
            "{}: wrong exit code\n{}",
            self.command,
            self.dump()
        );
        self
    }

    #[track_caller]
    fn stderr_has(self, fragments: &[&str]) -> Run {
        for fragment in fragments {
            assert!(
                self.stderr.contains(fragment),
                "{}: stderr lacks {fragment:?}\n{}",
                self.command,
                self.dump()
            );
        }
        self
    }

    #[track_caller]
    fn stdout_has(self, fragments: &[&str]) -> Run {
        for fragment in fragments {
            assert!(
                self.stdout.contains(fragment),
                "{}: stdout lacks {fragment:?}\n{}",
                self.command,
                self.dump()
            );
        }
        self
    }

    #[track_caller]
    fn stdout_empty(self) -> Run {
        assert!(
            self.stdout.is_empty(),
            "{}: expected nothing on stdout\n{}",
            self.command,
            self.dump()
        );
        self
    }

    #[track_caller]
    fn stderr_lacks(self, fragment: &str) -> Run {
        assert!(
            !self.stderr.contains(fragment),
            "{}: stderr contains {fragment:?}\n{}",
            self.command,
            self.dump()
        );
        self
    }
}

/// A result as `openup start --answers FILE --json --no-save` prints it, for
/// every question answered with its first option and a concern on `safety-afraid`
/// (so it has evidence and a safety finding). Made once per test binary.
fn good_result() -> Value {
    static RESULT: OnceLock<String> = OnceLock::new();
    let text = RESULT.get_or_init(|| {
        let sandbox = Sandbox::new();
        let answers = sandbox.write_json("answers.json", &full_answers("often"));
        sandbox
            .run(["start", "--json", "--no-save", "--answers", &answers])
            .exit(0)
            .stdout
    });
    serde_json::from_str(text).expect("start --json prints JSON")
}

/// Runs `openup start --answers FILE --no-save` on a corpus answers file.
#[track_caller]
fn start_with_answers(corpus_file: &str) -> Run {
    let sandbox = Sandbox::new();
    let file = sandbox.copy(corpus_file);
    sandbox.run(["start", "--answers", &file, "--no-save"])
}

/// Runs `openup report FILE` on a result file written into a fresh sandbox.
#[track_caller]
fn report_of(name: &str, bytes: impl AsRef<[u8]>) -> Run {
    let sandbox = Sandbox::new();
    let file = sandbox.write(name, bytes);
    sandbox.run(["report", &file])
}

/// A good result with one change, as pretty JSON.
fn mutated_result(edit: impl FnOnce(&mut Value)) -> String {
    let mut result = good_result();
    edit(&mut result);
    serde_json::to_string_pretty(&result).unwrap()
}

/// Checks a broken bank both ways: `openup validate DIR` lists the problem and
/// exits 1; `openup start --questions DIR --answers ...` refuses the bank with
/// the same problem, prints no report and exits 1.
#[track_caller]
fn assert_bank_refused(sandbox: &Sandbox, bank: &str, fragments: &[&str]) {
    sandbox
        .run(["validate", bank])
        .exit(1)
        .stdout_empty()
        .stderr_has(fragments)
        .stderr_has(&["error"]);
    let answers = sandbox.answers();
    sandbox
        .run([
            "start",
            "--questions",
            bank,
            "--answers",
            &answers,
            "--no-save",
        ])
        .exit(1)
        .stdout_empty()
        .stderr_has(&[&format!("openup: the question bank at {bank} has ")])
        .stderr_has(fragments);
}

// ------------------------------------------------------------ answers files

/// An answers file from the corpus that openup refuses with exit code 1 and
/// exactly this message (without its final newline).
macro_rules! bad_answers {
    ($name:ident, $file:literal, $stderr:expr) => {
        #[test]
        fn $name() {
            Test::new()
                .args(["start", "--no-save", "--answers"])
                .corpus_file(concat!("answers/", $file))
                .expect_clean_output()
                .expect_exit(1)
                .expect_stdout("")
                .expect_stderr(concat!($stderr, "\n"))
                .run();
        }
    };
}

bad_answers!(
    answers_truncated,
    "truncated.json",
    "openup: truncated.json: line 4, column 31: JSON syntax: EOF while parsing a string. An answers file looks like {\"answers\": {\"question-id\": \"option-id\"}}."
);
bad_answers!(
    answers_empty_file,
    "empty.json",
    "openup: empty.json: the file is empty; it should hold a JSON object. An answers file looks like {\"answers\": {\"question-id\": \"option-id\"}}."
);
bad_answers!(
    answers_whitespace_only,
    "whitespace.json",
    "openup: whitespace.json: the file is empty; it should hold a JSON object. An answers file looks like {\"answers\": {\"question-id\": \"option-id\"}}."
);
bad_answers!(
    answers_not_utf8,
    "not-utf8.json",
    "openup: not-utf8.json: the file is not UTF-8 text (invalid byte at offset 37); save it as UTF-8. An answers file looks like {\"answers\": {\"question-id\": \"option-id\"}}."
);
bad_answers!(
    answers_top_level_array,
    "top-level-array.json",
    "openup: top-level-array.json: top level: the file should hold a JSON object ({ ... }) and holds something else. An answers file looks like {\"answers\": {\"question-id\": \"option-id\"}}."
);
bad_answers!(
    answers_null,
    "null.json",
    "openup: null.json: top level: the file should hold a JSON object ({ ... }) and holds something else. An answers file looks like {\"answers\": {\"question-id\": \"option-id\"}}."
);
bad_answers!(
    answers_option_is_a_number,
    "non-string-option.json",
    "openup: non-string-option.json: answers.quiet-after-work: invalid type: integer `2`, expected a string. An answers file looks like {\"answers\": {\"question-id\": \"option-id\"}}."
);
bad_answers!(
    answers_object_is_an_array,
    "answers-is-array.json",
    "openup: answers-is-array.json: answers: invalid type: sequence, expected an object ({ ... }). An answers file looks like {\"answers\": {\"question-id\": \"option-id\"}}."
);
bad_answers!(
    answers_with_unknown_question_and_option_ids,
    "unknown-ids.json",
    "openup: unknown-ids.json: 2 answers do not fit the question bank openup-core 2.5.0: question \"no-such-question\" is not in the bank; question \"quiet-after-work\" has no option \"shout\" (its options are skip-class, hardest-part, go-to-class, sit-nearby). `openup questions` lists every question and option id; correct or remove those answers."
);
bad_answers!(
    answers_without_the_answers_field,
    "missing-answers-key.json",
    "openup: missing-answers-key.json: top level: missing field `answers`. An answers file looks like {\"answers\": {\"question-id\": \"option-id\"}}."
);
bad_answers!(
    answers_with_text_after_the_object,
    "trailing-text.json",
    "openup: trailing-text.json: line 2, column 1: unexpected text after the JSON value. An answers file looks like {\"answers\": {\"question-id\": \"option-id\"}}."
);
bad_answers!(
    answers_with_an_unknown_mode,
    "unknown-mode.json",
    "openup: unknown-mode.json: mode: unknown variant `slow`, expected `full` or `quick`. An answers file looks like {\"answers\": {\"question-id\": \"option-id\"}}."
);

#[test]
fn answers_with_a_byte_order_mark_are_accepted() {
    start_with_answers("answers/bom.json")
        .exit(0)
        .stdout_has(&["your reflection report", "1 of 64 questions answered"]);
}

#[test]
fn the_small_valid_answers_file_is_accepted() {
    // The bank cases below rely on it.
    start_with_answers("answers/ok-two-answers.json")
        .exit(0)
        .stdout_has(&["1 of 64 questions answered"]);
}

#[test]
fn answers_file_that_does_not_exist() {
    let sandbox = Sandbox::new();
    sandbox
        .run(["start", "--answers", "nowhere.json", "--no-save"])
        .exit(1)
        .stderr_has(&["openup: could not read nowhere.json: ", "No such file"]);
}

#[test]
fn answers_file_over_one_mebibyte_is_refused_by_size() {
    let sandbox = Sandbox::new();
    let padding = "a".repeat(ANSWERS_LIMIT);
    let text = format!("{{\"answers\": {{\"quiet-after-work\": \"{padding}\"}}}}");
    let file = sandbox.write("huge.json", &text);
    sandbox
        .run(["start", "--answers", &file, "--no-save"])
        .exit(1)
        .stdout_empty()
        .stderr_has(&[&format!(
            "openup: huge.json holds more than the {ANSWERS_LIMIT} bytes openup reads"
        )]);
}

#[test]
fn answers_file_of_exactly_the_limit_is_read() {
    // One byte under the limit is read and parsed (then refused for its content).
    let sandbox = Sandbox::new();
    let head = "{\"answers\": {\"quiet-after-work\": \"";
    let tail = "\"}}";
    let padding = "a".repeat(ANSWERS_LIMIT - head.len() - tail.len());
    let text = format!("{head}{padding}{tail}");
    assert_eq!(text.len(), ANSWERS_LIMIT);
    let file = sandbox.write("limit.json", &text);
    sandbox
        .run(["start", "--answers", &file, "--no-save"])
        .exit(1)
        .stderr_has(&["limit.json: 1 answer does not fit"])
        .stderr_lacks("bytes openup reads");
}

#[test]
fn answers_nested_ten_thousand_deep_give_a_clear_error() {
    let sandbox = Sandbox::new();
    let arrays = format!(
        "{{\"answers\": {{\"quiet-after-work\": {}{}}}}}",
        "[".repeat(DEPTH),
        "]".repeat(DEPTH)
    );
    let file = sandbox.write("deep-arrays.json", arrays);
    sandbox
        .run(["start", "--answers", &file, "--no-save"])
        .exit(1)
        .stderr_has(&[
            "deep-arrays.json: line 1, column",
            "nested more than 128 levels deep",
        ]);

    let objects = format!(
        "{{\"answers\": {}1{}}}",
        "{\"a\": ".repeat(DEPTH),
        "}".repeat(DEPTH)
    );
    let file = sandbox.write("deep-objects.json", objects);
    sandbox
        .run(["start", "--answers", &file, "--no-save"])
        .exit(1)
        .stderr_has(&[
            "deep-objects.json: line 1, column",
            "nested more than 128 levels deep",
        ]);
}

#[test]
fn answers_nested_deep_in_an_ignored_field_are_refused_without_overflowing_the_stack() {
    // Nesting is limited everywhere in a file, also in fields openup ignores.
    let sandbox = Sandbox::new();
    let text = format!(
        "{{\"answers\": {{\"safety-afraid\": \"no\"}}, \"notes\": {}{}}}",
        "[".repeat(DEPTH * 10),
        "]".repeat(DEPTH * 10)
    );
    let file = sandbox.write("deep-ignored.json", text);
    sandbox
        .run(["start", "--answers", &file, "--no-save"])
        .exit(1)
        .stderr_has(&[
            "deep-ignored.json: line 1, column",
            "nested more than 128 levels deep",
        ]);
}

// ------------------------------------------------------------- result files

/// A result file from the corpus that `openup report` refuses with exit code
/// 1, printing nothing on standard output and exactly this message.
macro_rules! bad_result {
    ($name:ident, $file:literal, $stderr:expr) => {
        #[test]
        fn $name() {
            Test::new()
                .arg("report")
                .corpus_file(concat!("results/", $file))
                .expect_clean_output()
                .expect_exit(1)
                .expect_stdout("")
                .expect_stderr(concat!($stderr, "\n"))
                .run();
        }
    };
}

bad_result!(
    result_truncated,
    "truncated.json",
    "openup: truncated.json: line 4, column 30: JSON syntax: EOF while parsing a string. The file is damaged or cut short; if you have another copy, use that, or take the assessment again."
);
bad_result!(
    result_empty_file,
    "empty.json",
    "openup: empty.json: the file is empty; it should hold a JSON object. The file is damaged or cut short; if you have another copy, use that, or take the assessment again."
);
bad_result!(
    result_not_utf8,
    "not-utf8.json",
    "openup: not-utf8.json: the file is not UTF-8 text (invalid byte at offset 34); save it as UTF-8. The file is damaged or cut short; if you have another copy, use that, or take the assessment again."
);
bad_result!(
    result_top_level_array,
    "top-level-array.json",
    "openup: top-level-array.json: top level: the file should hold a JSON object ({ ... }) and holds something else. It does not look like an openup result; results are JSON objects written by openup."
);
bad_result!(
    result_that_is_foreign_json,
    "foreign.json",
    "openup: foreign.json: this is not an openup result: it has no schema_version. Pass a file that openup saved."
);

#[test]
fn result_cut_in_half() {
    let text = serde_json::to_string_pretty(&good_result()).unwrap();
    report_of("half.json", &text[..text.len() / 2])
        .exit(1)
        .stderr_has(&["openup: half.json: line ", "JSON syntax: EOF while parsing"]);
}

#[test]
fn result_from_a_future_schema_says_newer_openup() {
    report_of(
        "future.json",
        mutated_result(|r| r["schema_version"] = json!(99)),
    )
    .exit(1)
    .stdout_empty()
    .stderr_has(&[
        "openup: future.json: this result uses format version 99, made by a newer openup",
        "Update openup",
    ]);
}

#[test]
fn result_with_schema_version_as_a_string() {
    report_of(
        "string-version.json",
        mutated_result(|r| r["schema_version"] = json!("1")),
    )
    .exit(1)
    .stderr_has(&["string-version.json: its schema_version is not a format version openup knows"]);
}

#[test]
fn result_missing_its_scores() {
    let text = mutated_result(|r| {
        r.as_object_mut().unwrap().remove("scores");
    });
    report_of("no-scores.json", text).exit(1).stderr_has(&[
        "openup: no-scores.json: ",
        "missing field `scores`",
        "The result is damaged",
    ]);
}

#[test]
fn result_with_nothing_but_its_version() {
    report_of("bare.json", r#"{"schema_version": 1}"#)
        .exit(1)
        .stderr_has(&[
            "openup: bare.json: ",
            "missing field `",
            "The result is damaged",
        ]);
}

#[test]
fn result_with_a_score_of_the_wrong_type() {
    let text = mutated_result(|r| r["scores"][2]["score"] = json!("high"));
    report_of("string-score.json", text).exit(1).stderr_has(&[
        "string-score.json: ",
        "invalid type: string \"high\", expected a whole number",
    ]);
}

#[test]
fn result_with_a_score_over_100_is_shown_capped() {
    let text = mutated_result(|r| r["scores"][0]["score"] = json!(250));
    report_of("high-score.json", text)
        .exit(0)
        .stdout_has(&["All ten tips"]);
}

#[test]
fn result_over_four_mebibytes_is_refused_by_size() {
    let text = mutated_result(|r| r["created"] = json!("x".repeat(RESULT_LIMIT)));
    report_of("huge-result.json", &text)
        .exit(1)
        .stderr_has(&[&format!(
            "openup: huge-result.json holds more than the {RESULT_LIMIT} bytes openup reads"
        )]);
}

#[test]
fn result_nested_ten_thousand_deep_gives_a_clear_error() {
    let text = format!(
        "{{\"schema_version\": 1, \"scores\": {}{}}}",
        "[".repeat(DEPTH),
        "]".repeat(DEPTH)
    );
    report_of("deep-result.json", text).exit(1).stderr_has(&[
        "openup: deep-result.json: ",
        "nested more than 128 levels deep",
    ]);
}

#[test]
fn result_with_escape_sequences_prints_none_of_them() {
    let text = mutated_result(|r| {
        let evil = |s: &str| json!(format!("{ESCAPES}{s}{ESCAPES}"));
        for score in r["scores"].as_array_mut().unwrap() {
            for e in score["evidence"].as_array_mut().unwrap() {
                e["title"] = evil(e["title"].as_str().unwrap());
                e["answer"] = evil(e["answer"].as_str().unwrap());
                e["question"] = evil(e["question"].as_str().unwrap());
            }
        }
        let answers = r["answers"].as_object().unwrap().clone();
        r["answers"] = answers
            .into_iter()
            .map(|(k, v)| (format!("{ESCAPES}{k}"), evil(v.as_str().unwrap())))
            .collect::<serde_json::Map<_, _>>()
            .into();
        r["safety"]["concern"] = json!(true);
        r["safety"]["findings"] = json!([format!("{ESCAPES}feeling watched{ESCAPES}")]);
        r["created"] = evil("2026-11-27T10:00:00Z");
        r["openup_version"] = evil("0.1.0");
        r["bank"]["id"] = evil("openup-core");
        r["bank"]["version"] = evil("1.0.0");
        // From a bank not at hand, so the saved texts are shown, not recomputed ones.
        r["bank"]["hash"] = json!("sha256:another-bank");
        r["skipped"] = json!([format!("{ESCAPES}lost-question")]);
        r["focus"] = json!([format!("{ESCAPES}patience")]);
    });
    let sandbox = Sandbox::new();
    let file = sandbox.write("evil-result.json", text);
    // Every run checks that no control character reaches stdout or stderr.
    sandbox
        .run(["report", &file])
        .exit(0)
        .stdout_has(&["Your answers mentioned feeling watched", "All ten tips"]);
    sandbox
        .run(["report", &file, "--format", "markdown"])
        .exit(0)
        .stdout_has(&["feeling watched"]);
    let json_run = sandbox.run(["report", &file, "--format", "json"]).exit(0);
    assert!(
        !json_run.stdout.contains("\\u001b") && !json_run.stdout.contains("\\u0007"),
        "the JSON report keeps escaped controls:\n{}",
        json_run.stdout
    );
}

// ------------------------------------------------------------------ history

#[test]
fn history_skips_a_corrupt_and_a_foreign_file_and_shows_the_good_one() {
    let sandbox = Sandbox::new();
    let good = serde_json::to_string_pretty(&good_result()).unwrap();
    sandbox.write("data/results/2026-01-01T10-00-00Z.json", &good);
    sandbox.write(
        "data/results/2026-01-02T10-00-00Z.json",
        fs::read(corpus("results/truncated.json")).unwrap(),
    );
    sandbox.write(
        "data/results/package.json",
        fs::read(corpus("results/foreign.json")).unwrap(),
    );
    sandbox
        .run(["history"])
        .exit(0)
        .stdout_has(&["Saved results (1)", "Each tip over time"])
        .stderr_has(&[
            "openup: skipped ",
            "2026-01-02T10-00-00Z.json: line 4, column 30: JSON syntax",
            "package.json: this is not an openup result",
        ]);
    // compare too: two good results and the same broken ones.
    sandbox.write("data/results/2026-01-03T10-00-00Z.json", &good);
    sandbox
        .run(["compare"])
        .exit(0)
        .stdout_has(&["Comparing "])
        .stderr_has(&["2026-01-02T10-00-00Z.json", "package.json"]);
}

// -------------------------------------------------------------------- banks

/// A bank from the corpus (the built-in bank plus `banks/<case>/`) that
/// `openup validate` refuses naming the problem, and `openup start` refuses
/// with exactly this message.
macro_rules! bad_bank {
    ($name:ident, $case:literal, [$($fragment:expr),+ $(,)?], $stderr:expr) => {
        #[test]
        fn $name() {
            // validate also lists the overlay's design warnings, which follow
            // the rubric: only the errors are checked there.
            let validated = Test::new()
                .bank_case($case)
                .args(["validate", BANK])
                .expect_clean_output()
                .expect_exit(1)
                .expect_stdout("")
                $(.expect_stderr_contains($fragment))+
                .run();
            validated
                .then()
                .args(["start", "--no-save", "--questions", BANK, "--answers"])
                .corpus_file("answers/ok-two-answers.json")
                .expect_clean_output()
                .expect_exit(1)
                .expect_stdout("")
                .expect_stderr(concat!($stderr, "\n"))
                .run();
        }
    };
}

bad_bank!(
    bank_truncated_file,
    "truncated",
    ["error: zz-broken.json: line 12, column 16: JSON syntax: EOF while parsing a string"],
    "openup: the question bank at bank has 1 problem that must be fixed before openup can use it:\n  error: zz-broken.json: line 12, column 16: JSON syntax: EOF while parsing a string\nFix them in the files named, then run `openup validate` with the same --questions to check."
);
bad_bank!(
    bank_empty_file,
    "empty",
    ["error: zz-empty.json: the file is empty; it should hold a JSON object"],
    "openup: the question bank at bank has 1 problem that must be fixed before openup can use it:\n  error: zz-empty.json: the file is empty; it should hold a JSON object\nFix them in the files named, then run `openup validate` with the same --questions to check."
);
bad_bank!(
    bank_whitespace_only_file,
    "whitespace",
    ["error: zz-blank.json: the file is empty"],
    "openup: the question bank at bank has 1 problem that must be fixed before openup can use it:\n  error: zz-blank.json: the file is empty; it should hold a JSON object\nFix them in the files named, then run `openup validate` with the same --questions to check."
);
bad_bank!(
    bank_file_not_utf8,
    "not-utf8",
    ["error: zz-latin1.json: the file is not UTF-8 text (invalid byte at offset 75)"],
    "openup: the question bank at bank has 1 problem that must be fixed before openup can use it:\n  error: zz-latin1.json: the file is not UTF-8 text (invalid byte at offset 75); save it as UTF-8\nFix them in the files named, then run `openup validate` with the same --questions to check."
);
bad_bank!(
    bank_file_top_level_array,
    "top-level-array",
    ["error: zz-array.json: top level: the file should hold a JSON object"],
    "openup: the question bank at bank has 1 problem that must be fixed before openup can use it:\n  error: zz-array.json: top level: the file should hold a JSON object ({ ... }) and holds something else\nFix them in the files named, then run `openup validate` with the same --questions to check."
);
bad_bank!(
    bank_file_null,
    "null",
    ["error: zz-null.json: top level: the file should hold a JSON object"],
    "openup: the question bank at bank has 1 problem that must be fixed before openup can use it:\n  error: zz-null.json: top level: the file should hold a JSON object ({ ... }) and holds something else\nFix them in the files named, then run `openup validate` with the same --questions to check."
);
bad_bank!(
    bank_file_with_text_after_the_object,
    "trailing-text",
    ["error: zz-question.json: line 34, column 1: unexpected text after the JSON value"],
    "openup: the question bank at bank has 1 problem that must be fixed before openup can use it:\n  error: zz-question.json: line 34, column 1: unexpected text after the JSON value\nFix them in the files named, then run `openup validate` with the same --questions to check."
);
bad_bank!(
    bank_weight_as_a_string,
    "string-weight",
    [
        "error: zz-question.json: questions[0].options[0].weights.patience: invalid type: string \"2\", expected a whole number"
    ],
    "openup: the question bank at bank has 1 problem that must be fixed before openup can use it:\n  error: zz-question.json: questions[0].options[0].weights.patience: invalid type: string \"2\", expected a whole number\nFix them in the files named, then run `openup validate` with the same --questions to check."
);
bad_bank!(
    bank_options_as_an_object,
    "options-object",
    ["error: zz-question.json: questions[0].options: invalid type: map, expected a list ([ ... ])"],
    "openup: the question bank at bank has 1 problem that must be fixed before openup can use it:\n  error: zz-question.json: questions[0].options: invalid type: map, expected a list ([ ... ])\nFix them in the files named, then run `openup validate` with the same --questions to check."
);
bad_bank!(
    bank_prompt_as_a_number,
    "prompt-number",
    ["error: zz-question.json: questions[0].prompt: invalid type: integer `5`, expected a string"],
    "openup: the question bank at bank has 1 problem that must be fixed before openup can use it:\n  error: zz-question.json: questions[0].prompt: invalid type: integer `5`, expected a string\nFix them in the files named, then run `openup validate` with the same --questions to check."
);
bad_bank!(
    bank_unknown_field_lable,
    "unknown-field-lable",
    [
        "error: zz-question.json: questions[0].options[1].lable: unknown field `lable`, expected one of `id`, `label`, `weights`"
    ],
    "openup: the question bank at bank has 1 problem that must be fixed before openup can use it:\n  error: zz-question.json: questions[0].options[1].lable: unknown field `lable`, expected one of `id`, `label`, `weights`, `why`\nFix them in the files named, then run `openup validate` with the same --questions to check."
);
bad_bank!(
    bank_unknown_top_level_field_qestions,
    "unknown-field-qestions",
    ["error: zz-question.json: qestions: unknown field `qestions`"],
    "openup: the question bank at bank has 1 problem that must be fixed before openup can use it:\n  error: zz-question.json: qestions: unknown field `qestions`; bank files have `$schema`, `bank`, `tips`, `questions` and `safety`\nFix them in the files named, then run `openup validate` with the same --questions to check."
);
bad_bank!(
    bank_unknown_tip_in_weights_suggests_one,
    "unknown-tip-weight",
    [
        "error: zz-question.json: questions[0].options[2].weights.listenin: unknown tip \"listenin\" (did you mean \"listening\"?)"
    ],
    "openup: the question bank at bank has 1 problem that must be fixed before openup can use it:\n  error: zz-question.json: questions[0].options[2].weights.listenin: unknown tip \"listenin\" (did you mean \"listening\"?)\nFix them in the files named, then run `openup validate` with the same --questions to check."
);
bad_bank!(
    bank_unknown_quick_tip_suggests_one,
    "unknown-quick-tip",
    [
        "error: zz-question.json: questions[0].quick: unknown tip \"empaty\" (did you mean \"empathy\"?)"
    ],
    "openup: the question bank at bank has 1 problem that must be fixed before openup can use it:\n  error: zz-question.json: questions[0].quick: unknown tip \"empaty\" (did you mean \"empathy\"?)\nFix them in the files named, then run `openup validate` with the same --questions to check."
);
bad_bank!(
    bank_weight_out_of_range,
    "weight-out-of-range",
    [
        "error: zz-question.json: questions[0].options[1].weights.listening: weight 3 is out of range; use an integer from -2 to 2"
    ],
    "openup: the question bank at bank has 1 problem that must be fixed before openup can use it:\n  error: zz-question.json: questions[0].options[1].weights.listening: weight 3 is out of range; use an integer from -2 to 2\nFix them in the files named, then run `openup validate` with the same --questions to check."
);
bad_bank!(
    bank_option_with_empty_weights,
    "empty-weights",
    ["error: zz-question.json: questions[0].options[2].weights: option \"third\" has no weights"],
    "openup: the question bank at bank has 1 problem that must be fixed before openup can use it:\n  error: zz-question.json: questions[0].options[2].weights: option \"third\" has no weights; give it at least one tip weight from -2 to 2\nFix them in the files named, then run `openup validate` with the same --questions to check."
);
bad_bank!(
    bank_question_id_used_in_two_files,
    "duplicate-question-id",
    [
        "error: zz-question.json: questions[0].id: question id \"quiet-after-work\" is used twice (first in everyday.json)"
    ],
    "openup: the question bank at bank has 1 problem that must be fixed before openup can use it:\n  error: zz-question.json: questions[0].id: question id \"quiet-after-work\" is used twice (first in everyday.json); give each question its own id\nFix them in the files named, then run `openup validate` with the same --questions to check."
);
bad_bank!(
    bank_option_id_used_twice,
    "duplicate-option-id",
    [
        "error: zz-question.json: questions[0].options[2].id: option id \"first\" is used twice in question \"corpus-question\""
    ],
    "openup: the question bank at bank has 1 problem that must be fixed before openup can use it:\n  error: zz-question.json: questions[0].options[2].id: option id \"first\" is used twice in question \"corpus-question\"\nFix them in the files named, then run `openup validate` with the same --questions to check."
);
bad_bank!(
    bank_question_id_not_kebab_case,
    "not-kebab-id",
    ["error: zz-question.json: questions[0].id: question id \"Corpus_Question\" is not kebab-case"],
    "openup: the question bank at bank has 1 problem that must be fixed before openup can use it:\n  error: zz-question.json: questions[0].id: question id \"Corpus_Question\" is not kebab-case (lowercase letters and digits joined by single hyphens)\nFix them in the files named, then run `openup validate` with the same --questions to check."
);
bad_bank!(
    bank_without_safety_questions,
    "no-safety",
    ["error: (whole bank): the bank has no safety questions"],
    "openup: the question bank at bank has 1 problem that must be fixed before openup can use it:\n  error: (whole bank): the bank has no safety questions; add a file with a \"safety\" list so the safety screen can come first\nFix them in the files named, then run `openup validate` with the same --questions to check."
);

#[test]
fn bank_file_with_a_byte_order_mark_is_accepted() {
    let sandbox = Sandbox::new();
    let bank = sandbox.bank_case("bom");
    sandbox
        .run(["validate", &bank])
        .exit(0)
        .stdout_has(&["bank: ok: openup-core 2.5.0, 65 questions"]);
    let answers = sandbox.answers();
    sandbox
        .run([
            "start",
            "--questions",
            &bank,
            "--answers",
            &answers,
            "--no-save",
        ])
        .exit(0)
        .stdout_has(&["1 of 65 questions answered"]);
}

#[test]
fn bank_with_a_misspelled_tip_in_tips_json_suggests_the_right_one() {
    let sandbox = Sandbox::new();
    let mut index = None;
    let bank = sandbox.edit_bank("tips.json", |tips| {
        let list = tips["tips"].as_array_mut().unwrap();
        let i = list.iter().position(|t| t["id"] == "listening").unwrap();
        list[i]["id"] = json!("listenning");
        index = Some(i);
    });
    let place = format!(
        "error: tips.json: tips[{}].id: unknown tip \"listenning\" (did you mean \"listening\"?)",
        index.unwrap()
    );
    assert_bank_refused(
        &sandbox,
        &bank,
        &[
            &place,
            "error: tips.json: tips: tip \"listening\" is missing",
        ],
    );
}

#[test]
fn bank_file_over_one_mebibyte_is_refused_by_size() {
    let sandbox = Sandbox::new();
    let bank = sandbox.bank();
    let text = format!(
        "{{\"questions\": [], \"$schema\": \"{}\"}}",
        "a".repeat(BANK_LIMIT)
    );
    sandbox.write(&format!("{bank}/zz-huge.json"), &text);
    let fragment =
        format!("openup: bank/zz-huge.json holds more than the {BANK_LIMIT} bytes openup reads");
    sandbox
        .run(["validate", &bank])
        .exit(1)
        .stderr_has(&[&fragment]);
    let answers = sandbox.answers();
    sandbox
        .run([
            "start",
            "--questions",
            &bank,
            "--answers",
            &answers,
            "--no-save",
        ])
        .exit(1)
        .stderr_has(&[&fragment]);
    sandbox
        .run(["tips", "--questions", &bank])
        .exit(1)
        .stderr_has(&[&fragment]);
}

#[test]
fn bank_nested_ten_thousand_deep_gives_a_clear_error() {
    let sandbox = Sandbox::new();
    let bank = sandbox.bank();
    let text = format!(
        "{{\"questions\": {}{}}}",
        "[".repeat(DEPTH),
        "]".repeat(DEPTH)
    );
    sandbox.write(&format!("{bank}/zz-deep.json"), text);
    assert_bank_refused(
        &sandbox,
        &bank,
        &[
            "error: zz-deep.json: line 1, column",
            "nested more than 128 levels deep",
        ],
    );

    let text = format!(
        "{{\"questions\": [{{\"id\": \"deep\", \"prompt\": {}\"x\"{}}}]}}",
        "[".repeat(DEPTH),
        "]".repeat(DEPTH)
    );
    sandbox.write(&format!("{bank}/zz-deep.json"), text);
    assert_bank_refused(
        &sandbox,
        &bank,
        &[
            "error: zz-deep.json: line 1, column",
            "nested more than 128 levels deep",
        ],
    );
}

/// The items of a list field, none when the field is absent (indexing a
/// `Value` mutably would add it as `null`).
fn list_mut<'a>(file: &'a mut Value, field: &str) -> impl Iterator<Item = &'a mut Value> {
    file.get_mut(field)
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
}

/// The built-in bank with `ESCAPES` around every text a person sees: tip
/// titles, summaries, whys and things to try, question titles, prompts and
/// labels, and the safety questions' prompts, findings and labels.
fn escape_bank(sandbox: &Sandbox) -> String {
    let evil = |v: &mut Value| {
        let text = v.as_str().expect("a string").to_string();
        *v = json!(format!("{ESCAPES}{text}{ESCAPES}"));
    };
    let mut bank = String::new();
    for name in bank_file_names() {
        bank = sandbox.edit_bank(&name, |file| {
            if let Some(meta) = file.get_mut("bank") {
                evil(&mut meta["title"]);
            }
            for tip in list_mut(file, "tips") {
                for field in ["title", "summary", "why"] {
                    evil(&mut tip[field]);
                }
                tip["try"].as_array_mut().unwrap().iter_mut().for_each(evil);
            }
            for q in list_mut(file, "questions") {
                evil(&mut q["title"]);
                evil(&mut q["prompt"]);
                for o in q["options"].as_array_mut().unwrap() {
                    evil(&mut o["label"]);
                }
            }
            for q in list_mut(file, "safety") {
                evil(&mut q["prompt"]);
                evil(&mut q["finding"]);
                for o in q["options"].as_array_mut().unwrap() {
                    evil(&mut o["label"]);
                }
            }
        });
    }
    bank
}

#[test]
fn bank_with_escape_sequences_in_its_texts_prints_none_of_them() {
    let sandbox = Sandbox::new();
    let bank = escape_bank(&sandbox);
    let raw = fs::read_to_string(sandbox.path(&bank).join("tips.json")).unwrap();
    // serde_json escapes C0 controls and writes C1 ones as they are.
    assert!(raw.contains("\\u001b[2J") && raw.contains("\u{9b}31m") && raw.contains("\\b\\b"));

    // Every run checks that no control character reaches stdout or stderr.
    sandbox
        .run(["validate", &bank])
        .exit(0)
        .stdout_has(&["bank: ok: openup-core 2.5.0, 64 questions"]);
    sandbox
        .run(["tips", "--questions", &bank])
        .exit(0)
        .stdout_has(&[" 1. Give it time\n"]);
    let answers = sandbox.write_json("all.json", &full_answers("often"));
    sandbox
        .run([
            "start",
            "--questions",
            &bank,
            "--answers",
            &answers,
            "--no-save",
        ])
        .exit(0)
        .stdout_has(&[
            "64 of 64 questions answered",
            "Your answers mentioned feeling afraid of your partner.",
        ]);
    let answers = sandbox.write_json("calm.json", &full_answers("no"));
    sandbox
        .run([
            "start",
            "--questions",
            &bank,
            "--answers",
            &answers,
            "--no-save",
        ])
        .exit(0)
        .stdout_has(&["Where to focus first", " you chose “"]);
    let json_run = sandbox
        .run([
            "start",
            "--questions",
            &bank,
            "--answers",
            &answers,
            "--no-save",
            "--json",
        ])
        .exit(0);
    assert!(
        !json_run.stdout.contains("\\u001b") && !json_run.stdout.contains("\\u0007"),
        "the result JSON keeps escaped controls:\n{}",
        json_run.stdout
    );
    // A saved result made with that bank reads back clean too.
    let result = sandbox.write("made-with-escapes.json", &json_run.stdout);
    sandbox
        .run(["report", &result, "--questions", &bank])
        .exit(0)
        .stdout_has(&["All ten tips"]);
}

// ------------------------------------------------------------- usage errors

#[test]
fn usage_report_without_a_file_and_no_saved_result() {
    // Without FILE, report shows the newest saved result; with none saved, it
    // says so and how to name a file.
    Sandbox::new()
        .run(["report"])
        .exit(2)
        .stderr_has(&["no saved result", "openup report FILE"]);
}

#[test]
fn usage_top_out_of_range() {
    let sandbox = Sandbox::new();
    let answers = sandbox.answers();
    sandbox
        .run(["start", "--answers", &answers, "--no-save", "--top", "0"])
        .exit(2)
        .stdout_empty()
        .stderr_has(&["--top <N>", "0 is not in 1..=10"]);
}

#[test]
fn usage_compare_with_one_file() {
    let sandbox = Sandbox::new();
    let file = sandbox.copy("results/foreign.json");
    sandbox.run(["compare", &file]).exit(2).stderr_has(&[
        "the following required arguments were not provided",
        "<NEW>",
    ]);
}

// ------------------------------------------ regressions (bugs found, fixed)

#[test]
fn regression_global_options_before_the_command_are_accepted() {
    // README: "Global options, accepted by every command: --questions DIR, --data-dir DIR, --color WHEN".
    let sandbox = Sandbox::new();
    let bank = sandbox.bank();
    let answers = sandbox.answers();
    sandbox
        .run([
            "--questions",
            &bank,
            "start",
            "--answers",
            &answers,
            "--no-save",
        ])
        .exit(0);
    sandbox.run(["--questions", &bank, "tips"]).exit(0);
    sandbox.run(["--color", "never", "tips"]).exit(0);
    sandbox.run(["--data-dir", "data", "history"]).exit(0);
}

bad_bank!(
    regression_bank_question_with_two_options_is_refused,
    "two-options",
    [
        "error: zz-question.json: questions[0].options: question \"corpus-question\" has 2 options; give it 3 to 5"
    ],
    "openup: the question bank at bank has 1 problem that must be fixed before openup can use it:\n  error: zz-question.json: questions[0].options: question \"corpus-question\" has 2 options; give it 3 to 5\nFix them in the files named, then run `openup validate` with the same --questions to check."
);
bad_bank!(
    regression_bank_question_with_six_options_is_refused,
    "six-options",
    [
        "error: zz-question.json: questions[0].options: question \"corpus-question\" has 6 options; give it 3 to 5"
    ],
    "openup: the question bank at bank has 1 problem that must be fixed before openup can use it:\n  error: zz-question.json: questions[0].options: question \"corpus-question\" has 6 options; give it 3 to 5\nFix them in the files named, then run `openup validate` with the same --questions to check."
);
bad_bank!(
    regression_bank_option_written_as_an_array_is_refused,
    "option-as-array",
    [
        "error: zz-question.json: questions[0].options[1]",
        "expected an object"
    ],
    "openup: the question bank at bank has 1 problem that must be fixed before openup can use it:\n  error: zz-question.json: questions[0].options[1]: expected an object ({ ... }) here, not a list\nFix them in the files named, then run `openup validate` with the same --questions to check."
);

#[test]
fn regression_a_bank_file_that_fails_to_parse_is_not_also_called_empty() {
    let sandbox = Sandbox::new();
    let bank = sandbox.bank_case("prompt-number");
    sandbox
        .run(["validate", &bank])
        .exit(1)
        .stderr_has(&["questions[0].prompt: invalid type"])
        .stderr_lacks("the file has no questions and no safety questions");
}

#[test]
fn regression_validate_cleans_an_unknown_field_name() {
    let sandbox = Sandbox::new();
    let bank = sandbox.bank_case("escape-in-field-name");
    // `run` fails on the ESC that reaches stderr.
    sandbox
        .run(["validate", &bank])
        .exit(1)
        .stderr_has(&["zz-question.json: questions[0].options[1]", "unknown field"]);
}

#[test]
fn regression_validate_cleans_an_unknown_tip_key() {
    let sandbox = Sandbox::new();
    let bank = sandbox.bank_case("escape-in-weight-key");
    sandbox.run(["validate", &bank]).exit(1).stderr_has(&[
        "zz-question.json: questions[0].options[2].weights.",
        "unknown tip",
    ]);
}

#[test]
fn regression_validate_cleans_a_bad_id() {
    let sandbox = Sandbox::new();
    let bank = sandbox.bank_case("escape-in-id");
    sandbox.run(["validate", &bank]).exit(1).stderr_has(&[
        "zz-question.json: questions[0].id: question id \"",
        "is not kebab-case",
    ]);
}

#[test]
fn regression_validate_cleans_a_duplicate_label() {
    let sandbox = Sandbox::new();
    let bank = sandbox.bank_case("escape-in-duplicate-label");
    sandbox
        .run(["validate", &bank])
        .exit(0)
        .stdout_has(&["warning: zz-question.json: questions[0].options[1].label: question \"corpus-question\" shows the label \"Same answer\" twice"]);
}

#[test]
fn regression_answers_error_cleans_the_json_path() {
    start_with_answers("answers/escape-in-key.json")
        .exit(1)
        .stderr_has(&["escape-in-key.json: answers.", "expected a string"]);
}

#[test]
fn regression_answers_error_cleans_an_unknown_variant() {
    start_with_answers("answers/escape-in-mode.json")
        .exit(1)
        .stderr_has(&["escape-in-mode.json: mode: unknown variant"]);
}

#[test]
fn regression_report_error_cleans_an_unknown_variant() {
    let text = mutated_result(|r| r["mode"] = json!(format!("{ESCAPES}quick")));
    report_of("evil-mode.json", text)
        .exit(1)
        .stderr_has(&["evil-mode.json: ", "unknown variant"]);
}

#[cfg(unix)]
#[test]
fn regression_history_cleans_the_names_of_skipped_files() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "data/results/2026-01-01T10-00-00Z.json",
        serde_json::to_string_pretty(&good_result()).unwrap(),
    );
    sandbox.write("data/results/evil\u{1b}[2J.json", "{");
    sandbox
        .run(["history"])
        .exit(0)
        .stdout_has(&["Saved results (1)"])
        .stderr_has(&["openup: skipped ", "evil"]);
}

#[test]
fn regression_result_error_names_the_json_path() {
    let text = mutated_result(|r| r["scores"][2]["score"] = json!("high"));
    report_of("string-score.json", text)
        .exit(1)
        .stderr_has(&["string-score.json: scores[2].score: invalid type: string \"high\""]);
}

#[cfg(unix)]
#[test]
fn regression_size_message_for_a_device_is_not_self_contradictory() {
    Sandbox::new()
        .run(["start", "--answers", "/dev/zero", "--no-save"])
        .exit(1)
        .stderr_has(&["/dev/zero "])
        .stderr_lacks(" is 0 bytes, more than");
}

#[test]
fn regression_size_message_says_an_answers_file() {
    let sandbox = Sandbox::new();
    let file = sandbox.write("huge.json", " ".repeat(ANSWERS_LIMIT + 1));
    sandbox
        .run(["start", "--answers", &file, "--no-save"])
        .exit(1)
        .stderr_has(&["openup reads for an answers file"]);
}

#[test]
fn regression_bank_texts_that_clean_to_nothing_are_empty() {
    let sandbox = Sandbox::new();
    sandbox.edit_bank("tips.json", |tips| {
        tips["tips"][0]["title"] = json!("\u{1b}]0;title\u{7}");
    });
    let bank = sandbox.edit_bank("conflict.json", |file| {
        file["questions"][0]["prompt"] = json!("\u{1b}[2J");
        file["questions"][0]["options"][0]["label"] = json!("\u{7}\u{8}");
    });
    // Today: `openup validate` says ok, and `openup tips` shows " 1. " with no title.
    assert_bank_refused(
        &sandbox,
        &bank,
        &[
            "error: tips.json: tips[0].title: tip \"patience\" has an empty title",
            "error: conflict.json: questions[0].prompt: question \"argument-goes-quiet\" has an empty prompt",
            "error: conflict.json: questions[0].options[0].label: option \"name-it\" has an empty label",
        ],
    );
}
