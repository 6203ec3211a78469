//! Each team's handler: what its server does about every code it can receive.

use msdk_codes_core::{Locale, MsdkErrorEnum, Said};

use crate::policy::{AlertKind, Alerts, Backoff, Decision, Session, log_in_again, operator_text};
use crate::teams::{pay, pay_token, social};

/// What every handler needs for one response: the player's language, where alerts go, and what
/// the server said (the response's `msg`, for the alerts).
pub struct Desk<'a> {
    pub player: Locale,
    pub alerts: &'a mut Alerts,
    pub said: Option<Said<'a>>,
}

impl Desk<'_> {
    /// Asks the player to log in again, saying why in their language.
    pub fn relogin(&self, why: &str) -> Decision {
        Decision::Relogin { prompt: log_in_again(self.player, why) }
    }

    /// Refuses, with the code's message in the player's language.
    pub fn refuse(&self, reason: &str) -> Decision {
        Decision::Refuse { reason: reason.to_owned() }
    }

    /// Raises an alert, in the operators' language, with what the server said; the player is told
    /// to try later, in theirs.
    pub fn alert(&mut self, kind: AlertKind, err: &impl MsdkErrorEnum) -> Decision {
        self.alerts.raise(kind, &operator_text(err), self.said, self.player)
    }
}

/// The payment team's handler, for `pay` (every code by hand) and `pay_token` (by action).
pub struct PayTeam<'a> {
    pub desk: Desk<'a>,
}

/// One decision for several codes: each listed method calls `self.<group>(err)`.
macro_rules! decide {
    ($($group:ident: $($method:ident),+;)+) => {
        $($(fn $method(&mut self, err: &pay::MsdkError) -> Decision {
            self.$group(err)
        })+)+
    };
}

impl pay::Handler for PayTeam<'_> {
    type Output = Decision;

    fn unknown(&mut self, err: &pay::MsdkError) -> Decision {
        self.desk.alert(AlertKind::Unknown, err)
    }

    decide! {
        done: access_internal_error_no_action, logical_query_result_empty,
            logical_whitelist_entry_exists;
        retry_soon: access_wechat_platform_timeout, access_internal_error307, access_internal_error308, access_internal_error309,
            access_internal_error310, access_internal_error312, access_internal_error601, access_internal_error701,
            access_internal_error702, access_feedback_error, access_http_parse_failed,
            logical_internal_error101, logical_internal_error102, logical_internal_error103,
            logical_internal_error104, logical_internal_error105, logical_internal_error106,
            logical_internal_error2001, logical_internal_error2002, logical_platform_response_error,
            logical_platform_body_empty, logical_platform_json_parse_failed, logical_platform_return_value_empty,
            logical_st_decode_failed, logical_a8_decode_failed, logical_qq_internal_exception,
            logical_wechat_internal_exception, logical_lbs_location_failed, logical_nearby_people_failed;
        slow_down: access_frequency_limit;
        // Guests cannot pay: tell them (the catalog calls it a request bug).
        refuse: access_guest_mode_not_allowed, logical_whitelist_full, logical_whitelist_entry_not_exist,
            logical_whitelist_entry_expired;
        bug: access_request_not_json, access_feedback_parameter_missing, access_http_body_empty,
            access_url_signature_verification_failed, access_interface_not_exist, access_url_parameter_missing,
            logical_guest_mode_execution_failed, logical_guest_mode_verification_failed, logical_input_parameter_empty,
            logical_qq_account_number_invalid, logical_qq_openid_invalid,
            logical_qq_login_mode_invalid, logical_wechat_account_number_invalid, logical_wechat_openid_invalid,
            logical_wechat_login_mode_invalid;
        // Our payment IP is not whitelisted: operations add it, as the catalog says (fix_config).
        config: access_appid_no_permission, access_appid_not_exist, access_payment_ip_not_whitelisted,
            logical_business_config_error, logical_permission_config_missing, logical_appid_invalid;
        support: access_command_word_not_exist, logical_command_not_exist, logical_qq_platform_failure,
            logical_wechat_platform_failure;
    }
}

