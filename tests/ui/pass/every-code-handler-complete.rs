// A complete `every_code` handler compiles: every code of the subset has its method.
msdk_codes_core::msdk_errors!(layers = [apple_login], locales = ["en"], handling = "every_code");

struct Team;

impl Handler for Team {
    type Output = &'static str;
    fn unknown(&mut self, _: &MsdkError) -> &'static str {
        "alert"
    }
    fn apple_login_client_secret_config_error(&mut self, _: &MsdkError) -> &'static str {
        "fix the Apple channel configuration"
    }
    fn apple_login_body_parameter_invalid(&mut self, _: &MsdkError) -> &'static str {
        "fix the request"
    }
    fn apple_login_http_status_unexpected(&mut self, _: &MsdkError) -> &'static str {
        "check the bundle id"
    }
    fn apple_login_read_token_failed(&mut self, _: &MsdkError) -> &'static str {
        "check the environment"
    }
    fn apple_login_token_verification_failed(&mut self, _: &MsdkError) -> &'static str {
        "check the environment"
    }
}

fn main() {
    let err = MsdkError::from(AppleLoginError::from_code(-3006).unwrap());
    assert_eq!(err.handle(&mut Team), "fix the request");
}
