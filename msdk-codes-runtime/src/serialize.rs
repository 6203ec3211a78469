//! `Serialize` for structured logs (feature `serde`): an error as its layer, code, name, action,
//! err_type and message; an unknown code with everything the server sent.

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::table::{ErrorEnum, LayerEnum, Parts};
use crate::{KnownIn, UnknownCode};

/// `{"ret", "code", "platform_code", "layer", "known_in", "range", "msg", "err_type"}`: `layer`
/// is the id of the first table searched, `known_in` who knows the code, `range` the name of the
/// documented range `ret` falls in, `err_type` the number the server sent; each is `null` when
/// absent.
// Gated as its module is: the attribute marks the impl with its feature in re-exporting docs.
#[cfg(feature = "serde")]
impl Serialize for UnknownCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("UnknownCode", 8)?;
        out.serialize_field("ret", &self.ret())?;
        out.serialize_field("code", &self.code())?;
        out.serialize_field("platform_code", &self.platform_code())?;
        out.serialize_field("layer", &self.layer())?;
        out.serialize_field("known_in", &self.known_in())?;
        out.serialize_field("range", &self.range().map(|range| range.name))?;
        out.serialize_field("msg", self.msg())?;
        out.serialize_field("err_type", &self.err_type_sent())?;
        out.end()
    }
}

/// A generated `Layer`, as its id.
pub fn serialize_layer<L: LayerEnum, S: Serializer>(layer: L, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(L::TABLE.ids[layer.index()])
}

/// A generated `MsdkError`: `{"layer", "code", "name", "action", "err_type", "message"}`, the
/// message in the expansion's `Display` locale; an unknown code has `"layer": null`, its `msg` as
/// the message, and `"unknown"` with everything the server sent.
pub fn serialize_error<E: ErrorEnum, S: Serializer>(err: &E, serializer: S) -> Result<S::Ok, S::Error> {
    let layers = E::Layer::TABLE;
    let (layer, unknown) = match err.parts() {
        Parts::Known(layer, _) => (Some(layers.ids[layer.index()]), None),
        Parts::Unknown(unknown) => (None, Some(unknown)),
    };
    let mut out = serializer.serialize_struct("MsdkError", 6 + usize::from(unknown.is_some()))?;
    out.serialize_field("layer", &layer)?;
    out.serialize_field("code", &crate::table::code(err))?;
    out.serialize_field("name", crate::table::name(err))?;
    out.serialize_field("action", &crate::table::action(err))?;
    out.serialize_field("err_type", &crate::table::err_type(err))?;
    out.serialize_field("message", crate::table::message(err, layers.display))?;
    if let Some(unknown) = unknown {
        out.serialize_field("unknown", unknown)?;
    }
    out.end()
}

/// `{"layer": "share_qq", "reach": "decode_in"}`, or `"reach": "layers"` for a layer that
/// `layers = [...]` left out, or `"reach": "other_channel"` for a layer that has the code on
/// another channel.
// Gated as its module is: the attribute marks the impl with its feature in re-exporting docs.
#[cfg(feature = "serde")]
impl Serialize for KnownIn {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let reach = match self {
            KnownIn::Via(_) => "decode_in",
            KnownIn::LeftOut(_) => "layers",
            KnownIn::OtherChannel(..) => "other_channel",
        };
        let mut out = serializer.serialize_struct("KnownIn", 2)?;
        out.serialize_field("layer", self.layer())?;
        out.serialize_field("reach", reach)?;
        out.end()
    }
}
