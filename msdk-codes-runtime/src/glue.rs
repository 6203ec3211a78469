//! The items every expansion has, written once: `msdk_errors!` emits the data of its enums and
//! calls these macros to give them their methods and trait impls. Each method is a line that
//! calls the generic code of `table`, so what runs is this crate's code, tested here.
//!
//! Every path is absolute and every local is prefixed `__`, so the user's items (a `const code`,
//! a `struct Option`, a module under `#![no_implicit_prelude]`) change nothing.
//!
//! Every method is `#[inline]`. A crate compiles a non-generic function it defines whether or not
//! anything calls it, and an expansion of the full catalog defines some 200 of these one-line
//! methods (its 17 code enums, `Layer`, `MsdkError`); an `#[inline]` one is compiled only where it
//! is called, which keeps the expanding crate's build small (benches/README.md), and a call is
//! still one call into the generic code.

/// The first item of an expansion: a hidden module named after the rule that a module holds one
/// expansion, holding the macro that the expansion's items go through, `__items!`, which lets
/// through only the items of its own expansion (`$id`, the expansion's place in the source).
///
/// The expansion calls `one_msdk_expansion_per_module::__items!`, which resolves to the first
/// module of that name in the caller's module or block. A second expansion there defines the
/// module again, which is rustc's error about the name, and its call reaches the first
/// expansion's macro, which turns its items into one error that says what to do: two errors in
/// all, where every generated item and impl defined twice would be an error of its own.
///
/// The macro and its re-export are written here, in an edition-2024 crate, so that the `use` is
/// read as the 2018 and later editions read paths, relative to the module, whatever the
/// caller's edition. `$d` is a `$`, which a macro cannot write into the macro it defines.
#[doc(hidden)]
#[macro_export]
macro_rules! __one_per_module {
    ($d:tt $id:ident) => {
        #[doc(hidden)]
        #[allow(unused_macros, unused_imports, dead_code)]
        mod one_msdk_expansion_per_module {
            macro_rules! __items {
                ($id; $d($d item:tt)*) => { $d($d item)* };
                ($d($d item:tt)*) => {
                    $crate::__private::compile_error! {
                        "a module holds one expansion of msdk-codes, and this module has one already: \
                         each would define `Layer`, `MsdkError` and `Handler` in it; give each subset a module of its own"
                    }
                };
            }
            pub(crate) use __items;
            // The crate, for the paths of the expansion: `one_msdk_expansion_per_module::__msdk_codes_core`.
            pub(crate) use $crate as __msdk_codes_core;
        }
    };
}

/// The imports of the block that holds an expansion's tables: the runtime's private items as
/// `__m`, and the actions by name. Written here, so that `$crate` reaches this crate and the
/// paths read the same in every edition: the expansion reaches the crate through a module of the
/// caller's, which a 2015-edition `use` could not name from inside a block.
#[doc(hidden)]
#[macro_export]
macro_rules! __table_imports {
    () => {
        #[allow(unused_imports)]
        use $crate::__private as __m;
        #[allow(unused_imports)]
        use $crate::__private::Action::*;
    };
}

/// Re-exports the items of an expansion from the module that holds them
/// (`one_msdk_expansion_per_module`, which the expansion writes beside this call) into the
/// caller's module, and checks that each name the caller sees is the generated item. Only
/// `#[msdk_codes]` writes its items into a module of their own, and only where the module's own
/// items have the names of generated ones (an error at each, from the macro): the generated items
/// then see only each other, and the user's items keep their names, so that nothing else fails.
///
/// The re-export is a glob, which gives way to the user's items of the same names. The check
/// turns a glob import of the user's that brings one of the names every expansion has into one
/// error at the attribute that names the item (`types` are `Layer` and `MsdkError`, `traits` is
/// `Handler`, whose check rejects a type of that name).
///
/// The path is written here, in an edition-2024 crate, so that it is read as the 2018 and later
/// editions read paths, relative to the caller's scope, whatever the caller's edition.
#[doc(hidden)]
#[macro_export]
macro_rules! __reexport {
    (types: [$($ty:ident),* $(,)?], traits: [$($tr:ident),* $(,)?]) => {
        #[allow(unused_imports)]
        pub use one_msdk_expansion_per_module::*;
        #[allow(dead_code)]
        const _: () = {
            fn __generated<__T: $crate::__private::Generated>() {}
            $(let _ = __generated::<$ty>;)*
        };
        $(
            #[allow(dead_code)]
            const _: () = {
                fn __generated_trait<__T: ?$crate::__private::Sized + $tr>() {}
            };
        )*
    };
}

