//! ESIA's client authentication by signature. Instead of a fixed secret, the portal sends
//! as `client_secret` a detached CMS (PKCS #7) signature in URL-safe Base64. It signs the
//! concatenation of `scope`, `timestamp`, `client_id` and `state` with its GOST R 34.10-2012
//! key, and ESIA checks it against the certificate registered for the client.
//!
//! The signature is made by the `openssl` command with the `gost` engine (Debian's package
//! `libengine-gost-openssl`), because no maintained Rust crate implements GOST CMS
//! signatures. The key never leaves its file, and the command gets only the signed text.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use tokio::io::AsyncWriteExt as _;
use tokio::process::Command;

use super::SsoError;

/// How long one signature may take before the sign-in fails.
const SIGN_TIMEOUT: Duration = Duration::from_secs(10);

/// The portal's GOST signing key and certificate, used through the `openssl` command.
#[derive(Clone, Debug)]
pub struct GostSigner {
    /// The `openssl` command to run, `openssl` from `PATH` unless configured.
    pub openssl: PathBuf,
    /// The client's certificate (PEM), registered at ESIA.
    pub certificate: PathBuf,
    /// The certificate's GOST R 34.10-2012 private key (PEM).
    pub key: PathBuf,
}

/// Returns the `timestamp` parameter of a request made at `now`, in ESIA's format
/// `yyyy.MM.dd HH:mm:ss Z`.
pub fn timestamp(now: DateTime<Utc>) -> String {
    now.format("%Y.%m.%d %H:%M:%S +0000").to_string()
}

impl GostSigner {
    /// Signs `scope + timestamp + client_id + state` and returns the signature as the
    /// `client_secret` of a request.
    pub async fn client_secret(
        &self,
        scope: &str,
        timestamp: &str,
        client_id: &str,
        state: &str,
    ) -> Result<String, SsoError> {
        let signed = format!("{scope}{timestamp}{client_id}{state}");
        let signature = tokio::time::timeout(SIGN_TIMEOUT, self.sign(signed.as_bytes()))
            .await
            .map_err(|_| SsoError::Provider("the GOST signature timed out".into()))??;
        Ok(URL_SAFE_NO_PAD.encode(signature))
    }

    /// Returns the detached CMS signature of `data` in DER.
    async fn sign(&self, data: &[u8]) -> Result<Vec<u8>, SsoError> {
        let mut child = Command::new(&self.openssl)
            .args([
                "cms", "-sign", "-engine", "gost", "-binary", "-outform", "DER",
            ])
            .args(["-md", "md_gost12_256", "-signer"])
            .arg(&self.certificate)
            .arg("-inkey")
            .arg(&self.key)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|error| {
                SsoError::Provider(format!(
                    "cannot run {} for the GOST signature: {error}",
                    self.openssl.display()
                ))
            })?;
        let mut stdin = child
            .stdin
            .take()
            .ok_or_else(|| SsoError::Provider("openssl has no standard input".into()))?;
        stdin
            .write_all(data)
            .await
            .map_err(|error| SsoError::Provider(format!("writing to openssl failed: {error}")))?;
        drop(stdin);
        let output = child
            .wait_with_output()
            .await
            .map_err(|error| SsoError::Provider(format!("openssl failed: {error}")))?;
        if !output.status.success() || output.stdout.is_empty() {
            // The error output names files and engine problems, never the signed text.
            let reason = String::from_utf8_lossy(&output.stderr);
            let reason = reason
                .lines()
                .filter(|line| !line.starts_with("Engine \"gost\" set"))
                .collect::<Vec<_>>()
                .join("; ");
            return Err(SsoError::Provider(format!(
                "the GOST signature failed ({}): {reason}",
                output.status
            )));
        }
        Ok(output.stdout)
    }

    /// Signs a test text, so that a missing engine, key or certificate stops the portal at
    /// start instead of failing the first sign-in.
    pub async fn check(&self) -> Result<(), SsoError> {
        self.client_secret("openid", &timestamp(Utc::now()), "check", "check")
            .await
            .map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    #[test]
    fn timestamp_has_esia_format() {
        let at = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        assert_eq!(timestamp(at), "2026.01.02 03:04:05 +0000");
    }

    #[tokio::test]
    async fn missing_command_is_a_provider_error() {
        let signer = GostSigner {
            openssl: PathBuf::from("/nonexistent/openssl"),
            certificate: PathBuf::from("cert.pem"),
            key: PathBuf::from("key.pem"),
        };
        let error = signer.check().await.unwrap_err();
        assert_eq!(error.code(), "provider");
        assert!(
            error.to_string().contains("/nonexistent/openssl"),
            "{error}"
        );
    }
}
