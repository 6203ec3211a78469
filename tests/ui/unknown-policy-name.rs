msdk_codes_core::msdk_errors!(layers = [access], policy = { access::FrequencyLimt = retry });

fn main() {}