/// A code enum (`AccessError`) with its derives, inherent methods and trait impls; the
/// expansion writes its variants and its `Code` impl.
#[doc(hidden)]
#[macro_export]
macro_rules! __code_enum {
    ($Layer:ident :: $Variant:ident, $MsdkError:ident, $(#[$attr:meta])* pub enum $Enum:ident { $($body:tt)* }) => {
        $(#[$attr])*
        #[derive($crate::__private::Clone, $crate::__private::Copy, $crate::__private::Debug, $crate::__private::PartialEq, $crate::__private::Eq, $crate::__private::PartialOrd, $crate::__private::Ord, $crate::__private::Hash)]
        #[allow(dead_code)]
        pub enum $Enum { $($body)* }

        #[allow(dead_code)]
        impl $Enum {
            /// Every code of the layer, in the data's order.
            pub const ALL: &'static [$Enum] = <$Enum as $crate::Code>::ALL;
            /// The layer these codes belong to.
            pub const LAYER: $Layer = $Layer::$Variant;

            /// The code (the first, when the documents give one meaning to several codes).
            #[inline]
            pub const fn code(self) -> ::core::primitive::i32 {
                <$Enum as $crate::Code>::__TABLE.code(self as ::core::primitive::usize)
            }

            /// Every code of the entry, `code()` first: the documents give some rows several
            /// codes (`-500003~-500009`, OIDB's signed and unsigned forms).
            #[inline]
            pub fn codes(self) -> &'static [::core::primitive::i32] {
                <$Enum as $crate::Code>::codes(self)
            }

            /// The entry that `code` belongs to, if this layer has it.
            #[inline]
            #[must_use]
            pub const fn from_code(__code: ::core::primitive::i32) -> ::core::option::Option<$Enum> {
                match <$Enum as $crate::Code>::__TABLE.entry_of(__code) {
                    ::core::option::Option::Some(__entry) => {
                        ::core::option::Option::Some(<$Enum as $crate::Code>::ALL[__entry])
                    }
                    ::core::option::Option::None => ::core::option::Option::None,
                }
            }

            /// The entry whose variant name is `name`, such as `"AppidNoPermission"`.
            #[must_use]
            #[inline]
            pub fn from_name(__name: &::core::primitive::str) -> ::core::option::Option<$Enum> {
                <$Enum as $crate::Code>::from_name(__name)
            }

            /// The variant name, such as `"AppidNoPermission"`.
            #[inline]
            pub fn name(self) -> &'static ::core::primitive::str {
                <$Enum as $crate::Code>::name(self)
            }

            /// What to do about this code (after this expansion's `policy`).
            #[inline]
            pub fn action(self) -> $crate::Action {
                <$Enum as $crate::Code>::action(self)
            }

            /// The err_type the MSDK access layer would report for this action.
            #[inline]
            pub fn err_type(self) -> $crate::ErrType {
                <$Enum as $crate::Code>::err_type(self)
            }

            /// The documents' description of the code, in `locale`.
            #[inline]
            pub fn message(self, __locale: $crate::Locale) -> &'static ::core::primitive::str {
                <$Enum as $crate::Code>::message(self, __locale)
            }

            /// The documents' recommended handling, in `locale`, where they give one.
            #[inline]
            pub fn advice(self, __locale: $crate::Locale) -> ::core::option::Option<&'static ::core::primitive::str> {
                <$Enum as $crate::Code>::advice(self, __locale)
            }

            /// What the catalog notes about this code (the FAQ's word on it, or why its action
            /// departs from the documents' advice), where it notes something.
            #[inline]
            pub fn note(self, __locale: $crate::Locale) -> ::core::option::Option<&'static ::core::primitive::str> {
                <$Enum as $crate::Code>::note(self, __locale)
            }
        }

        #[automatically_derived]
        impl ::core::fmt::Display for $Enum {
            #[inline]
            fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                __f.write_str(<$Enum as $crate::Code>::__TABLE.display(*self as ::core::primitive::usize))
            }
        }

        #[automatically_derived]
        impl ::core::error::Error for $Enum {}

        #[automatically_derived]
        impl ::core::convert::TryFrom<::core::primitive::i32> for $Enum {
            type Error = $crate::CodeNotFound;
            #[inline]
            fn try_from(__code: ::core::primitive::i32) -> ::core::result::Result<$Enum, $crate::CodeNotFound> {
                $crate::__private::try_from_code(__code)
            }
        }

        #[automatically_derived]
        impl ::core::convert::From<$Enum> for $MsdkError {
            #[inline]
            fn from(__code: $Enum) -> $MsdkError {
                $MsdkError::$Variant(__code)
            }
        }
    };
}

