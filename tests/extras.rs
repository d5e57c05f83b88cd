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
