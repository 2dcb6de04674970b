//! Unit tests of diff.
