//! Secret keys: where they come from and how they are generated.
//!
//! Three 256-bit keys protect the data:
//! - the session key hashes session tokens and one-time codes before they are stored;
//! - the data key encrypts passport data, SNILS, INN and other values at rest; it has an id
//!   so that old values stay readable after a new key is introduced;
//! - the index key computes the keyed hashes used to find a person by SNILS or INN without
//!   storing the number in clear. It cannot change without recomputing every index.
//!
//! In production each key must be given in the configuration. Elsewhere a missing key is
//! read from, or generated into, `<data dir>/keys/`.

use std::fmt;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;

/// A 256-bit secret. Its `Debug` output never shows the bytes.
#[derive(Clone)]
pub struct Secret([u8; 32]);

impl Secret {
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Secret(bytes)
    }

    pub fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Parses the base64url text of 32 bytes (padding optional).
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let decoded = URL_SAFE_NO_PAD
            .decode(text.trim().trim_end_matches('='))
            .map_err(|_| KeyError::Malformed)?;
        let bytes: [u8; 32] = decoded.try_into().map_err(|_| KeyError::Malformed)?;
        Ok(Secret(bytes))
    }

    pub fn to_text(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.0)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(..)")
    }
}

/// Data-encryption keys by id; new values are sealed with `current`.
#[derive(Clone, Debug)]
pub struct DataKeyring {
    current: String,
    keys: Vec<(String, Secret)>,
}

impl DataKeyring {
    /// Parses `id:key` entries separated by commas or newlines; the first is current and
    /// the others only decrypt older values.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let mut keys = Vec::new();
        for entry in text
            .split([',', '\n'])
            .map(str::trim)
            .filter(|e| !e.is_empty())
        {
            let (id, key) = entry.split_once(':').ok_or(KeyError::MissingId)?;
            let id = id.trim();
            let id_is_valid = !id.is_empty()
                && id.len() <= 32
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !id_is_valid {
                return Err(KeyError::MissingId);
            }
            keys.push((id.to_string(), Secret::parse(key)?));
        }
        let current = keys.first().ok_or(KeyError::Malformed)?.0.clone();
        Ok(Self { current, keys })
    }

    pub fn current(&self) -> (&str, &Secret) {
        (
            &self.current,
            self.get(&self.current)
                .expect("the current key is in the ring"),
        )
    }

    pub fn get(&self, id: &str) -> Option<&Secret> {
        self.keys
            .iter()
            .find(|(key_id, _)| key_id == id)
            .map(|(_, key)| key)
    }

    pub fn generate(id: &str) -> Self {
        Self {
            current: id.to_string(),
            keys: vec![(id.to_string(), Secret::generate())],
        }
    }

    pub fn to_text(&self) -> String {
        self.keys
            .iter()
            .map(|(id, key)| format!("{id}:{}", key.to_text()))
            .collect::<Vec<_>>()
            .join(",")
    }
}

#[derive(Clone, Debug)]
pub struct Keys {
    pub session: Secret,
    pub data: DataKeyring,
    pub index: Secret,
}

/// Keys as given in the configuration, each optional.
#[derive(Clone, Debug, Default)]
pub struct KeySettings {
    pub session_key: Option<String>,
    pub data_key: Option<String>,
    pub index_key: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("the key is not 32 bytes of base64url text")]
    Malformed,
    #[error("a data key must be written as id:key, with an id of letters, digits, - or _")]
    MissingId,
    #[error(
        "{variable} is not set; production mode never generates keys. Create one with \
         `kabinet keys generate` and set {variable} (or `{setting}` in the configuration file)"
    )]
    MissingInProduction {
        variable: &'static str,
        setting: &'static str,
    },
    #[error("{name} key: {source}")]
    Invalid {
        name: &'static str,
        source: Box<KeyError>,
    },
    #[error("cannot read or write the key file {path}: {source}")]
    File {
        path: String,
        source: std::io::Error,
    },
}

