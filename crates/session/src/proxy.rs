//! The Proxy setting: saved with the settings, its password in the keyring, and in force for
//! every request to Adobe from the moment it is saved (and from start-up).

use flowdeck_campaign::{ManualProxy, ProxyAddress, ProxyRoute, ProxySignIn, route_requests};
use flowdeck_store::{ProxySetting, Settings};

use crate::connections::in_keyring;
use crate::error::{MAX_PROXY_PASSWORD_CHARS, SessionError};
use crate::session::Session;

/// The keyring entry of the proxy's password (connections' entries are `<id>/client-secret`).
const PROXY_PASSWORD_ACCOUNT: &str = "proxy/password";

impl Session {
    /// Puts the saved Proxy setting in force. A password the keyring does not give is left
    /// out: the proxy then asks for it, and the user is told so, rather than the request
    /// going round the proxy.
    pub(crate) async fn route_as_saved(&self) {
        let Ok(setting) = self.settings().map(|settings| settings.get().proxy.clone()) else {
            return;
        };
        let password = match &setting {
            ProxySetting::Manual { user: Some(_), .. } => self
                .keyring(|store| store.read(PROXY_PASSWORD_ACCOUNT))
                .await
                .unwrap_or_else(|error| {
                    log::warn!("the proxy's password could not be read: {error}");
                    None
                }),
            _ => None,
        };
        route_requests(route(&setting, password));
    }

    /// Saves the Proxy setting and puts it in force. `password` is a new one for the manual
    /// proxy's user; `None` keeps the saved one. The password is kept only while a manual
    /// proxy has a user; a setting the keyring could not take is not saved.
    pub async fn change_proxy(
        &self,
        setting: ProxySetting,
        password: Option<String>,
    ) -> Result<Settings, SessionError> {
        let password = password.filter(|password| !password.is_empty());
        if password
            .as_ref()
            .is_some_and(|password| password.chars().count() > MAX_PROXY_PASSWORD_CHARS)
        {
            return Err(SessionError::ProxyPasswordTooLong);
        }
        if let ProxySetting::Manual { address, .. } = &setting {
            ProxyAddress::parse(address)?;
        }
        // Decided on what the store will keep (a user name trimmed, an empty one none).
        let setting = setting.sanitised();
        let had_password = matches!(
            self.settings()?.get().proxy,
            ProxySetting::Manual { user: Some(_), .. }
        );
        let password = match &setting {
            ProxySetting::Manual { user: Some(_), .. } => {
                let password = match password {
                    Some(new) => {
                        let saving = new.clone();
                        self.keyring(move |store| store.write(PROXY_PASSWORD_ACCOUNT, &saving))
                            .await?;
                        Some(new)
                    }
                    None => {
                        self.keyring(|store| store.read(PROXY_PASSWORD_ACCOUNT))
                            .await?
                    }
                };
                Some(password.ok_or(SessionError::ProxyPasswordMissing)?)
            }
            _ => {
                if had_password {
                    self.keyring(|store| store.delete(PROXY_PASSWORD_ACCOUNT))
                        .await?;
                }
                None
            }
        };
        let kept = self.settings()?.put_proxy(setting)?.clone();
        route_requests(route(&kept.proxy, password));
        Ok(kept)
    }

    async fn keyring<T: Send + 'static>(
        &self,
        call: impl FnOnce(
            &dyn flowdeck_secrets::SecretStore,
        ) -> Result<T, flowdeck_secrets::SecretError>
        + Send
        + 'static,
    ) -> Result<T, SessionError> {
        in_keyring(self.secrets(), call).await
    }
}

fn route(setting: &ProxySetting, password: Option<String>) -> ProxyRoute {
    match setting {
        ProxySetting::System => ProxyRoute::System,
        ProxySetting::None => ProxyRoute::Direct,
        ProxySetting::Manual { address, user } => match ProxyAddress::parse(address) {
            Ok(address) => ProxyRoute::Manual(ManualProxy {
                address,
                sign_in: user
                    .as_ref()
                    .zip(password)
                    .map(|(user, password)| ProxySignIn::new(user, password)),
            }),
            // The store keeps no manual proxy it cannot read; were one there, the system's
            // proxy is the default a user expects.
            Err(_) => ProxyRoute::System,
        },
    }
}

#[cfg(test)]
#[path = "proxy_tests.rs"]
mod tests;
