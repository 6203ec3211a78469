//! `extend = "..."`: the bundled catalog plus a team's files (tests/fixtures/extend) in one
//! expansion: a layer of the team's own, a code added to a bundled layer and decoded as that
//! layer's, and overrides seen everywhere the generated API shows a code.

use msdk_codes_core::{Action, Channel, Locale, Response};
use msdk_codes_tests::{extended, extended_social, full};

#[test]
fn the_combined_catalog_is_the_bundled_layers_then_the_teams() {
    let bundled: Vec<&str> = full::Layer::ALL.iter().map(|layer| layer.id()).collect();
    let combined: Vec<&str> = extended::Layer::ALL.iter().map(|layer| layer.id()).collect();
    assert_eq!(combined[..bundled.len()], bundled[..]);
    assert_eq!(combined[bundled.len()..], ["team_guild"]);
    assert_eq!(extended::Layer::TeamGuild.title(Locale::Ja), "ギルドサービス");
    assert_eq!(extended::Layer::TeamGuild.channel(), Channel::Ret);
    // Every bundled code is there, unchanged but for the two overrides.
    assert_eq!(extended::MsdkError::all().count(), full::MsdkError::all().count() + 4);
    for err in full::MsdkError::all() {
        let layer = extended::Layer::from_id(err.layer().unwrap().id()).unwrap();
        let same = extended::MsdkError::from_code(layer, err.code()).unwrap();
        assert_eq!(same.name(), err.name());
        if !matches!((layer.id(), err.code()), ("share_qq", 30) | ("access", -503)) {
            assert_eq!(same.action(), err.action(), "{err}");
            for locale in Locale::ALL {
                assert_eq!(same.message(locale), err.message(locale), "{err}");
                assert_eq!(same.advice(locale), err.advice(locale), "{err}");
            }
        }
    }
}

