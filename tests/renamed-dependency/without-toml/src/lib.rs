//! A crate that depends on msdk-codes-core as `msdk` and leaves its `toml` feature off: its cases
//! (`ui/`) compile in trybuild's crate of their own, with this crate's dependencies only. The
//! function-like form needs neither the feature nor `crate = ...`; the attribute form takes
//! `crate = "msdk"`, and without it is one error that says so.
