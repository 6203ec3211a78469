//! The bundled catalog (data/*.toml) held to the rules that data/README.md writes down for actions
//! and names ("Actions: the rules", "Names"), so that a new or edited entry that breaks one fails
//! here, with the entries that break it.
//!
//! Each rule reads what an entry says (its English message and advice) and checks the action or
//! the name that follows from it. Each test also asserts how many entries the rule covers, so
//! that a rule whose pattern stops matching anything cannot pass unnoticed.

use std::collections::BTreeMap;

use msdk_codes_catalog::model::{Action, Catalog, Entry, Layer, Locale};

fn catalog() -> Catalog {
    msdk_codes_catalog::bundled::from_toml()
        .unwrap_or_else(|problems| panic!("the bundled catalog has problems:\n{}", problems.join("\n")))
}

fn entries(catalog: &Catalog) -> impl Iterator<Item = (&Layer, &Entry)> {
    catalog.layers.iter().flat_map(|layer| layer.entries.iter().map(move |entry| (layer, entry)))
}

fn message(entry: &Entry) -> String {
    entry.message.get(Locale::En).unwrap_or_default().to_lowercase()
}

fn advice(entry: &Entry) -> String {
    entry.advice.get(Locale::En).unwrap_or_default().to_lowercase()
}

/// `text` has `word` as a whole word (ASCII letters and digits around it do not count).
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric()) && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

fn has_any(text: &str, needles: &[&str]) -> bool {
    needles.iter().any(|needle| text.contains(needle))
}

fn describe(layer: &Layer, entry: &Entry) -> String {
    format!(
        "{} {} {} ({}): {:?}",
        layer.id,
        entry.code(),
        entry.name,
        entry.action.id(),
        entry.message.get(Locale::En).unwrap_or_default()
    )
}

/// Checks `rule` on every entry `applies` selects; fails listing the entries that break it, or when
/// fewer than `at_least` entries were checked (the rule's pattern no longer finds what it is about).
#[track_caller]
fn hold(
    what: &str,
    at_least: usize,
    applies: impl Fn(&Layer, &Entry) -> bool,
    rule: impl Fn(&Layer, &Entry) -> Result<(), String>,
) {
    let catalog = catalog();
    let mut checked = 0;
    let mut failures = Vec::new();
    for (layer, entry) in entries(&catalog) {
        if !applies(layer, entry) {
            continue;
        }
        checked += 1;
        if let Err(why) = rule(layer, entry) {
            failures.push(format!("{}: {why}", describe(layer, entry)));
        }
    }
    assert!(failures.is_empty(), "{what}: {} entries break the rule:\n{}", failures.len(), failures.join("\n"));
    assert!(checked >= at_least, "{what}: the rule found only {checked} entries, expected at least {at_least}");
}

fn expect(entry: &Entry, allowed: &[Action]) -> Result<(), String> {
    if allowed.contains(&entry.action) {
        Ok(())
    } else {
        let ids: Vec<&str> = allowed.iter().map(|a| a.id()).collect();
        Err(format!("the action must be {}", ids.join(" or ")))
    }
}

// --- Actions ------------------------------------------------------------------------------------

#[test]
fn an_ip_that_is_refused_is_configured_never_retried() {
    // The calling IP is not whitelisted or not permitted: the team has it allowed (fix_config). An
    // IP on a platform's blacklist: only the platform lifts it (contact_support). An IP that OIDB
    // uses to reach its own backend is not the caller's (the OIDB rule below).
    hold(
        "IP codes",
        6,
        |_, e| {
            let m = message(e);
            has_word(&m, "ip") && has_any(&m, &["white", "permi", "allow", "black list", "invalid ip"])
        },
        |_, e| match message(e).contains("black list") {
            true => expect(e, &[Action::ContactSupport]),
            false => expect(e, &[Action::FixConfig]),
        },
    );
}

#[test]
fn a_missing_permission_is_configured() {
    hold(
        "permission codes",
        10,
        |_, e| has_any(&message(e), &["permission", "authority"]),
        |_, e| expect(e, &[Action::FixConfig]),
    );
}

