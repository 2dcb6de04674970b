//! Unit tests of the merge rules on small hand-built projects.
#![allow(clippy::unwrap_used, clippy::expect_used)]
