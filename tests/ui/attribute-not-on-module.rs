#[msdk_codes_core::msdk_codes(layers = [access])]
pub struct Team;

fn main() {}
