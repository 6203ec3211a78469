// The function form cannot see the module around it: an item of the module, or a glob import,
// with the name of `Layer`, `MsdkError` or `Handler` is one error at the call, naming that item.
mod team {
    pub struct MsdkError;

    msdk_codes_core::msdk_errors!(layers = [access], locales = ["en"]);
}

mod service {
    #[allow(unused_imports)]
    use crate::elsewhere::*;

    msdk_codes_core::msdk_errors!(layers = [access], locales = ["en"]);
}

mod elsewhere {
    pub trait Handler {}
}

fn main() {}
