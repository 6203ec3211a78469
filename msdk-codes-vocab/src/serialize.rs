//! `Serialize` for the vocabulary, each as the word the data files and the server use.

use serde::{Serialize, Serializer};

use crate::{Action, Channel, ErrType, Locale};

/// As its tag: `"zh"`.
// Gated as its module is: the attribute marks the impl with its feature in re-exporting docs.
#[cfg(feature = "serde")]
impl Serialize for Locale {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.tag())
    }
}

/// As its id: `"refresh_token"`.
// Gated as its module is: the attribute marks the impl with its feature in re-exporting docs.
#[cfg(feature = "serde")]
impl Serialize for Action {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// As the number the server sends: `3`.
// Gated as its module is: the attribute marks the impl with its feature in re-exporting docs.
#[cfg(feature = "serde")]
impl Serialize for ErrType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i32(self.code())
    }
}

/// As its id: `"wechat"`.
// Gated as its module is: the attribute marks the impl with its feature in re-exporting docs.
#[cfg(feature = "serde")]
impl Serialize for Channel {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}
