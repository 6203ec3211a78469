//! The built `msdk-lookup` binary, run as a user runs it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// The binary with no locale in the environment (so the default is English), plus `env`.
fn run_with_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_msdk-lookup"));
    command.args(args).env_remove("LC_ALL").env_remove("LANG");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("the msdk-lookup binary runs")
}

fn run(args: &[&str]) -> Output {
    run_with_env(args, &[])
}

/// Stdout of a run that must succeed and say nothing on stderr.
fn stdout_of(output: Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "status {:?}, stderr: {stderr}", output.status);
    assert!(stderr.is_empty(), "stderr: {stderr}");
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

fn ok(args: &[&str]) -> String {
    stdout_of(run(args))
}

/// The value of the `label` row of `explain`'s text output.
fn field<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    text.lines().find_map(|line| {
        let rest = line.strip_prefix(label)?;
        rest.starts_with("  ").then(|| rest.trim_start())
    })
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|err| panic!("not JSON ({err}):\n{text}"))
}

const FAQ_SHARE_QQ_MSG: &str = "30,null ServiceError: :workid=yaaf_mpqq_msgsendsvr cmdid=1 \
                                com.tencent.jungle.api.APIException: \t30,response errorCode error 30";

#[test]
fn explains_an_access_code_in_english_by_default() {
    let out = ok(&["explain", "-303"]);
    assert_eq!(field(&out, "ret"), Some("-303"));
    assert_eq!(field(&out, "layer"), Some("access (MSDK access layer)"));
    assert_eq!(field(&out, "code"), Some("-303"));
    assert_eq!(field(&out, "name"), Some("AppidNoPermission"));
    assert_eq!(field(&out, "action"), Some("fix_config"));
    assert_eq!(field(&out, "err_type"), Some("5 (the err_type of every fix_config code)"));
    assert_eq!(field(&out, "message"), Some("This appid has no permissions in msdk"));
    assert!(field(&out, "advice").unwrap().starts_with("Confirm if appid is correct;"), "{out}");
    assert_eq!(field(&out, "note"), None);
}

#[test]
fn explains_a_qq_platform_code_passed_through_in_msg() {
    let out = ok(&["explain", "-10000", "-73,the user modify password wrong"]);
    assert_eq!(field(&out, "msg"), Some("-73,the user modify password wrong"));
    assert_eq!(field(&out, "layer"), Some("qq_platform (Mobile QQ platform)"));
    assert_eq!(field(&out, "code"), Some("-73"));
    assert_eq!(field(&out, "name"), Some("AccessTokenPasswordChanged"));
    assert_eq!(field(&out, "action"), Some("reauthorize"));
    assert_eq!(field(&out, "err_type"), Some("2 (re-authorize)"));
    assert!(field(&out, "note").unwrap().contains("changed the password"), "{out}");
}

#[test]
fn explains_the_faq_share_sample_in_the_layer_of_the_api() {
    let out = ok(&["explain", "-10000", FAQ_SHARE_QQ_MSG, "--via", "share_qq"]);
    assert_eq!(field(&out, "layer"), Some("share_qq (Share messages to QQ (/share/qq))"));
    assert_eq!(field(&out, "code"), Some("30"));
    assert_eq!(field(&out, "name"), Some("DailyShareLimit"));
    assert_eq!(field(&out, "action"), Some("user_limit"));
    assert!(field(&out, "note").unwrap().contains("no more than 30 shared messages a day"), "{out}");
}

#[test]
fn entries_with_several_codes_show_them_all() {
    let out = ok(&["explain", "-10000", "-500005,parse failed", "--via", "qq_group"]);
    assert_eq!(field(&out, "name"), Some("ParseServiceResponseFailed"));
    assert_eq!(field(&out, "code"), Some("-500003~-500009"));
}

#[test]
fn speaks_chinese_japanese_and_korean() {
    for (locale, message, title) in [
        ("zh", "该appid在msdk没有权限", "MSDK接入层"),
        ("ja", "このappidはmsdkでは権限がありません", "MSDK接続層"),
        ("ko", "해당 appid는 msdk에 대한 권한이 없음", "MSDK액세스 층"),
        ("zh_CN.UTF-8", "该appid在msdk没有权限", "MSDK接入层"),
    ] {
        let out = ok(&["explain", "-303", "--locale", locale]);
        assert_eq!(field(&out, "message"), Some(message), "{locale}");
        assert_eq!(field(&out, "layer"), Some(format!("access ({title})").as_str()), "{locale}");
    }
    // --locale is accepted before the subcommand too; the subcommand's own wins.
    let out = ok(&["--locale", "ko", "explain", "-303"]);
    assert_eq!(field(&out, "message"), Some("해당 appid는 msdk에 대한 권한이 없음"));
    let out = ok(&["--locale", "ko", "explain", "-303", "--locale", "ja"]);
    assert_eq!(field(&out, "layer"), Some("access (MSDK接続層)"));
}

#[test]
fn commands_whose_output_has_no_language_take_no_locale() {
    for args in [["check", "--locale", "zh", "tests/data"], ["unknowns", "--locale", "zh", "-"]] {
        let output = run(&args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("unexpected argument '--locale'"), "{args:?}: {stderr}");
    }
}

