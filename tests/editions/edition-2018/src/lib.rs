//! `msdk_errors!` in an edition-2018 crate.

#![deny(warnings)]

include!("hygiene.rs");

#[cfg(test)]
mod tests {
    #[test]
    fn the_expansion_behaves_as_in_every_edition() {
        crate::check();
    }
}
