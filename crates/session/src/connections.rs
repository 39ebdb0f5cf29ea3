//! The user's connections: the built-in demo organisation and the stored connections, each with
//! its secret in the OS keyring and, once opened, its deck. Every operation names the
//! connection it acts on: nothing here depends on which one the window shows.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use flowdeck_campaign::{
    AccessToken, Address, ApiKey, BaseUrl, CampaignClient, ClientSecret, ImsCredentials, Tenant,
    TokenProvider, TokenStatus,
};
use flowdeck_secrets::{SecretError, SecretStore};
use flowdeck_store::{
    ActivityLog, AuthMethod, CampaignProduct, CardStore, Connection, ConnectionId, ConnectionKind,
    ConnectionStore, SecretRemovals, set_aside_orphans,
};
use serde::Serialize;

use crate::deck::{Deck, InFlight, Organisation, lock};
use crate::demo::{self, Demo};
use crate::error::{MAX_CONNECTION_NAME_CHARS, SessionError};
use crate::files::{SetAsideFile, SetAsideReason};
use crate::forms::{AuthDraft, AuthView, ConnectionDraft, ConnectionView};
use crate::read_budget::ReadBudget;

pub struct Connections {
    config_dir: PathBuf,
    connections: Mutex<ConnectionStore>,
    secrets: Arc<dyn SecretStore>,
    demo: Demo,
    /// Opened decks, kept so that a connection's token survives switching away and back.
    decks: tokio::sync::Mutex<HashMap<ConnectionId, Arc<Deck>>>,
    /// How many times each connection was saved or deleted since Flowdeck started: a deck, and
    /// the work begun on it, belong to one revision.
    revisions: Mutex<HashMap<ConnectionId, u32>>,
    /// Pasted access tokens: in memory only, never in a file or the keyring.
    pasted: Mutex<HashMap<ConnectionId, AccessToken>>,
    /// Every command sent, from every deck.
    activity: Arc<Mutex<ActivityLog>>,
    /// What every deck is sending now, kept across a deck's replacement.
    sending: Arc<InFlight>,
    set_aside: Vec<SetAsideFile>,
    /// Whether each connection has a secret in the keyring, as last learned from writing, reading
    /// or deleting it: listing connections never asks the keyring (which may prompt or hang).
    secret_stored: Mutex<HashMap<ConnectionId, bool>>,
    /// Secrets of deleted connections that the keyring could not remove yet.
    removals: Mutex<SecretRemovals>,
    /// Status reads in flight, on every connection together.
    reads: Arc<ReadBudget>,
}

/// One connection's cards as known now, and whether its deck is open this session (what it
/// says was read now) or not (what it says was seen before).
pub(crate) struct KnownCards {
    pub connection_id: String,
    pub name: String,
    pub product: CampaignProduct,
    pub opened: bool,
    pub cards: Vec<flowdeck_store::Card>,
}

/// What deleting a connection achieved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wire-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ConnectionDeleted {
    /// The keyring could not remove the client secret now (locked, or not running); Flowdeck
    /// tries again at its next start.
    pub secret_removal_pending: bool,
}

impl Connections {
    pub async fn open(
        config_dir: &Path,
        secrets: Arc<dyn SecretStore>,
    ) -> Result<Self, SessionError> {
        let (connections, connections_aside) = ConnectionStore::open_in(config_dir)?;
        let (activity, activity_aside) = ActivityLog::open(config_dir.join("activity.json"))?;
        let demo_id = ConnectionId::demo();
        let known: HashSet<&ConnectionId> = connections.ids().chain([&demo_id]).collect();
        let orphaned_cards = set_aside_orphans(&config_dir.join("cards"), &known)?;
        let removals = SecretRemovals::open(config_dir.join("secret-removals.json"))?;
        let demo = Demo::start().await?;
        let demo_url = demo.address()?.base_url;
        flowdeck_campaign::prepare_clients_for(
            connections
                .connections()
                .iter()
                .map(|p| &p.address.base_url)
                .chain([&demo_url]),
        );
        let connections = Self {
            config_dir: config_dir.to_owned(),
            connections: Mutex::new(connections),
            secrets,
            demo,
            decks: tokio::sync::Mutex::new(HashMap::new()),
            revisions: Mutex::new(HashMap::new()),
            pasted: Mutex::new(HashMap::new()),
            activity: Arc::new(Mutex::new(activity)),
            sending: Arc::default(),
            set_aside: connections_aside
                .into_iter()
                .chain(activity_aside)
                .map(SetAsideFile::unreadable)
                .chain(orphaned_cards.into_iter().map(|path| SetAsideFile {
                    path: path.display().to_string(),
                    reason: SetAsideReason::NoConnection,
                }))
                .collect(),
            secret_stored: Mutex::new(HashMap::new()),
            removals: Mutex::new(removals),
            reads: Arc::default(),
        };
        Ok(connections)
    }

