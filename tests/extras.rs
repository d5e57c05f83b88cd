//! What a well-kept Rust CLI has beside its main job: completions, a man page,
//! a list of the questions for writing answers files.

mod support;

use serde_json::{Map, Value, json};
use support::Test;

/// Every subcommand's name, from clap.
fn subcommands() -> Vec<String> {
    use clap::CommandFactory;
    openup::cli::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

#[test]
fn every_shell_gets_a_completion_script_naming_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = Test::new().args(["completions", shell]).run();
        assert!(out.stdout.len() > 200, "{shell}: {}", out.stdout);
        for sub in subcommands() {
            assert!(out.stdout.contains(&sub), "{shell} lacks {sub}");
        }
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    Test::new()
        .args(["completions", "tcsh"])
        .expect_exit(2)
        .expect_stderr_contains("invalid value 'tcsh'")
        .run();
}

#[test]
fn the_man_page_has_every_command_and_option() {
    use clap::CommandFactory;
    let out = Test::new().arg("man").run();
    assert!(
        out.stdout.starts_with(".ie") || out.stdout.contains(".TH openup"),
        "{}",
        &out.stdout[..200.min(out.stdout.len())]
    );
    let mut command = openup::cli::Cli::command();
    command.build();
    for sub in command.get_subcommands() {
        assert!(
            out.stdout
                .contains(&format!("OPENUP {}", sub.get_name().to_uppercase())),
            "no section for {}",
            sub.get_name()
        );
        for arg in sub.get_arguments().filter_map(|a| a.get_long()) {
            // roff escapes the dashes of options.
            assert!(
                out.stdout
                    .contains(&format!("\\-\\-{}", arg.replace('-', "\\-"))),
                "{} lacks --{arg}",
                sub.get_name()
            );
        }
    }
}

#[test]
fn questions_json_round_trips_into_an_answers_file_that_start_accepts() {
    let listed = Test::new().args(["questions", "--json"]).run().json();
    let mut answers = Map::new();
    for q in listed["safety"].as_array().unwrap() {
        answers.insert(q["id"].as_str().unwrap().into(), json!("no"));
    }
    let questions = listed["questions"].as_array().unwrap();
    assert!(questions.len() >= 60);
    for q in questions {
        let first = &q["options"][0]["id"];
        answers.insert(q["id"].as_str().unwrap().into(), first.clone());
    }
    let n = questions.len();
    Test::new()
        .args(["start", "--answers"])
        .answers_file(json!({ "answers": Value::Object(answers) }))
        .expect_stdout_contains(&format!("{n} of {n} questions answered"))
        .run();
}

#[test]
fn questions_lists_every_id_and_option_as_text() {
    let out = Test::new().arg("questions").run();
    for q in support::scenario_questions() {
        assert!(out.stdout.contains(q["id"].as_str().unwrap()));
        for o in q["options"].as_array().unwrap() {
            assert!(
                out.stdout
                    .contains(&format!("{}: ", o["id"].as_str().unwrap()))
            );
        }
    }
}

/// Two saved results in the data folder, a second apart in name.
fn two_saved() -> Test {
    let mut test = Test::new();
    for pick in 0..2 {
        let mut answers = Map::new();
        for q in support::scenario_questions() {
            let options = q["options"].as_array().unwrap();
            answers.insert(
                q["id"].as_str().unwrap().into(),
                options[pick % options.len()]["id"].clone(),
            );
        }
        for q in support::safety_questions() {
            answers.insert(q["id"].as_str().unwrap().into(), json!("no"));
        }
        test = test
            .args(["start", "--save", "data/results/", "--answers"])
            .answers_file(json!({ "answers": Value::Object(answers) }))
            .expect_stderr_contains("Saved to data/results/")
            .run()
            .then();
    }
    test
}

#[test]
fn results_go_by_the_numbers_history_shows() {
    let out = two_saved().arg("history").run();
    let files = out.results();
    let first = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(out.stdout.contains("1. "), "{}", out.stdout);
    assert!(
        out.stdout.contains(&first),
        "history shows the file's name:\n{}",
        out.stdout
    );
    let one: Value = serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();

    let out = out.then().args(["report", "1", "--json"]).run();
    assert_eq!(
        out.json()["answers"],
        one["answers"],
        "report 1 is the oldest"
    );
    let out = out
        .then()
        .args(["compare", "1", "2"])
        .expect_stdout_contains("Comparing")
        .run();
    let out = out
        .then()
        .args(["compare", "2", "1"])
        .expect_stderr_contains("The newer result was given first")
        .run();
    let out = out
        .then()
        .args(["report", "3"])
        .expect_exit(2)
        .expect_stderr_contains("there is no saved result number 3")
        .run();
    let out = out
        .then()
        .args(["forget", "1", "--yes"])
        .expect_stderr_contains("Deleted 1 saved result")
        .run();
    assert_eq!(out.results().len(), 1, "only number 1 went");
}

