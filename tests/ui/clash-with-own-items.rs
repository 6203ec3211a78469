// Items of the module that share a generated item's name: one error at each, and the rest of
// the expansion is still there.
#[msdk_codes_core::msdk_codes(layers = [access], locales = ["en"])]
mod team {
    pub enum Layer {
        Mine,
    }

    pub struct Handler;

    pub type AccessError = u8;
}

fn main() {
    let _ = team::MsdkError::from_code;
    let _ = team::Layer::Mine;
}
