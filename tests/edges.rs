//! The edges a careful CLI holds: a closed standard error, a file-size limit,
//! a FIFO where the draft should be, a dangling link given to --save.

#![cfg(unix)]

mod support;

use std::fs;
use std::process::Command;

use support::{DATA, Test, all_answers, safety_questions};

/// Runs `script` with `sh -c` in the test's folder, `$OPENUP` naming the binary.
fn sh(test: &Test, script: &str) -> std::process::Output {
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(test.path(""))
        .env("OPENUP", env!("CARGO_BIN_EXE_openup"))
        .env("OPENUP_DATA_DIR", test.path(DATA))
        .env("NO_COLOR", "1")
        .output()
        .expect("run sh")
}

#[test]
fn a_closed_standard_error_is_no_reason_to_panic() {
    let test = Test::new();
    let out = sh(
        &test,
        r#""$OPENUP" report /nonexistent 2>&-; echo "exit=$?""#,
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("exit=1"), "{said}");
}

#[test]
fn a_file_size_limit_is_a_write_error_that_leaves_no_temporary_file() {
    let test = Test::new();
    fs::write(test.path("answers.json"), all_answers().to_string()).unwrap();
    let out = sh(
        &test,
        r#"ulimit -f 1; "$OPENUP" start --answers answers.json --save out/ >/dev/null; echo "exit=$?""#,
    );
    let said = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("exit=1"), "{said} {err}");
    assert!(err.contains("could not write"), "{err}");
    let left: Vec<_> = fs::read_dir(test.path("out"))
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "nothing left behind: {left:?}");
}

#[test]
fn a_fifo_named_draft_json_neither_hangs_nor_is_read() {
    let test = Test::new();
    fs::create_dir_all(test.path(DATA)).unwrap();
    let made = Command::new("mkfifo")
        .arg(test.path(DATA).join("draft.json"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let lines = "1\n".repeat(safety_questions().len() + 1);
    test.args(["start", "--plain", "--resume"])
        .stdin(lines)
        .expect_exit(1)
        .expect_stderr_contains("is not a regular file")
        .run();
}

#[test]
fn save_to_a_dangling_link_is_refused_before_the_first_question() {
    let test = Test::new();
    std::os::unix::fs::symlink("nowhere/result.json", test.path("link.json")).unwrap();
    test.args(["start", "--plain", "--save", "link.json"])
        .stdin("")
        .expect_exit(1)
        .expect_stderr_contains("it is a link to a file that does not exist")
        .expect_stderr_not_contains("Safety check 1")
        .run();
}