/// An expansion's `Layer` with its derives, inherent methods and trait impls; the expansion
/// writes its variants and its `LayerEnum` impl.
#[doc(hidden)]
#[macro_export]
macro_rules! __layer_enum {
    ($(#[$attr:meta])* pub enum $Layer:ident { $($body:tt)* }) => {
        $(#[$attr])*
        #[derive($crate::__private::Clone, $crate::__private::Copy, $crate::__private::Debug, $crate::__private::PartialEq, $crate::__private::Eq, $crate::__private::PartialOrd, $crate::__private::Ord, $crate::__private::Hash)]
        #[allow(dead_code)]
        pub enum $Layer { $($body)* }

        #[allow(dead_code)]
        impl $Layer {
            /// Every layer of this expansion, in the data's order.
            pub const ALL: &'static [$Layer] = <$Layer as $crate::__private::LayerEnum>::ALL;
            /// The ids of `ALL`, as written in `layers = [...]` and in data files.
            pub const IDS: &'static [&'static ::core::primitive::str] =
                <$Layer as $crate::__private::LayerEnum>::TABLE.ids;

            /// The layer id, such as `"access"`.
            #[inline]
            pub fn id(self) -> &'static ::core::primitive::str {
                <$Layer as $crate::__private::LayerEnum>::TABLE.ids[self as ::core::primitive::usize]
            }

            /// The layer's title in `locale`.
            #[inline]
            pub fn title(self, __locale: $crate::Locale) -> &'static ::core::primitive::str {
                <$Layer as $crate::__private::LayerEnum>::TABLE.title(self as ::core::primitive::usize, __locale)
            }

            /// How responses carry this layer's codes.
            #[inline]
            pub fn channel(self) -> $crate::Channel {
                <$Layer as $crate::__private::LayerEnum>::TABLE.channels[self as ::core::primitive::usize]
            }

            /// The layer with this id.
            #[must_use]
            #[inline]
            pub fn from_id(__id: &::core::primitive::str) -> ::core::option::Option<$Layer> {
                ::core::result::Result::ok($crate::__private::layer_from_id(__id))
            }
        }

        #[automatically_derived]
        impl ::core::fmt::Display for $Layer {
            #[inline]
            fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                let __table = <$Layer as $crate::__private::LayerEnum>::TABLE;
                __f.write_str(__table.title(*self as ::core::primitive::usize, __table.display))
            }
        }

        #[automatically_derived]
        impl $crate::__private::Generated for $Layer {}

        #[automatically_derived]
        impl ::core::str::FromStr for $Layer {
            type Err = $crate::UnknownLayer;
            #[inline]
            fn from_str(__id: &::core::primitive::str) -> ::core::result::Result<$Layer, $crate::UnknownLayer> {
                $crate::__private::layer_from_id(__id)
            }
        }
    };
}