    /// Removes the secrets deleted connections left in the keyring, where it now lets Flowdeck.
    /// Not part of `open`: a keyring waiting for a person must not hold up the window, so the
    /// shell calls this once the window is there.
    pub async fn retry_secret_removals(&self) {
        let accounts = lock(&self.removals).accounts();
        for account in accounts {
            let removing = account.clone();
            if self
                .keyring(move |store| store.delete(&removing))
                .await
                .is_ok()
                && let Err(error) = lock(&self.removals).done(&account)
            {
                log::warn!("could not note a removed keyring entry: {error}");
            }
        }
    }

    /// The files set aside at start-up, to tell the user.
    pub fn set_aside(&self) -> &[SetAsideFile] {
        &self.set_aside
    }

    pub fn activity(&self) -> std::sync::MutexGuard<'_, ActivityLog> {
        lock(&self.activity)
    }

    /// The connection the window showed last, to show again at start-up. Only the window
    /// asks for it: no command is ever sent on its account.
    pub fn last_opened(&self) -> ConnectionId {
        self.store().selected()
    }

    /// The demo organisation first, then the stored connections.
    pub async fn list(&self) -> Vec<ConnectionView> {
        let connections = self.store().connections().to_vec();
        let mut views = vec![self.demo_view().await];
        for connection in &connections {
            views.push(ConnectionView::of(
                connection,
                self.credential_status(connection).await,
            ));
        }
        views
    }

    /// The deck of connection `id` as it is saved now, opened on first use and kept, so that
    /// its token survives the window showing another connection.
    pub async fn deck(&self, id: &str) -> Result<Arc<Deck>, SessionError> {
        let id = connection_id(id)?;
        loop {
            let revision = self.revision(&id);
            if let Some(deck) = self.decks.lock().await.get(&id)
                && deck.organisation().revision == revision
            {
                return Ok(Arc::clone(deck));
            }
            // Opened without holding the decks' lock: it may wait on the keyring (a prompt),
            // and nothing else should wait behind that.
            let opened = Arc::new(self.open_deck(&id, revision).await?);
            let mut decks = self.decks.lock().await;
            // Saved meanwhile: what was opened may hold the old settings. Never cache it.
            if self.revision(&id) == revision {
                decks.insert(id, Arc::clone(&opened));
                return Ok(opened);
            }
        }
    }

    /// The deck for work begun on `revision` of connection `id`: refused where the connection
    /// was edited since, so that the rest of that work never reaches the edited address.
    pub async fn deck_for_work(&self, id: &str, revision: u32) -> Result<Arc<Deck>, SessionError> {
        let deck = self.deck(id).await?;
        if deck.organisation().revision != revision {
            return Err(SessionError::ConnectionChanged {
                connection: deck.organisation().name.clone(),
            });
        }
        Ok(deck)
    }

    fn revision(&self, id: &ConnectionId) -> u32 {
        lock(&self.revisions).get(id).copied().unwrap_or(0)
    }

    /// The connection was saved or deleted: decks and work of earlier revisions are over.
    async fn revise(&self, id: &ConnectionId) {
        *lock(&self.revisions).entry(id.clone()).or_insert(0) += 1;
        self.decks.lock().await.remove(id);
    }

    /// The user chose connection `id` in the window: it opens at the next start. Nothing else
    /// changes which one does; reading a deck, a schedule or a watch never does.
    pub fn choose(&self, id: &str) -> Result<(), SessionError> {
        let id = connection_id(id)?;
        if !id.is_demo() {
            self.store().get(&id)?;
        }
        Ok(self.store().select(&id)?)
    }

    /// Creates or edits a connection. The connection is saved first; a secret in the draft then goes
    /// to the keyring under the connection's own ID, nowhere else.
    pub async fn save(&self, draft: ConnectionDraft) -> Result<ConnectionView, SessionError> {
        let is_new = draft.id.is_none();
        let id = match &draft.id {
            Some(id) => connection_id(id)?,
            None => ConnectionId::random(),
        };
        if id.is_demo() {
            return Err(SessionError::DemoIsBuiltIn);
        }
        if draft.kind == ConnectionKind::Demo {
            return Err(SessionError::DemoKindReserved);
        }
        if let CampaignProduct::V8 {
            stops_paused_after_days,
        } = draft.product
            && !(7..=365).contains(&stops_paused_after_days)
        {
            return Err(SessionError::PausedPeriodInvalid);
        }
        let name = draft.name.trim();
        if name.is_empty() {
            return Err(SessionError::ConnectionNameMissing);
        }
        if name.chars().count() > MAX_CONNECTION_NAME_CHARS {
            return Err(SessionError::ConnectionNameTooLong);
        }
        let address = Address {
            base_url: BaseUrl::parse(&draft.base_url)?,
            tenant: Tenant::parse(&draft.tenant)?,
            api_key: ApiKey::parse(&draft.api_key)?,
        };
        let previous = self.store().get(&id).ok().cloned();
        let was_oauth = previous
            .as_ref()
            .is_some_and(|p| matches!(p.auth, AuthMethod::OAuth { .. }));
        let (auth, new_secret, new_token) = match draft.auth {
            AuthDraft::OAuth {
                scopes,
                ims_url,
                client_secret,
            } => {
                let method = AuthMethod::OAuth {
                    scopes: scopes.trim().to_owned(),
                    ims_url: BaseUrl::parse(&ims_url)?,
                };
                let secret = client_secret
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty());
                (method, secret, None)
            }
            AuthDraft::PastedToken { access_token } => {
                let token = access_token
                    .filter(|t| !t.trim().is_empty())
                    .map(|t| AccessToken::parse(&t))
                    .transpose()?;
                (AuthMethod::PastedToken, None, token)
            }
        };
        if let Some(previous) = &previous
            && new_secret.is_none()
            && new_token.is_none()
        {
            vouched_for(previous, &address, &auth)?;
        }
        let connection = Connection {
            id: id.clone(),
            name: name.to_owned(),
            kind: draft.kind,
            product: draft.product,
            address,
            auth,
        };
        self.store().put(connection.clone())?;
        self.revise(&id).await;
        let account = secret_account(&id);
        let stored = match (&connection.auth, new_secret) {
            (AuthMethod::OAuth { .. }, Some(secret)) => self
                .keyring(move |store| store.write(&account, &secret))
                .await
                .map(|()| self.note_secret(&id, true)),
            // Only a connection that used OAuth has a secret to remove: a pasted-token connection
            // must work on a machine without a keyring.
            (AuthMethod::PastedToken, _) if was_oauth => self
                .keyring(move |store| store.delete(&account))
                .await
                .map(|()| self.note_secret(&id, false)),
            // A new ID has nothing in the keyring yet.
            (AuthMethod::OAuth { .. }, None) if is_new => {
                self.note_secret(&id, false);
                Ok(())
            }
            _ => Ok(()),
        };
        if let Err(error) = stored {
            // All or nothing: a connection whose secret could not be kept is not half-created,
            // and an edited one keeps its earlier settings (and the secret the keyring kept).
            match previous {
                Some(previous) => self.store().put(previous)?,
                None => {
                    self.store().remove(&id)?;
                }
            }
            self.revise(&id).await;
            return Err(error);
        }
        if let Some(token) = new_token {
            self.pasted_tokens().insert(id.clone(), token);
        }
        Ok(ConnectionView::of(
            &connection,
            self.credential_status(&connection).await,
        ))
    }

    /// Removes the connection, its secret and its cards. A keyring that cannot remove the secret
    /// now does not keep the connection: the removal is noted and tried again at the next start.
    pub async fn delete(&self, id: &str) -> Result<ConnectionDeleted, SessionError> {
        let id = connection_id(id)?;
        if id.is_demo() {
            return Err(SessionError::DemoIsBuiltIn);
        }
        let mut secret_removal_pending = false;
        if let AuthMethod::OAuth { .. } = self.stored_connection(&id)?.auth {
            let account = secret_account(&id);
            let removing = account.clone();
            if let Err(error) = self.keyring(move |store| store.delete(&removing)).await {
                log::warn!("{id}: the keyring could not remove the client secret now: {error}");
                lock(&self.removals).add(&account)?;
                secret_removal_pending = true;
            }
        }
        lock(&self.secret_stored).remove(&id);
        self.store().remove(&id)?;
        self.pasted_tokens().remove(&id);
        self.revise(&id).await;
        match std::fs::remove_file(self.card_file(&id)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(flowdeck_store::StoreError::Io {
                    path: self.card_file(&id),
                    source: e,
                }
                .into())
            }
            _ => Ok(ConnectionDeleted {
                secret_removal_pending,
            }),
        }
    }

    fn note_secret(&self, id: &ConnectionId, stored: bool) {
        lock(&self.secret_stored).insert(id.clone(), stored);
    }

    pub async fn paste_token(&self, id: &str, token: &str) -> Result<TokenStatus, SessionError> {
        let id = connection_id(id)?;
        let connection = self.stored_connection(&id)?;
        if connection.auth != AuthMethod::PastedToken {
            return Err(SessionError::NotAPastedTokenConnection);
        }
        let token = AccessToken::parse(token)?;
        self.pasted_tokens().insert(id.clone(), token);
        self.decks.lock().await.remove(&id);
        Ok(self.deck(id.as_str()).await?.token_status().await)
    }

    pub async fn check(&self, id: &str) -> Result<(), SessionError> {
        self.deck(id).await?.check_connection().await
    }

    async fn open_deck(&self, id: &ConnectionId, revision: u32) -> Result<Deck, SessionError> {
        let (organisation, address, tokens, cards) = if id.is_demo() {
            let address = self.demo.address()?;
            let organisation = Organisation {
                connection_id: id.to_string(),
                revision,
                name: demo::NAME.into(),
                kind: ConnectionKind::Demo,
                product: CampaignProduct::Standard,
                tenant: address.tenant.as_str().to_owned(),
                is_demo: true,
            };
            let tokens = TokenProvider::oauth(self.demo.ims_credentials()?);
            let cards = CardStore::open(self.card_file(id), demo::seed_cards)?;
            (organisation, address, tokens, cards)
        } else {
            let connection = self.stored_connection(id)?;
            let tokens = self.token_provider(&connection).await?;
            let organisation = Organisation {
                connection_id: id.to_string(),
                revision,
                name: connection.name.clone(),
                kind: connection.kind,
                product: connection.product,
                tenant: connection.address.tenant.as_str().to_owned(),
                is_demo: false,
            };
            let cards = CardStore::open(self.card_file(id), Vec::new)?;
            (organisation, connection.address, tokens, cards)
        };
        Ok(Deck::new(
            organisation,
            CampaignClient::new(address)?,
            Arc::new(tokens),
            cards,
            Arc::clone(&self.activity),
            Arc::clone(&self.sending),
            Arc::clone(&self.reads),
        ))
    }

    async fn token_provider(&self, connection: &Connection) -> Result<TokenProvider, SessionError> {
        match &connection.auth {
            AuthMethod::OAuth { scopes, ims_url } => {
                let account = secret_account(&connection.id);
                let secret = self.keyring(move |store| store.read(&account)).await?;
                self.note_secret(&connection.id, secret.is_some());
                Ok(match secret {
                    Some(secret) => TokenProvider::oauth(ImsCredentials {
                        ims_url: ims_url.clone(),
                        client_id: connection.address.api_key.clone(),
                        client_secret: ClientSecret::new(secret),
                        scopes: scopes.clone(),
                    }),
                    None => TokenProvider::secret_missing(),
                })
            }
            AuthMethod::PastedToken => Ok(TokenProvider::pasted(
                self.pasted_tokens().get(&connection.id).cloned(),
            )),
        }
    }

    /// From the opened deck, or from what is known without asking the keyring.
    async fn credential_status(&self, connection: &Connection) -> TokenStatus {
        if let Some(deck) = self.decks.lock().await.get(&connection.id) {
            return deck.token_status().await;
        }
        match &connection.auth {
            AuthMethod::OAuth { .. }
                if lock(&self.secret_stored).get(&connection.id) == Some(&false) =>
            {
                TokenStatus::Missing
            }
            // Not read yet, or stored: the deck signs in when it is first used.
            AuthMethod::OAuth { .. } => TokenStatus::Connected {
                expires_at_ms: None,
            },
            AuthMethod::PastedToken => {
                let token = self.pasted_tokens().get(&connection.id).cloned();
                TokenProvider::pasted(token).status().await
            }
        }
    }

    async fn demo_view(&self) -> ConnectionView {
        let demo = ConnectionId::demo();
        let credential = match self.decks.lock().await.get(&demo) {
            Some(deck) => deck.token_status().await,
            None => TokenStatus::Connected {
                expires_at_ms: None,
            },
        };
        let address = self.demo.address().ok();
        ConnectionView {
            id: demo.to_string(),
            name: demo::NAME.into(),
            kind: ConnectionKind::Demo,
            product: CampaignProduct::Standard,
            is_demo: true,
            tenant: address
                .as_ref()
                .map(|c| c.tenant.as_str().to_owned())
                .unwrap_or_default(),
            api_key: address
                .as_ref()
                .map(|c| c.api_key.as_str().to_owned())
                .unwrap_or_default(),
            base_url: address.map(|c| c.base_url.to_string()).unwrap_or_default(),
            auth: AuthView::PastedToken,
            credential,
        }
    }

    /// Runs a keyring call off the async threads: every call is a blocking OS round trip.
    async fn keyring<T: Send + 'static>(
        &self,
        call: impl FnOnce(&dyn SecretStore) -> Result<T, SecretError> + Send + 'static,
    ) -> Result<T, SessionError> {
        in_keyring(&self.secrets, call).await
    }

    fn stored_connection(&self, id: &ConnectionId) -> Result<Connection, SessionError> {
        Ok(self.store().get(id)?.clone())
    }

    /// The name of connection `id`, as saved; opens no deck and asks no keyring.
    pub(crate) fn name_of(&self, id: &str) -> Option<String> {
        let id = connection_id(id).ok()?;
        if id.is_demo() {
            return Some(demo::NAME.into());
        }
        self.store()
            .get(&id)
            .ok()
            .map(|connection| connection.name.clone())
    }

    /// The decks open now: the window's, and those work or watching opened. Opens none.
    pub(crate) async fn open_decks(&self) -> Vec<Arc<Deck>> {
        self.decks.lock().await.values().cloned().collect()
    }

    /// How many commands are on their way to Campaign now, on every connection.
    pub fn sending_count(&self) -> usize {
        lock(&self.sending).len()
    }

    /// The decks with a watched card: those open already, and those whose saved cards say so.
    pub(crate) async fn decks_watching(&self) -> Vec<Arc<Deck>> {
        let mut watching = Vec::new();
        for connection in self.list().await {
            let Ok(id) = connection_id(&connection.id) else {
                continue;
            };
            let open = self.decks.lock().await.get(&id).cloned();
            let deck = match open {
                Some(deck) => deck,
                None if flowdeck_store::saved_cards(&self.card_file(&id))
                    .iter()
                    .any(|c| c.watched) =>
                {
                    match self.deck(&connection.id).await {
                        Ok(deck) => deck,
                        Err(error) => {
                            log::info!("watching on {id}: {error}");
                            continue;
                        }
                    }
                }
                None => continue,
            };
            if deck.cards().iter().any(|c| c.watched) {
                watching.push(deck);
            }
        }
        watching
    }

    /// How many workflows are watched on every connection, without opening any deck for it.
    pub(crate) async fn watched_count(&self) -> usize {
        self.known_cards()
            .await
            .iter()
            .map(|known| known.cards.iter().filter(|c| c.watched).count())
            .sum()
    }

    /// Every connection's cards as known now: an open deck's, else as saved. Opens no deck and
    /// asks no keyring, so a connection not opened this session never prompts for its secret.
    pub(crate) async fn known_cards(&self) -> Vec<KnownCards> {
        let open = self.decks.lock().await.clone();
        let saved = self.store().connections().to_vec();
        let demo = (
            ConnectionId::demo(),
            demo::NAME.to_owned(),
            CampaignProduct::Standard,
        );
        let all = std::iter::once(demo).chain(
            saved
                .into_iter()
                .map(|c| (c.id.clone(), c.name.clone(), c.product)),
        );
        all.map(|(id, name, product)| {
            let (cards, opened) = match open.get(&id) {
                Some(deck) => (deck.cards(), true),
                None => (flowdeck_store::saved_cards(&self.card_file(&id)), false),
            };
            KnownCards {
                connection_id: id.to_string(),
                name,
                product,
                opened,
                cards,
            }
        })
        .collect()
    }

    fn card_file(&self, id: &ConnectionId) -> PathBuf {
        self.config_dir.join("cards").join(format!("{id}.json"))
    }

    fn store(&self) -> std::sync::MutexGuard<'_, ConnectionStore> {
        lock(&self.connections)
    }

    fn pasted_tokens(&self) -> std::sync::MutexGuard<'_, HashMap<ConnectionId, AccessToken>> {
        lock(&self.pasted)
    }
}

