//! The everyday terminal experience: every command's `--help` carries an
//! example, shell completions work in a real bash, and progress bars stay off
//! stderr when it is not a terminal.

mod common;

use std::process::Command;

use common::{command_ok, gosleuth, gosleuth_ok as stdout, pushsvc, strs, ten_nodes};

/// The commands `gosleuth --help` lists (without `help` itself).
fn commands() -> Vec<String> {
    let help = stdout(&["--help"]);
    let listed = help
        .split("Commands:\n")
        .nth(1)
        .and_then(|s| s.split("\n\n").next())
        .expect("a Commands section");
    let names: Vec<String> = listed
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect();
    assert!(names.len() >= 10, "{names:?}");
    names
}

#[test]
fn every_command_has_an_example_in_its_help() {
    let top = stdout(&["--help"]);
    assert!(top.contains("Examples:\n  gosleuth analyze"), "{top}");
    for name in commands() {
        let help = stdout(&[&name, "--help"]);
        assert!(
            help.contains(&format!("Example: gosleuth {name} ")),
            "`gosleuth {name} --help` has no example:\n{help}"
        );
    }
}

#[test]
fn analyze_help() {
    insta::assert_snapshot!(stdout(&["analyze", "--help"]));
}

/// Runs bash's completion function for the words typed so far (the last one
/// being completed) and returns its candidates.
fn complete_in_bash(script: &str, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "{script}\nCOMP_WORDS=({})\nCOMP_CWORD={}\nCOMP_LINE=\"${{COMP_WORDS[*]}}\"\nCOMP_POINT=${{#COMP_LINE}}\n\
         _gosleuth gosleuth '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        quoted.join(" "),
        words.len() - 1,
        words[words.len() - 1],
        words.get(words.len().wrapping_sub(2)).unwrap_or(&""),
    );
    let out = command_ok(Command::new("bash").arg("-c").arg(&program), "bash");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_commands_flags_and_formats() {
    let script = stdout(&["completions", "bash"]);
    command_ok(
        Command::new("bash").arg("-n").arg("-c").arg(&script),
        "bash -n (syntax check)",
    );
    assert_eq!(complete_in_bash(&script, &["gosleuth", "ana"]), ["analyze"]);
    assert!(
        complete_in_bash(&script, &["gosleuth", "analyze", "--for"])
            .contains(&"--format".to_string())
    );
    let formats = complete_in_bash(&script, &["gosleuth", "analyze", "--format", ""]);
    for f in ["text", "md", "html", "json"] {
        assert!(formats.contains(&f.to_string()), "{formats:?}");
    }
    assert_eq!(
        complete_in_bash(&script, &["gosleuth", "completions", "fi"]),
        ["fish"]
    );
}

#[test]
fn zsh_and_fish_completions_name_every_command() {
    let zsh = stdout(&["completions", "zsh"]);
    assert!(
        zsh.starts_with("#compdef gosleuth"),
        "{}",
        &zsh[..80.min(zsh.len())]
    );
    let fish = stdout(&["completions", "fish"]);
    for name in commands() {
        assert!(zsh.contains(&format!("'{name}:")), "zsh lacks {name}");
        assert!(
            fish.contains(&format!("-a \"{name}\"")),
            "fish lacks {name}"
        );
    }
    let bad = gosleuth(&["completions", "tcsh"]);
    assert_eq!(bad.status.code(), Some(2));
}

/// Many profiles is long work, but stderr here is a pipe: no progress bar,
/// no control characters, and no colour on stdout either.
#[test]
fn no_progress_or_colour_when_not_a_terminal() {
    let nodes = ten_nodes();
    let mut args = vec!["analyze", "--format", "text"];
    args.extend(strs(&nodes));
    let out = gosleuth(&args);
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "stderr: {:?}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.stdout.contains(&0x1b), "escape codes on stdout");
}

/// Runs gosleuth on a real pseudo-terminal (util-linux `script`) and returns
/// what the terminal received, stdout and stderr together.
fn on_a_terminal(args: &[&str], no_color: bool) -> String {
    let line = std::iter::once(env!("CARGO_BIN_EXE_gosleuth"))
        .chain(args.iter().copied())
        .map(|a| format!("'{a}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut cmd = Command::new("script");
    cmd.args(["-qec", &line, "/dev/null"])
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR");
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    let out = cmd
        .output()
        .expect("util-linux `script` (Debian's bsdutils)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Select Graphic Rendition (colour, bold, dim) escape sequences.
fn has_sgr(text: &str) -> bool {
    text.split("\x1b[").skip(1).any(|rest| {
        let code: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ';')
            .collect();
        rest[code.len()..].starts_with('m')
    })
}

#[test]
fn on_a_terminal_colour_and_progress_unless_no_color() {
    let nodes = ten_nodes();
    let mut analyze = vec!["analyze", "--format", "text"];
    analyze.extend(strs(&nodes));
    let coloured = on_a_terminal(&analyze, false);
    assert!(has_sgr(&coloured), "no colour on a terminal");
    assert!(
        coloured.contains("reading profiles"),
        "no progress bar on a terminal"
    );
    let plain = on_a_terminal(&analyze, true);
    assert!(!has_sgr(&plain), "colour despite NO_COLOR");
    assert!(
        plain.contains("framePool") || plain.contains("init.func1"),
        "{plain}"
    );
    let src = pushsvc();
    let audit = ["audit", src.as_str()];
    assert!(
        has_sgr(&on_a_terminal(&audit, false)),
        "audit: no colour on a terminal"
    );
    assert!(
        !has_sgr(&on_a_terminal(&audit, true)),
        "audit: colour despite NO_COLOR"
    );
}
