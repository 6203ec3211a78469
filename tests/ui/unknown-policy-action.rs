msdk_codes_core::msdk_errors!(layers = [access], policy = { access::FrequencyLimit = retyr, logical::Success = retry });

fn main() {}
