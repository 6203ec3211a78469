// A data path leaves the crate with `..`, as `include_str!`'s may: a folder that several crates
// of a workspace share.
msdk_codes_core::msdk_errors!("../msdk-codes-ui-outside/*.toml", locales = ["en"]);

fn main() {
    assert_eq!(Layer::IDS, ["team"]);
    assert_eq!(TeamError::from_code(-1), Some(TeamError::Failed));
}
