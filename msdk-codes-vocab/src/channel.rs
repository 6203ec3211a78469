use core::fmt;

/// How a response carries a layer's codes. More may come: match with a `_` arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Channel {
    /// The response's top-level `ret`.
    Ret,
    /// `ret` -10000; the Mobile QQ platform code leads `msg`.
    Qq,
    /// `ret` -20000; the WeChat platform code leads `msg`.
    Wechat,
    /// The `ret:N` inside `msg` of an OIDB failure.
    Oidb,
}

impl Channel {
    /// Every channel, in the order of data/README.md.
    pub const ALL: [Channel; 4] = [Channel::Ret, Channel::Qq, Channel::Wechat, Channel::Oidb];

    /// The id used in data files: `"ret"`, `"qq"`, `"wechat"` or `"oidb"`.
    pub const fn id(self) -> &'static str {
        match self {
            Channel::Ret => "ret",
            Channel::Qq => "qq",
            Channel::Wechat => "wechat",
            Channel::Oidb => "oidb",
        }
    }

    /// The channel whose id is `id`.
    pub fn from_id(id: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|channel| channel.id() == id)
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A table that the decoding rules of the MSDK documents name: a layer id of the bundled
/// catalog, or the layer of the API that was called (`decode_in`). An expansion maps each to
/// one of its layers, when it selected that layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    /// The `via` layer of `decode_in`.
    Via,
    /// `access`: the MSDK access layer's `ret` codes.
    Access,
    /// `logical`: the MSDK logical layer's `ret` codes.
    Logical,
    /// `qq_platform`: Mobile QQ codes passed through with ret -10000.
    QqPlatform,
    /// `wechat_platform`: WeChat codes passed through with ret -20000.
    WechatPlatform,
    /// `oidb`: the OIDB unified codes.
    Oidb,
    /// `oidb_pay_token`: the codes of OIDB command 0x73a.
    OidbPayToken,
    /// `oidb_access_token`: the codes of OIDB command 0x711.
    OidbAccessToken,
}

impl Table {
    /// The tables that name a layer id (every table but [`Table::Via`]), in the order of their
    /// discriminants: `NAMED[i]` is the table whose discriminant is `i + 1`.
    pub const NAMED: [Table; 7] = [
        Table::Access,
        Table::Logical,
        Table::QqPlatform,
        Table::WechatPlatform,
        Table::Oidb,
        Table::OidbPayToken,
        Table::OidbAccessToken,
    ];

    /// The layer id the rules mean (`None` for `Via`, which is whatever the caller named).
    pub const fn id(self) -> Option<&'static str> {
        match self {
            Table::Via => None,
            Table::Access => Some("access"),
            Table::Logical => Some("logical"),
            Table::QqPlatform => Some("qq_platform"),
            Table::WechatPlatform => Some("wechat_platform"),
            Table::Oidb => Some("oidb"),
            Table::OidbPayToken => Some("oidb_pay_token"),
            Table::OidbAccessToken => Some("oidb_access_token"),
        }
    }

    /// How responses carry the table's codes (`None` for `Via`, whose channel is its layer's).
    pub const fn channel(self) -> Option<Channel> {
        match self {
            Table::Via => None,
            Table::Access | Table::Logical => Some(Channel::Ret),
            Table::QqPlatform => Some(Channel::Qq),
            Table::WechatPlatform => Some(Channel::Wechat),
            Table::Oidb | Table::OidbPayToken | Table::OidbAccessToken => Some(Channel::Oidb),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for channel in Channel::ALL {
            assert_eq!(Channel::from_id(channel.id()), Some(channel));
            assert_eq!(channel.to_string(), channel.id());
        }
        assert_eq!(Channel::from_id("QQ"), None);
        for (i, table) in Table::NAMED.into_iter().enumerate() {
            assert_eq!(table as usize, i + 1, "{table:?}");
        }
        let ids: Vec<_> = Table::NAMED.iter().filter_map(|table| table.id()).collect();
        assert_eq!(ids.len(), 7, "every named table has an id");
        assert_eq!(Table::Via.id(), None);
        assert_eq!(Table::Via.channel(), None);
        assert_eq!(Table::Logical.channel(), Some(Channel::Ret));
        assert_eq!(Table::QqPlatform.channel(), Some(Channel::Qq));
        assert_eq!(Table::WechatPlatform.channel(), Some(Channel::Wechat));
        assert_eq!(Table::OidbPayToken.channel(), Some(Channel::Oidb));
    }
}
