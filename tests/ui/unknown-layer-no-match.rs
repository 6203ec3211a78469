// A layer with no close match is one error; the expansion goes on without it, so the policy
// naming it and the handler implementing its actions report nothing more.
msdk_codes_core::msdk_errors!(layers = [access, payments], locales = ["en"], policy = { payments::Declined = retry });

struct Team;

impl Handler for Team {
    type Output = ();
    fn unknown(&mut self, _: &MsdkError) {}
    fn ignore(&mut self, _: &MsdkError) {}
    fn retry(&mut self, _: &MsdkError) {}
    fn backoff(&mut self, _: &MsdkError) {}
    fn fix_request(&mut self, _: &MsdkError) {}
    fn fix_config(&mut self, _: &MsdkError) {}
    fn contact_support(&mut self, _: &MsdkError) {}
    // The action the team expected of the misspelled layer's codes.
    fn user_limit(&mut self, _: &MsdkError) {}
}

fn main() {}