/// An expansion's `MsdkError` with its derives, inherent methods and trait impls; the expansion
/// writes its variants and its `ErrorEnum` impl.
#[doc(hidden)]
#[macro_export]
macro_rules! __msdk_error {
    ($Layer:ident, $(#[$attr:meta])* pub enum $MsdkError:ident { $($body:tt)* }) => {
        $(#[$attr])*
        #[derive($crate::__private::Clone, $crate::__private::Debug, $crate::__private::PartialEq, $crate::__private::Eq, $crate::__private::Hash)]
        #[allow(dead_code)]
        pub enum $MsdkError { $($body)* }

        #[allow(dead_code)]
        impl $MsdkError {
            /// The layer of a known code; `None` for `Unknown`.
            #[inline]
            pub fn layer(&self) -> ::core::option::Option<$Layer> {
                ::core::option::Option::map($crate::__private::ErrorEnum::known(self), |(__layer, _)| __layer)
            }

            /// The code: the entry's, or for `Unknown` the platform code if the server sent one,
            /// else `ret`.
            #[inline]
            pub fn code(&self) -> ::core::primitive::i32 {
                $crate::__private::code(self)
            }

            /// Every code of the entry, `code()` first; empty for `Unknown`.
            #[inline]
            pub fn codes(&self) -> &'static [::core::primitive::i32] {
                $crate::__private::codes(self)
            }

            /// The entry's name, such as `"AppidNoPermission"`; `"Unknown"` for an unknown code.
            #[inline]
            pub fn name(&self) -> &'static ::core::primitive::str {
                $crate::__private::name(self)
            }

            /// What to do; an unknown code asks for `ContactSupport`.
            #[inline]
            pub fn action(&self) -> $crate::Action {
                $crate::__private::action(self)
            }

            /// The err_type of the action; for `Unknown`, the one the server sent, if any.
            #[inline]
            pub fn err_type(&self) -> $crate::ErrType {
                $crate::__private::err_type(self)
            }

            /// The err_type that applies to `response`, which this error was decoded from: the
            /// server's, when it sent a documented one, wins over the one of the action.
            #[inline]
            pub fn err_type_in(&self, __response: &$crate::Response) -> $crate::ErrType {
                $crate::__private::err_type_in(self, __response)
            }

            /// The description in `locale`; for `Unknown`, the server's own `msg`.
            #[inline]
            pub fn message(&self, __locale: $crate::Locale) -> &::core::primitive::str {
                $crate::__private::message(self, __locale)
            }

            /// The recommended handling in `locale`, where the documents give one.
            #[inline]
            pub fn advice(&self, __locale: $crate::Locale) -> ::core::option::Option<&'static ::core::primitive::str> {
                $crate::__private::advice(self, __locale)
            }

            /// What the catalog notes about the code, where it notes something.
            #[inline]
            pub fn note(&self, __locale: $crate::Locale) -> ::core::option::Option<&'static ::core::primitive::str> {
                $crate::__private::note(self, __locale)
            }

            /// The known code `code` of `layer`.
            #[inline]
            #[must_use]
            pub fn from_code(__layer: $Layer, __code: ::core::primitive::i32) -> ::core::option::Option<$MsdkError> {
                $crate::__private::from_code(__layer, __code)
            }

            /// Every known error of this expansion, layer by layer in the data's order.
            #[must_use]
            #[inline]
            pub fn all() -> impl ::core::iter::Iterator<Item = $MsdkError> {
                $crate::__private::all()
            }

            /// Decodes a response: `None` when `ret` is 0 (success). An entry whose
            /// `msg_contains` words are in `msg` wins first; then platform codes passed through
            /// with ret -10000 / -20000 are looked up in `qq_platform` / `wechat_platform`, OIDB
            /// codes by the command `msg` names, others in `access` then `logical`; then the
            /// team's own layers of the channel. A code no searched layer knows is `Unknown`,
            /// kept whole, and says which layer knows it, if one does. The rules in full: the
            /// crate documentation of msdk-codes-core, "Where the code is".
            #[must_use]
            #[inline]
            pub fn decode(__response: &$crate::Response) -> ::core::option::Option<$MsdkError> {
                $crate::__private::decode(__response, ::core::option::Option::None)
            }

            /// Like [`Self::decode`], for a response of the API whose platform codes belong to
            /// `via` (`share_qq` for /share/qq, `qq_group` for the group APIs, ...), searched
            /// before the platform's general table.
            #[must_use]
            #[inline]
            pub fn decode_in(__response: &$crate::Response, __via: $Layer) -> ::core::option::Option<$MsdkError> {
                $crate::__private::decode(__response, ::core::option::Option::Some(__via))
            }

            /// [`Self::decode`] taking the response: an unknown code keeps its `msg` without
            /// copying it.
            #[must_use]
            #[inline]
            pub fn from_response(__response: $crate::Response) -> ::core::option::Option<$MsdkError> {
                $crate::__private::decode(__response, ::core::option::Option::None)
            }

            /// [`Self::decode_in`] taking the response: an unknown code keeps its `msg` without
            /// copying it.
            #[must_use]
            #[inline]
            pub fn from_response_in(__response: $crate::Response, __via: $Layer) -> ::core::option::Option<$MsdkError> {
                $crate::__private::decode(__response, ::core::option::Option::Some(__via))
            }

            /// The documented ranges (such as logical's "-100 to -999: system errors") of the
            /// selected layers.
            #[inline]
            pub fn ranges() -> &'static [$crate::CodeRange] {
                <$Layer as $crate::__private::LayerEnum>::TABLE.ranges
            }
        }

        #[automatically_derived]
        impl ::core::fmt::Display for $MsdkError {
            #[inline]
            fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::__private::fmt_error(self, __f)
            }
        }

        #[automatically_derived]
        impl ::core::error::Error for $MsdkError {}

        #[automatically_derived]
        impl $crate::__private::Generated for $MsdkError {}

        $crate::__json_entry_points!($MsdkError, $Layer);
        $crate::__serde_impls!($MsdkError, $Layer);
    };
}