#[test]
fn a_missing_or_empty_parameter_is_a_request_to_fix() {
    hold(
        "missing-parameter codes",
        35,
        |_, e| {
            let m = message(e);
            has_word(&m, "missing")
                || has_word(&m, "lack")
                || has_word(&m, "lacks")
                || has_any(&m, &["is a required field", "cannot be empty", "insufficient", "empty post data"])
                || (m.contains("parameter") && has_any(&m, &["is null", "are null"]))
        },
        |_, e| {
            let m = message(e);
            if m.contains("secret") {
                // The game never sends a secret: MSDK adds it from the app's configuration.
                expect(e, &[Action::FixConfig])
            } else if m.contains("http head") {
                // A header of the HTTP request MSDK sends to the platform.
                expect(e, &[Action::ContactSupport])
            } else {
                expect(e, &[Action::FixRequest])
            }
        },
    );
}

#[test]
fn a_request_signature_that_fails_is_a_request_to_fix() {
    hold(
        "request signature codes",
        5,
        |_, e| {
            has_any(
                &message(e),
                &["signature error", "signature verification", "sig verification", "verifying the signature"],
            )
        },
        |_, e| expect(e, &[Action::FixRequest]),
    );
}

#[test]
fn a_configuration_that_is_missing_or_wrong_is_configured() {
    hold(
        "configuration codes",
        12,
        |_, e| {
            let m = message(e);
            (m.contains("configur") || m.contains("not put on the shelf")) && !m.contains("parameter")
        },
        |layer, e| {
            let m = message(e);
            if layer.id == "oidb" {
                // OIDB's configuration (command words, addressing, the test environment) is set by
                // its caller, MSDK, through portals only Tencent staff can open.
                expect(e, &[Action::ContactSupport])
            } else if m.contains("not put on the shelf") {
                // An app that is not online yet: only MSDK and the platform can put it there.
                expect(e, &[Action::ContactSupport])
            } else if has_any(&m, &["command word", "configure the command"]) {
                // An OIDB command word: configured by OIDB's caller, MSDK, never by a game team.
                expect(e, &[Action::ContactSupport])
            } else {
                expect(e, &[Action::FixConfig])
            }
        },
    );
}

#[test]
fn maintenance_is_waited_out() {
    hold("maintenance codes", 3, |_, e| message(e).contains("maintenance"), |_, e| expect(e, &[Action::Retry]));
}

/// A cap on what one user may send or receive per day or week, stated in the message or advice.
fn daily_or_weekly_cap(entry: &Entry) -> bool {
    let text = format!("{} {}", message(entry), advice(entry));
    has_any(&text, &["a day", "per day", "a week", "per week"])
}

#[test]
fn a_frequency_limit_slows_down_unless_it_is_a_daily_cap_of_the_user() {
    hold(
        "frequency limits",
        14,
        |_, e| message(e).contains("frequen") || e.name.ends_with("FrequencyLimit"),
        |_, e| match daily_or_weekly_cap(e) {
            true => expect(e, &[Action::UserLimit]),
            false => expect(e, &[Action::Backoff]),
        },
    );
}

#[test]
fn frequency_limit_names_say_which_limit() {
    // A bare `FrequencyLimit` is a rate limit (backoff); a daily cap says what it counts.
    hold(
        "FrequencyLimit names",
        4,
        |_, e| e.name == "FrequencyLimit",
        |_, e| match daily_or_weekly_cap(e) {
            true => Err("a daily or weekly cap is named for what it counts (MessageFrequencyLimit, ...)".into()),
            false => expect(e, &[Action::Backoff]),
        },
    );
}

#[test]
fn friendship_is_a_rule_about_the_players() {
    hold(
        "friendship codes",
        7,
        |_, e| has_any(&message(e), &["friend relation", "friendship", "non-friend", "not a friend", "not friends"]),
        |_, e| expect(e, &[Action::UserLimit]),
    );
}