/// A team's own layer (`channel = "ret"`) is found by plain decoding, after the tables the
/// documents name, in each expansion that has it: with `extend` and with the team's file alone,
/// function-like and as an attribute.
macro_rules! the_teams_codes_decode_without_via {
    ($($module:ident),*) => {$({
        use msdk_codes_tests::$module::{Layer, MsdkError, TeamGuildError};
        let module = stringify!($module);
        let guild_full = Some(MsdkError::TeamGuild(TeamGuildError::GuildFull));
        let response = Response::new(-9101, "guild full");
        assert_eq!(MsdkError::decode(&response), guild_full, "{module}");
        assert_eq!(MsdkError::from_response(response.clone()), guild_full, "{module}");
        assert_eq!(MsdkError::from_json(br#"{"ret":-9101,"msg":"guild full"}"#).unwrap(), guild_full, "{module}");
        assert_eq!(MsdkError::decode_in(&response, Layer::TeamGuild), guild_full, "{module}");
        assert_eq!(
            MsdkError::from_json_in(br#"{"ret":-9102,"msg":"busy"}"#, Layer::TeamGuild).unwrap(),
            Some(MsdkError::TeamGuild(TeamGuildError::GuildServiceBusy)),
            "{module}"
        );
        // A code of another channel is no code of the team's `ret` layer.
        let Some(MsdkError::Unknown(unknown)) = MsdkError::decode(&Response::new(-10000, "-9101, x")) else {
            panic!("{module}: a -10000 body decoded as the team's code")
        };
        assert_eq!(unknown.platform_code(), Some(-9101), "{module}");
    })*};
}

#[test]
fn the_teams_own_layer_decodes_without_via_in_every_form() {
    the_teams_codes_decode_without_via!(extended, extended_social, guild_only, guild_only_attr);
    assert_eq!(extended::TeamGuildError::GuildFull.action(), Action::UserLimit);
    let guild_full = extended::MsdkError::TeamGuild(extended::TeamGuildError::GuildFull);
    assert_eq!(guild_full.to_string(), "Guild service -9101: The guild is full");
    assert_eq!(guild_full.message(Locale::Ko), "길드가 가득 찼습니다");
}

#[test]
fn a_team_code_that_a_named_table_has_is_reached_by_decode_in() {
    // The documented order: access before the team's layer.
    let response = Response::new(-501, "");
    assert_eq!(
        extended::MsdkError::decode(&response),
        Some(extended::MsdkError::Access(extended::AccessError::HttpBodyEmpty))
    );
    let team = extended::MsdkError::TeamGuild(extended::TeamGuildError::GuildNameEmpty);
    assert_eq!(extended::MsdkError::decode_in(&response, extended::Layer::TeamGuild), Some(team.clone()));
    // The team's `msg_contains = ["guild name"]`: the guild service's own words pick its entry.
    let said = br#"{"ret":-501,"msg":"guild name is empty"}"#;
    assert_eq!(extended::MsdkError::from_json(said).unwrap(), Some(team));
    let said = br#"{"ret":-501,"msg":"body is empty"}"#;
    assert_eq!(
        extended::MsdkError::from_json(said).unwrap().and_then(|err| err.layer()),
        Some(extended::Layer::Access)
    );
    // Without access in the expansion, the team's entry is the only one.
    use extended_social::{MsdkError, TeamGuildError};
    assert_eq!(MsdkError::decode(&response), Some(MsdkError::TeamGuild(TeamGuildError::GuildNameEmpty)));
    use msdk_codes_tests::guild_only;
    assert_eq!(
        guild_only::MsdkError::decode(&response),
        Some(guild_only::MsdkError::TeamGuild(guild_only::TeamGuildError::GuildNameEmpty))
    );
}

#[test]
fn a_code_only_the_team_could_have_is_unknown_in_its_layer() {
    use msdk_codes_tests::guild_only::MsdkError;
    let Some(MsdkError::Unknown(unknown)) = MsdkError::decode(&Response::new(-9199, "new")) else { panic!("known") };
    assert_eq!((unknown.layer(), unknown.known_in()), (Some("team_guild"), None));
    assert_eq!(unknown.to_string(), "unknown code: ret -9199 (not in `team_guild`): new");
}

#[test]
fn a_code_added_to_a_bundled_layer_decodes_as_that_layers_own() {
    let added = extended::MsdkError::ShareQq(extended::ShareQqError::HeartLimitReached);
    // share_qq's platform codes come in the `msg` of a ret -10000 response.
    let response = Response::new(-10000, "100031, hearts used up");
    assert_eq!(extended::MsdkError::decode_in(&response, extended::Layer::ShareQq), Some(added.clone()));
    let body = br#"{"msg": "100031, hearts used up", "ret": -10000}"#;
    assert_eq!(extended::MsdkError::from_json_in(body, extended::Layer::ShareQq).unwrap(), Some(added.clone()));
    // The bundled catalog does not know it.
    assert!(matches!(full::MsdkError::decode_in(&response, full::Layer::ShareQq), Some(full::MsdkError::Unknown(_))));
    // A code of the layer's own still decodes as before, and the platform's general table still
    // comes after the API's.
    assert_eq!(
        extended::MsdkError::decode_in(&Response::new(-10000, "32, limit"), extended::Layer::ShareQq)
            .map(|err| err.name()),
        full::MsdkError::decode_in(&Response::new(-10000, "32, limit"), full::Layer::ShareQq).map(|err| err.name()),
    );
    let token = Response::new(-10000, "100015, access token revoked");
    assert_eq!(
        extended::MsdkError::decode_in(&token, extended::Layer::ShareQq).unwrap().layer(),
        Some(extended::Layer::QqPlatform)
    );

    let code = extended::ShareQqError::HeartLimitReached;
    assert_eq!(code.codes(), &[100031]);
    assert_eq!(extended::ShareQqError::from_name("HeartLimitReached"), Some(code));
    assert_eq!(*extended::ShareQqError::ALL.last().unwrap(), code);
    assert_eq!(code.action(), Action::UserLimit);
    assert_eq!(code.advice(Locale::Zh), Some("明天之前隐藏爱心按钮"));
    assert_eq!(
        added.to_string(),
        format!("{} 100031: The player has sent every heart of the day", full::Layer::ShareQq.title(Locale::En))
    );
}

#[test]
fn an_override_replaces_what_it_gives_and_keeps_the_rest() {
    let bundled = full::ShareQqError::DailyShareLimit;
    let overridden = extended::ShareQqError::DailyShareLimit;
    assert_eq!(overridden.message(Locale::En), "You have shared enough for today: come back tomorrow");
    assert_eq!(overridden.message(Locale::Zh), "今天已经分享够多了，明天再来吧");
    for locale in [Locale::Ja, Locale::Ko] {
        assert_eq!(overridden.message(locale), bundled.message(locale), "{locale}");
    }
    for locale in Locale::ALL {
        assert_eq!(overridden.advice(locale), bundled.advice(locale), "{locale}");
        assert_eq!(overridden.note(locale), bundled.note(locale), "{locale}");
    }
    assert_eq!((bundled.action(), overridden.action()), (Action::UserLimit, Action::Ignore));
    assert_eq!(overridden.codes(), bundled.codes());

    let err = extended::MsdkError::ShareQq(overridden);
    assert_eq!(err.action(), Action::Ignore);
    assert_eq!(err.message(Locale::En), "You have shared enough for today: come back tomorrow");
    assert_eq!(
        err.to_string(),
        format!("{} 30: You have shared enough for today: come back tomorrow", full::Layer::ShareQq.title(Locale::En))
    );
    let body = br#"{"msg":"30,response errorCode error 30","ret":-10000}"#;
    assert_eq!(extended::MsdkError::from_json_in(body, extended::Layer::ShareQq).unwrap(), Some(err.clone()));

    let limit = extended::MsdkError::Access(extended::AccessError::FrequencyLimit);
    assert_eq!(limit.to_string(), "MSDK access layer -503: Too many requests: wait a moment");
    assert_eq!(limit.message(Locale::Zh), full::AccessError::FrequencyLimit.message(Locale::Zh));
    assert_eq!(limit.action(), Action::Backoff);
    assert_eq!(limit.note(Locale::En), Some("Our gateway also answers -503 when the player taps too fast."));
    assert_eq!(extended::MsdkError::decode(&Response::new(-503, "")), Some(limit));
}

/// Answers each action method with its id; one code of the team's own layer has its own method.
struct Recorder;

impl extended::Handler for Recorder {
    type Output = String;
    fn unknown(&mut self, _: &extended::MsdkError) -> String {
        "unknown".into()
    }
    fn ignore(&mut self, _: &extended::MsdkError) -> String {
        "ignore".into()
    }
    fn retry(&mut self, _: &extended::MsdkError) -> String {
        "retry".into()
    }
    fn backoff(&mut self, _: &extended::MsdkError) -> String {
        "backoff".into()
    }
    fn reauthorize(&mut self, _: &extended::MsdkError) -> String {
        "reauthorize".into()
    }
    fn refresh_token(&mut self, _: &extended::MsdkError) -> String {
        "refresh_token".into()
    }
    fn fix_request(&mut self, _: &extended::MsdkError) -> String {
        "fix_request".into()
    }
    fn fix_config(&mut self, _: &extended::MsdkError) -> String {
        "fix_config".into()
    }
    fn user_limit(&mut self, _: &extended::MsdkError) -> String {
        "user_limit".into()
    }
    fn contact_support(&mut self, _: &extended::MsdkError) -> String {
        "contact_support".into()
    }
    fn team_guild_guild_full(&mut self, _: &extended::MsdkError) -> String {
        "override: guild full".into()
    }
}

#[test]
fn the_handler_routes_by_the_combined_catalogs_actions() {
    let handle = |err: extended::MsdkError| err.handle(&mut Recorder);
    // The override's action, not the catalog's user_limit.
    assert_eq!(handle(extended::ShareQqError::DailyShareLimit.into()), "ignore");
    assert_eq!(handle(extended::ShareQqError::HeartLimitReached.into()), "user_limit");
    assert_eq!(handle(extended::TeamGuildError::GuildServiceBusy.into()), "retry");
    assert_eq!(handle(extended::TeamGuildError::GuildFull.into()), "override: guild full");
    assert_eq!(handle(extended::AccessError::FrequencyLimit.into()), "backoff");
    let response = Response::new(-10000, "30,response errorCode error 30");
    assert_eq!(handle(extended::MsdkError::decode_in(&response, extended::Layer::ShareQq).unwrap()), "ignore");
    for err in extended::MsdkError::all() {
        if err.name() != "GuildFull" {
            assert_eq!(handle(err.clone()), err.action().id(), "{err}");
        }
    }
}

#[test]
fn the_attribute_form_takes_a_subset_of_the_combined_catalog() {
    use extended_social::{Layer, MsdkError, ShareQqError, TeamGuildError};
    let ids: Vec<&str> = Layer::ALL.iter().map(|layer| layer.id()).collect();
    assert_eq!(ids, ["share_qq", "team_guild"]);
    assert_eq!(MsdkError::all().count(), full::ShareQqError::ALL.len() + 1 + 3);
    // The policy names the team's own code.
    assert_eq!(TeamGuildError::GuildServiceBusy.action(), Action::Backoff);
    assert_eq!(TeamGuildError::GuildFull.action(), Action::UserLimit);
    // `locale = "zh"`: Display speaks Chinese, the override's zh text included.
    assert_eq!(
        MsdkError::ShareQq(ShareQqError::DailyShareLimit).to_string(),
        format!("{} 30: 今天已经分享够多了，明天再来吧", full::Layer::ShareQq.title(Locale::Zh))
    );
    let response = Response::new(-10000, "100031, hearts used up");
    assert_eq!(
        MsdkError::decode_in(&response, Layer::ShareQq),
        Some(MsdkError::ShareQq(ShareQqError::HeartLimitReached))
    );
    assert_eq!(
        MsdkError::from_json_in(br#"{"ret":-9102,"msg":"busy"}"#, Layer::TeamGuild).unwrap(),
        Some(MsdkError::TeamGuild(TeamGuildError::GuildServiceBusy))
    );
}

/// data/README.md's example of a file that extends a bundled layer is the fixture expanded above.
#[test]
fn the_readme_example_is_the_expanded_fixture() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("../data/README.md")).expect("read data/README.md");
    let fixture = std::fs::read_to_string(root.join("fixtures/extend/share_qq.toml")).expect("read the fixture");
    let section = readme.split("## Extending and overriding the catalog").nth(1).expect("the README's section");
    let example = section.split("```toml\n").nth(1).and_then(|block| block.split("```").next()).expect("a toml block");
    assert_eq!(example, fixture);
}
