//! Open string enums: known values get variants, anything else survives as `Other`.
//!
//! Upstream APIs add roles, finish reasons and tiers every few months; a closed
//! enum would turn each of those into a decoding error, so every enum that
//! mirrors an upstream vocabulary is declared with [`open_enum!`].

/// Declares an open string enum with serde and schemars support.
///
/// The JSON Schema is `anyOf: [{enum: [...]}, {type: string}]`, which states
/// both the known values and that any other string is accepted.
#[macro_export]
macro_rules! open_enum {
    (
        $(#[doc = $doc:literal])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $wire:literal ),+ $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version does not know; kept verbatim.
            Other(String),
        }

        impl $name {
            /// The wire spelling of this value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )+
                    Self::Other(value) => value,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $wire => Self::$variant, )+
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok(Self::from(value.as_ref()))
            }
        }

        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                let mut schema = ::schemars::json_schema!({
                    "anyOf": [
                        { "type": "string", "enum": [ $( $wire ),+ ] },
                        { "type": "string" }
                    ]
                });
                let description = $crate::open_enum::doc_text(&[$($doc),*]);
                if !description.is_empty() {
                    schema.insert("description".into(), description.into());
                }
                schema
            }
        }
    };
}

/// Joins doc-comment lines the way schemars does for derived types.
#[doc(hidden)]
pub fn doc_text(lines: &[&str]) -> String {
    lines
        .iter()
        .map(|line| line.trim())
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}
