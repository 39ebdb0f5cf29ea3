//! What the connection form sends and what the connection list shows. Secrets only ever travel
//! inward, in a draft; a view says whether one is stored, never what it is.

use flowdeck_campaign::TokenStatus;
use flowdeck_store::{AuthMethod, CampaignProduct, Connection, ConnectionKind};
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ConnectionDraft {
    /// `None` for a new connection.
    pub id: Option<String>,
    pub name: String,
    pub kind: ConnectionKind,
    /// Campaign Standard where the window does not say.
    #[serde(default)]
    pub product: CampaignProduct,
    pub tenant: String,
    pub api_key: String,
    pub base_url: String,
    pub auth: AuthDraft,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(tag = "kind")]
pub enum AuthDraft {
    #[serde(rename = "oauth", rename_all = "camelCase")]
    OAuth {
        scopes: String,
        ims_url: String,
        /// Only when the user typed a new one.
        client_secret: Option<String>,
    },
    #[serde(rename = "pastedToken", rename_all = "camelCase")]
    PastedToken {
        /// Only when the user pasted a new one; kept in memory, never stored.
        access_token: Option<String>,
    },
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ConnectionView {
    pub id: String,
    pub name: String,
    pub kind: ConnectionKind,
    pub product: CampaignProduct,
    pub is_demo: bool,
    pub tenant: String,
    pub api_key: String,
    pub base_url: String,
    pub auth: AuthView,
    pub credential: TokenStatus,
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(tag = "kind")]
pub enum AuthView {
    #[serde(rename = "oauth", rename_all = "camelCase")]
    OAuth { scopes: String, ims_url: String },
    #[serde(rename = "pastedToken")]
    PastedToken,
}

impl ConnectionView {
    pub fn of(connection: &Connection, credential: TokenStatus) -> Self {
        Self {
            id: connection.id.to_string(),
            name: connection.name.clone(),
            kind: connection.kind,
            product: connection.product,
            is_demo: false,
            tenant: connection.address.tenant.as_str().to_owned(),
            api_key: connection.address.api_key.as_str().to_owned(),
            base_url: connection.address.base_url.to_string(),
            auth: match &connection.auth {
                AuthMethod::OAuth { scopes, ims_url } => AuthView::OAuth {
                    scopes: scopes.clone(),
                    ims_url: ims_url.to_string(),
                },
                AuthMethod::PastedToken => AuthView::PastedToken,
            },
            credential,
        }
    }
}
