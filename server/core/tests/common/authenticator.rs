//! A software passkey authenticator for tests: it responds to the portal's WebAuthn options
//! the way a browser and a device together would, with a P-256 key (ES256), "none"
//! attestation and the CBOR encodings of the WebAuthn Level 2 specification.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use serde::Serialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// Authenticator data flags: user present, user verified, attested credential data.
const USER_PRESENT: u8 = 0x01;
const USER_VERIFIED: u8 = 0x04;
const ATTESTED_DATA: u8 = 0x40;

pub struct SoftAuthenticator {
    key: SigningKey,
    credential_id: Vec<u8>,
    counter: u32,
    /// The origin the browser reports in the client data.
    pub origin: String,
    /// Whether the device verifies its user (a fingerprint or a PIN).
    pub verifies_user: bool,
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn challenge_of(options: &impl Serialize) -> String {
    let options = serde_json::to_value(options).unwrap();
    options["publicKey"]["challenge"]
        .as_str()
        .expect("the options carry a challenge")
        .to_string()
}

fn rp_id_of(origin: &str) -> String {
    url::Url::parse(origin)
        .unwrap()
        .host_str()
        .unwrap()
        .to_string()
}

/// Writes the head of a CBOR item of major type `major` with argument `value`.
fn cbor_head(out: &mut Vec<u8>, major: u8, value: usize) {
    let major = major << 5;
    match value {
        0..=23 => out.push(major | value as u8),
        24..=0xff => out.extend([major | 24, value as u8]),
        _ => {
            out.push(major | 25);
            out.extend((value as u16).to_be_bytes());
        }
    }
}

fn cbor_int(out: &mut Vec<u8>, value: i64) {
    if value >= 0 {
        cbor_head(out, 0, value as usize);
    } else {
        cbor_head(out, 1, (-1 - value) as usize);
    }
}

fn cbor_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    cbor_head(out, 2, bytes.len());
    out.extend(bytes);
}

fn cbor_text(out: &mut Vec<u8>, text: &str) {
    cbor_head(out, 3, text.len());
    out.extend(text.as_bytes());
}

fn random_key() -> SigningKey {
    loop {
        let mut bytes = [0u8; 32];
        rand::Rng::fill(&mut rand::rng(), &mut bytes[..]);
        // Fails only for zero or a value above the curve order, about once in 2^32.
        if let Ok(key) = SigningKey::from_slice(&bytes) {
            return key;
        }
    }
}

impl SoftAuthenticator {
    pub fn new(origin: &str) -> SoftAuthenticator {
        let mut credential_id = vec![0u8; 16];
        rand::Rng::fill(&mut rand::rng(), &mut credential_id[..]);
        SoftAuthenticator {
            key: random_key(),
            credential_id,
            counter: 0,
            origin: origin.to_string(),
            verifies_user: true,
        }
    }

    /// Returns an authenticator with the same credential id and another key, as a forged
    /// copy of the passkey would be.
    pub fn forged_copy(&self) -> SoftAuthenticator {
        let mut copy = SoftAuthenticator::new(&self.origin);
        copy.credential_id = self.credential_id.clone();
        copy
    }

    fn client_data(&self, kind: &str, challenge: &str) -> Vec<u8> {
        json!({
            "type": kind,
            "challenge": challenge,
            "origin": self.origin,
            "crossOrigin": false,
        })
        .to_string()
        .into_bytes()
    }

    fn flags(&self) -> u8 {
        if self.verifies_user {
            USER_PRESENT | USER_VERIFIED
        } else {
            USER_PRESENT
        }
    }

    /// Encodes the public key as a COSE_Key: EC2 (1), ES256 (-7), P-256 (1), x, y.
    fn cose_key(&self) -> Vec<u8> {
        let point = self.key.verifying_key().to_encoded_point(false);
        let mut out = Vec::new();
        cbor_head(&mut out, 5, 5);
        for (label, value) in [(1, 2), (3, -7), (-1, 1)] {
            cbor_int(&mut out, label);
            cbor_int(&mut out, value);
        }
        cbor_int(&mut out, -2);
        cbor_bytes(&mut out, point.x().unwrap());
        cbor_int(&mut out, -3);
        cbor_bytes(&mut out, point.y().unwrap());
        out
    }

    /// Responds to the options of `navigator.credentials.create`: the JSON the browser
    /// bundle sends back.
    pub fn register(&mut self, options: &impl Serialize) -> String {
        let client_data = self.client_data("webauthn.create", &challenge_of(options));
        let mut auth_data = Sha256::digest(rp_id_of(&self.origin).as_bytes()).to_vec();
        auth_data.push(self.flags() | ATTESTED_DATA);
        auth_data.extend(self.counter.to_be_bytes());
        auth_data.extend([0u8; 16]);
        auth_data.extend((self.credential_id.len() as u16).to_be_bytes());
        auth_data.extend(&self.credential_id);
        auth_data.extend(self.cose_key());

        let mut attestation = Vec::new();
        cbor_head(&mut attestation, 5, 3);
        cbor_text(&mut attestation, "fmt");
        cbor_text(&mut attestation, "none");
        cbor_text(&mut attestation, "attStmt");
        cbor_head(&mut attestation, 5, 0);
        cbor_text(&mut attestation, "authData");
        cbor_bytes(&mut attestation, &auth_data);

        json!({
            "id": b64(&self.credential_id),
            "rawId": b64(&self.credential_id),
            "type": "public-key",
            "response": {
                "attestationObject": b64(&attestation),
                "clientDataJSON": b64(&client_data),
            },
        })
        .to_string()
    }

    /// Responds to the options of `navigator.credentials.get`, signing their challenge.
    pub fn sign(&mut self, options: &impl Serialize) -> String {
        self.counter += 1;
        let client_data = self.client_data("webauthn.get", &challenge_of(options));
        let mut auth_data = Sha256::digest(rp_id_of(&self.origin).as_bytes()).to_vec();
        auth_data.push(self.flags());
        auth_data.extend(self.counter.to_be_bytes());
        let mut signed = auth_data.clone();
        signed.extend(Sha256::digest(&client_data));
        let signature: Signature = self.key.sign(&signed);

        let response: Value = json!({
            "id": b64(&self.credential_id),
            "rawId": b64(&self.credential_id),
            "type": "public-key",
            "response": {
                "authenticatorData": b64(&auth_data),
                "clientDataJSON": b64(&client_data),
                "signature": b64(signature.to_der().as_bytes()),
                "userHandle": null,
            },
        });
        response.to_string()
    }
}