fn connection_id(raw: &str) -> Result<ConnectionId, SessionError> {
    ConnectionId::try_from(raw.to_owned())
        .map_err(|_| flowdeck_store::StoreError::ConnectionNotFound(raw.to_owned()).into())
}

/// Whether an edit may keep using what the user vouched for earlier (the stored secret, the
/// pasted token): not where it would send it to a server Adobe does not run and the user did
/// not name before. A secret or token typed with the edit vouches for the new addresses itself.
fn vouched_for(
    previous: &Connection,
    address: &Address,
    auth: &AuthMethod,
) -> Result<(), SessionError> {
    let moved_off_adobe = |new: &BaseUrl, old: &BaseUrl| {
        new.host() != old.host() && !new.is_adobe_gateway() && !new.is_adobe_sign_in()
    };
    if moved_off_adobe(&address.base_url, &previous.address.base_url) {
        return Err(SessionError::SecretNeededForNewAddress);
    }
    if let AuthMethod::OAuth { ims_url, .. } = auth {
        let vouched_ims = match &previous.auth {
            AuthMethod::OAuth { ims_url, .. } => Some(ims_url),
            AuthMethod::PastedToken => None,
        };
        // Back from a pasted token, no sign-in address was vouched for since.
        if !ims_url.is_adobe_sign_in()
            && vouched_ims.is_none_or(|vouched| vouched.host() != ims_url.host())
        {
            return Err(SessionError::SecretNeededForNewImsAddress);
        }
    }
    Ok(())
}

/// Calls the keyring off the async threads: a Secret Service may take its time, or prompt.
pub(crate) async fn in_keyring<T: Send + 'static>(
    secrets: &Arc<dyn SecretStore>,
    call: impl FnOnce(&dyn SecretStore) -> Result<T, SecretError> + Send + 'static,
) -> Result<T, SessionError> {
    let secrets = Arc::clone(secrets);
    tokio::task::spawn_blocking(move || call(secrets.as_ref()))
        .await
        .map_err(|e| SecretError::Failed(e.to_string()))?
        .map_err(SessionError::from)
}

fn secret_account(id: &ConnectionId) -> String {
    format!("{id}/client-secret")
}

#[cfg(test)]
#[path = "connections_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "keyring_tests.rs"]
mod keyring_tests;