#[test]
fn an_invalid_or_expired_access_token_is_refreshed_on_wechat_and_reauthorized_elsewhere() {
    // WeChat issues a refresh token (MSDK /auth/refresh_token); a QQ login has none to refresh with.
    hold(
        "access token codes",
        16,
        |_, e| {
            let m = message(e);
            has_any(&m, &["access token", "access_token", "accesstoken"])
                && has_any(&m, &["invalid", "expire", "annulled", "revoked", "illegal", "verif", "check error"])
        },
        |layer, e| {
            let m = message(e);
            let verification = has_any(&m, &["verif", "check error"]);
            if verification && advice(e).starts_with("try") {
                // A check that failed to run, in a table whose expired token has a code of its own
                // (game_center -4008 and -4010): the documents say to try it again.
                return expect(e, &[Action::Retry]);
            }
            match layer.id.as_str() {
                "wechat_platform" => expect(e, &[Action::RefreshToken]),
                _ => expect(e, &[Action::Reauthorize]),
            }
        },
    );
}

#[test]
fn an_invalid_or_expired_refresh_token_or_code_is_reauthorized() {
    hold(
        "refresh token and code codes",
        6,
        |_, e| {
            let m = message(e);
            (has_word(&m, "refresh_token") || has_word(&m, "code") || m.contains("tmp token"))
                && has_any(&m, &["invalid", "expired", "been used"])
        },
        |_, e| expect(e, &[Action::Reauthorize]),
    );
}

/// The first words of the advice that name a handling, and the actions that follow it.
const ADVICE_HANDLINGS: &[(&[&str], &[Action])] = &[
    (&["try again", "try it again"], &[Action::Retry, Action::Backoff]),
    (&["reactivate the authorization", "re-author", "re-launch authorization"], &[Action::Reauthorize]),
    (&["report", "contact"], &[Action::ContactSupport]),
];

#[test]
fn an_action_that_departs_from_the_advice_says_why_in_its_note() {
    hold(
        "actions that depart from the advice",
        140,
        |_, e| ADVICE_HANDLINGS.iter().any(|(starts, _)| starts.iter().any(|s| advice(e).starts_with(s))),
        |_, e| {
            let (_, actions) = ADVICE_HANDLINGS
                .iter()
                .find(|(starts, _)| starts.iter().any(|s| advice(e).starts_with(s)))
                .expect("selected above");
            if actions.contains(&e.action) {
                return Ok(());
            }
            let said = format!("({})", e.action.id());
            match e.note.get(Locale::En) {
                Some(note) if note.contains(&said) => Ok(()),
                Some(note) => Err(format!("the note must name the action it argues for, {said}: {note:?}")),
                None => Err(format!(
                    "the advice {:?} says otherwise: note.en must say why the action is {}",
                    e.advice.get(Locale::En).unwrap_or_default(),
                    e.action.id()
                )),
            }
        },
    );
}

/// The documents say to try again, anywhere in an entry's English message or advice, or its
/// Chinese (重试, 再试).
fn documents_say_try_again(entry: &Entry) -> bool {
    let english = format!("{} {}", message(entry), advice(entry));
    let chinese = format!(
        "{} {}",
        entry.message.get(Locale::Zh).unwrap_or_default(),
        entry.advice.get(Locale::Zh).unwrap_or_default()
    );
    has_any(&english, &["try again", "try it again", "retry", "re-try"]) || has_any(&chinese, &["重试", "再试"])
}

/// `entry`'s note names its own action, `(fix_config)`: it says why the action is what it is.
fn note_names_action(entry: &Entry) -> bool {
    entry.note.get(Locale::En).is_some_and(|note| note.contains(&format!("({})", entry.action.id())))
}

#[test]
fn every_code_the_documents_say_to_try_again_is_retried_or_says_why() {
    // A team reads "try again" in the documents and `fix_request` in the catalog: the note is what
    // keeps it from "fixing" the action back.
    hold(
        "codes the documents say to try again",
        85,
        |_, e| documents_say_try_again(e),
        |_, e| match matches!(e.action, Action::Retry | Action::Backoff) || note_names_action(e) {
            true => Ok(()),
            false => Err(format!(
                "the documents say to try again: note.en must say why the action is {} and name it, ({})",
                e.action.id(),
                e.action.id()
            )),
        },
    );
}

