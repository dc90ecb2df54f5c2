//! Passkey ceremonies in the browser: the server's options go to `navigator.credentials`,
//! and the device's response goes back to the server as JSON.
//!
//! The ceremonies run only after a click in a hydrated page. The server build has the same
//! functions, which only report that there is no browser, so that pages compile for both.

use webauthn_rs_proto::{CreationChallengeResponse, RequestChallengeResponse};

/// Why the device returned no credential: the person cancelled or the prompt timed out
/// (`NotAllowedError`), the device already has a passkey of this account
/// (`InvalidStateError`), or the browser has no passkeys at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoCredential {
    Cancelled,
    AlreadyRegistered,
    Unsupported,
}

impl NoCredential {
    /// Returns the translation key of the text shown for it.
    pub fn message_key(self) -> &'static str {
        match self {
            NoCredential::Cancelled => "error-passkey-cancelled",
            NoCredential::AlreadyRegistered => "error-passkey-known",
            NoCredential::Unsupported => "error-passkey-unsupported",
        }
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use webauthn_rs_proto::{
        CreationChallengeResponse, PublicKeyCredential, RegisterPublicKeyCredential,
        RequestChallengeResponse,
    };

    use super::NoCredential;

    fn credentials() -> Result<web_sys::CredentialsContainer, NoCredential> {
        let window = web_sys::window().ok_or(NoCredential::Unsupported)?;
        let has_passkeys = js_sys::Reflect::has(&window, &JsValue::from_str("PublicKeyCredential"))
            .unwrap_or(false);
        if !has_passkeys {
            return Err(NoCredential::Unsupported);
        }
        Ok(window.navigator().credentials())
    }

    fn no_credential(error: JsValue) -> NoCredential {
        let name = error
            .dyn_ref::<web_sys::DomException>()
            .map(web_sys::DomException::name)
            .unwrap_or_default();
        match name.as_str() {
            "InvalidStateError" => NoCredential::AlreadyRegistered,
            "NotSupportedError" | "SecurityError" => NoCredential::Unsupported,
            _ => NoCredential::Cancelled,
        }
    }

    async fn credential(
        promise: Result<js_sys::Promise, JsValue>,
    ) -> Result<web_sys::PublicKeyCredential, NoCredential> {
        let credential = JsFuture::from(promise.map_err(no_credential)?)
            .await
            .map_err(no_credential)?;
        credential
            .dyn_into::<web_sys::PublicKeyCredential>()
            .map_err(|_| NoCredential::Unsupported)
    }

    pub async fn create(options: CreationChallengeResponse) -> Result<String, NoCredential> {
        let container = credentials()?;
        let options = web_sys::CredentialCreationOptions::from(options);
        let credential = credential(container.create_with_options(&options)).await?;
        serde_json::to_string(&RegisterPublicKeyCredential::from(credential))
            .map_err(|_| NoCredential::Unsupported)
    }

    pub async fn get(options: RequestChallengeResponse) -> Result<String, NoCredential> {
        let container = credentials()?;
        let options = web_sys::CredentialRequestOptions::from(options);
        let credential = credential(container.get_with_options(&options)).await?;
        serde_json::to_string(&PublicKeyCredential::from(credential))
            .map_err(|_| NoCredential::Unsupported)
    }
}

/// Asks the device to make a passkey; returns its response as JSON.
pub async fn create(options: CreationChallengeResponse) -> Result<String, NoCredential> {
    #[cfg(feature = "hydrate")]
    return browser::create(options).await;
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = options;
        Err(NoCredential::Unsupported)
    }
}

/// Asks the device to sign the server's challenge with a passkey; returns its response as
/// JSON.
pub async fn get(options: RequestChallengeResponse) -> Result<String, NoCredential> {
    #[cfg(feature = "hydrate")]
    return browser::get(options).await;
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = options;
        Err(NoCredential::Unsupported)
    }
}
