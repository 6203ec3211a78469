// A misspelled layer with a close match is one error; the rest of the expansion is the one the
// user meant, so the policy naming it and the handler implementing its actions report nothing.
msdk_codes_core::msdk_errors!(
    layers = [access, wechat_platfrom, wechat_group],
    locales = ["en"],
    policy = { wechat_platform::SystemError = retry },
);

struct Team;

impl Handler for Team {
    type Output = ();
    fn unknown(&mut self, _: &MsdkError) {}
    fn ignore(&mut self, _: &MsdkError) {}
    fn retry(&mut self, _: &MsdkError) {}
    fn backoff(&mut self, _: &MsdkError) {}
    fn reauthorize(&mut self, _: &MsdkError) {}
    fn refresh_token(&mut self, _: &MsdkError) {}
    fn fix_request(&mut self, _: &MsdkError) {}
    fn fix_config(&mut self, _: &MsdkError) {}
    fn user_limit(&mut self, _: &MsdkError) {}
    fn contact_support(&mut self, _: &MsdkError) {}
}

fn main() {}
