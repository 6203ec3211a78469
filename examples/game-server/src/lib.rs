//! How a game server uses msdk-codes: two teams' code modules side by side, their handlers, and
//! real MSDK response bodies decoded and handled. `cargo run -p game-server` prints [`run`].

pub mod handlers;
pub mod policy;
pub mod teams;

use std::io::{self, Write};

use msdk_codes_core::Locale::{self, En, Ja, Ko, Zh};
use msdk_codes_core::Response;

use crate::handlers::{Desk, PayTeam, SocialTeam};
use crate::policy::{AlertKind, Alerts, Decision, Session};
use crate::teams::{pay, pay_token, social};

/// Which team's codes an API answers with, and the layer that holds its platform codes.
#[derive(Clone, Copy, Debug)]
pub enum Via {
    Pay(pay::Layer),
    PayToken(pay_token::Layer),
    Social(social::Layer),
}

/// One MSDK call: the API, the player's language, where its codes live, and the body that came back.
#[derive(Clone, Copy, Debug)]
pub struct Call {
    pub api: &'static str,
    pub player: Locale,
    pub via: Via,
    pub body: &'static str,
}

const fn call(api: &'static str, player: Locale, via: Via, body: &'static str) -> Call {
    Call { api, player, via, body }
}

/// Bodies as MSDK sends them, most from its FAQ.
pub const CALLS: &[Call] = &[
    call("/share/qq", Ja, Via::Social(social::Layer::ShareQq), r#"{"msg": "100030, is_friend is 0", "ret": -10000}"#),
    // Verbatim from the FAQ, raw tab before the second 30 included (strict JSON forbids it;
    // Response::from_json accepts it, as MSDK relays such platform text).
    call(
        "/share/qq",
        Ja,
        Via::Social(social::Layer::ShareQq),
        r#"{"msg":"30,null ServiceError: :workid=yaaf_mpqq_msgsendsvr cmdid=1 com.tencent.jungle.api.APIException: 	30,response errorCode error 30","ret":-10000}"#,
    ),
    call(
        "/share/qq",
        Ko,
        Via::Social(social::Layer::ShareQq),
        r#"{"msg": "32, null ServiceError:: workid = yaaf_mpqq_msgsendsvr cmdid = 1 com.tencent.jungle.api.APIException: 32, response errorCode error 32", "ret": -10000}"#,
    ),
    call(
        "/auth/verify_login",
        Zh,
        Via::Social(social::Layer::QqPlatform),
        r#"{"ret":-10000,"msg":"-73,the user modify password wrong"}"#,
    ),
    call(
        "/auth/check_token",
        Ja,
        Via::Social(social::Layer::WechatPlatform),
        r#"{"ret":-20000,"msg":"40001,invalid credential"}"#,
    ),
    call(
        "/relation/wxfriends_profile",
        Ja,
        Via::Social(social::Layer::WechatPlatform),
        r#"{"ret":-20000,"msg":"-1,system error"}"#,
    ),
    // WeChat adds a hint and its request id to what it says: the alert keeps them.
    call(
        "/relation/wxuserinfo",
        Ja,
        Via::Social(social::Layer::WechatPlatform),
        r#"{"ret":-20000,"msg":"48001,api unauthorized, hint: [Bq0Xya0297ge13] rid: 64b8f1e0-2b1c"}"#,
    ),
    call(
        "/mpay/get_balance_m",
        Zh,
        Via::PayToken(pay_token::Layer::OidbPayToken),
        r#"{"ret":-15001,"msg":"ret:-103 msg:oidb decode0x73a failed, ret:17"}"#,
    ),
    call("/mpay/pay_m", Zh, Via::Pay(pay::Layer::Access), r#"{"ret":-503,"msg":"frequency limit"}"#),
    call("/mpay/pay_m", Zh, Via::Pay(pay::Layer::Access), r#"{"ret":-107,"msg":"ip not in whitelist"}"#),
    call("/relation/qqfriends_detail", En, Via::Social(social::Layer::QqPlatform), r#"{"ret":0,"msg":"success"}"#),
    // The game's own guild service answers in MSDK's format, with its own codes (data/guild.toml).
    call("/guild/join", Ko, Via::Social(social::Layer::Guild), r#"{"ret":-9101,"msg":"guild is full"}"#),
    call("/mpay/pay_m", Zh, Via::Pay(pay::Layer::Access), r#"{"ret":-503,"msg":"frequ"#),
];

/// The server's state that outlives one call.
#[derive(Debug, Default)]
pub struct Server {
    pub alerts: Alerts,
    pub session: Session,
}

/// What the server made of one response: the code it decoded, and its decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub decoded: String,
    pub decision: Decision,
}

impl Server {
    /// Decodes `call.body` for the API called and lets the owning team decide.
    pub fn handle(&mut self, call: &Call) -> Outcome {
        let response = match Response::from_json(call.body.as_bytes()) {
            Ok(response) => response,
            Err(err) => {
                let decision = self.alerts.raise(AlertKind::BadBody, &err, None, call.player);
                return Outcome { decoded: err.to_string(), decision };
            }
        };
        let desk = Desk { player: call.player, alerts: &mut self.alerts, said: Some(response.said()) };
        // The same steps for each team's types: decode in the API's layer, summarize, handle.
        macro_rules! dispatch {
            ($team:ident, $layer:expr, $handler:expr) => {
                match $team::MsdkError::decode_in(&response, $layer) {
                    None => Outcome { decoded: format!("ret {}: success", response.ret), decision: Decision::Proceed },
                    Some(err) => Outcome {
                        decoded: match err.layer() {
                            Some(layer) => format!("{} {} {} ({})", layer.id(), err.code(), err.name(), err.action()),
                            None => err.to_string(),
                        },
                        decision: err.handle(&mut $handler),
                    },
                }
            };
        }
        match call.via {
            Via::Pay(layer) => dispatch!(pay, layer, PayTeam { desk }),
            Via::PayToken(layer) => dispatch!(pay_token, layer, PayTeam { desk }),
            Via::Social(layer) => dispatch!(social, layer, SocialTeam { desk, session: &mut self.session }),
        }
    }
}

/// Handles every call of [`CALLS`] and prints, for each, the API, the decoded code, what the
/// server does and what the player sees; then the alerts raised.
pub fn run(out: &mut impl Write) -> io::Result<()> {
    let mut server = Server::default();
    let width = CALLS.iter().map(|call| call.api.len()).max().unwrap_or(0);
    writeln!(
        out,
        "{} responses of MSDK and the guild service, decoded and handled by the pay and social teams\n",
        CALLS.len()
    )?;
    for call in CALLS {
        let Outcome { decoded, decision } = server.handle(call);
        writeln!(out, "{:width$}  {decoded}", call.api)?;
        writeln!(out, "{:width$}    server  {decision}", "")?;
        writeln!(out, "{:width$}    player  [{}] {}", "", call.player, decision.player_sees().unwrap_or("-"))?;
    }
    let alerts = server.alerts.raised();
    writeln!(out, "\naccess token refreshes: {}; alerts raised: {}", server.session.refreshes, alerts.len())?;
    for (n, alert) in alerts.iter().enumerate() {
        writeln!(out, "  #{} {:<8}  {}", n + 1, alert.kind, alert.detail)?;
        if let Some(said) = &alert.server_said {
            writeln!(out, "     {:<8}  server said: {said}", "")?;
        }
        if let Some(rid) = &alert.rid {
            writeln!(out, "     {:<8}  WeChat rid: {rid}", "")?;
        }
    }
    Ok(())
}