/// Concepts whose entries, in one table, are handled alike: the words that name each in an
/// entry's English message or advice.
const CONCEPTS: &[(&str, &[&str])] = &[
    ("timestamp", &["timestamp"]),
    ("signature", &["signature", "sig verification", "sig "]),
    ("secret", &["secret"]),
];

#[test]
fn entries_of_a_table_that_share_a_concept_share_an_action_unless_a_note_says_why() {
    let catalog = catalog();
    let mut failures = Vec::new();
    let mut groups = 0;
    for layer in &catalog.layers {
        for (concept, words) in CONCEPTS {
            let members: Vec<&Entry> =
                layer.entries.iter().filter(|e| has_any(&format!("{} {}", message(e), advice(e)), words)).collect();
            if members.len() < 2 {
                continue;
            }
            groups += 1;
            let mut counts: BTreeMap<&str, (usize, Action)> = BTreeMap::new();
            for entry in &members {
                counts.entry(entry.action.id()).or_insert((0, entry.action)).0 += 1;
            }
            if counts.len() == 1 {
                continue;
            }
            // The action most of them have; on a tie there is none, and every entry says why.
            let most = counts.values().map(|(count, _)| *count).max().expect("two members or more");
            let usual: Vec<Action> = counts.values().filter(|(count, _)| *count == most).map(|(_, a)| *a).collect();
            let usual = (usual.len() == 1).then(|| usual[0]);
            for entry in members.iter().filter(|e| Some(e.action) != usual) {
                if !note_names_action(entry) {
                    failures.push(format!(
                        "{}: the {concept} entries of this table differ on the action ({}); note.en must say why \
                         this one is ({})",
                        describe(layer, entry),
                        counts.keys().copied().collect::<Vec<_>>().join(", "),
                        entry.action.id()
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} entries differ without a note:\n{}", failures.len(), failures.join("\n"));
    assert!(groups >= 2, "only {groups} tables have two entries or more of one concept");
}

/// Entries whose messages say the same thing in other words, and the action they share: what fixes
/// one fixes the others.
struct SameMeaning {
    what: &'static str,
    action: Action,
    entries: &'static [(&'static str, i32)],
}

const SAME_MEANING: &[SameMeaning] = &[
    SameMeaning {
        what: "a command that reaches MSDK's logical layer and is missing there",
        action: Action::ContactSupport,
        entries: &[("access", -311), ("logical", -2003)],
    },
    SameMeaning {
        what: "a setting of the application that is not there",
        action: Action::FixConfig,
        entries: &[("game_center", -4014), ("game_center", -4026)],
    },
    SameMeaning {
        what: "a group the player cannot bind or use: not bound, deleted, bound elsewhere",
        action: Action::UserLimit,
        entries: &[("qq_group", 221002), ("qq_group", 221012), ("qq_group", 221019)],
    },
    SameMeaning {
        what: "an OIDB command word that is not configured",
        action: Action::ContactSupport,
        entries: &[("oidb", -20), ("oidb", -63), ("oidb", 5)],
    },
    SameMeaning {
        what: "the way MSDK builds or sends its request to the platform",
        action: Action::ContactSupport,
        entries: &[
            ("share_qq", 13),
            ("share_qq", 16),
            ("share_qq", 100021),
            ("share_qq", 100100),
            ("share_qq", 100101),
        ],
    },
];

/// Entries that mean the same, found in the catalog: what they mean and the action they share.
struct Siblings<'c> {
    what: String,
    action: Action,
    members: Vec<(&'c Layer, &'c Entry)>,
}

/// `entry` has `action`, or a note that names its own action, `(fix_config)`, says why not.
fn agrees_or_says_why(entry: &Entry, action: Action) -> bool {
    entry.action == action
        || entry.note.get(Locale::En).is_some_and(|note| note.contains(&format!("({})", entry.action.id())))
}

#[test]
fn entries_that_mean_the_same_share_an_action_unless_a_note_says_why() {
    // Two kinds of siblings: the entries of SAME_MEANING, and entries with the same English message
    // (whose shared action is the one most of them have).
    let catalog = catalog();
    let mut groups: Vec<Siblings> = Vec::new();
    for listed in SAME_MEANING {
        let members = listed
            .entries
            .iter()
            .map(|(layer_id, code)| {
                entries(&catalog)
                    .find(|(layer, entry)| layer.id == *layer_id && entry.code() == *code)
                    .unwrap_or_else(|| panic!("SAME_MEANING lists {layer_id} {code}, which the catalog lacks"))
            })
            .collect();
        groups.push(Siblings { what: listed.what.to_owned(), action: listed.action, members });
    }
    let mut by_message: BTreeMap<String, Vec<(&Layer, &Entry)>> = BTreeMap::new();
    for (layer, entry) in entries(&catalog) {
        let words: String = message(entry).chars().filter(|c| c.is_ascii_alphanumeric() || *c == ' ').collect();
        by_message.entry(words.split_whitespace().collect::<Vec<_>>().join(" ")).or_default().push((layer, entry));
    }
    for (words, members) in by_message.into_iter().filter(|(_, members)| members.len() > 1) {
        let mut counts: BTreeMap<&str, (usize, Action)> = BTreeMap::new();
        for (_, entry) in &members {
            counts.entry(entry.action.id()).or_insert((0, entry.action)).0 += 1;
        }
        let (_, action) = counts.values().max_by_key(|(count, _)| *count).copied().expect("two members or more");
        groups.push(Siblings { what: format!("the message {words:?}"), action, members });
    }
    let mut failures = Vec::new();
    for group in &groups {
        for (layer, entry) in &group.members {
            if !agrees_or_says_why(entry, group.action) {
                failures.push(format!(
                    "{}: {} is {} for its siblings; this one needs that action, or a note naming ({})",
                    describe(layer, entry),
                    group.what,
                    group.action.id(),
                    entry.action.id()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} entries differ from their siblings:\n{}", failures.len(), failures.join("\n"));
    assert!(groups.len() >= 20, "only {} groups of siblings found", groups.len());
}

// --- Names --------------------------------------------------------------------------------------

/// Digits that are part of a word of the documents, not a number (A8, a Tencent login ticket).
const NAME_TOKENS_WITH_DIGITS: &[&str] = &["A8"];

/// A name split into its stem and the trailing decimal number, if any.
fn split_number(name: &str) -> (&str, Option<&str>) {
    let stem = name.trim_end_matches(|c: char| c.is_ascii_digit());
    (stem, (stem.len() < name.len()).then(|| &name[stem.len()..]))
}

#[test]
fn numbered_names_use_the_decimal_code_and_only_to_tell_entries_apart() {
    let catalog = catalog();
    let mut failures = Vec::new();
    let mut numbered = 0;
    for layer in &catalog.layers {
        let mut stems: BTreeMap<&str, usize> = BTreeMap::new();
        for entry in &layer.entries {
            *stems.entry(split_number(&entry.name).0).or_default() += 1;
        }
        for entry in &layer.entries {
            let (stem, number) = split_number(&entry.name);
            let mut rest = stem.to_owned();
            for token in NAME_TOKENS_WITH_DIGITS {
                rest = rest.replace(token, "");
            }
            if rest.chars().any(|c| c.is_ascii_digit()) {
                failures.push(format!("{} {}: digits inside the name are not a code", layer.id, entry.name));
            }
            let Some(number) = number else { continue };
            numbered += 1;
            let decimal = entry.code().unsigned_abs().to_string();
            if number != decimal {
                failures.push(format!(
                    "{} {}: the number must be the decimal code {decimal} (code() is {})",
                    layer.id,
                    entry.name,
                    entry.code()
                ));
            }
            if stems[stem] < 2 {
                failures.push(format!(
                    "{} {}: no other entry of the layer is named {stem}: drop the number",
                    layer.id, entry.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} numbered names break the rule:\n{}", failures.len(), failures.join("\n"));
    assert!(numbered >= 25, "only {numbered} numbered names were checked");
}

/// Words that say what is wrong with a subject, so never lead a name.
const STATE_WORDS: &[&str] = &[
    "Invalid",
    "Missing",
    "Empty",
    "Expired",
    "Revoked",
    "Recycled",
    "Repeated",
    "Duplicate",
    "Unknown",
    "No",
    "Not",
    "Non",
    "Too",
];

/// Words the convention spells one way: (the word, the convention's word).
const ONE_WORD_PER_STATE: &[(&str, &str)] = &[
    ("Illegal", "Invalid"),
    ("Wrong", "Invalid"),
    ("Incorrect", "Invalid"),
    ("Bad", "Invalid"),
    ("Lack", "Missing"),
    ("Lacks", "Missing"),
    ("Verify", "Verification"),
    ("Check", "Verification"),
];

/// Words the convention spells one way when they end a name, the state of the subject before them
/// (`RequiredParameterMissing` is a required parameter, `AccessTokenRequired` a missing token).
const LAST_WORD_PER_STATE: &[(&str, &str)] = &[("Required", "Missing"), ("Insufficient", "Missing")];

/// The words of an UpperCamelCase name; a number stays with the word before it (`InternalError307`).
fn camel_words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for (at, c) in name.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            words.push(&name[start..at]);
            start = at;
        }
    }
    words.push(&name[start..]);
    words
}

#[test]
fn camel_words_split_a_name_at_its_capitals() {
    assert_eq!(camel_words("OpenidInvalid"), ["Openid", "Invalid"]);
    assert_eq!(camel_words("NoPermission"), ["No", "Permission"]);
    assert_eq!(camel_words("InternalError307"), ["Internal", "Error307"]);
    assert_eq!(camel_words("A8DecodeFailed"), ["A8", "Decode", "Failed"]);
    assert_eq!(camel_words("Timeout"), ["Timeout"]);
}

#[test]
fn names_put_the_subject_first_with_one_word_per_state() {
    hold(
        "names",
        400,
        |_, _| true,
        |_, e| {
            let name = e.name.as_str();
            let words = camel_words(name);
            let first = words[0];
            if STATE_WORDS.contains(&first) && name != "NoPermission" {
                return Err(format!(
                    "{first} is a state, which follows its subject (OpenidInvalid, not InvalidOpenid)"
                ));
            }
            for (word, instead) in ONE_WORD_PER_STATE {
                if words.contains(word) {
                    return Err(format!("one word for one state: {instead}, not {word}"));
                }
            }
            for (word, instead) in LAST_WORD_PER_STATE {
                if words.last() == Some(word) {
                    return Err(format!("one word for one state: {instead}, not {word}"));
                }
            }
            if words.windows(2).any(|pair| pair == ["Not", "Found"]) {
                return Err("one word for one state: NotExist, not NotFound".into());
            }
            if words.last() == Some(&"Empty") && message(e).contains("cannot be empty") {
                return Err(
                    "a field the request must give is Missing, not Empty (Empty is a body or value that is there)"
                        .into(),
                );
            }
            Ok(())
        },
    );
}

/// Concepts the catalog spells one way across its tables: the words a name must not use, as a run
/// of its camel-case words, where in the name, and the catalog's spelling.
const ONE_SPELLING_PER_CONCEPT: &[(&[&str], Place, &str)] = &[
    (&["Sig"], Place::Anywhere, "Signature (SignatureVerificationFailed)"),
    (&["Signature", "Error"], Place::End, "SignatureVerificationFailed"),
    (&["Verification", "Error"], Place::End, "VerificationFailed"),
    (&["Post", "Only"], Place::Anywhere, "MethodNotPost"),
    (&["Group", "Create"], Place::Anywhere, "CreateGroup (CreateGroupFailed, CreateGroupTooFrequent)"),
    (&["Group", "Creation"], Place::Anywhere, "CreateGroup (CreateGroupFailed, CreateGroupTooFrequent)"),
    (&["Been"], Place::Anywhere, "Already (CodeAlreadyUsed)"),
    (&["Error"], Place::EndAfterVerb, "Failed: an operation that fails is the operation then Failed (GetUinFailed)"),
];

/// Where a run of words is looked for in a name.
#[derive(Clone, Copy)]
enum Place {
    Anywhere,
    End,
    /// At the end of a name that starts with a verb (`Get...Error`).
    EndAfterVerb,
}

/// Verbs that open the name of an operation (`GetUinFailed`, `ParseSidFailed`).
const OPERATION_VERBS: &[&str] =
    &["Get", "Parse", "Read", "Write", "Send", "Create", "Query", "Join", "Bind", "Decode", "Convert", "Report"];

/// Names that read as something else in a user's code: the runtime's types and the unknown-code case.
const NAMES_THAT_READ_AS_RUNTIME_ITEMS: &[&str] =
    &["Failure", "Retry", "Unknown", "UnknownError", "UnknownCode", "MsdkError", "Layer", "Action"];

/// The first spelling of ONE_SPELLING_PER_CONCEPT that `name` uses, with the catalog's instead.
fn refused_spelling(name: &str) -> Option<(&'static [&'static str], &'static str)> {
    let words = camel_words(name);
    ONE_SPELLING_PER_CONCEPT.iter().find_map(|(run, place, instead)| {
        let found = match place {
            Place::Anywhere => words.windows(run.len()).any(|w| w == *run),
            Place::End => words.ends_with(run),
            Place::EndAfterVerb => words.ends_with(run) && OPERATION_VERBS.contains(&words[0]),
        };
        found.then_some((*run, *instead))
    })
}

#[test]
fn one_concept_is_spelled_one_way_across_the_catalog() {
    hold(
        "names",
        400,
        |_, _| true,
        |_, e| {
            let name = e.name.as_str();
            if NAMES_THAT_READ_AS_RUNTIME_ITEMS.contains(&name) {
                return Err(format!("{name} reads as the runtime's item or the unknown-code case: name what failed"));
            }
            match refused_spelling(name) {
                Some((run, instead)) => Err(format!("one spelling per concept: {instead}, not {}", run.join(""))),
                None => Ok(()),
            }
        },
    );
}

#[test]
fn one_spelling_per_concept_finds_the_spellings_it_refuses() {
    let refused = |name: &str| refused_spelling(name).is_some();
    for name in [
        "SigVerificationError",
        "UrlSignatureError",
        "PostOnly",
        "GroupCreateLimitReached",
        "CodeBeenUsed",
        "GetUinError",
    ] {
        assert!(refused(name), "{name} should be refused");
    }
    for name in
        ["SignatureVerificationFailed", "MethodNotPost", "CreateGroupTooFrequent", "GetUinFailed", "InternalError"]
    {
        assert!(!refused(name), "{name} should pass");
    }
}

fn enum_name(layer_id: &str) -> String {
    let mut name: String = layer_id
        .split('_')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect();
    name.push_str("Error");
    name
}

#[test]
fn no_variant_has_the_name_of_a_layer_enum() {
    let catalog = catalog();
    let enums: Vec<String> = catalog.layers.iter().map(|layer| enum_name(&layer.id)).collect();
    assert!(enums.contains(&"QqPlatformError".to_owned()));
    hold(
        "variant names",
        400,
        |_, _| true,
        |_, e| match enums.contains(&e.name) {
            true => Err("a variant named like a layer enum reads as a type (LogicalError::QqPlatformError)".into()),
            false => Ok(()),
        },
    );
}

#[test]
fn the_logical_layers_qq_and_wechat_twins_are_named_for_their_platform() {
    // -1000x and -2000x with the same message are the QQ and the WeChat variant of one error.
    let catalog = catalog();
    let logical = catalog.layer("logical").expect("the logical layer");
    let mut failures = Vec::new();
    let mut pairs = 0;
    for qq in logical.entries.iter().filter(|e| (-10999..=-10000).contains(&e.code())) {
        let Some(wechat) = logical.entries.iter().find(|e| e.code() == qq.code() - 10000) else { continue };
        if message(qq) != message(wechat) && qq.code() != -10000 {
            continue;
        }
        pairs += 1;
        let (Some(a), Some(b)) = (qq.name.strip_prefix("Qq"), wechat.name.strip_prefix("Wechat")) else {
            failures.push(format!("{} / {}: expected Qq<Name> / Wechat<Name>", qq.name, wechat.name));
            continue;
        };
        if a != b {
            failures.push(format!("{} / {}: the same error, named apart", qq.name, wechat.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(pairs >= 5, "only {pairs} QQ/WeChat pairs found");
}
