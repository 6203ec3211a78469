//! The search that decodes: which layer and entry a response's route leads to, by the rules
//! of the MSDK documents and of the data, and, for a code no table knows, who knows it.

use crate::route::Route;
use crate::storage::Index;
use crate::storage::{LayerTable, Marked};
use crate::{Channel, KnownIn};

impl LayerTable {
    /// The layer and entry a route leads to, by the rules in their order: an entry whose
    /// `msg_contains` text is in `msg`, then the route's tables (`via` first where it applies,
    /// then the tables the documents name), then the team's own layers of the channel. `None`
    /// for an unknown code (also when the text picks an entry of a layer the expansion left out).
    #[inline]
    pub fn search(&self, route: &Route, msg: &str, via: Option<usize>) -> Option<(usize, Index)> {
        if let Some(marked) = self.picked(route, msg) {
            let layer = usize::from(marked.layer);
            let entry = route.code_in(*self.channels.get(layer)?).and_then(|code| self.entry_in(layer, code));
            // An entry of a left-out layer is no entry of this expansion: unknown.
            return entry.map(|entry| (layer, entry));
        }
        for (table, code) in route.attempts() {
            if let Some(layer) = self.layer_of(table, via)
                && let Some(entry) = self.entry_in(layer, code)
            {
                return Some((layer, entry));
            }
        }
        if self.team.is_empty() { None } else { self.in_team(route) }
    }

    /// The marked entry the response's code and words pick.
    #[inline]
    fn picked(&self, route: &Route, msg: &str) -> Option<&'static Marked> {
        for marked in self.marked {
            let Some(code) = route.code_in(marked.channel) else {
                continue;
            };
            if marked.codes.iter().any(|&known| i64::from(known) == code)
                && marked.texts.iter().any(|text| msg.contains(text))
            {
                return Some(marked);
            }
        }
        None
    }

    /// The team's own layer of the route's channel that has its code.
    fn in_team(&self, route: &Route) -> Option<(usize, Index)> {
        self.team.iter().map(|&layer| usize::from(layer)).find_map(|layer| {
            let entry = route.code_in(self.channels[layer]).and_then(|code| self.entry_in(layer, code));
            entry.map(|entry| (layer, entry))
        })
    }

    /// The id of the first layer a route searched: the first named table the expansion has, else
    /// the first of the team's layers of the channel.
    pub fn first_searched(&'static self, route: &Route, via: Option<usize>) -> Option<&'static str> {
        route.first_layer(|table| self.layer_of(table, via).map(|layer| self.ids[layer])).or_else(|| {
            let mut team = self.team.iter().map(|&layer| usize::from(layer));
            team.find(|&layer| route.code_in(self.channels[layer]).is_some()).map(|layer| self.ids[layer])
        })
    }

    /// Who knows a code that the search did not find: the left-out layer whose entry the
    /// response's words pick; else a named table of the route that the expansion left out (in
    /// the route's order), then a layer of the expansion that plain decoding does not search and
    /// `decode_in` with it would, then any other left-out layer of that kind (in the data's
    /// order).
    pub fn known_in(&'static self, route: &Route, msg: &str, via: Option<usize>) -> Option<KnownIn> {
        let picked = self.picked(route, msg).map(|marked| usize::from(marked.layer));
        if let Some(left) = picked.and_then(|layer| layer.checked_sub(self.ids.len())) {
            return self.left_out.get(left).map(|left| KnownIn::LeftOut(left.id));
        }
        let left_out = |id: &str| self.left_out.iter().find(|left| left.id == id);
        for (table, code) in route.attempts() {
            if self.layer_of(table, via).is_none()
                && let Some(left) = table.id().and_then(left_out)
                && left.holds(code)
            {
                return Some(KnownIn::LeftOut(left.id));
            }
        }
        let searched = |layer: usize| {
            via == Some(layer)
                || self.named.iter().any(|&named| usize::from(named) == layer)
                || self.team.iter().any(|&team| usize::from(team) == layer)
        };
        // Each with the code that `decode_in` with it would search: the advice must hold.
        for layer in (0..self.ids.len()).filter(|&layer| !searched(layer)) {
            if route.via_code(self.channels[layer]).and_then(|code| self.entry_in(layer, code)).is_some() {
                return Some(KnownIn::Via(self.ids[layer]));
            }
        }
        self.left_out
            .iter()
            .find(|left| route.via_code(left.channel).is_some_and(|code| left.holds(code)))
            .map(|left| KnownIn::LeftOut(left.id))
            .or_else(|| self.on_another_channel(route))
    }

    /// A layer, of the expansion or left out, that has the response's `ret` or the code in its
    /// `msg` as a code of another channel than the one the response carried it on: a top-level
    /// `ret` 40001 is not WeChat's 40001, which comes as `ret` -20000 with 40001 leading `msg`.
    fn on_another_channel(&'static self, route: &Route) -> Option<KnownIn> {
        // The codes the route searched, each on its channel (`ret` -10000 that leads to the code
        // in `msg` is no code of its own).
        let carried = Channel::ALL.into_iter().filter_map(|channel| route.code_in(channel).map(|code| (channel, code)));
        for (carrier, code) in carried {
            for (layer, &channel) in self.channels.iter().enumerate().take(self.ids.len()) {
                if channel != carrier && self.entry_in(layer, code).is_some() {
                    return Some(KnownIn::OtherChannel(self.ids[layer], channel));
                }
            }
            if let Some(left) = self.left_out.iter().find(|left| left.channel != carrier && left.holds(code)) {
                return Some(KnownIn::OtherChannel(left.id, left.channel));
            }
        }
        None
    }
}