impl Keys {
    /// Loads the keys from `settings`, falling back to the files in `<data_dir>/keys/`
    /// (generated when missing) unless `production` is set.
    pub fn load(
        settings: &KeySettings,
        data_dir: &Path,
        production: bool,
    ) -> Result<Keys, KeyError> {
        let session = resolve(
            settings.session_key.as_deref(),
            KeySpec::SESSION,
            data_dir,
            production,
            || Secret::generate().to_text(),
        )?;
        let data = resolve(
            settings.data_key.as_deref(),
            KeySpec::DATA,
            data_dir,
            production,
            || {
                DataKeyring::generate(&format!("k{}", chrono::Utc::now().format("%Y%m%d")))
                    .to_text()
            },
        )?;
        let index = resolve(
            settings.index_key.as_deref(),
            KeySpec::INDEX,
            data_dir,
            production,
            || Secret::generate().to_text(),
        )?;

        let invalid = |name: &'static str| {
            move |source| KeyError::Invalid {
                name,
                source: Box::new(source),
            }
        };
        Ok(Keys {
            session: Secret::parse(&session).map_err(invalid("session"))?,
            data: DataKeyring::parse(&data).map_err(invalid("data"))?,
            index: Secret::parse(&index).map_err(invalid("index"))?,
        })
    }

    /// Fresh keys, for tests and for `kabinet keys generate`.
    pub fn generate() -> Keys {
        Keys {
            session: Secret::generate(),
            data: DataKeyring::generate("k1"),
            index: Secret::generate(),
        }
    }
}

struct KeySpec {
    file: &'static str,
    variable: &'static str,
    setting: &'static str,
}

impl KeySpec {
    const SESSION: KeySpec = KeySpec {
        file: "session.key",
        variable: "KABINET_SESSION_KEY",
        setting: "session_key",
    };
    const DATA: KeySpec = KeySpec {
        file: "data.key",
        variable: "KABINET_DATA_KEY",
        setting: "data_key",
    };
    const INDEX: KeySpec = KeySpec {
        file: "index.key",
        variable: "KABINET_INDEX_KEY",
        setting: "index_key",
    };
}

fn resolve(
    given: Option<&str>,
    spec: KeySpec,
    data_dir: &Path,
    production: bool,
    generate: impl FnOnce() -> String,
) -> Result<String, KeyError> {
    if let Some(text) = given.filter(|text| !text.trim().is_empty()) {
        return Ok(text.trim().to_string());
    }
    if production {
        return Err(KeyError::MissingInProduction {
            variable: spec.variable,
            setting: spec.setting,
        });
    }

    let path = data_dir.join("keys").join(spec.file);
    let file_error = |source| KeyError::File {
        path: path.display().to_string(),
        source,
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => return Ok(text.trim().to_string()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => return Err(file_error(error)),
    }

    let text = generate();
    std::fs::create_dir_all(path.parent().expect("a key path has a parent")).map_err(file_error)?;
    write_private(&path, &text).map_err(file_error)?;
    tracing::info!(key.file = %path.display(), "generated a key for development use");
    Ok(text)
}

/// Writes a file readable only by its owner (mode 0600 on Unix).
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn production_without_key_names_the_variable() {
        let dir = std::env::temp_dir().join(format!("kabinet-keys-{}", uuid::Uuid::new_v4()));
        let error = Keys::load(&KeySettings::default(), &dir, true).unwrap_err();

        let text = error.to_string();
        assert!(text.contains("KABINET_SESSION_KEY"), "{text}");
        assert!(text.contains("kabinet keys generate"), "{text}");
        assert!(!dir.exists(), "production must not create key files");
    }

    #[test]
    fn development_keys_are_generated_once() {
        let dir = std::env::temp_dir().join(format!("kabinet-keys-{}", uuid::Uuid::new_v4()));
        let first = Keys::load(&KeySettings::default(), &dir, false).unwrap();
        let second = Keys::load(&KeySettings::default(), &dir, false).unwrap();

        assert_eq!(first.session.bytes(), second.session.bytes());
        assert_eq!(first.index.bytes(), second.index.bytes());
        assert_eq!(first.data.current().0, second.data.current().0);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn keyring_keeps_old_keys_for_reading() {
        let old = Secret::generate().to_text();
        let new = Secret::generate().to_text();
        let ring = DataKeyring::parse(&format!("k2:{new}, k1:{old}")).unwrap();

        assert_eq!(ring.current().0, "k2");
        assert_eq!(ring.get("k1").unwrap().to_text(), old);
    }

    #[test]
    fn keyring_rejects_entry_without_id() {
        let key = Secret::generate().to_text();
        assert!(matches!(DataKeyring::parse(&key), Err(KeyError::MissingId)));
    }

    #[test]
    fn secret_rejects_short_key() {
        assert!(matches!(Secret::parse("c2hvcnQ"), Err(KeyError::Malformed)));
    }
}