#[test]
fn report_output_picks_its_format_from_the_extension_and_takes_folders() {
    let out = two_saved()
        .args(["report", "2", "-o", "share.md"])
        .expect_stderr_contains("Wrote share.md")
        .run();
    let md = std::fs::read_to_string(out.path("share.md")).unwrap();
    assert!(md.starts_with("# openup reflection report"), "{md}");
    let out = out
        .then()
        .args(["report", "2", "-o", "copy.json"])
        .expect_stderr("Wrote copy.json\n")
        .run();
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(out.path("copy.json")).unwrap()).unwrap();
    assert!(json["scores"].is_array());
    // --format wins over the extension.
    let out = out
        .then()
        .args(["report", "2", "-o", "plain.md", "--format", "text"])
        .expect_stderr("Wrote plain.md\n")
        .run();
    assert!(
        std::fs::read_to_string(out.path("plain.md"))
            .unwrap()
            .starts_with("openup · your reflection report")
    );
    // A folder, existing or named with a slash, gets the result's own name.
    std::fs::create_dir(out.path("exports")).unwrap();
    let out = out
        .then()
        .args(["report", "2", "-o", "exports", "--format", "markdown"])
        .expect_stderr_contains("Wrote exports/")
        .run();
    let out = out
        .then()
        .args(["report", "2", "-o", "new/", "--format", "markdown"])
        .expect_stderr_contains("Wrote new/")
        .run();
    assert_eq!(std::fs::read_dir(out.path("new")).unwrap().count(), 1);
}

#[test]
fn the_locale_picks_the_help_lines_and_region_overrides_it() {
    Test::new()
        .arg("tips")
        .env("LANG", "en_AU.UTF-8")
        .expect_stdout_contains("In danger now: call 000.")
        .expect_stdout_contains("1800RESPECT")
        .expect_stdout_not_contains("0808 2000 247")
        .run();
    Test::new()
        .args(["tips", "--region", "gb"])
        .env("LANG", "en_AU.UTF-8")
        .expect_stdout_contains("In danger now: call 999.")
        .expect_stdout_contains("0808 2000 247")
        .expect_stdout_not_contains("1800RESPECT")
        .run();
    // LC_ALL wins over LANG; an unknown region gets the fallback, which names
    // the local emergency number and the US and UK lines.
    Test::new()
        .arg("tips")
        .env("LANG", "en_AU.UTF-8")
        .env("LC_ALL", "en_NZ.UTF-8")
        .expect_stdout_contains("In danger now: call 111.")
        .run();
    Test::new()
        .args(["tips", "--region", "BR"])
        .expect_stdout_contains("your local emergency number (112 across the EU)")
        .expect_stdout_contains("1-800-799-7233")
        .expect_stdout_contains("0808 2000 247")
        .run();
}

#[test]
fn every_region_has_an_emergency_number_and_a_helpline() {
    let bank = openup::bank::Bank::embedded().expect("the built-in bank");
    let regions: Vec<&str> = bank.helplines.iter().map(|r| r.region.as_str()).collect();
    for code in [
        "US", "GB", "CA", "AU", "NZ", "IE", "DE", "FR", "ES", "other",
    ] {
        assert!(regions.contains(&code), "{code} missing: {regions:?}");
    }
    for region in &bank.helplines {
        assert!(!region.emergency.trim().is_empty(), "{}", region.region);
        assert!(!region.lines.is_empty(), "{}", region.region);
        for line in &region.lines {
            assert!(!line.how().is_empty(), "{}: {}", region.region, line.name);
            assert!(
                line.source.starts_with("https://"),
                "{}: {}",
                region.region,
                line.name
            );
        }
        assert!(
            region.emergency_source.starts_with("https://"),
            "{}",
            region.region
        );
    }
}

#[test]
fn commands_only_advertise_the_places_they_use() {
    use clap::CommandFactory;
    let mut command = openup::cli::Cli::command();
    command.build();
    let has = |sub: &str, long: &str| {
        command
            .find_subcommand(sub)
            .expect("a subcommand")
            .get_arguments()
            .any(|a| a.get_long() == Some(long) && !a.is_hide_set())
    };
    for sub in ["schema", "man", "completions"] {
        assert!(!has(sub, "questions"), "{sub} ignores --questions");
        assert!(!has(sub, "data-dir"), "{sub} ignores --data-dir");
    }
    assert!(!has("forget", "questions"));
    assert!(!has("tips", "data-dir"));
    for sub in ["start", "report", "history", "compare"] {
        assert!(has(sub, "questions") && has(sub, "data-dir"), "{sub}");
    }
    // Given before the command, they still apply.
    Test::new()
        .args(["--questions", "nowhere", "tips"])
        .expect_exit(1)
        .expect_stderr_contains("could not read nowhere")
        .run();
}
