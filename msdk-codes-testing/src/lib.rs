#![doc = include_str!("docs/crate.md")]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod body;
mod client;
mod coverage;
mod script;
mod standin;

pub use body::{Case, OIDB_FAILURE, QQ_PASS_THROUGH, SUCCESS, WECHAT_PASS_THROUGH, bodies, bodies_of, body_of};
pub use client::{FetchError, Fetched, get, post_json};
pub use coverage::{Coverage, DEFAULT_DEADLINE, Outcome, Report};
pub use script::{Reply, Script};
pub use standin::{LARGEST_REQUEST, LONGEST_HOLD, REFRESH_PATH, REQUEST_DEADLINE, Recorded, StandIn};
