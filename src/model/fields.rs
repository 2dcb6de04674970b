//! Hand-written `Deserialize` for the structs that keep unknown fields (`extra`).
//!
//! `#[serde(flatten)]` makes serde buffer every object of such a struct into an intermediate
//! tree before it picks out the known fields. On the project itself that means the whole file
//! is parsed twice over (once into the tree, once out of it), which made loading a big project
//! much slower than parsing its JSON. [`deserialize_with_extra!`] generates the same behaviour
//! straight from the map: known fields are deserialized into their types as they come, a
//! repeated known field is an error (`duplicate field`), a missing required one is
//! `missing field`, and every other key goes into `extra` in file order as a
//! `serde_json::Value`. Serialisation stays derived (with `flatten`), so files are unchanged.

use std::borrow::Cow;

use serde::de::{Deserialize, Deserializer, Error, MapAccess, Visitor};

/// A map key, borrowed from the input when it has no escapes (no allocation per key).
pub(crate) struct Key<'de>(pub(crate) Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// Accepts any string, borrowed or not.
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Deserialize the value of field `name` into `slot`, refusing a field given twice.
pub(crate) fn set<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    slot: &mut Option<T>,
    name: &'static str,
    map: &mut A,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Implement `Deserialize` for a struct with an `extra: Extra` field that collects unknown
/// keys. `required` fields must be present; `optional` ones (`#[serde(default)]` or `Option`)
/// take their `Default` when absent; `skipped` ones (`#[serde(skip)]`) are always `Default`.
/// Field names must be the JSON keys (no renames).
macro_rules! deserialize_with_extra {
    ($ty:ident {
        required: [$($req:ident),* $(,)?],
        optional: [$($opt:ident),* $(,)?],
        skipped: [$($skip:ident),* $(,)?] $(,)?
    }) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                /// Builds the struct from a JSON object.
                struct FieldsVisitor;
                impl<'de> serde::de::Visitor<'de> for FieldsVisitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("struct ", stringify!($ty)))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<$ty, A::Error> {
                        $(let mut $req = None;)*
                        $(let mut $opt = None;)*
                        let mut extra = $crate::model::Extra::new();
                        while let Some(key) = map.next_key::<$crate::model::fields::Key<'de>>()? {
                            match key.0.as_ref() {
                                $(stringify!($req) => {
                                    $crate::model::fields::set(&mut $req, stringify!($req), &mut map)?
                                })*
                                $(stringify!($opt) => {
                                    $crate::model::fields::set(&mut $opt, stringify!($opt), &mut map)?
                                })*
                                _ => {
                                    let value: serde_json::Value = map.next_value()?;
                                    extra.insert(key.0.into_owned(), value);
                                }
                            }
                        }
                        Ok($ty {
                            $($req: $req.ok_or_else(|| {
                                <A::Error as serde::de::Error>::missing_field(stringify!($req))
                            })?,)*
                            $($opt: $opt.unwrap_or_default(),)*
                            $($skip: Default::default(),)*
                            extra,
                        })
                    }
                }
                deserializer.deserialize_map(FieldsVisitor)
            }
        }
    };
}

pub(crate) use deserialize_with_extra;

#[cfg(test)]
mod tests {
    use super::super::{Annotation, Article, Claim, Project};
    use serde::Deserialize;

    /// The same struct with serde's derived `flatten`, to compare the hand-written impl with.
    #[derive(Debug, PartialEq, Deserialize)]
    struct DerivedClaim {
        #[serde(default)]
        source: Option<String>,
        #[serde(default)]
        status: super::super::ClaimStatus,
        #[serde(flatten)]
        extra: super::super::Extra,
    }

    #[test]
    fn claim_matches_the_derived_flatten() {
        for json in [
            r#"{"source": "ent-1", "status": "denied", "z": 1, "a": {"b": [1, 2]}}"#,
            r#"{}"#,
            r#"{"w\u00e9ird": "key", "status": "confirmed"}"#,
            r#"{"x": 1, "x": 2}"#,
        ] {
            let mine: Claim = serde_json::from_str(json).expect("parses");
            let derived: DerivedClaim = serde_json::from_str(json).expect("parses");
            assert_eq!(mine.source, derived.source, "{json}");
            assert_eq!(mine.status, derived.status, "{json}");
            assert_eq!(mine.extra, derived.extra, "{json}");
            // Key order of the unknown fields is kept.
            let keys: Vec<_> = mine.extra.keys().collect();
            let want: Vec<_> = derived.extra.keys().collect();
            assert_eq!(keys, want);
        }
    }

    #[test]
    fn errors_read_like_serde_derive() {
        let err = serde_json::from_str::<Claim>(r#"{"status": "denied", "status": "reported"}"#)
            .expect_err("repeated field");
        assert!(
            err.to_string().contains("duplicate field `status`"),
            "{err}"
        );
        let err = serde_json::from_str::<Article>(r#"{"id": "art-1", "title": "t", "text": "x"}"#)
            .expect_err("no hash");
        assert!(
            err.to_string().contains("missing field `text_sha256`"),
            "{err}"
        );
        let err = serde_json::from_str::<Annotation>(r#""ann-1""#).expect_err("a string");
        assert!(
            err.to_string().contains("expected struct Annotation"),
            "{err}"
        );
        let err = serde_json::from_str::<Project>("[]").expect_err("an array");
        assert!(err.to_string().contains("expected struct Project"), "{err}");
    }
}
