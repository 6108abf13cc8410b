//! `notifications.rs`: the `Event` enum of every notification of the spec,
//! one struct per decrypted resource, and `NotificationVerifier::verify` and `handle`.

use proc_macro2::TokenStream;
use quote::quote;

use super::operation::struct_field;
use super::{docs, ident, string};
use crate::ir::Api;

pub(crate) fn file(api: &Api) -> TokenStream {
    let module_doc = docs::inner(
        "The callback notifications (回调通知) of the spec: [`Event`], one struct per\ndecrypted resource, and `NotificationVerifier::verify` and `handle`.",
    );
    let structs = api.notifications.iter().map(|n| {
        let name = ident(&n.type_name);
        let mut text = format!(
            "The decrypted resource of {} (`{}`).",
            docs::prose(&n.title),
            n.event_type
        );
        if let Some(summary) = &n.summary {
            text.push_str(&format!("\n\n{}", docs::prose(summary)));
        }
        text.push_str(&format!(
            "\n\nDocumentation: <{}> (revision {}).",
            n.doc_url, n.revision
        ));
        if let Some(notes) = &n.notes {
            text.push_str(&format!("\n\nNotes: {}", docs::prose(notes)));
        }
        text.push_str("\n\nFields WeChat Pay adds later are ignored.");
        let doc = docs::outer(&text);
        let fields = n
            .fields
            .iter()
            .map(|f| struct_field(f, Some(docs::field(f, api))));
        let data = super::data_struct(&doc, &name, fields);
        let event_type = string(&n.event_type);
        let variant = ident(&n.variant);
        let const_doc = docs::outer(&format!(
            "The envelope's `event_type` of this event: `{}`.",
            n.event_type
        ));
        quote! {
            #data

            impl #name {
                #const_doc
                pub const EVENT_TYPE: &'static str = #event_type;
            }

            impl From<#name> for Event {
                fn from(event: #name) -> Self {
                    Event::#variant(event)
                }
            }
        }
    });
    let variants = api.notifications.iter().map(|n| {
        let variant = ident(&n.variant);
        let ty = ident(&n.type_name);
        let doc = docs::outer(&format!("{} (`{}`).", docs::prose(&n.title), n.event_type));
        quote!(#doc #variant(#ty),)
    });
    // Each event type has one home: its struct's `EVENT_TYPE`.
    let event_types: Vec<_> = api
        .notifications
        .iter()
        .map(|n| {
            let ty = ident(&n.type_name);
            quote!(#ty::EVENT_TYPE)
        })
        .collect();
    let variant_idents: Vec<_> = api
        .notifications
        .iter()
        .map(|n| ident(&n.variant))
        .collect();
    quote! {
        #module_doc

        /// A notification's event, decoded from its decrypted `resource` by
        /// its `event_type`.
        ///
        /// Forward-compatible: an event type the spec does not know is kept
        /// in [`Event::Unknown`] with its decrypted JSON.
        ///
        /// Serializes as `{"event_type": "…", "resource": {…}}` (the
        /// envelope's event type and the decrypted resource), and reads
        /// back from the same to an equal `Event`, so a service can store
        /// events and replay them.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum Event {
            #(#variants)*
            /// An event type the spec does not know, with its decrypted resource.
            Unknown {
                /// The `event_type` of the envelope.
                event_type: String,
                /// The decrypted resource, as JSON.
                resource: serde_json::Value,
            },
        }

        impl Event {
            /// The event types the spec documents, in spec order.
            pub const EVENT_TYPES: &'static [&'static str] = &[#(#event_types),*];

            /// The `event_type` of the envelope.
            pub fn event_type(&self) -> &str {
                match self {
                    #(Event::#variant_idents(_) => #event_types,)*
                    Event::Unknown { event_type, .. } => event_type,
                }
            }
        }

        impl serde::Serialize for Event {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct as _;
                let mut out = serializer.serialize_struct("Event", 2)?;
                out.serialize_field("event_type", self.event_type())?;
                match self {
                    #(Event::#variant_idents(resource) => out.serialize_field("resource", resource)?,)*
                    Event::Unknown { resource, .. } => out.serialize_field("resource", resource)?,
                }
                out.end()
            }
        }

        impl<'de> serde::Deserialize<'de> for Event {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #[derive(serde::Deserialize)]
                struct Stored {
                    event_type: String,
                    resource: serde_json::Value,
                }
                let stored = Stored::deserialize(deserializer)?;
                Ok(match stored.event_type.as_str() {
                    #(#event_types => Event::#variant_idents(
                        serde_json::from_value(stored.resource).map_err(serde::de::Error::custom)?,
                    ),)*
                    _ => Event::Unknown {
                        event_type: stored.event_type,
                        resource: stored.resource,
                    },
                })
            }
        }

        impl crate::runtime::notify::DecodeEvent for Event {
            fn decode(event_type: &str, resource: &[u8]) -> Result<Self, serde_json::Error> {
                Ok(match event_type {
                    #(#event_types => Event::#variant_idents(serde_json::from_slice(resource)?),)*
                    other => Event::Unknown {
                        event_type: other.to_owned(),
                        resource: serde_json::from_slice(resource)?,
                    },
                })
            }
        }

        impl crate::runtime::notify::NotificationVerifier {
            /// Verifies a notification of this spec (signature, timestamp,
            /// serial, probe), decrypts its resource with the APIv3 key and
            /// decodes the [`Event`]. Records nothing: to hand each
            /// notification out until it is handled, use [`handle`](Self::handle).
            ///
            /// # Errors
            ///
            /// [`NotificationError`](crate::runtime::notify::NotificationError):
            /// its `reply()` is what to answer WeChat Pay.
            pub fn verify(
                &self,
                headers: &reqwest::header::HeaderMap,
                body: &[u8],
            ) -> Result<crate::runtime::notify::Notification<Event>, crate::runtime::notify::NotificationError> {
                self.verify_as(headers, body)
            }

            /// Verifies a notification of this spec and hands its [`Event`] to
            /// `handler` unless it was handled before; records it as handled
            /// when `handler` succeeds. See
            /// [`handle_as`](crate::runtime::notify::NotificationVerifier::handle_as).
            ///
            /// # Errors
            ///
            /// [`NotificationError`](crate::runtime::notify::NotificationError):
            /// its `reply()` is what to answer WeChat Pay.
            pub async fn handle<F, Fut, E>(
                &self,
                headers: &reqwest::header::HeaderMap,
                body: &[u8],
                handler: F,
            ) -> Result<crate::runtime::notify::Delivery, crate::runtime::notify::NotificationError>
            where
                F: FnOnce(crate::runtime::notify::Notification<Event>) -> Fut,
                Fut: std::future::Future<Output = Result<(), E>>,
                E: Into<Box<dyn std::error::Error + Send + Sync>>,
            {
                self.handle_as(headers, body, handler).await
            }
        }

        #(#structs)*
    }
}
