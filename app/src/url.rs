//! Building links: percent-encoding of query values.

/// Percent-encodes a value for a query parameter. Slashes stay as they are, so that a
/// path passed as `next` remains readable.
pub fn encode_query(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}
