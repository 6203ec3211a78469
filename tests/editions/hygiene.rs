// The same user code and test for every edition (each crate of tests/editions includes this
// file): the expansion inside a `#![no_implicit_prelude]` module full of items that shadow
// prelude names, primitive types and every local name a generator might use, then the generated
// API used from ordinary code. Paths start with `::` so that they mean the same in 2015 and later
// editions.

/// The expansion beside items of every name, with no prelude.
#[allow(dead_code, non_camel_case_types, non_upper_case_globals, clippy::all)]
pub mod shadowed {
    #![no_implicit_prelude]

    // Types named like the prelude's items and like primitive types.
    pub struct Option;
    pub struct Some;
    pub struct None;
    pub struct Result;
    pub struct Ok;
    pub struct Err;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    pub struct Clone;
    pub struct Copy;
    pub struct Debug;
    pub struct Default;
    pub struct Eq;
    pub struct PartialEq;
    pub struct Ord;
    pub struct PartialOrd;
    pub struct Hash;
    pub struct Sized;
    pub struct Send;
    pub struct Sync;
    pub struct Iterator;
    pub struct IntoIterator;
    pub struct From;
    pub struct Into;
    pub struct TryFrom;
    pub struct FromStr;
    pub struct Display;
    pub struct Error;
    pub struct Fn;
    pub struct Drop;
    pub struct str;
    pub struct i32;
    pub struct i64;
    pub struct u8;
    pub struct u16;
    pub struct usize;
    pub struct bool;
    pub struct core;
    pub struct std;
    pub struct alloc;

    // Lowercase consts and statics named like the locals of generated code.
    pub const code: () = ();
    pub const codes: () = ();
    pub const f: () = ();
    pub const locale: () = ();
    pub const layer: () = ();
    pub const entry: () = ();
    pub const index: () = ();
    pub const table: () = ();
    pub const route: () = ();
    pub const found: () = ();
    pub const via: () = ();
    pub const response: () = ();
    pub const body: () = ();
    pub const handler: () = ();
    pub const err: () = ();
    pub const name: () = ();
    pub const id: () = ();
    pub const text: () = ();
    pub const unknown: () = ();
    pub const known: () = ();
    pub static message: () = ();
    pub static parts: () = ();

    // Unit structs named like the runtime's types and variants.
    pub struct Locale;
    pub struct Action;
    pub struct Channel;
    pub struct Code;
    pub struct Retry;
    pub struct Ignore;
    pub struct En;

    ::msdk_codes_core::msdk_errors!(locale = "zh", locales = ["en", "zh"], handling = "by_action");

    /// A handler written where every prelude name is shadowed.
    pub struct Count(pub u32);

    impl Handler for Count {
        type Output = u32;
        fn unknown(&mut self, _: &MsdkError) -> u32 {
            self.0 = 1;
            self.0
        }
        fn ignore(&mut self, _: &MsdkError) -> u32 {
            2
        }
        fn retry(&mut self, _: &MsdkError) -> u32 {
            3
        }
        fn backoff(&mut self, _: &MsdkError) -> u32 {
            4
        }
        fn reauthorize(&mut self, _: &MsdkError) -> u32 {
            5
        }
        fn refresh_token(&mut self, _: &MsdkError) -> u32 {
            6
        }
        fn fix_request(&mut self, _: &MsdkError) -> u32 {
            7
        }
        fn fix_config(&mut self, _: &MsdkError) -> u32 {
            8
        }
        fn user_limit(&mut self, _: &MsdkError) -> u32 {
            9
        }
        fn contact_support(&mut self, _: &MsdkError) -> u32 {
            10
        }
    }
}

/// The attribute form, in the same conditions.
#[allow(dead_code, non_camel_case_types, non_upper_case_globals)]
#[::msdk_codes_core::msdk_codes(layers = [access, wechat_platform], handling = "every_code")]
pub mod attribute {
    #![no_implicit_prelude]

    pub struct Option;
    pub struct Some;
    pub struct str;
    pub struct i32;
    pub const code: () = ();
    pub const locale: () = ();
}

/// A team's own file on top of the bundled catalog (`extend`), in the same conditions: the
/// expansion then also reads the file, to rebuild when it changes.
#[allow(dead_code, non_camel_case_types, non_upper_case_globals)]
pub mod extended {
    #![no_implicit_prelude]

    pub struct Option;
    pub struct str;
    pub struct u8;
    pub struct core;
    pub const code: () = ();

    ::msdk_codes_core::msdk_errors!(extend = "../data/*.toml", layers = [access, team_guild], locales = ["en"]);
}

/// An expansion in a block, where its items are the block's.
fn in_a_block() -> usize {
    ::msdk_codes_core::msdk_errors!(layers = [apple_login], locales = ["en"]);
    assert_eq!(Layer::ALL, [Layer::AppleLogin]);
    AppleLoginError::ALL.len()
}

/// What every edition must see the same.
pub fn check() {
    use shadowed::{AccessError, Layer, MsdkError, WechatPlatformError};
    use ::msdk_codes_core::{Action, Locale, Response};

    let err = AccessError::from_code(-303).expect("-303 is an access code");
    assert_eq!(err.code(), -303);
    assert_eq!(err.action(), Action::FixConfig);
    assert_eq!(err.message(Locale::En), "This appid has no permissions in msdk");
    assert_eq!(format!("{}", err), "该appid在msdk没有权限");
    assert_eq!(<AccessError as ::std::convert::TryFrom<i32>>::try_from(-303), Ok(err));
    assert_eq!("access".parse::<Layer>(), Ok(Layer::Access));
    // A locale left out of `locales` answers in the `Display` locale.
    assert_eq!(err.message(Locale::Ja), "该appid在msdk没有权限");

    let response = Response::new(-20000, "40001,invalid credential");
    let decoded = MsdkError::decode(&response).expect("an error");
    assert_eq!(decoded, MsdkError::WechatPlatform(WechatPlatformError::CredentialInvalid));
    assert_eq!(decoded.handle(&mut shadowed::Count(0)), 6);
    let unknown = MsdkError::decode(&Response::new(-12345, "new")).expect("an error");
    assert_eq!(unknown.handle(&mut shadowed::Count(0)), 1);
    assert!(MsdkError::all().count() > 400);

    let guild = extended::TeamGuildError::from_code(-9101).expect("the team's code");
    assert_eq!(guild.action(), Action::UserLimit);
    assert_eq!(extended::MsdkError::from(guild).to_string(), "Guild service -9101: The guild is full");

    assert!(in_a_block() > 1);

    let attribute_err = attribute::MsdkError::decode(&Response::new(-303, "")).expect("an error");
    assert_eq!(attribute_err.to_string(), "MSDK access layer -303: This appid has no permissions in msdk");
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_expansion_behaves_as_in_every_edition() {
        super::check();
    }
}
