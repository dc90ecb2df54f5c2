//! Client assertions for `private_key_jwt` (RFC 7523, OpenID Connect Core 9): the portal
//! proves who it is at the token endpoint with a JWT it signs with its own P-256 key
//! (ES256), valid for one minute and used once.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use p256::ecdsa::signature::Signer as _;
use p256::ecdsa::{Signature, SigningKey};
use p256::pkcs8::DecodePrivateKey as _;
use rand::RngCore as _;
use serde_json::json;
use uuid::Uuid;

/// The `client_assertion_type` of a JWT client assertion.
pub const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// How long an assertion is valid, in seconds.
const LIFETIME_SECONDS: i64 = 60;

/// The portal's signing key for `private_key_jwt`.
#[derive(Clone)]
pub struct ClientKey {
    key: SigningKey,
}

// Written by hand so that the private key never reaches a log line.
impl std::fmt::Debug for ClientKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClientKey(ES256)")
    }
}

impl ClientKey {
    /// Reads a P-256 private key in PKCS #8 PEM (`-----BEGIN PRIVATE KEY-----`), as
    /// `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256` writes it.
    pub fn from_pem(pem: &str) -> Result<Self, String> {
        SigningKey::from_pkcs8_pem(pem)
            .map(|key| ClientKey { key })
            .map_err(|error| format!("not a P-256 private key in PKCS #8 PEM: {error}"))
    }

    /// Generates a random key. The tests use it, and the portal reads its own key from a file.
    pub fn generate() -> Self {
        let mut bytes = [0_u8; 32];
        loop {
            rand::rng().fill_bytes(&mut bytes);
            if let Ok(key) = SigningKey::from_slice(&bytes) {
                return ClientKey { key };
            }
        }
    }

    /// Encodes the key in PKCS #8 PEM, as [`ClientKey::from_pem`] reads it.
    pub fn to_pem(&self) -> String {
        use p256::pkcs8::{EncodePrivateKey as _, LineEnding};
        self.key
            .to_pkcs8_pem(LineEnding::LF)
            .expect("a P-256 key encodes as PKCS #8")
            .to_string()
    }

    /// Returns the public key as a JSON Web Key, to register at the provider.
    pub fn public_jwk(&self) -> serde_json::Value {
        let point = self.key.verifying_key().to_encoded_point(false);
        let coordinate = |bytes: Option<&p256::FieldBytes>| {
            URL_SAFE_NO_PAD.encode(bytes.expect("an uncompressed point has both coordinates"))
        };
        json!({
            "kty": "EC",
            "crv": "P-256",
            "x": coordinate(point.x()),
            "y": coordinate(point.y()),
            "use": "sig",
            "alg": "ES256",
        })
    }

    /// Signs an assertion for `client_id` addressed to `audience`, the token endpoint.
    pub fn assertion(&self, client_id: &str, audience: &str, now: DateTime<Utc>) -> String {
        let header = json!({ "alg": "ES256", "typ": "JWT" });
        let claims = json!({
            "iss": client_id,
            "sub": client_id,
            "aud": audience,
            "jti": Uuid::new_v4().to_string(),
            "iat": now.timestamp(),
            "exp": now.timestamp() + LIFETIME_SECONDS,
        });
        let signing_input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let signature: Signature = self.key.sign(signing_input.as_bytes());
        format!(
            "{signing_input}.{}",
            URL_SAFE_NO_PAD.encode(signature.to_bytes())
        )
    }
}

#[cfg(test)]
mod tests {
    use p256::ecdsa::VerifyingKey;
    use p256::ecdsa::signature::Verifier as _;

    use super::*;

    #[test]
    fn assertion_verifies_with_the_public_key() {
        let key = ClientKey::generate();
        let now = DateTime::from_timestamp(1_780_000_000, 0).unwrap();
        let jwt = key.assertion("kabinet", "https://esia.example/token", now);
        let parts: Vec<&str> = jwt.split('.').collect();
        assert_eq!(parts.len(), 3);

        let header: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
        assert_eq!(header, json!({ "alg": "ES256", "typ": "JWT" }));
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        assert_eq!(claims["iss"], "kabinet");
        assert_eq!(claims["sub"], "kabinet");
        assert_eq!(claims["aud"], "https://esia.example/token");
        assert_eq!(claims["iat"], 1_780_000_000);
        assert_eq!(claims["exp"], 1_780_000_060);
        assert_eq!(claims["jti"].as_str().unwrap().len(), 36);

        // Verify against the key rebuilt from the published JWK, as the provider does.
        let jwk = key.public_jwk();
        let mut point = vec![4_u8];
        for coordinate in ["x", "y"] {
            point.extend(
                URL_SAFE_NO_PAD
                    .decode(jwk[coordinate].as_str().unwrap())
                    .unwrap(),
            );
        }
        let public = VerifyingKey::from_sec1_bytes(&point).unwrap();
        let signature = Signature::from_slice(&URL_SAFE_NO_PAD.decode(parts[2]).unwrap()).unwrap();
        let signed = format!("{}.{}", parts[0], parts[1]);
        assert!(public.verify(signed.as_bytes(), &signature).is_ok());
        assert!(public.verify(b"other input", &signature).is_err());

        // Each assertion has its own id, so a provider can refuse a replay.
        let again = key.assertion("kabinet", "https://esia.example/token", now);
        assert_ne!(jwt, again);
    }

    #[test]
    fn pem_round_trip_keeps_the_key() {
        let key = ClientKey::generate();
        let again = ClientKey::from_pem(&key.to_pem()).unwrap();
        assert_eq!(again.public_jwk(), key.public_jwk());
    }

    #[test]
    fn pem_must_hold_a_p256_key() {
        assert!(
            ClientKey::from_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
                .is_err()
        );
        assert!(ClientKey::from_pem("not a key").is_err());
        let error = ClientKey::from_pem("").unwrap_err();
        assert!(error.starts_with("not a P-256 private key"), "{error}");
    }
}