impl PayTeam<'_> {
    fn done(&mut self, _: &pay::MsdkError) -> Decision {
        Decision::Proceed
    }

    fn retry_soon(&mut self, _: &pay::MsdkError) -> Decision {
        Backoff::TRANSIENT.decision()
    }

    fn slow_down(&mut self, _: &pay::MsdkError) -> Decision {
        Backoff::RATE_LIMITED.decision()
    }

    fn refuse(&mut self, err: &pay::MsdkError) -> Decision {
        self.desk.refuse(err.message(self.desk.player))
    }

    fn bug(&mut self, err: &pay::MsdkError) -> Decision {
        self.desk.alert(AlertKind::Bug, err)
    }

    fn config(&mut self, err: &pay::MsdkError) -> Decision {
        self.desk.alert(AlertKind::Config, err)
    }

    fn support(&mut self, err: &pay::MsdkError) -> Decision {
        self.desk.alert(AlertKind::Support, err)
    }
}

impl pay_token::Handler for PayTeam<'_> {
    type Output = Decision;

    fn unknown(&mut self, err: &pay_token::MsdkError) -> Decision {
        self.desk.alert(AlertKind::Unknown, err)
    }
    fn retry(&mut self, _: &pay_token::MsdkError) -> Decision {
        Backoff::TRANSIENT.decision()
    }
    fn backoff(&mut self, _: &pay_token::MsdkError) -> Decision {
        Backoff::RATE_LIMITED.decision()
    }
    fn reauthorize(&mut self, err: &pay_token::MsdkError) -> Decision {
        self.desk.relogin(err.message(self.desk.player))
    }
    fn user_limit(&mut self, err: &pay_token::MsdkError) -> Decision {
        self.desk.refuse(err.message(self.desk.player))
    }
    fn fix_request(&mut self, err: &pay_token::MsdkError) -> Decision {
        self.desk.alert(AlertKind::Bug, err)
    }
    fn fix_config(&mut self, err: &pay_token::MsdkError) -> Decision {
        self.desk.alert(AlertKind::Config, err)
    }
    fn contact_support(&mut self, err: &pay_token::MsdkError) -> Decision {
        self.desk.alert(AlertKind::Support, err)
    }
}

/// The social team's handler: one method per action, two codes overridden.
pub struct SocialTeam<'a> {
    pub desk: Desk<'a>,
    pub session: &'a mut Session,
}

impl social::Handler for SocialTeam<'_> {
    type Output = Decision;

    fn unknown(&mut self, err: &social::MsdkError) -> Decision {
        self.desk.alert(AlertKind::Unknown, err)
    }
    fn ignore(&mut self, _: &social::MsdkError) -> Decision {
        Decision::Proceed
    }
    fn retry(&mut self, _: &social::MsdkError) -> Decision {
        Backoff::TRANSIENT.decision()
    }
    fn backoff(&mut self, _: &social::MsdkError) -> Decision {
        Backoff::RATE_LIMITED.decision()
    }
    fn reauthorize(&mut self, err: &social::MsdkError) -> Decision {
        self.desk.relogin(err.message(self.desk.player))
    }
    fn refresh_token(&mut self, _: &social::MsdkError) -> Decision {
        self.session.refresh()
    }
    fn user_limit(&mut self, err: &social::MsdkError) -> Decision {
        self.desk.refuse(err.message(self.desk.player))
    }
    fn fix_request(&mut self, err: &social::MsdkError) -> Decision {
        self.desk.alert(AlertKind::Bug, err)
    }
    fn fix_config(&mut self, err: &social::MsdkError) -> Decision {
        self.desk.alert(AlertKind::Config, err)
    }
    fn contact_support(&mut self, err: &social::MsdkError) -> Decision {
        self.desk.alert(AlertKind::Support, err)
    }

    /// The daily limit resets tomorrow: hide the QQ share button until then.
    fn share_qq_daily_share_limit(&mut self, err: &social::MsdkError) -> Decision {
        Decision::DisableToday { feature: "QQ share", reason: err.message(self.desk.player).to_owned() }
    }

    /// The friend refuses messages: the sharer is not told (the catalog says user_limit).
    fn share_qq_user_rejected(&mut self, _: &social::MsdkError) -> Decision {
        Decision::Proceed
    }
}
