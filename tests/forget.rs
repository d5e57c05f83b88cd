//! `openup forget`: it removes what openup wrote, all of it, and nothing else.

mod support;

use std::fs;
use std::path::Path;

use support::{DATA, Test, all_answers, squash};

/// A test directory holding `n` saved results.
fn with_saved_results(n: usize) -> Test {
    let mut test = Test::new();
    for _ in 0..n {
        test = test
            .args(["start", "--save", "data/results/", "--answers"])
            .answers_file(all_answers())
            .expect_stderr_contains("Saved to data/results/")
            .run()
            .then();
    }
    test
}

/// Adds openup's own draft: plain input that ends after the first scenario
/// answer (safety answers alone are never kept).
fn with_draft(test: Test) -> Test {
    let out = test
        .args(["start", "--plain"])
        .stdin("1\n".repeat(support::safety_questions().len() + 1))
        .expect_exit(1)
        .expect_stderr_contains(
            "openup: the input ended before the questions were all answered (at Question 2 of 64 · ",
        )
        .run();
    assert!(out.path(DATA).join("draft.json").exists(), "a draft");
    out.then()
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The text of the one saved result in a test directory.
fn only_result(test: &Test) -> Vec<u8> {
    let dir = test.path(DATA).join("results");
    let names = names(&dir);
    assert_eq!(names.len(), 1, "{names:?}");
    fs::read(dir.join(&names[0])).unwrap()
}

#[test]
fn yes_deletes_results_the_draft_and_temporary_files_and_says_which() {
    let test = with_draft(with_saved_results(2))
        .write("data/.openup-a1b2c3.tmp", "{\"partial\": true}")
        .write("data/results/.openup-d4e5f6.tmp", "{\"answers\": {}}");
    let results = names(&test.path(DATA).join("results"));
    let out = test
        .args(["forget", "--yes"])
        .expect_stderr_contains(
            "Deleted 2 saved results, the unfinished draft and 2 leftover temporary files in",
        )
        .expect_stderr_contains(&format!("  results/{}\n", results[0]))
        .expect_stderr_contains("  draft.json\n")
        .expect_stderr_contains("  .openup-a1b2c3.tmp\n")
        .expect_stderr_contains("  results/.openup-d4e5f6.tmp\n")
        .run();
    assert!(!out.path(DATA).join("results").exists(), "emptied, so gone");
    assert_eq!(names(&out.path(DATA)), Vec::<String>::new());
}

#[test]
fn without_a_terminal_it_lists_what_it_would_delete_and_deletes_nothing() {
    let test = with_saved_results(1);
    let out = test
        .arg("forget")
        .expect_exit(2)
        .expect_stderr_contains("openup will delete 1 saved result in")
        .expect_stderr_contains("  results/")
        .expect_stderr_contains("Run `openup forget --yes`")
        .run();
    assert_eq!(out.results().len(), 1);
}

#[test]
fn a_foreign_json_file_in_results_is_left_with_a_note() {
    let test = with_saved_results(1)
        .write("data/results/package.json", "{\"name\": \"mine\"}")
        .write(
            "data/results/2020-01-01T00-00-00Z.json",
            "{\"name\": \"also mine\"}",
        )
        .write("data/results/notes.txt", "mine too");
    let out = test
        .args(["forget", "--yes"])
        .expect_stderr_contains("Deleted 1 saved result in")
        .run();
    let stderr = squash(&out.stderr);
    assert!(
        stderr
            .contains("results/package.json is not one of openup's files, so it is left in place"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "results/2020-01-01T00-00-00Z.json is named like a saved result but is not one openup can read, so it is left in place"
        ),
        "{stderr}"
    );
    assert_eq!(
        names(&out.path(DATA).join("results")),
        ["2020-01-01T00-00-00Z.json", "notes.txt", "package.json"]
    );
}

#[test]
fn a_foreign_draft_is_left_with_a_note() {
    let out = Test::new()
        .write("data/draft.json", "{\"draft\": \"my own notes\"}")
        .args(["forget", "--yes"])
        .expect_stderr_contains("Nothing to forget")
        .run();
    assert!(
        squash(&out.stderr).contains("draft.json is not an unfinished assessment openup can read"),
        "{}",
        out.stderr
    );
    assert_eq!(
        fs::read_to_string(out.path(DATA).join("draft.json")).unwrap(),
        "{\"draft\": \"my own notes\"}"
    );
}

#[test]
fn a_foreign_draft_stays_while_results_go() {
    let out = with_saved_results(1)
        .write("data/draft.json", "{}")
        .args(["forget", "--yes"])
        .expect_stderr_contains("Deleted 1 saved result in")
        .expect_stderr_not_contains("unfinished draft")
        .run();
    assert!(out.results().is_empty());
    assert!(out.path(DATA).join("draft.json").exists());
}

#[cfg(unix)]
#[test]
fn a_symlinked_results_folder_is_reported_and_nothing_in_it_is_touched() {
    use std::os::unix::fs::symlink;
    // The linked folder even holds a genuine openup result: still not touched.
    let made = with_saved_results(1);
    let result = only_result(&made);
    let test = made
        .write("project/package.json", "{\"name\": \"project\"}")
        .write("project/tsconfig.json", "{}")
        .write("project/2026-01-01T00-00-00Z.json", &result)
        .write("project/.openup-a1b2c3.tmp", "{}");
    fs::remove_dir_all(test.path(DATA).join("results")).unwrap();
    symlink(test.path("project"), test.path(DATA).join("results")).unwrap();
    let out = test
        .args(["forget", "--yes"])
        .expect_stderr_contains("Nothing to forget")
        .run();
    assert!(
        squash(&out.stderr).contains("results is a link to another folder; openup leaves it alone"),
        "{}",
        out.stderr
    );
    assert!(
        fs::symlink_metadata(out.path(DATA).join("results"))
            .unwrap()
            .is_symlink()
    );
    assert_eq!(
        names(&out.path("project")),
        [
            ".openup-a1b2c3.tmp",
            "2026-01-01T00-00-00Z.json",
            "package.json",
            "tsconfig.json"
        ]
    );
}

#[cfg(unix)]
#[test]
fn links_inside_results_and_a_linked_draft_are_not_followed_or_deleted() {
    use std::os::unix::fs::symlink;
    let made = with_draft(with_saved_results(1));
    let result = only_result(&made);
    let test = made
        .write("elsewhere/2026-01-01T00-00-00Z.json", &result)
        .write("elsewhere/.openup-a1b2c3.tmp", "{}");
    fs::rename(
        test.path(DATA).join("draft.json"),
        test.path("elsewhere/draft.json"),
    )
    .unwrap();
    let results = test.path(DATA).join("results");
    symlink(
        test.path("elsewhere/2026-01-01T00-00-00Z.json"),
        results.join("2026-01-01T00-00-01Z.json"),
    )
    .unwrap();
    symlink(
        test.path("elsewhere/.openup-a1b2c3.tmp"),
        results.join(".openup-a1b2c3.tmp"),
    )
    .unwrap();
    symlink(
        test.path("elsewhere/draft.json"),
        test.path(DATA).join("draft.json"),
    )
    .unwrap();
    let out = test
        .args(["forget", "--yes"])
        .expect_stderr_contains("Deleted 1 saved result in")
        .run();
    let stderr = squash(&out.stderr);
    for link in [
        "results/2026-01-01T00-00-01Z.json",
        "results/.openup-a1b2c3.tmp",
        "data/draft.json",
    ] {
        assert!(
            stderr.contains(&format!(
                "{link} is a link; openup does not follow links and leaves it alone"
            )),
            "{link}: {stderr}"
        );
    }
    assert_eq!(
        names(&out.path(DATA).join("results")),
        [".openup-a1b2c3.tmp", "2026-01-01T00-00-01Z.json"],
        "the links stay, so the folder does too"
    );
    assert_eq!(
        names(&out.path("elsewhere")),
        [
            ".openup-a1b2c3.tmp",
            "2026-01-01T00-00-00Z.json",
            "draft.json"
        ]
    );
}

#[test]
fn a_leftover_temporary_file_is_something_to_forget() {
    let made = with_saved_results(1);
    let result = only_result(&made);
    let test = made.write("data/results/.openup-x9Y8z7.tmp", &result);
    let out = test
        .args(["forget", "--yes"])
        .expect_stderr_contains("Deleted 1 saved result and 1 leftover temporary file in")
        .expect_stderr_not_contains("Nothing to forget")
        .run();
    assert!(!out.path(DATA).join("results").exists());

    // Alone, too.
    let out = Test::new()
        .write("data/.openup-x9Y8z7.tmp", &result)
        .args(["forget", "--yes"])
        .expect_stderr_contains("Deleted 1 leftover temporary file in")
        .run();
    assert_eq!(names(&out.path(DATA)), Vec::<String>::new());
}

#[test]
fn a_results_folder_that_cannot_be_read_is_an_error_not_nothing() {
    // `results` is a regular file, so reading it as a folder fails for
    // everyone, root included.
    let out = with_draft(Test::new())
        .write("data/results", "not a folder")
        .args(["forget", "--yes"])
        .expect_exit(1)
        .expect_stderr_contains("could not read the folder")
        .expect_stderr_not_contains("Nothing to forget")
        .run();
    let stderr = squash(&out.stderr);
    assert!(stderr.contains("data/results"), "{stderr}");
    assert!(stderr.contains("openup deleted nothing"), "{stderr}");
    assert!(
        out.path(DATA).join("draft.json").exists(),
        "nothing deleted"
    );
    assert!(out.path(DATA).join("results").is_file());
}

#[test]
fn a_data_folder_that_cannot_be_read_is_an_error_not_nothing() {
    let out = Test::new()
        .write("data", "not a folder")
        .args(["forget", "--yes"])
        .expect_exit(1)
        .expect_stderr_contains("could not read the folder")
        .expect_stderr_not_contains("Nothing to forget")
        .run();
    assert!(out.path(DATA).is_file());
}

#[test]
fn an_absent_data_folder_has_nothing_to_forget() {
    Test::new()
        .args(["forget", "--yes"])
        .expect_stderr_contains("Nothing to forget")
        .run();
}

#[cfg(unix)]
#[test]
fn a_results_folder_without_read_permission_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let test = with_saved_results(1);
    let results = test.path(DATA).join("results");
    fs::set_permissions(&results, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read_dir(&results).is_ok() {
        // Running as root, which reads any folder whatever its mode: the
        // regular-file case above covers the error for everyone.
        fs::set_permissions(&results, fs::Permissions::from_mode(0o700)).unwrap();
        return;
    }
    let out = test
        .args(["forget", "--yes"])
        .expect_exit(1)
        .expect_stderr_contains("could not read the folder")
        .expect_stderr_contains("Permission denied")
        .run();
    fs::set_permissions(&results, fs::Permissions::from_mode(0o700)).unwrap();
    assert_eq!(out.results().len(), 1);
}
