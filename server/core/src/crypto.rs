//! Encryption at rest, keyed hashes and random tokens.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use crate::keys::{DataKeyring, Secret};

/// Format byte of a sealed value: XChaCha20-Poly1305 with the key id in the header.
const FORMAT_V1: u8 = 1;
const NONCE_LEN: usize = 24;

#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    #[error("the sealed value is truncated or of an unknown format")]
    Malformed,
    #[error("no data key with id {0} is configured")]
    UnknownKey(String),
    #[error("the sealed value failed authentication")]
    Tampered,
}

/// Encrypts `plaintext` with the current data key.
///
/// `context` is authenticated but not stored: pass the table, column and row id, so a
/// value copied into another row or column fails to open.
///
/// Layout: format byte, key-id length, key id, 24-byte nonce, ciphertext with its tag.
pub fn seal(keys: &DataKeyring, context: &[u8], plaintext: &[u8]) -> Vec<u8> {
    let (id, key) = keys.current();
    let mut nonce = [0u8; NONCE_LEN];
    rand::rng().fill_bytes(&mut nonce);

    let cipher = XChaCha20Poly1305::new(key.bytes().into());
    let ciphertext = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad: context,
            },
        )
        .expect("XChaCha20-Poly1305 encryption does not fail for in-memory input");

    let mut sealed = Vec::with_capacity(2 + id.len() + NONCE_LEN + ciphertext.len());
    sealed.push(FORMAT_V1);
    sealed.push(u8::try_from(id.len()).expect("key ids are at most 32 bytes"));
    sealed.extend_from_slice(id.as_bytes());
    sealed.extend_from_slice(&nonce);
    sealed.extend_from_slice(&ciphertext);
    sealed
}

/// Decrypts a value made by [`seal`] with the same `context`.
pub fn open(keys: &DataKeyring, context: &[u8], sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let (id, rest) = split_header(sealed)?;
    let key = keys
        .get(id)
        .ok_or_else(|| CryptoError::UnknownKey(id.to_string()))?;
    let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
    let cipher = XChaCha20Poly1305::new(key.bytes().into());
    cipher
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: ciphertext,
                aad: context,
            },
        )
        .map_err(|_| CryptoError::Tampered)
}

/// Returns the id of the key that sealed `sealed`.
pub fn key_id(sealed: &[u8]) -> Result<&str, CryptoError> {
    split_header(sealed).map(|(id, _)| id)
}

fn split_header(sealed: &[u8]) -> Result<(&str, &[u8]), CryptoError> {
    let [format, id_len, rest @ ..] = sealed else {
        return Err(CryptoError::Malformed);
    };
    let id_len = usize::from(*id_len);
    if *format != FORMAT_V1 || rest.len() < id_len + NONCE_LEN + 16 {
        return Err(CryptoError::Malformed);
    }
    let (id, rest) = rest.split_at(id_len);
    let id = std::str::from_utf8(id).map_err(|_| CryptoError::Malformed)?;
    Ok((id, rest))
}

/// Seals a UTF-8 string.
pub fn seal_text(keys: &DataKeyring, context: &[u8], text: &str) -> Vec<u8> {
    seal(keys, context, text.as_bytes())
}

/// Opens a value made by [`seal_text`].
pub fn open_text(keys: &DataKeyring, context: &[u8], sealed: &[u8]) -> Result<String, CryptoError> {
    String::from_utf8(open(keys, context, sealed)?).map_err(|_| CryptoError::Malformed)
}

/// HMAC-SHA256 of `value` under `key`, separated by `domain` so that the same value hashed
/// for two purposes gives unrelated results.
pub fn keyed_hash(key: &Secret, domain: &str, value: &[u8]) -> Vec<u8> {
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(key.bytes()).expect("HMAC takes keys of any length");
    mac.update(domain.as_bytes());
    mac.update(&[0]);
    mac.update(value);
    mac.finalize().into_bytes().to_vec()
}

/// A random token of 256 bits as base64url text, for session cookies and links.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Compares two byte strings in time that does not depend on where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring() -> DataKeyring {
        DataKeyring::generate("k1")
    }

    #[test]
    fn sealed_text_opens_with_same_context() {
        let keys = ring();
        let sealed = seal_text(&keys, b"users.snils:1", "11223344595");

        assert_eq!(
            open_text(&keys, b"users.snils:1", &sealed).unwrap(),
            "11223344595"
        );
        assert_eq!(key_id(&sealed).unwrap(), "k1");
    }

    #[test]
    fn sealed_value_does_not_contain_plaintext() {
        let sealed = seal_text(&ring(), b"ctx", "11223344595");
        let window = b"11223344595";
        assert!(!sealed.windows(window.len()).any(|w| w == window));
    }

    #[test]
    fn other_context_fails() {
        let keys = ring();
        let sealed = seal_text(&keys, b"users.snils:1", "11223344595");
        assert!(matches!(
            open(&keys, b"users.snils:2", &sealed),
            Err(CryptoError::Tampered)
        ));
    }

    #[test]
    fn flipped_bit_fails() {
        let keys = ring();
        let mut sealed = seal_text(&keys, b"ctx", "value");
        let last = sealed.len() - 1;
        sealed[last] ^= 1;
        assert!(matches!(
            open(&keys, b"ctx", &sealed),
            Err(CryptoError::Tampered)
        ));
    }

    #[test]
    fn unknown_key_is_named() {
        let sealed = seal_text(&ring(), b"ctx", "value");
        let other = DataKeyring::generate("k9");
        assert!(
            matches!(open(&other, b"ctx", &sealed), Err(CryptoError::UnknownKey(id)) if id == "k1")
        );
    }

    #[test]
    fn truncated_value_is_malformed() {
        assert!(matches!(
            open(&ring(), b"ctx", &[1, 2, b'k', b'1']),
            Err(CryptoError::Malformed)
        ));
        assert!(matches!(
            open(&ring(), b"ctx", &[]),
            Err(CryptoError::Malformed)
        ));
    }

    #[test]
    fn keyed_hash_depends_on_domain() {
        let key = Secret::generate();
        assert_ne!(
            keyed_hash(&key, "snils", b"1"),
            keyed_hash(&key, "inn", b"1")
        );
        assert_eq!(
            keyed_hash(&key, "snils", b"1"),
            keyed_hash(&key, "snils", b"1")
        );
    }
}
