//! The data that decoding reads beyond codes: `msg_contains` (checked like every other field, at
//! the file's line and column), code 0 refused, the expansion's routing tables (the team's own
//! layers, the marked entries, the left-out layers) and the docs that say which call reaches an
//! entry.

use msdk_codes_catalog::model::Catalog;
use msdk_codes_catalog::source::Sources;
use msdk_codes_catalog::validate::Missing;
use msdk_codes_catalog::{Checks, Source};
use proc_macro2::TokenStream;

fn generate(args: &str) -> String {
    msdk_codes_gen::generate(args.parse::<TokenStream>().expect("valid tokens")).to_string()
}

/// The bundled catalog extended by one team file: the catalog and each problem as the macro
/// reports it.
fn extended(path: &str, text: &str) -> (Catalog, Vec<String>) {
    let checks = Checks { missing: Missing::FallbackEn, ..Checks::default() };
    let loaded = msdk_codes_catalog::load(Source::Extending(Sources::in_memory([(path, text)])), &checks);
    let messages = loaded.messages();
    (loaded.catalog, messages)
}

fn gift_layer(code: &str, msg_contains: &str) -> String {
    format!(
        "[layer]\nid = \"team_gift\"\ntitle.en = \"Gift service\"\nchannel = \"qq\"\n\n[[code]]\ncode = {code}\n\
         name = \"GiftRefused\"\naction = \"user_limit\"\nmessage.en = \"The recipient refused the gift\"\n{msg_contains}"
    )
}

#[test]
fn msg_contains_is_read_from_team_files() {
    let (catalog, problems) =
        extended("data/team_gift.toml", &gift_layer("100030", "msg_contains = [\"gift refused\", \"拒收\"]\n"));
    assert!(problems.is_empty(), "{problems:?}");
    let entry = &catalog.layer("team_gift").unwrap().entries[0];
    assert_eq!(entry.msg_contains, ["gift refused", "拒收"]);
    // The bundled catalog's own: the FAQ's heart sent to a non-friend.
    let share_qq = catalog.layer("share_qq").unwrap();
    let heart = share_qq.entries.iter().find(|entry| entry.name == "HeartRecipientNotFriend").unwrap();
    assert_eq!(heart.msg_contains, ["is_friend is 0"]);
}

#[test]
fn an_override_gives_a_bundled_entry_msg_contains() {
    let file = "[layer]\nid = \"qq_platform\"\n\n[[code]]\ncode = 100030\noverride = true\n\
                msg_contains = [\"without user authorization\"]\n";
    let (catalog, problems) = extended("data/qq_platform.toml", file);
    assert!(problems.is_empty(), "{problems:?}");
    let layer = catalog.layer("qq_platform").unwrap();
    let entry = layer.entries.iter().find(|entry| entry.codes.contains(&100030)).unwrap();
    assert_eq!(
        (entry.name.as_str(), &entry.msg_contains[..]),
        ("UserAuthorizationMissing", &["without user authorization".to_owned()][..])
    );
    // The same list again changes nothing.
    let again = file.replace("without user authorization", "is_friend is 0").replace("qq_platform", "share_qq");
    let (_, problems) = extended("data/share_qq.toml", &again);
    assert!(problems.iter().any(|problem| problem.contains("changes nothing")), "{problems:?}");
}

#[test]
fn bad_msg_contains_is_reported_at_its_place() {
    let cases = [
        ("msg_contains = \"gift refused\"\n", "data/team_gift.toml:11:16: `msg_contains` must be a list of texts"),
        ("msg_contains = []\n", "data/team_gift.toml:11:16: `msg_contains` lists no text; give at least one"),
        ("msg_contains = [\" \"]\n", "data/team_gift.toml:11:17: `msg_contains` holds an empty text"),
        ("msg_contains = [3]\n", "data/team_gift.toml:11:17: `msg_contains` must be a string, found integer"),
        ("msg_contains = [\"a\", \"a\"]\n", "data/team_gift.toml:11:22: `a` is listed twice in `msg_contains`"),
        (
            "msg_contains = [\"a\\tb\"]\n",
            "data/team_gift.toml:6:1: code `GiftRefused` `msg_contains` text \"a\\tb\" holds",
        ),
        (
            "msg_contain = [\"a\"]\n",
            "data/team_gift.toml:11:1: unknown key `msg_contain` in [[code]]; did you mean `msg_contains`?",
        ),
    ];
    for (line, expected) in cases {
        let (_, problems) = extended("data/team_gift.toml", &gift_layer("100030", line));
        assert!(problems.iter().any(|problem| problem.starts_with(expected)), "{line:?}: {problems:#?}");
    }
}

#[test]
fn code_0_is_success_and_no_entry() {
    let (_, problems) = extended("data/team_gift.toml", &gift_layer("[0, 7]", ""));
    assert_eq!(
        problems,
        ["data/team_gift.toml:7:8: code 0 in `team_gift` `GiftRefused` is success, not an error: decoding answers \
          `None` for it; remove the code"]
    );
    let bundled = msdk_codes_catalog::bundled::catalog();
    assert!(bundled.layers.iter().flat_map(|layer| &layer.entries).all(|entry| !entry.codes.contains(&0)));
}

#[test]
fn the_expansion_says_how_each_code_is_reached() {
    let full = generate("");
    // The marked entry: its texts, and its doc.
    assert!(
        full.contains("__m :: Marked { layer : 8 , channel : __m :: Channel :: Qq , codes : & [100030 ,] , texts : & [\"is_friend is 0\" ,] }"),
        "the share_qq entry is marked"
    );
    assert!(full.contains(
        "Decoding picks this entry first, before any table, when `msg` contains \\\"is\\\\_friend is 0\\\"; else 100030 \
         may be `qq_platform` `UserAuthorizationMissing`."
    ));
    // The whole catalog: no team layer, nothing left out.
    assert!(full.contains("team : & [] ,"));
    assert!(full.contains("left_out : & [] ,"));

    // A subset: the left-out layers' ids and codes, the marked texts of share_qq (the ninth
    // left-out layer, after the one selected), no names.
    let access = generate(r#"layers = [access], locales = ["en"]"#);
    assert!(access.contains("__m :: LeftOut { id : \"share_qq\" , channel : __m :: Channel :: Qq , codes : b\""));
    assert!(access.contains("__m :: Marked { layer : 8 , channel : __m :: Channel :: Qq , codes : & [100030 ,] , texts : & [\"is_friend is 0\" ,] }"));
    assert!(!access.contains("HeartRecipientNotFriend"));
    assert!(!access.contains("UserAuthorizationMissing"));

    // A team's own layer: searched after the named tables, and its doc says how -501 is reached.
    let team = generate(r#"extend = "tests/team/*.toml", locales = ["en"]"#);
    assert!(!team.contains("compile_error"), "{}", &team[..team.len().min(2000)]);
    assert!(team.contains("team : & [17 ,] ,"));
    assert!(team.contains(
        "`access` has -501 too (`HttpBodyEmpty`), and plain decoding searches it first: `decode_in(.., \
         Layer::Guild)` reaches this entry."
    ));
}
