msdk_codes_core::msdk_errors!(layers = [acess, logical, no_such_layer]);

fn main() {}