#[test]
fn the_default_locale_comes_from_lc_all_then_lang() {
    let message = |env: &[(&str, &str)]| {
        let out = stdout_of(run_with_env(&["explain", "-303"], env));
        field(&out, "message").unwrap().to_owned()
    };
    assert_eq!(message(&[("LANG", "ja_JP.UTF-8")]), "このappidはmsdkでは権限がありません");
    assert_eq!(message(&[("LANG", "ja_JP.UTF-8"), ("LC_ALL", "zh_CN.UTF-8")]), "该appid在msdk没有权限");
    assert_eq!(message(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C")]), "This appid has no permissions in msdk");
    assert_eq!(message(&[("LANG", "POSIX")]), "This appid has no permissions in msdk");
    assert_eq!(message(&[("LANG", "fr_FR.UTF-8")]), "This appid has no permissions in msdk");
    assert_eq!(message(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "")]), "该appid在msdk没有权限");
    // An explicit --locale wins over the environment.
    assert_eq!(
        field(&stdout_of(run_with_env(&["explain", "-303", "--locale", "en"], &[("LANG", "ko_KR.UTF-8")])), "message"),
        Some("This appid has no permissions in msdk")
    );
}

#[test]
fn explains_a_whole_response_body() {
    let body = r#"{"ret":-10000,"msg":"-73,the user modify password wrong","err_type":2,"extra":[1]}"#;
    let out = ok(&["explain", "--response", body]);
    assert_eq!(field(&out, "name"), Some("AccessTokenPasswordChanged"));
    assert_eq!(field(&out, "err_type sent"), Some("2"));
    let body = r#"{"ret":"-10000","msg":"30,null ServiceError"}"#;
    let out = ok(&["explain", "--response", body, "--via", "share_qq"]);
    assert_eq!(field(&out, "name"), Some("DailyShareLimit"));
}

