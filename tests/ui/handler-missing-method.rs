// With handling = "every_code", each code is a required method: the compiler names each one
// the team has not handled.
msdk_codes_core::msdk_errors!(layers = [apple_login], locales = ["en"], handling = "every_code");

struct Team;

impl Handler for Team {
    type Output = ();
    fn unknown(&mut self, _: &MsdkError) {}
    fn apple_login_client_secret_config_error(&mut self, _: &MsdkError) {}
    fn apple_login_body_parameter_invalid(&mut self, _: &MsdkError) {}
    fn apple_login_http_status_unexpected(&mut self, _: &MsdkError) {}
}

fn main() {}
