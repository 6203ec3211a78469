// With handling = "by_action" (the default), each action that occurs in the subset is required.
msdk_codes_core::msdk_errors!(layers = [apple_login], locales = ["en"]);

struct Team;

impl Handler for Team {
    type Output = ();
    fn unknown(&mut self, _: &MsdkError) {}
}

fn main() {}
