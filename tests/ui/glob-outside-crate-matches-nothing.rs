// A data path may leave the crate, as `include_str!`'s may; this one finds no folder there.
msdk_codes_core::msdk_errors!("../no-such-data/*.toml");

fn main() {
    let _ = Layer::ALL;
}
