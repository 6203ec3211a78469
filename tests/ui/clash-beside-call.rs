// The function form cannot see the module around it. An item of the module with the name of a
// generated item is rustc's error that the name is defined twice, at the call, naming the item;
// the generated code that meets that item under the name adds errors of its own.
mod team {
    pub struct MsdkError;

    msdk_codes_core::msdk_errors!(layers = [access], locales = ["en"]);
}

// A name that a glob import brings gives way to the generated item, as to any item of the module.
mod service {
    #[allow(unused_imports)]
    use crate::elsewhere::*;

    msdk_codes_core::msdk_errors!(layers = [access], locales = ["en"]);

    // `Handler` is the generated trait, which has `Output`.
    pub fn handles(error: &MsdkError, handler: &mut dyn Handler<Output = ()>) {
        error.handle(handler)
    }
}

mod elsewhere {
    pub trait Handler {}
}

fn main() {}
