//! Which entries plain decoding can return. Decoding searches, for a code carried in one channel,
//! the tables the MSDK documents name for that channel and then a team's own layers of the
//! channel, and the first that has the code wins (msdk-codes-runtime's `route` and `search`). An
//! entry of a searched layer whose code an earlier layer of that order also has is never what
//! `decode` returns: only `decode_in` with its layer (or `DecodeLayer::via`) reaches it. That is a
//! mistake unless the entry says it is meant, with `decode_in_only = true`.

use std::collections::HashMap;

use msdk_codes_vocab::Table;

use crate::diagnostics::DataProblems;
use crate::model::{Channel, Entry, Layer, Unread, upper_camel};

/// The `ret` values of the platforms' pass-through errors: with no code leading `msg`, decoding
/// searches only `logical` for them (its "see msg" entries), not `access`, and `decode_in` with
/// a `ret` layer does not change that.
const PASS_THROUGH: [i32; 2] = [-10000, -20000];

/// Reports each entry of `layers` (the layers an expansion generates, in the data's order) that
/// `written_by_team` picks, whose code plain decoding always finds in an earlier layer, and that
/// neither `decode_in_only = true` nor `msg_contains` (its own words pick it first) reaches.
pub fn plain_decoding_reaches(
    layers: &[&Layer],
    written_by_team: &dyn Fn(&Entry) -> bool,
    problems: &mut DataProblems,
) {
    let bundled: Vec<&str> = crate::bundled::layer_ids().collect();
    for channel in Channel::ALL {
        // The order decoding searches for a code of `channel`, on the route that favours a later
        // layer most: for OIDB the generic table only (`oidb_pay_token` and `oidb_access_token`
        // come first on routes of their own), then the team's layers in the data's order.
        let named = Table::NAMED
            .into_iter()
            .filter(|table| table.channel() == Some(channel))
            .filter(|table| !matches!(table, Table::OidbPayToken | Table::OidbAccessToken))
            .filter_map(|table| layers.iter().find(|layer| Some(layer.id.as_str()) == table.id()));
        let team = layers.iter().filter(|layer| {
            layer.channel == channel
                && !bundled.contains(&layer.id.as_str())
                && !Table::NAMED.iter().any(|table| table.id() == Some(layer.id.as_str()))
        });
        let mut first: HashMap<i32, (&Layer, &Entry)> = HashMap::new();
        for &layer in named.chain(team).filter(|layer| !layer.unread.has(Unread::FILE)) {
            for entry in layer.entries.iter().filter(|entry| !entry.unread.has("code")) {
                for &code in &entry.codes {
                    if layer.id == "access" && PASS_THROUGH.contains(&code) {
                        continue;
                    }
                    match first.get(&code) {
                        None => {
                            first.insert(code, (layer, entry));
                        }
                        // A code listed twice in one layer is reported as such.
                        Some(&(earlier, _)) if earlier.id == layer.id => {}
                        Some(&(earlier, winner)) => {
                            if written_by_team(entry) && entry.msg_contains.is_empty() {
                                shadowed(layer, entry, code, earlier, winner, problems);
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The problem of `entry`'s `code`, which decoding finds in `winner` of `earlier` first.
fn shadowed(layer: &Layer, entry: &Entry, code: i32, earlier: &Layer, winner: &Entry, problems: &mut DataProblems) {
    let what = format!("`{}` code {code} `{}`", layer.id, entry.name);
    let answer = format!("`{}` `{}`", earlier.id, winner.name);
    if layer.channel == Channel::Ret && PASS_THROUGH.contains(&code) {
        problems.push(
            entry.code_location.clone(),
            format!(
                "{what} is never decoded: ret {code} is a platform's pass-through error, whose code leads `msg`; \
                 without one, decoding answers {answer}, with `decode_in` too; give the entry another code"
            ),
        );
        return;
    }
    if entry.decode_in_only {
        return;
    }
    problems.push(
        entry.code_location.clone(),
        format!(
            "{what} is never what plain decoding returns: it answers {answer} for {code}, searching `{}` before \
             `{}`; give the entry a code that `{}` does not have, or, if only `decode_in(.., Layer::{})` is meant \
             to reach it, write `decode_in_only = true` in its [[code]]",
            earlier.id,
            layer.id,
            earlier.id,
            upper_camel(&layer.id)
        ),
    );
}

#[cfg(test)]
mod tests {

    use crate::source::Sources;
    use crate::{Checks, Source, load};

    fn files(texts: &[(&str, &str)]) -> Sources {
        Sources::in_memory(texts.iter().copied())
    }

    /// The problems of extending the bundled catalog with `texts`, generating `layers` (all when
    /// `None`), in English only.
    fn extend(texts: &[(&str, &str)], layers: Option<&[&str]>) -> Vec<String> {
        let checks = Checks {
            locales: vec![crate::model::Locale::En],
            layers: layers.map(|ids| ids.iter().map(|id| (*id).to_owned()).collect()),
            ..Checks::default()
        };
        load(Source::Extending(files(texts)), &checks).messages()
    }

    fn layer(id: &str, channel: &str, codes: &[(i32, &str, &str)]) -> String {
        let mut text = format!("[layer]\nid = \"{id}\"\ntitle.en = \"T\"\nchannel = \"{channel}\"\n");
        for (code, name, extra) in codes {
            text.push_str(&format!(
                "\n[[code]]\ncode = {code}\nname = \"{name}\"\naction = \"retry\"\nmessage.en = \"m\"\n{extra}"
            ));
        }
        text
    }

    #[test]
    fn a_team_code_that_a_named_table_has_first_is_one_problem_at_its_code() {
        let shop = layer("shop", "ret", &[(-9001, "Own", ""), (-503, "Busy", "")]);
        let problems = extend(&[("data/shop.toml", shop.as_str())], None);
        assert_eq!(
            problems,
            ["data/shop.toml:13:8: `shop` code -503 `Busy` is never what plain decoding returns: it answers `access` \
              `FrequencyLimit` for -503, searching `access` before `shop`; give the entry a code that `access` does \
              not have, or, if only `decode_in(.., Layer::Shop)` is meant to reach it, write `decode_in_only = \
              true` in its [[code]]"]
        );
        // Meant: no problem. Words of its own: decoding picks it by them.
        for extra in ["decode_in_only = true\n", "msg_contains = [\"shop busy\"]\n"] {
            let shop = layer("shop", "ret", &[(-503, "Busy", extra)]);
            assert_eq!(extend(&[("data/shop.toml", shop.as_str())], None), Vec::<String>::new(), "{extra}");
        }
        // Without `access` generated, plain decoding reaches it.
        assert_eq!(extend(&[("data/shop.toml", shop.as_str())], Some(&["shop", "logical"][..])), Vec::<String>::new());
    }

    #[test]
    fn each_channel_has_its_own_order() {
        // qq_platform has -73 (a QQ code); logical has -1011 (after access, which lacks it).
        let qq = layer("qq_shop", "qq", &[(-73, "PasswordChanged", "")]);
        let ret = layer("ret_shop", "ret", &[(-1011, "Empty", ""), (-73, "NotAQqCode", "")]);
        let oidb = layer("oidb_shop", "oidb", &[(17, "NotInOidb", "")]);
        let problems = extend(
            &[("qq_shop.toml", qq.as_str()), ("ret_shop.toml", ret.as_str()), ("oidb_shop.toml", oidb.as_str())],
            None,
        );
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert!(problems[0].starts_with("qq_shop.toml:7:8: `qq_shop` code -73 `PasswordChanged`"), "{problems:#?}");
        assert!(problems[0].contains("answers `qq_platform` `AccessTokenPasswordChanged`"), "{problems:#?}");
        assert!(problems[1].starts_with("ret_shop.toml:7:8: `ret_shop` code -1011 `Empty`"), "{problems:#?}");
        assert!(problems[1].contains("answers `logical` `InputParameterEmpty`"), "{problems:#?}");
    }

    #[test]
    fn an_earlier_team_layer_hides_a_later_one_and_a_pass_through_ret_is_never_a_team_code() {
        let first = layer("guild", "ret", &[(-9001, "Full", "")]);
        let second = layer("shop", "ret", &[(-9001, "Closed", "decode_in_only = true\n"), (-9002, "Gone", "")]);
        let third = layer("shop_more", "ret", &[(-9002, "Again", ""), (-10000, "Platform", "decode_in_only = true\n")]);
        let problems = extend(
            &[("a/guild.toml", first.as_str()), ("b/shop.toml", second.as_str()), ("c/shop_more.toml", third.as_str())],
            None,
        );
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert!(
            problems[0].contains(
                "`shop_more` code -9002 `Again` is never what plain decoding returns: it answers `shop` `Gone`"
            )
        );
        assert!(problems[1].contains(
            "`shop_more` code -10000 `Platform` is never decoded: ret -10000 is a platform's pass-through error"
        ));
        assert!(problems[1].contains("answers `logical` `QqPlatformFailure`"), "{problems:#?}");
    }

    #[test]
    fn the_bundled_catalog_marks_what_it_hides() {
        // logical -101 is access's for plain decoding; its entry says so.
        let logical = crate::bundled::catalog().layer("logical").cloned().expect("the logical layer");
        let internal = logical.entries.iter().find(|entry| entry.codes.contains(&-101)).expect("-101");
        assert!(internal.decode_in_only, "{internal:?}");
        let mut problems = crate::diagnostics::DataProblems::default();
        let catalog = crate::bundled::catalog();
        let layers: Vec<_> = catalog.layers.iter().collect();
        super::plain_decoding_reaches(&layers, &|_| true, &mut problems);
        assert!(problems.is_empty(), "{:?}", problems.render(&Sources::bundled()));
    }
}
