//! Attachments: files stored encrypted under the data folder, named by a keyed hash of
//! their content, so the same file uploaded twice is stored once and a file name reveals
//! nothing about its content.

use std::path::PathBuf;

use kabinet_shared::Message;

use crate::crypto::{self, keyed_hash};
use crate::error::{Error, Result};
use crate::keys::Keys;

/// File types accepted as attachments, decided by the first bytes of the content.
pub const ACCEPTED_TYPES: [&str; 3] = ["application/pdf", "image/jpeg", "image/png"];

#[derive(Clone, Debug)]
pub struct FileStore {
    root: PathBuf,
}

/// A file that passed the checks, ready to store.
#[derive(Clone, Debug)]
pub struct CheckedFile {
    pub key: String,
    pub content_type: &'static str,
    pub size: u64,
}

impl FileStore {
    pub fn open(root: PathBuf) -> Result<FileStore> {
        std::fs::create_dir_all(&root)?;
        Ok(FileStore { root })
    }

    fn path(&self, key: &str) -> PathBuf {
        self.root.join(&key[..2]).join(key)
    }

    /// Writes `bytes` under `key` unless a file with that key exists. The file appears
    /// whole or not at all: it is written to a temporary name, synced, then renamed.
    pub async fn put(&self, keys: &Keys, key: &str, bytes: &[u8]) -> Result<()> {
        let path = self.path(key);
        if tokio::fs::try_exists(&path).await? {
            return Ok(());
        }
        let sealed = crypto::seal(&keys.data, key.as_bytes(), bytes);
        let directory = path
            .parent()
            .expect("a blob path has a parent")
            .to_path_buf();
        let temporary = directory.join(format!(".{key}.{}", uuid::Uuid::new_v4()));
        tokio::fs::create_dir_all(&directory).await?;

        let write = async {
            use tokio::io::AsyncWriteExt;
            let mut file = tokio::fs::File::create(&temporary).await?;
            file.write_all(&sealed).await?;
            file.sync_all().await?;
            tokio::fs::rename(&temporary, &path).await
        };
        if let Err(error) = write.await {
            let _ = tokio::fs::remove_file(&temporary).await;
            return Err(error.into());
        }
        Ok(())
    }

    /// Seals every stored file of an older data key again with the current key, each
    /// replaced whole through a temporary file and a rename.
    pub(crate) async fn reseal(
        &self,
        keys: &Keys,
        report: &mut crate::reseal::ResealReport,
    ) -> Result<()> {
        let (current, _) = keys.data.current();
        let mut folders = tokio::fs::read_dir(&self.root).await?;
        while let Some(folder) = folders.next_entry().await? {
            if !folder.file_type().await?.is_dir() {
                continue;
            }
            let mut entries = tokio::fs::read_dir(folder.path()).await?;
            while let Some(entry) = entries.next_entry().await? {
                let name = entry.file_name();
                let Some(key) = name.to_str().filter(|name| !name.starts_with('.')) else {
                    continue;
                };
                let sealed = tokio::fs::read(entry.path()).await?;
                if crypto::key_id(&sealed)? == current {
                    report.current += 1;
                    continue;
                }
                let plain = crypto::open(&keys.data, key.as_bytes(), &sealed)?;
                let resealed = crypto::seal(&keys.data, key.as_bytes(), &plain);
                let temporary = folder
                    .path()
                    .join(format!(".{key}.{}", uuid::Uuid::new_v4()));
                tokio::fs::write(&temporary, &resealed).await?;
                tokio::fs::File::open(&temporary).await?.sync_all().await?;
                tokio::fs::rename(&temporary, entry.path()).await?;
                report.files += 1;
            }
        }
        Ok(())
    }

    pub async fn get(&self, keys: &Keys, key: &str) -> Result<Vec<u8>> {
        let is_key = key.len() == 64 && key.bytes().all(|b| b.is_ascii_hexdigit());
        if !is_key {
            return Err(Error::NotFound);
        }
        let sealed = tokio::fs::read(self.path(key)).await?;
        Ok(crypto::open(&keys.data, key.as_bytes(), &sealed)?)
    }
}

/// Checks an uploaded file's size and type and computes its storage key. The message
/// is meant for the form field the file was attached to.
pub fn check_upload(
    keys: &Keys,
    bytes: &[u8],
    max_bytes: u64,
) -> std::result::Result<CheckedFile, Message> {
    let size = bytes.len() as u64;
    if size == 0 {
        return Err(Message::new("error-file-empty"));
    }
    if size > max_bytes {
        let max_megabytes = max_bytes.div_ceil(1024 * 1024);
        return Err(Message::new("error-file-too-large").arg("max", max_megabytes));
    }
    let content_type = infer::get(bytes)
        .map(|kind| kind.mime_type())
        .and_then(|mime| {
            ACCEPTED_TYPES
                .iter()
                .find(|accepted| **accepted == mime)
                .copied()
        })
        .ok_or_else(|| Message::new("error-file-type"))?;

    let key = hex(&keyed_hash(&keys.index, "blob", bytes));
    Ok(CheckedFile {
        key,
        content_type,
        size,
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = &[
        0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R',
    ];

    #[test]
    fn type_comes_from_content() {
        let keys = Keys::generate();
        let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n";

        assert_eq!(
            check_upload(&keys, pdf, 1000).unwrap().content_type,
            "application/pdf"
        );
        assert_eq!(
            check_upload(&keys, PNG, 1000).unwrap().content_type,
            "image/png"
        );
        assert_eq!(
            check_upload(
                &keys,
                &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0],
                1000
            )
            .unwrap()
            .content_type,
            "image/jpeg"
        );
    }

    #[test]
    fn other_content_is_rejected() {
        let keys = Keys::generate();
        let error = check_upload(&keys, b"MZ\x90\x00 not a document", 1000).unwrap_err();
        assert_eq!(error.key, "error-file-type");
        let error = check_upload(&keys, b"GIF89a......", 1000).unwrap_err();
        assert_eq!(error.key, "error-file-type");
    }

    #[test]
    fn size_limit_is_inclusive() {
        let keys = Keys::generate();
        let mut file = PNG.to_vec();
        file.resize(100, 0);

        assert!(check_upload(&keys, &file, 100).is_ok());
        let error = check_upload(&keys, &file, 99).unwrap_err();
        assert_eq!(error.key, "error-file-too-large");
        assert_eq!(error.args, vec![("max".to_string(), "1".to_string())]);
    }

    #[test]
    fn empty_file_is_rejected() {
        assert_eq!(
            check_upload(&Keys::generate(), b"", 100).unwrap_err().key,
            "error-file-empty"
        );
    }

    #[tokio::test]
    async fn stored_file_is_encrypted_and_reads_back() {
        let keys = Keys::generate();
        let root = std::env::temp_dir().join(format!("kabinet-files-{}", uuid::Uuid::new_v4()));
        let store = FileStore::open(root.clone()).unwrap();
        let content = b"%PDF-1.4 passport scan 4510 123456".to_vec();
        let checked = check_upload(&keys, &content, 1000).unwrap();

        store.put(&keys, &checked.key, &content).await.unwrap();
        store.put(&keys, &checked.key, &content).await.unwrap();

        let on_disk = std::fs::read(store.path(&checked.key)).unwrap();
        assert!(!on_disk.windows(11).any(|w| w == b"4510 123456"));
        assert_eq!(store.get(&keys, &checked.key).await.unwrap(), content);
        std::fs::remove_dir_all(root).unwrap();
    }
}
