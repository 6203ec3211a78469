//! What the catalog says about one known error of any expansion, for code generic over expansions:
//! a test kit that writes the body MSDK sends for each code of a team's subset.

use core::fmt;

use crate::storage::{CodeTable, Index};
use crate::table::LayerEnum;
use crate::{Action, Channel, Locale, MsdkErrorEnum};

/// A known error of an expansion with its row of the catalog: its layer, the channel that carries
/// its codes, every code, its name, action and messages, and the `msg_contains` words that pick
/// it. Get one from [`MsdkErrorEnum::entry`](crate::MsdkErrorEnum::entry), or every one of an
/// expansion from [`MsdkErrorEnum::entries`](crate::MsdkErrorEnum::entries).
///
/// ```
/// msdk_codes_core::msdk_errors!(layers = [qq_platform, share_qq]);
///
/// use msdk_codes_core::{Action, Channel, Locale, MsdkErrorEnum, Response};
///
/// let heart = MsdkError::from(ShareQqError::HeartRecipientNotFriend).entry().unwrap();
/// assert_eq!((heart.layer(), heart.layer_id(), heart.channel()), (Layer::ShareQq, "share_qq", Channel::Qq));
/// assert_eq!((heart.codes(), heart.name(), heart.action()), (&[100030][..], "HeartRecipientNotFriend", Action::UserLimit));
/// assert_eq!(heart.msg_contains(), ["is_friend is 0"]);
/// assert_eq!(heart.error(), MsdkError::ShareQq(ShareQqError::HeartRecipientNotFriend));
/// assert_eq!(heart.message(Locale::En), ShareQqError::HeartRecipientNotFriend.message(Locale::En));
///
/// // The other meaning of 100030 has no words that pick it.
/// let login = MsdkError::from(QqPlatformError::UserAuthorizationMissing).entry().unwrap();
/// assert_eq!((login.codes(), login.msg_contains()), (&[100030][..], &[][..]));
///
/// // Every known error, in the order of `MsdkError::all()`.
/// assert!(MsdkError::entries().map(|entry| entry.error()).eq(MsdkError::all()));
///
/// // An unknown code has no row; it is kept whole.
/// let unknown = MsdkError::decode(&Response::new(-10000, "229999, share service upgraded")).unwrap();
/// assert_eq!(unknown.entry(), None);
/// assert_eq!(unknown.unknown_code().map(|unknown| unknown.code()), Some(229999));
/// assert_eq!(heart.error().unknown_code(), None);
/// ```
pub struct Entry<E: MsdkErrorEnum> {
    layer: E::Layer,
    entry: Index,
}

impl<E: MsdkErrorEnum> Entry<E> {
    /// The entry of `error`; `None` for an unknown code.
    pub(crate) fn of(error: &E) -> Option<Entry<E>> {
        error.known().map(|(layer, entry)| Entry { layer, entry })
    }

    /// Every entry of the expansion, layer by layer in the data's order.
    pub(crate) fn every() -> impl Iterator<Item = Entry<E>> {
        E::Layer::ALL.iter().flat_map(|&layer| {
            (0..E::Layer::TABLE.codes[layer.index()].codes.len()).map(move |entry| Entry { layer, entry })
        })
    }

    fn table(&self) -> &'static CodeTable {
        E::Layer::TABLE.codes[self.layer.index()]
    }

    /// The error this entry is.
    pub fn error(&self) -> E {
        E::from_known(self.layer, self.entry)
    }

    /// The entry's layer: the one to give `decode_in` for the API whose table it is.
    pub fn layer(&self) -> E::Layer {
        self.layer
    }

    /// The layer's id (`"share_qq"`).
    pub fn layer_id(&self) -> &'static str {
        E::Layer::TABLE.ids[self.layer.index()]
    }

    /// How a response carries the layer's codes.
    pub fn channel(&self) -> Channel {
        E::Layer::TABLE.channels[self.layer.index()]
    }

    /// Every code of the entry, the one `code()` returns first.
    pub fn codes(&self) -> &'static [i32] {
        self.table().codes_of(self.entry)
    }

    /// The variant name (`"HeartRecipientNotFriend"`).
    pub fn name(&self) -> &'static str {
        self.table().name(self.entry)
    }

    /// The action, after the expansion's policy.
    pub fn action(&self) -> Action {
        self.table().actions[self.entry]
    }

    /// The description in `locale` (the expansion's `Display` locale's when `locale` is not
    /// compiled in).
    pub fn message(&self, locale: Locale) -> &'static str {
        self.table().message(self.entry, locale)
    }

    /// The words of a server's `msg` that pick this entry over another table's entry of the same
    /// code (the data's `msg_contains`); empty when the data gives none.
    pub fn msg_contains(&self) -> &'static [&'static str] {
        let index = self.layer.index();
        let codes = self.codes();
        E::Layer::TABLE
            .marked
            .iter()
            .find(|marked| usize::from(marked.layer) == index && marked.codes == codes)
            .map_or(&[], |marked| marked.texts)
    }
}

impl<E: MsdkErrorEnum> Clone for Entry<E> {
    fn clone(&self) -> Entry<E> {
        *self
    }
}

impl<E: MsdkErrorEnum> Copy for Entry<E> {}

impl<E: MsdkErrorEnum> PartialEq for Entry<E> {
    fn eq(&self, other: &Entry<E>) -> bool {
        self.layer == other.layer && self.entry == other.entry
    }
}

impl<E: MsdkErrorEnum> Eq for Entry<E> {}

impl<E: MsdkErrorEnum> fmt::Debug for Entry<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}::{}", self.layer_id(), self.name())
    }
}
