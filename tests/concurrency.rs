//! Two openups at once with one data folder: a wizard that finds another
//! holding the draft goes on without one, and parallel saves each get a file.

mod support;

use std::fs;

use support::{DATA, Test, all_answers, safety_questions};

#[test]
fn a_second_wizard_goes_on_without_a_draft_and_leaves_the_first_ones_alone() {
    let test = Test::new();
    let data = test.path(DATA);
    fs::create_dir_all(&data).unwrap();
    let draft = data.join("draft.json");
    fs::write(&draft, "the first assessment's draft").unwrap();
    // The first assessment, still running, holds the lock.
    let lock = fs::File::create(data.join("draft.lock")).unwrap();
    lock.try_lock().expect("the test takes the lock");

    let out = test
        .args(["start", "--plain", "--fresh"])
        .stdin("1\n".repeat(safety_questions().len() + 1))
        .expect_exit(1)
        .expect_stderr_contains("Another openup assessment is in progress with the data folder")
        .expect_stderr_contains("goes on without a draft")
        .expect_stderr_contains("Nothing was kept.")
        .run();
    // Neither --fresh nor the answers touched the first one's draft.
    assert_eq!(
        fs::read_to_string(out.path(DATA).join("draft.json")).unwrap(),
        "the first assessment's draft"
    );
    drop(lock);
}

#[test]
fn twenty_saves_in_the_same_second_each_get_their_own_file() {
    let test = Test::new();
    let root = test.path("");
    fs::write(root.join("answers.json"), all_answers().to_string()).unwrap();
    let runs: Vec<_> = (0..20)
        .map(|_| {
            let root = root.clone();
            std::thread::spawn(move || {
                assert_cmd::Command::cargo_bin("openup")
                    .expect("the binary")
                    .current_dir(&root)
                    .env("OPENUP_DATA_DIR", root.join(DATA))
                    .env("NO_COLOR", "1")
                    .args(["start", "--answers", "answers.json", "--save", "out/"])
                    .output()
                    .expect("run openup")
            })
        })
        .collect();
    for run in runs {
        let output = run.join().expect("a run");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let files = fs::read_dir(root.join("out")).unwrap().count();
    assert_eq!(files, 20, "twenty distinct files");
}