/// `MsdkError::from_json` and `from_json_in`, which exist only when this crate has its `json`
/// feature: the expansion's own feature-independent code calls this macro, and which of the
/// two definitions it gets follows the feature.
#[cfg(feature = "json")]
#[doc(hidden)]
#[macro_export]
macro_rules! __json_entry_points {
    ($MsdkError:ident, $Layer:ident) => {
        #[allow(dead_code)]
        impl $MsdkError {
            /// Reads a JSON body and decodes it: `Response::from_json` then
            /// [`Self::from_response`], with the same answers and errors, without building the
            /// `Response`: `msg` is copied only into an unknown code, so a known code allocates
            /// nothing.
            #[inline]
            pub fn from_json(
                __body: &[::core::primitive::u8],
            ) -> ::core::result::Result<::core::option::Option<$MsdkError>, $crate::DecodeError> {
                $crate::__private::decode_json(__body, ::core::option::Option::None)
            }

            /// [`Self::from_json`] for a response of the API whose platform codes belong to
            /// `via`, as [`Self::decode_in`].
            #[inline]
            pub fn from_json_in(
                __body: &[::core::primitive::u8],
                __via: $Layer,
            ) -> ::core::result::Result<::core::option::Option<$MsdkError>, $crate::DecodeError> {
                $crate::__private::decode_json(__body, ::core::option::Option::Some(__via))
            }
        }
    };
}

/// Without the `json` feature there is no JSON to read.
#[cfg(not(feature = "json"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __json_entry_points {
    ($MsdkError:ident, $Layer:ident) => {};
}

/// `Serialize` for an expansion's `MsdkError` and `Layer`, when this crate has its `serde`
/// feature.
#[cfg(feature = "serde")]
#[doc(hidden)]
#[macro_export]
macro_rules! __serde_impls {
    ($MsdkError:ident, $Layer:ident) => {
        #[automatically_derived]
        impl $crate::__private::serde::Serialize for $MsdkError {
            #[inline]
            fn serialize<__S: $crate::__private::serde::Serializer>(
                &self,
                __serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                $crate::__private::serialize_error(self, __serializer)
            }
        }

        #[automatically_derived]
        impl $crate::__private::serde::Serialize for $Layer {
            #[inline]
            fn serialize<__S: $crate::__private::serde::Serializer>(
                &self,
                __serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                $crate::__private::serialize_layer(*self, __serializer)
            }
        }
    };
}

/// Without the `serde` feature nothing is serialized.
#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __serde_impls {
    ($MsdkError:ident, $Layer:ident) => {};
}
