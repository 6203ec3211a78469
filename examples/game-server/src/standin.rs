//! The scenario's MSDK: msdk-codes-testing's stand-in, scripted to answer as the MSDK documents
//! and FAQ show. The WeChat APIs refuse the expired access token (`40001,invalid credential`, as
//! the FAQ says of `/auth/check_token` two hours after a login) until the game server refreshes
//! it; some APIs fail once, then succeed.

use std::time::Duration;

use msdk_codes_testing::{REFRESH_PATH, Reply, Script, StandIn};

/// The token the game server starts with, which the stand-in no longer accepts: the first WeChat
/// calls have to refresh it.
pub const EXPIRED_TOKEN: &str = "wx-token-0";

/// A WeChat API's answer to an expired token.
pub const INVALID_CREDENTIAL: &str = r#"{"ret":-20000,"msg":"40001,invalid credential, access_token is invalid or not latest hint: [Wx5c0a3f21] rid: 6631a5d9-1f0e"}"#;

/// The WeChat APIs the game server calls: they check the access token.
const WECHAT_APIS: [&str; 2] = ["/relation/wxfriends_profile", "/relation/wxuserinfo"];

/// Starts the stand-in on a free loopback port, scripted for the scenario.
pub async fn start() -> std::io::Result<StandIn> {
    let stand_in = StandIn::start().await?;
    script(&stand_in);
    Ok(stand_in)
}

/// The scenario's answers: what each API the game server calls says.
pub fn script(stand_in: &StandIn) {
    for api in WECHAT_APIS {
        stand_in.script_token_on(api, EXPIRED_TOKEN, Reply::json(INVALID_CREDENTIAL));
    }
    // As slow as a real refresh, so that the requests which found the token expired at the same
    // time are all waiting for this one.
    stand_in.script(REFRESH_PATH, Reply::NewToken.after(Duration::from_millis(200)));
    // The FAQ: "-1, system error" is WeChat's data processing failing; it passes.
    stand_in.script(
        "/relation/wxfriends_profile",
        Script::sequence([Reply::json(r#"{"ret":-20000,"msg":"-1,system error"}"#)])
            .then(Reply::json(r#"{"ret":0,"msg":"success","lists":[]}"#)),
    );
    // WeChat adds a hint and its request id to what it says.
    stand_in.script(
        "/relation/wxuserinfo",
        Reply::json(r#"{"ret":-20000,"msg":"48001,api unauthorized, hint: [Bq0Xya0297ge13] rid: 64b8f1e0-2b1c"}"#),
    );
    // The MSDK back end takes one request per second (the FAQ).
    stand_in.script(
        "/mpay/pay_m",
        Script::sequence([Reply::json(r#"{"ret":-503,"msg":"frequency limit"}"#)])
            .then(Reply::json(r#"{"ret":0,"msg":"success","billno":"7f2c"}"#)),
    );
    // The documents' OIDB example: the pay token check (0x73a) failed with 17.
    stand_in.script(
        "/mpay/get_balance_m",
        Reply::json(r#"{"ret":-15001,"msg":"ret:-103 msg:oidb decode0x73a failed, ret:17","err_type":2}"#),
    );
    // A code no table has.
    stand_in.script("/share/qq", Reply::json(r#"{"ret":-10000,"msg":"229999, share service upgraded"}"#));
    // A body cut short.
    stand_in.script("/relation/qqfriends_detail", Reply::json(r#"{"ret":-503,"msg":"frequ"#));
    // The game's own guild service answers in MSDK's format (data/guild.toml).
    stand_in.script("/guild/join", Reply::json(r#"{"ret":-9101,"msg":"guild is full"}"#));
    stand_in.script_any(Reply::json(r#"{"ret":-505,"msg":"interface not exist"}"#));
}
