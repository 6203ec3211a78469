//! The macro (msdk-codes-gen) and the runtime (msdk-codes-core) each define the closed sets of
//! locales, actions and channels: the macro cannot depend on the runtime crate, which depends on
//! it. Generated code names the runtime's variants by the macro's names, so the two lists must
//! agree, in the same order.

use msdk_codes_core as core_types;
use msdk_codes_gen::model as gen_types;

#[test]
fn locales_agree() {
    let runtime: Vec<&str> = core_types::Locale::ALL.iter().map(|l| l.tag()).collect();
    let macro_side: Vec<&str> = gen_types::Locale::ALL.iter().map(|l| l.tag()).collect();
    assert_eq!(runtime, macro_side);
    for locale in gen_types::Locale::ALL {
        assert_eq!(format!("{:?}", locale.tag().parse::<core_types::Locale>().unwrap()), locale.variant());
    }
}

#[test]
fn actions_agree() {
    let runtime: Vec<&str> = core_types::Action::ALL.iter().map(|a| a.id()).collect();
    let macro_side: Vec<&str> = gen_types::Action::ALL.iter().map(|a| a.id()).collect();
    assert_eq!(runtime, macro_side);
    for action in gen_types::Action::ALL {
        assert_eq!(format!("{:?}", action.id().parse::<core_types::Action>().unwrap()), action.variant());
    }
}

#[test]
fn channels_agree() {
    let runtime =
        [core_types::Channel::Ret, core_types::Channel::Qq, core_types::Channel::Wechat, core_types::Channel::Oidb];
    assert_eq!(runtime.len(), gen_types::Channel::ALL.len());
    for (runtime, macro_side) in runtime.iter().zip(gen_types::Channel::ALL) {
        assert_eq!(runtime.id(), macro_side.id());
        assert_eq!(format!("{runtime:?}"), macro_side.variant());
    }
}
