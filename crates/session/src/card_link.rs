//! `flowdeck://` links to a card, for pointing a colleague (or oneself, from a notification)
//! at it. A link names the Campaign instance as a colleague's Flowdeck knows it too: by tenant,
//! and by the Campaign address where that is neither Adobe's nor this computer's; connection
//! IDs are this computer's own. Following a link only opens a card: it never sends anything.

use flowdeck_campaign::{BaseUrl, Tenant, WorkflowId};
use url::Url;

use crate::card_ref::CardRef;
use crate::connections::Connections;
use crate::error::SessionError;

const SCHEME: &str = "flowdeck";
/// Longer than any link Flowdeck makes (a tenant, an ID, an address): a longer one is not read.
const MAX_LINK_CHARS: usize = 2048;

/// A card as a link names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardLink {
    pub tenant: Tenant,
    /// Named only where it is neither Adobe's gateway nor this computer.
    pub campaign: Option<BaseUrl>,
    pub workflow_id: WorkflowId,
}

/// Why a link was not followed.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LinkError {
    #[error("this is not a Flowdeck link to a card")]
    NotACardLink,
    #[error("no connection here uses the tenant {tenant}")]
    ConnectionUnknown { tenant: String },
    #[error("workflow {workflow_id} is not a card on {connection}")]
    CardUnknown {
        workflow_id: String,
        connection: String,
    },
}

impl CardLink {
    /// Reads a link strictly: the scheme, the path, each parameter once and valid, nothing else.
    pub fn parse(link: &str) -> Result<Self, LinkError> {
        if link.chars().count() > MAX_LINK_CHARS {
            return Err(LinkError::NotACardLink);
        }
        let url = Url::parse(link.trim()).map_err(|_| LinkError::NotACardLink)?;
        let plain = url.scheme() == SCHEME
            && url.host_str() == Some("card")
            && url.port().is_none()
            && url.username().is_empty()
            && url.password().is_none()
            && matches!(url.path(), "" | "/")
            && url.fragment().is_none();
        if !plain {
            return Err(LinkError::NotACardLink);
        }
        let (mut tenant, mut campaign, mut workflow_id) = (None, None, None);
        for (name, value) in url.query_pairs() {
            let slot = match name.as_ref() {
                "tenant" => &mut tenant,
                "campaign" => &mut campaign,
                "workflow" => &mut workflow_id,
                _ => return Err(LinkError::NotACardLink),
            };
            if slot.replace(value.into_owned()).is_some() {
                return Err(LinkError::NotACardLink);
            }
        }
        let bad = |_| LinkError::NotACardLink;
        Ok(Self {
            tenant: Tenant::parse(&tenant.ok_or(LinkError::NotACardLink)?).map_err(bad)?,
            campaign: campaign
                .map(|raw| BaseUrl::parse(&raw).map_err(bad))
                .transpose()?,
            workflow_id: WorkflowId::parse(&workflow_id.ok_or(LinkError::NotACardLink)?)
                .map_err(|_| LinkError::NotACardLink)?,
        })
    }

    pub fn to_link(&self) -> String {
        let mut url = Url::parse(&format!("{SCHEME}://card")).expect("a fixed, valid URL");
        {
            let mut query = url.query_pairs_mut();
            query.append_pair("tenant", self.tenant.as_str());
            if let Some(campaign) = &self.campaign {
                query.append_pair("campaign", &campaign.to_string());
            }
            query.append_pair("workflow", self.workflow_id.as_str());
        }
        url.into()
    }
}

/// The Campaign address a link names: none for Adobe's gateway or this computer, which a
/// colleague's Flowdeck reaches as the same instance by tenant alone.
fn named_campaign(base_url: &BaseUrl) -> Option<BaseUrl> {
    (!base_url.is_adobe_gateway() && !base_url.is_loopback()).then(|| base_url.clone())
}

impl Connections {
    /// The link to card `workflow_id` on connection `connection_id`.
    pub async fn card_link(
        &self,
        connection_id: &str,
        workflow_id: &str,
    ) -> Result<String, SessionError> {
        let deck = self.deck(connection_id).await?;
        let workflow_id = WorkflowId::parse(workflow_id)?;
        let organisation = deck.organisation();
        if !deck
            .cards()
            .iter()
            .any(|card| card.workflow_id == workflow_id)
        {
            return Err(SessionError::NotACard {
                workflow_id,
                connection: organisation.name.clone(),
            });
        }
        let address = deck.client.address();
        Ok(CardLink {
            tenant: address.tenant.clone(),
            campaign: named_campaign(&address.base_url),
            workflow_id,
        }
        .to_link())
    }

    /// The card a link points at, on the first connection (in the switcher's order) on its
    /// Campaign instance that has it as a card. Opens decks, reads no status, sends nothing.
    pub async fn follow_link(&self, link: &str) -> Result<CardRef, LinkError> {
        let link = CardLink::parse(link)?;
        let mut instance_known = None;
        for connection in self.list().await {
            let Ok(deck) = self.deck(&connection.id).await else {
                continue;
            };
            let address = deck.client.address();
            if address.tenant != link.tenant || named_campaign(&address.base_url) != link.campaign {
                continue;
            }
            if deck
                .cards()
                .iter()
                .any(|card| card.workflow_id == link.workflow_id)
            {
                return Ok(CardRef {
                    connection_id: connection.id,
                    workflow_id: link.workflow_id.to_string(),
                });
            }
            instance_known.get_or_insert(connection.name);
        }
        Err(match instance_known {
            Some(connection) => LinkError::CardUnknown {
                workflow_id: link.workflow_id.to_string(),
                connection,
            },
            None => LinkError::ConnectionUnknown {
                tenant: link.tenant.as_str().to_owned(),
            },
        })
    }
}

#[cfg(test)]
#[path = "card_link_tests.rs"]
mod tests;