#[test]
fn json_output_parses_and_carries_every_field() {
    let value = json(&ok(&["explain", "-10000", "-73,the user modify password wrong", "--json", "--locale", "zh"]));
    assert_eq!(value["known"], true);
    assert_eq!(value["success"], false);
    assert_eq!(value["ret"], -10000);
    assert_eq!(value["layer"], "qq_platform");
    assert_eq!(value["code"], -73);
    assert_eq!(value["codes"], serde_json::json!([-73]));
    assert_eq!(value["name"], "AccessTokenPasswordChanged");
    assert_eq!(value["action"], "reauthorize");
    assert_eq!(value["err_type"], 2);
    assert_eq!(value["message"], "0x47 access token改密失效");
    assert_eq!(value["advice"], "重新授权");
    assert_eq!(value["locale"], "zh");
    assert!(value["note"].as_str().unwrap().contains("password"));

    let value = json(&ok(&["explain", "--response", r#"{"ret":0,"msg":"ok"}"#, "--json"]));
    assert_eq!(value["success"], true);
    assert_eq!(value["ret"], 0);
}

#[test]
fn success_is_said_to_be_success() {
    let out = ok(&["explain", "0"]);
    assert!(field(&out, "result").unwrap().starts_with("success"), "{out}");
    assert_eq!(field(&out, "name"), None);
}

#[test]
fn a_code_of_an_apis_table_says_to_pass_via() {
    let out = ok(&["explain", "-10000", "32, not friend"]);
    assert!(field(&out, "result").unwrap().starts_with("unknown code"), "{out}");
    assert_eq!(field(&out, "known in"), Some("share_qq (explain it with --via share_qq)"));
    let out = ok(&["explain", "-10000", "32, not friend", "--via", "share_qq"]);
    assert_eq!(field(&out, "name"), Some("TargetNotFriendOrNotFollowing"));
    let value = json(&ok(&["explain", "-3003", "--json"]));
    assert_eq!(value["known_in"], "apple_login");
}

#[test]
fn unknown_codes_keep_what_the_server_said() {
    let msg = "-99999,something new, hint: [x]";
    let out = ok(&["explain", "-10000", msg]);
    assert_eq!(field(&out, "msg"), Some(msg));
    assert!(field(&out, "result").unwrap().starts_with("unknown code"), "{out}");
    assert_eq!(field(&out, "platform code"), Some("-99999"));
    assert_eq!(field(&out, "layer searched"), Some("qq_platform (Mobile QQ platform)"));
    assert_eq!(field(&out, "detail"), Some("something new"));
    assert_eq!(field(&out, "hint"), Some("x"));
    assert_eq!(field(&out, "action"), Some("contact_support"));

    let out = ok(&["explain", "-1500", "client timed out"]);
    assert!(field(&out, "range").unwrap().starts_with("logical Client -1999~-1000"), "{out}");
    assert_eq!(field(&out, "detail"), Some("client timed out"));

    let value = json(&ok(&["explain", "-10000", msg, "--json"]));
    assert_eq!(value["known"], false);
    assert_eq!(value["msg"], msg);
    assert_eq!(value["platform_code"], -99999);
    assert_eq!(value["layer_searched"], "qq_platform");
    assert_eq!(value["description"], "something new");
    assert_eq!(value["range"]["name"], "QqPlatform");
}

/// Terminal columns, as a terminal shows them: CJK, kana, hangul and full-width forms are two.
fn width(c: char) -> usize {
    let wide = matches!(u32::from(c), 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    if wide { 2 } else { 1 }
}

/// The display column where each cell of a line starts (cells are two or more spaces apart).
fn cell_starts(line: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let (mut column, mut spaces) = (0, 2);
    for c in line.chars() {
        if c == ' ' {
            spaces += 1;
        } else {
            if spaces >= 2 {
                starts.push(column);
            }
            spaces = 0;
        }
        column += width(c);
    }
    starts
}

fn assert_aligned(out: &str, columns: usize) {
    let mut lines = out.lines();
    let header = cell_starts(lines.next().expect("a header"));
    assert_eq!(header.len(), columns, "{out}");
    let mut rows = 0;
    for line in lines {
        // The last column (the message) may itself hold double spaces: compare the others.
        let starts = cell_starts(line);
        assert_eq!(starts[..columns - 1], header[..columns - 1], "misaligned row: {line}");
        assert!(starts.len() >= columns, "missing cell: {line}");
        assert_eq!(starts[columns - 1], header[columns - 1], "misaligned message: {line}");
        rows += 1;
    }
    assert!(rows > 0, "{out}");
}

#[test]
fn list_is_an_aligned_table() {
    let out = ok(&["list", "--locale", "zh"]);
    assert_aligned(&out, 5);
    assert!(out.lines().any(|line| line.starts_with("access ") && line.ends_with("该appid在msdk没有权限")));
    assert!(out.lines().any(|line| line.starts_with("qq_group ") && line.contains("-500003~-500009")));
    assert_eq!(out.lines().count(), 1 + 412, "one row per entry of the catalog");

    let out = ok(&["list", "--layer", "access", "--action", "retry", "--locale", "ko"]);
    assert_aligned(&out, 4);
    assert!(out.lines().next().unwrap().starts_with("CODE "));
    for line in out.lines().skip(1) {
        assert_eq!(line.split_whitespace().nth(2), Some("retry"), "{line}");
    }
    assert!(out.lines().any(|line| line.starts_with("-307 ")), "{out}");
}

#[test]
fn markdown_export_has_one_table_per_layer() {
    let out = ok(&["export", "--format", "markdown"]);
    // Markdown is the default format.
    assert_eq!(ok(&["export"]), out);
    let titles: Vec<&str> = out.lines().filter(|line| line.starts_with("## ")).collect();
    assert_eq!(titles.len(), 17, "{titles:?}");
    assert_eq!(titles[0], "## MSDK access layer");
    assert_eq!(out.matches("| code | description | recommended handling |").count(), 17);
    assert!(out.contains("| -303 | This appid has no permissions in msdk | Confirm if appid is correct;"));
    assert!(out.contains("| -500003~-500009 | "));

    let out = ok(&["export", "--format", "markdown", "--locale", "zh"]);
    assert_eq!(out.lines().filter(|line| line.starts_with("## ")).count(), 17);
    assert!(out.starts_with(
        "## MSDK接入层\n\n| 错误码 | 错误描述 | 推荐处理 |\n|---|---|---|\n| -303 | 该appid在msdk没有权限 |"
    ));
    assert!(!out.contains("| 0 |"), "success is no code of the catalog");
}

#[test]
fn json_export_holds_the_whole_catalog() {
    let value = json(&ok(&["export", "--format", "json", "--locale", "ja"]));
    assert_eq!(value["locale"], "ja");
    let layers = value["layers"].as_array().unwrap();
    assert_eq!(layers.len(), 17);
    let access = &layers[0];
    assert_eq!(access["id"], "access");
    assert_eq!(access["title"], "MSDK接続層");
    assert_eq!(access["channel"], "ret");
    let logical = layers.iter().find(|layer| layer["id"] == "logical").unwrap();
    assert!(logical["ranges"].as_array().unwrap().iter().any(|range| range["name"] == "System"));
    let entry = &access["entries"][0];
    assert_eq!(entry["codes"], serde_json::json!([-303]));
    assert_eq!(entry["name"], "AppidNoPermission");
    assert_eq!(entry["action"], "fix_config");
    assert_eq!(entry["err_type"], 5);
    assert_eq!(entry["message"], "このappidはmsdkでは権限がありません");
    assert!(entry["advice"].is_string());
    assert!(entry["note"].is_null());
}

/// `(layer id, codes of each entry in order)` read from data/*.toml line by line.
fn data_codes() -> BTreeMap<String, Vec<Vec<i64>>> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let mut layers = BTreeMap::new();
    for file in std::fs::read_dir(&data).unwrap() {
        let path = file.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut id = None;
        let mut entries = Vec::new();
        for line in text.lines() {
            if let Some(value) = line.strip_prefix("id = ") {
                id.get_or_insert_with(|| value.trim_matches('"').to_owned());
            } else if let Some(value) = line.strip_prefix("code = ") {
                let codes = value.trim_matches(['[', ']']).split(',').map(|code| {
                    let code = code.trim();
                    let (negative, digits) = code.strip_prefix('-').map_or((false, code), |rest| (true, rest));
                    let magnitude = match digits.strip_prefix("0x") {
                        Some(hex) => i64::from_str_radix(hex, 16).unwrap(),
                        None => digits.parse::<i64>().unwrap(),
                    };
                    if negative { -magnitude } else { magnitude }
                });
                entries.push(codes.collect());
            }
        }
        layers.insert(id.expect("a layer id"), entries);
    }
    layers
}

#[test]
fn json_export_finds_every_code_of_the_data() {
    let value = json(&ok(&["export", "--format", "json"]));
    let exported: BTreeMap<String, Vec<Vec<i64>>> = value["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|layer| {
            let entries = layer["entries"].as_array().unwrap();
            let codes = entries
                .iter()
                .map(|entry| entry["codes"].as_array().unwrap().iter().map(|code| code.as_i64().unwrap()).collect())
                .collect();
            (layer["id"].as_str().unwrap().to_owned(), codes)
        })
        .collect();
    let data = data_codes();
    assert_eq!(exported.keys().collect::<Vec<_>>(), data.keys().collect::<Vec<_>>());
    for (layer, entries) in &data {
        let found = &exported[layer];
        assert_eq!(found.len(), entries.len(), "{layer}");
        for (want, got) in entries.iter().zip(found) {
            assert_eq!(got.first(), want.first(), "{layer}: the first code comes first");
            let want: BTreeSet<_> = want.iter().collect();
            let got: BTreeSet<_> = got.iter().collect();
            assert_eq!(got, want, "{layer}");
        }
    }
}

#[test]
fn bad_input_exits_2_with_a_message_saying_what_was_expected() {
    let cases: &[(&[&str], &str)] = &[
        (&["explain", "abc"], "expected an integer ret"),
        (&["explain", "99999999999"], "fits 32 bits"),
        (&["explain", "-303", "--via", "nope"], "expected one of access, logical, qq_platform"),
        (&["list", "--layer", "share_weibo"], "unknown layer `share_weibo`; expected one of access"),
        (&["explain", "-303", "--locale", "fr"], "unknown locale `fr`; expected one of en, zh, ja, ko"),
        (&["list", "--action", "panic"], "unknown action `panic`; expected one of ignore, retry"),
        (&["explain", "--response", "{\"ret\":"], "not an MSDK response"),
        (&["explain", "--response", "{\"msg\":\"x\"}"], "missing field `ret`"),
        (&["explain", "--response", "[1]"], "expected a JSON object"),
        (&["explain"], "required arguments were not provided"),
        (&["explain", "-303", "--response", "{\"ret\":1}"], "cannot be used with"),
        (&["export", "--format", "csv"], "possible values: markdown, json"),
        (&["lookup"], "unrecognized subcommand"),
        (&["check"], "required arguments were not provided"),
        (&["check", "no-such-file.toml"], "error: cannot read no-such-file.toml"),
        (&["check", "--locales", "en,fr", "x.toml"], "unknown locale `fr`"),
        (&["check", "--missing", "maybe", "x.toml"], "possible values: error, fallback_en"),
        (&["unknowns"], "required arguments were not provided"),
        (&["unknowns", "no-such.log"], "error: cannot read no-such.log"),
        (&["unknowns", "--draft", "share_weibo", "x.log"], "unknown layer `share_weibo`"),
        (&[], "Usage"),
    ];
    for (args, expected) in cases {
        let output = run(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}

/// Stderr of a run that must fail with a usage error (exit 2) and print nothing on stdout.
fn usage_error(args: &[&str]) -> String {
    let output = run(args);
    let stderr = String::from_utf8(output.stderr).expect("stderr is UTF-8");
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(output.stdout.is_empty());
    stderr
}

/// A value error is clap's `invalid value '<value>' for '<argument>'`, which repeats the value as
/// given; the reason after it, msdk-lookup's, quotes at most the first 80 characters of the value
/// with its length.
#[test]
fn reasons_repeat_a_long_argument_only_in_part() {
    let long = "a".repeat(100_000);
    let first_80 = &long[..80];
    let body = format!(r#"{{"ret":"{long}"}}"#);
    let cases: Vec<(Vec<String>, &str, String)> = vec![
        // serde's echo of the string in the body.
        (
            vec!["explain".into(), "--response".into(), body],
            "expected a JSON object",
            format!(r#"string "{first_80}… (100000 bytes)""#),
        ),
        (vec!["explain".into(), "--response".into(), long.clone()], "not an MSDK response", String::new()),
        (
            vec!["explain".into(), "-303".into(), "--via".into(), long.clone()],
            "unknown layer",
            format!("`{first_80}… (100000 bytes)`"),
        ),
        (
            vec!["list".into(), "--locale".into(), long.clone()],
            "unknown locale",
            format!("`{first_80}… (100000 bytes)`"),
        ),
        (
            vec!["list".into(), "--action".into(), long.clone()],
            "unknown action",
            format!("`{first_80}… (100000 bytes)`"),
        ),
        (vec!["explain".into(), format!("9{long}")], "expected an integer ret", String::new()),
    ];
    for (args, reason, echo) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let stderr = usage_error(&args);
        let shown = &args[..args.len().min(3)].iter().map(|arg| &arg[..arg.len().min(20)]).collect::<Vec<_>>();
        let clap_says = format!("error: invalid value '{}' for '", args[args.len() - 1]);
        assert!(stderr.starts_with(&clap_says), "{shown:?}: {}", &stderr[..stderr.len().min(200)]);
        let ours = stderr[clap_says.len()..].split_once("': ").map_or("", |(_, reason)| reason);
        assert!(ours.contains(reason), "{shown:?}: {ours}");
        assert!(ours.contains(&echo), "{shown:?}: expected {echo}, got {ours}");
        assert!(!ours.contains(&long[..81]), "{shown:?}: {ours}");
        assert!(ours.len() < 1500, "{shown:?}: {} bytes: {ours}", ours.len());
    }
}

/// clap's own usage errors name the argument in question as it was given.
#[test]
fn usage_errors_name_the_argument_as_given() {
    let long = "a".repeat(100_000);
    let dashed = format!("--{long}");
    let cases: [(&[&str], String); 4] = [
        (&["explain", "1", "msg", &long], format!("error: unexpected argument '{long}' found")),
        (&[&dashed], format!("error: unexpected argument '{dashed}' found")),
        (&[&long], format!("error: unrecognized subcommand '{long}'")),
        (&["export", "--format", &long], format!("error: invalid value '{long}' for '--format <FORMAT>'")),
    ];
    for (args, message) in cases {
        let stderr = usage_error(args);
        assert!(stderr.starts_with(&message), "{}", &stderr[..stderr.len().min(200)]);
        assert!(
            stderr.ends_with("For more information, try '--help'.\n"),
            "{}",
            &stderr[stderr.len().saturating_sub(200)..]
        );
    }
}

#[test]
fn a_long_argument_is_cut_on_a_character_boundary() {
    let long = "错".repeat(30_000);
    let stderr = usage_error(&["explain", "-303", "--via", &long]);
    let first_80: String = long.chars().take(80).collect();
    assert!(stderr.starts_with(&format!("error: invalid value '{long}' for '--via <LAYER>': ")), "{stderr}");
    assert!(stderr.contains(&format!("unknown layer `{first_80}… (90000 bytes)`")), "{stderr}");
}

#[test]
fn short_arguments_are_repeated_whole() {
    let exactly_80 = "b".repeat(80);
    let stderr = usage_error(&["explain", "-303", "--via", &exactly_80]);
    assert!(stderr.contains(&format!("invalid value '{exactly_80}' for '--via <LAYER>'")), "{stderr}");
    assert!(stderr.contains(&format!("unknown layer `{exactly_80}`")), "{stderr}");
    assert!(!stderr.contains("bytes)"), "{stderr}");
}

// ---------------------------------------------------------------------------------------------
// explain, as an on-call engineer reads it

#[test]
fn explain_pulls_out_what_to_forward_to_wechat() {
    let msg = "40001,invalid credential, hint: [Bq0Xya0297ge13] rid: 64b8f1e0-2b1c";
    let out = ok(&["explain", "-20000", msg]);
    assert_eq!(field(&out, "name"), Some("CredentialInvalid"));
    assert_eq!(field(&out, "rid"), Some("64b8f1e0-2b1c"));
    assert_eq!(field(&out, "hint"), Some("Bq0Xya0297ge13"));
    assert_eq!(field(&out, "detail"), Some("invalid credential"));
    let value = json(&ok(&["explain", "-20000", msg, "--json"]));
    assert_eq!(
        (&value["rid"], &value["hint"], &value["detail"]),
        (&json("\"64b8f1e0-2b1c\""), &json("\"Bq0Xya0297ge13\""), &json("\"invalid credential\""))
    );
    let plain = ok(&["explain", "-303"]);
    assert_eq!((field(&plain, "rid"), field(&plain, "hint"), field(&plain, "detail")), (None, None, None), "{plain}");
}

#[test]
fn a_known_code_is_classified_by_its_action_never_as_unknown() {
    for (args, err_type) in [
        (&["explain", "-20000", "48001"][..], "5 (the err_type of every fix_config code)"),
        (&["explain", "-502"][..], "5 (the err_type of every fix_request code)"),
        (&["explain", "-10000", "-73,x"][..], "2 (re-authorize)"),
    ] {
        let out = ok(args);
        assert_eq!(field(&out, "err_type"), Some(err_type), "{out}");
    }
    let unknown = ok(&["explain", "-10000", "-99999,x"]);
    assert_eq!(field(&unknown, "err_type"), Some("5 (unknown)"));
}

/// The suggestion lines of `explain`: each meaning, then the command that finds it.
fn suggested_commands(out: &str) -> Vec<String> {
    out.lines().filter_map(|line| line.trim_start().strip_prefix("msdk-lookup ")).map(str::to_owned).collect()
}

/// Runs a suggested command line (single quotes as the shell reads them).
fn run_suggestion(command: &str) -> String {
    let mut args: Vec<String> = Vec::new();
    let mut rest = command;
    while !rest.is_empty() {
        rest = rest.trim_start();
        if let Some(quoted) = rest.strip_prefix('\'') {
            let end = quoted.find('\'').expect("closing quote");
            args.push(quoted[..end].to_owned());
            rest = &quoted[end + 1..];
        } else {
            let end = rest.find(' ').unwrap_or(rest.len());
            args.push(rest[..end].to_owned());
            rest = &rest[end..];
        }
    }
    ok(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

#[test]
fn a_code_not_found_gets_the_nearest_codes_each_with_a_command_that_finds_it() {
    // The minus sign forgotten.
    let out = ok(&["explain", "503"]);
    assert!(field(&out, "result").unwrap().starts_with("unknown code"), "{out}");
    assert!(field(&out, "did you mean").unwrap().starts_with("access  -503  FrequencyLimit  backoff"), "{out}");
    assert_eq!(suggested_commands(&out), ["explain -503"]);
    // A share_qq code given as a ret: the table that has it, and the --via that reaches it.
    let out = ok(&["explain", "30"]);
    let commands = suggested_commands(&out);
    assert!(commands.contains(&"explain -10000 30 --via share_qq".to_owned()), "{out}");
    // The layer was wrong: the same input with the --via of a table that has the code.
    let out = ok(&["explain", "-10000", "225007,not friends"]);
    assert!(
        suggested_commands(&out).contains(&"explain -10000 '225007,not friends' --via share_qq_ark".to_owned()),
        "{out}"
    );
    for out in [ok(&["explain", "503"]), ok(&["explain", "30"]), ok(&["explain", "-10000", "225007,not friends"])] {
        for command in suggested_commands(&out) {
            let found = run_suggestion(&command);
            assert!(field(&found, "name").is_some(), "`{command}` finds no code:\n{found}");
        }
    }
    let value = json(&ok(&["explain", "503", "--json"]));
    assert_eq!(value["suggestions"][0]["command"], "msdk-lookup explain -503");
    assert_eq!(value["suggestions"][0]["name"], "FrequencyLimit");
    // Nothing near: no suggestion.
    let out = ok(&["explain", "-10000", "-987654,far away"]);
    assert_eq!(field(&out, "did you mean"), None, "{out}");
}

#[test]
fn a_code_with_a_meaning_in_each_table_of_its_channel_shows_each_with_its_via() {
    let out = ok(&["explain", "-10000", "100030, is_friend is 0"]);
    let meanings: Vec<&str> = out.lines().skip_while(|line| !line.starts_with("meanings")).collect();
    assert!(meanings[0].contains("code 100030 means different things in the tables of the qq channel"), "{out}");
    assert!(
        meanings.iter().any(|line| line
            .trim_start()
            .starts_with("--via qq_platform  100030  UserAuthorizationMissing  reauthorize")),
        "{out}"
    );
    assert!(
        meanings.iter().any(|line| line
            .trim_start()
            .starts_with("--via share_qq     100030  HeartRecipientNotFriend   user_limit")),
        "{out}"
    );
    let share = ok(&["explain", "-10000", "100030, is_friend is 0", "--via", "share_qq"]);
    assert_eq!(field(&share, "name"), Some("HeartRecipientNotFriend"));
    assert_eq!(field(&share, "meanings"), field(&out, "meanings"));
    let value = json(&ok(&["explain", "-10000", "100030, is_friend is 0", "--json"]));
    let vias: Vec<&str> = value["meanings"].as_array().unwrap().iter().map(|m| m["via"].as_str().unwrap()).collect();
    assert_eq!(vias, ["qq_platform", "share_qq"]);
    // A code with one meaning has none listed.
    let out = ok(&["explain", "-10000", "-73,x"]);
    assert_eq!(field(&out, "meanings"), None, "{out}");
    assert_eq!(json(&ok(&["explain", "-303", "--json"]))["meanings"], json("[]"));
}

// ---------------------------------------------------------------------------------------------
// check

/// The repository's root.
fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .expect("examples/msdk-lookup is two levels down")
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_msdk-lookup"))
        .args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .output()
        .expect("the msdk-lookup binary runs")
}

#[test]
fn check_accepts_the_files_the_macro_expands() {
    let fixtures = repo().join("tests").join("fixtures");
    let out = stdout_of(run_in(&fixtures, &["check", "data/team.toml"]));
    assert_eq!(out, "1 file checked: no problems\n");
    let out = stdout_of(run_in(&fixtures, &["check", "--extend", "extend"]));
    assert_eq!(out, "3 files checked: no problems\n");
    let out = stdout_of(run_in(repo(), &["check", "data"]));
    assert!(out.ends_with(" files checked: no problems\n"), "{out}");
    // The macro's globs, as it takes them, unexpanded by a shell.
    let out = stdout_of(run_in(&fixtures, &["check", "--extend", "extend/*.toml"]));
    assert_eq!(out, "3 files checked: no problems\n");
    let output = run_in(&fixtures, &["check", "nothing/*.toml"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
}

#[test]
fn check_refuses_a_team_code_that_plain_decoding_never_returns() {
    let ui = repo().join("tests").join("ui");
    let output = run_in(&ui, &["check", "--extend", "--locales", "en", "data/shadowed-code/*.toml"]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let out = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(
        lines[0].starts_with(
            "data/shadowed-code/team_shop.toml:15:8: `team_shop` code -503 `ShopBusy` is never what plain \
             decoding returns: it answers `access` `FrequencyLimit` for -503"
        ),
        "{out}"
    );
    assert!(lines[0].ends_with("write `decode_in_only = true` in its [[code]]"), "{out}");
    assert!(lines[1].contains("`team_shop` code -1011 `BasketEmpty`") && lines[1].contains("`logical`"), "{out}");
    assert!(lines[2].contains("`team_shop_qq` code -73") && lines[2].contains("`qq_platform`"), "{out}");
    assert_eq!(lines[3], "3 problems in 2 files");
}

/// How a ui case gives its data to the macro, read from its source.
struct MacroCall {
    folder: String,
    extend: bool,
    locales: Vec<String>,
    fallback_en: bool,
}

fn macro_call(source: &str) -> Option<MacroCall> {
    let at = source.find("\"ui-data/")? + "\"ui-data/".len();
    let folder = source[at..].split('/').next()?.to_owned();
    let locales = source.split_once("locales = [").map_or_else(Vec::new, |(_, rest)| {
        rest.split(']').next().unwrap_or("").split(',').map(|tag| tag.trim().trim_matches('"').to_owned()).collect()
    });
    Some(MacroCall {
        folder,
        extend: source.contains("extend = \"ui-data/"),
        locales,
        fallback_en: source.contains("missing = \"fallback_en\""),
    })
}

#[test]
fn check_gives_the_macros_own_messages_for_every_data_file_it_refuses() {
    let ui = repo().join("tests").join("ui");
    let mut compared = 0;
    for entry in std::fs::read_dir(&ui).expect("tests/ui") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|ext| ext != "stderr") {
            continue;
        }
        let stderr = std::fs::read_to_string(&path).expect("read .stderr");
        // The data problems the macro reports, with the data folder named as check is given it,
        // and the count of those not shown past the first ones.
        let expected: Vec<String> = stderr
            .lines()
            .filter_map(|line| line.strip_prefix("error: "))
            .filter_map(|message| match message.strip_prefix("ui-data/") {
                Some(problem) => Some(format!("data/{}", problem.replace("ui-data/", "data/"))),
                None => message.contains("more problems in the data files not shown").then(|| message.to_owned()),
            })
            .collect();
        if expected.is_empty() {
            continue;
        }
        let source = std::fs::read_to_string(path.with_extension("rs")).expect("read the case");
        let call = macro_call(&source).unwrap_or_else(|| panic!("{} names no ui-data folder", path.display()));
        let folder = format!("data/{}", call.folder);
        let locales = call.locales.join(",");
        let mut args = vec!["check"];
        if call.extend {
            args.push("--extend");
        }
        if !call.locales.is_empty() {
            args.extend(["--locales", &locales]);
        }
        if call.fallback_en {
            args.extend(["--missing", "fallback_en"]);
        }
        args.push(&folder);
        let output = run_in(&ui, &args);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stdout}{}", String::from_utf8_lossy(&output.stderr));
        let mut lines: Vec<String> = stdout.lines().map(str::to_owned).collect();
        let summary = lines.pop().unwrap_or_default();
        assert!(summary.contains(" problem"), "{summary}");
        assert_eq!(lines, expected, "check {args:?} against {}", path.display());
        compared += 1;
    }
    assert!(compared >= 20, "only {compared} ui cases with data problems");
}

// ---------------------------------------------------------------------------------------------
// unknowns

const LOG: &str = r#"{"layer":"qq_platform","code":-99999,"name":"Unknown","action":"contact_support","err_type":5,"message":"something new","ret":-10000,"rid":null,"hint":null,"msg":"-99999,something new"}
{"level":"WARN","fields":{"error":{"ret":-10000,"code":-99999,"platform_code":-99999,"layer":"qq_platform","range":null,"msg":"-99999,something else","err_type":null}}}
not json at all
{"layer":"access","code":-303,"name":"AppidNoPermission","action":"fix_config","err_type":5,"message":"x","ret":-303,"rid":null,"hint":null,"msg":""}
{"layer":null,"code":123456,"name":"Unknown","action":"contact_support","err_type":5,"message":"123456,quota \"gold\" exceeded","unknown":{"ret":-10000,"code":123456,"platform_code":123456,"layer":"qq_platform","range":null,"msg":"123456,quota \"gold\" exceeded\tnow","err_type":null}}
{"layer":"wechat_platform","code":47777,"name":"Unknown","action":"contact_support","err_type":5,"message":"new","ret":-20000,"rid":"abc","hint":null,"msg":"47777,new rid: abc"}
"#;

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("msdk-lookup-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a temporary folder");
    dir
}

#[test]
fn unknowns_groups_counts_and_keeps_a_sample_of_each_unknown_code() {
    let dir = temp_dir("summary");
    std::fs::write(dir.join("app.log"), LOG).expect("write the log");
    let output = run_in(&dir, &["unknowns", "app.log"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "note: 1 of 6 lines are not JSON and were skipped\n");
    let out = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "4 of 6 log lines are unknown codes, 3 different");
    assert_eq!(lines[2].split_whitespace().collect::<Vec<_>>(), ["LAYER", "CODE", "COUNT", "RET", "SAMPLE", "MSG"]);
    assert!(lines[3].starts_with("qq_platform      -99999  2      -10000  -99999,something new"), "{out}");
    assert!(lines[4].starts_with("qq_platform      123456  1"), "{out}");
    assert!(lines[5].starts_with("wechat_platform  47777   1      -20000  47777,new rid: abc"), "{out}");
    assert_eq!(lines.len(), 6, "{out}");
}

#[test]
fn a_draft_from_the_unknowns_is_refused_until_a_person_fills_it() {
    let dir = temp_dir("draft");
    let json_lines: String = LOG.lines().filter(|line| line.starts_with('{')).map(|line| format!("{line}\n")).collect();
    std::fs::write(dir.join("app.log"), json_lines).expect("write the log");
    let draft = stdout_of(run_in(&dir, &["unknowns", "app.log", "--draft", "qq_platform"]));
    assert!(draft.contains("[layer]\nid = \"qq_platform\"\n"), "{draft}");
    assert!(draft.contains("code = -99999\nname = \"TODONameMinus99999\"\naction = \"TODO\""), "{draft}");
    assert!(draft.contains("message.en = \"something new\"\nmessage.zh = \"TODO\""), "{draft}");
    assert!(draft.contains("message.en = \"quota \\\"gold\\\" exceeded now\""), "{draft}");
    assert!(!draft.contains("47777"), "another layer's code in the draft:\n{draft}");
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(dir.join("data/qq_platform.toml"), &draft).unwrap();

    // Every marker at once: per code its name, its action and three messages.
    let output = run_in(&dir, &["check", "--extend", "data"]);
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(out.contains("data/qq_platform.toml:"), "{out}");
    assert!(out.contains("`action` is a draft's marker: choose one of `ignore`, `retry`"), "{out}");
    assert!(out.contains("is named `TODONameMinus99999`, a draft's marker"), "{out}");
    assert!(out.contains("code -99999 `message.zh` is a draft's marker"), "{out}");
    assert!(out.ends_with("\n10 problems in 1 file\n"), "{out}");

    let chosen = draft.replace("action = \"TODO\"", "action = \"contact_support\"");

    let filled = chosen
        .replace("TODONameMinus99999", "SomethingNew")
        .replace("TODOName123456", "GoldQuotaExceeded")
        .replace("\"TODO\"", "\"(translated)\"");
    std::fs::write(dir.join("data/qq_platform.toml"), &filled).unwrap();
    assert_eq!(stdout_of(run_in(&dir, &["check", "--extend", "data"])), "1 file checked: no problems\n");

    let output = run_in(&dir, &["unknowns", "app.log", "--draft", "share_qq"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("the layers with unknown codes: qq_platform, wechat_platform")
    );
}

#[test]
fn the_readmes_draft_is_what_unknowns_writes_for_its_log() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let draft = stdout_of(run_in(here, &["unknowns", "tests/data/app.log", "--draft", "qq_platform"]));
    let committed = std::fs::read_to_string(here.join("tests/data/drafts/qq_platform.toml")).expect("the draft");
    assert_eq!(committed, draft, "regenerate tests/data/drafts/qq_platform.toml with the command above");
}

#[test]
fn the_meanings_read_as_an_aligned_table_in_every_locale() {
    for locale in ["en", "zh", "ja", "ko"] {
        let out = ok(&["explain", "-10000", "100030, is_friend is 0", "--locale", locale]);
        let rows: Vec<&str> =
            out.lines().skip_while(|line| !line.starts_with("meanings")).skip(1).map(str::trim_start).collect();
        assert_eq!(rows.len(), 2, "{out}");
        assert_aligned(&rows.join("\n"), 5);
        let share = ok(&["explain", "-10000", "100030, is_friend is 0", "--via", "share_qq", "--locale", locale]);
        let message = field(&share, "message").unwrap();
        assert!(rows[1].ends_with(message), "{locale}: {} does not end with {message}", rows[1]);
    }
}

#[test]
fn a_wrong_via_gets_the_via_of_the_table_that_has_the_code() {
    let out = ok(&["explain", "-10000", "30,too many shares", "--via", "qq_group"]);
    assert!(field(&out, "result").unwrap().starts_with("unknown code"), "{out}");
    assert!(
        suggested_commands(&out).contains(&"explain -10000 '30,too many shares' --via share_qq".to_owned()),
        "{out}"
    );
}

#[test]
fn unknowns_reads_the_standard_input_and_its_table_is_aligned() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_msdk-lookup"))
        .args(["unknowns", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run msdk-lookup");
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), LOG.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let out = String::from_utf8(output.stdout).unwrap();
    let table: Vec<&str> = out.lines().skip(2).collect();
    assert_aligned(&table.join("\n"), 5);
}

#[test]
fn explain_extend_decodes_a_teams_code_as_the_library_does() {
    let text = run(&["explain", "-9001", "--extend", "tests/data/team"]);
    assert_eq!(text.status.code(), Some(0));
    let out = String::from_utf8_lossy(&text.stdout);
    assert!(out.contains("name       OutOfStock"), "{out}");
    assert!(out.contains("team file  tests/data/team/team_shop.toml:"), "{out}");
    let json = run(&["explain", "--response", r#"{"ret":-9002,"msg":"x"}"#, "--json", "--extend", "tests/data/team"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("one JSON object");
    assert_eq!((value["layer"].as_str(), value["name"].as_str()), (Some("team_shop"), Some("PriceChanged")));
    // Without the team's files the code is unknown.
    let bundled = run(&["explain", "-9001"]);
    assert!(
        String::from_utf8_lossy(&bundled.stdout).contains("unknown code"),
        "{}",
        String::from_utf8_lossy(&bundled.stdout)
    );
    let broken = run(&["explain", "-9001", "--extend", "tests/data/broken"]);
    assert_eq!(broken.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&broken.stderr).contains("unknown action `user_limt`"));
}

#[test]
fn unknowns_reads_response_bodies_and_says_what_it_read() {
    let dir = temp_dir("bodies");
    let bodies = "{\"ret\":40001,\"msg\":\"invalid credential\"}\n{\"ret\":-503,\"msg\":\"busy\"}\n";
    std::fs::write(dir.join("bodies.jsonl"), bodies).expect("write the bodies");
    let out = stdout_of(run_in(&dir, &["unknowns", "bodies.jsonl"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "1 of 2 response bodies are unknown codes, 1 different", "{out}");
    assert!(lines[3].starts_with("access  40001  1      40001  invalid credential"), "{out}");
    std::fs::write(dir.join("mixed.log"), format!("{bodies}{LOG}")).expect("write the mixed log");
    let out = stdout_of(run_in(&dir, &["unknowns", "mixed.log"]).with_stderr_cleared());
    assert!(out.starts_with("5 of 8 lines (2 response bodies, 6 log lines) are unknown codes, 4 different"), "{out}");
}

#[test]
fn a_code_that_another_channels_table_has_says_so_in_explain_and_in_a_draft() {
    let out = ok(&["explain", "40001"]);
    assert_eq!(
        field(&out, "result"),
        Some(
            "unknown code: `wechat_platform` has this code leading `msg`, behind its platform's `ret`, not as this response carries it"
        )
    );
    assert_eq!(field(&out, "known in"), Some("wechat_platform (as `did you mean` shows)"));
    assert!(out.contains("msdk-lookup explain -20000 40001"), "{out}");

    let dir = temp_dir("other-channel");
    std::fs::write(dir.join("bodies.jsonl"), "{\"ret\":40001,\"msg\":\"invalid credential\"}\n").expect("write");
    let output = run_in(&dir, &["unknowns", "bodies.jsonl", "--draft", "access"]);
    assert_eq!(output.status.code(), Some(0));
    let warning = "`wechat_platform` has 40001 (CredentialInvalid, wechat channel): check that the response is \
                   `access`'s before adding it";
    assert_eq!(String::from_utf8_lossy(&output.stderr), format!("warning: {warning}\n"));
    let draft = String::from_utf8(output.stdout).unwrap();
    assert!(draft.contains(&format!("# {warning}\n[[code]]\ncode = 40001\n")), "{draft}");
}

trait ClearStderr {
    fn with_stderr_cleared(self) -> Self;
}

/// The note about lines that are not JSON, which these tests do not check.
impl ClearStderr for Output {
    fn with_stderr_cleared(mut self) -> Self {
        self.stderr.clear();
        self
    }
}
