//! Networks in CIDR notation, for the per-account lists of networks allowed or denied
//! at sign-in.

use std::net::IpAddr;

use ipnet::IpNet;

use crate::Message;

/// Parses an IPv4 or IPv6 network such as `192.0.2.0/24` or `2001:db8::/32`. A bare
/// address is read as a network of that one address (`/32` or `/128`). Host bits are
/// cleared, so `192.0.2.17/24` becomes `192.0.2.0/24`.
///
/// Errors: `error-network-format`.
pub fn parse(input: &str) -> Result<IpNet, Message> {
    let trimmed = input.trim();
    let network = match trimmed.parse::<IpNet>() {
        Ok(network) => network,
        Err(_) => match trimmed.parse::<IpAddr>() {
            Ok(address) => IpNet::from(address),
            Err(_) => return Err(Message::new("error-network-format")),
        },
    };
    Ok(network.trunc())
}

/// Returns whether `address` is in `network`, reading an IPv4-mapped IPv6 address
/// (`::ffff:192.0.2.1`) as the IPv4 address it carries.
pub fn contains(network: &IpNet, address: IpAddr) -> bool {
    let address = match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    };
    network.contains(&address)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks_in_canonical_form() {
        let cases = [
            ("192.0.2.0/24", "192.0.2.0/24"),
            (" 192.0.2.17/24 ", "192.0.2.0/24"),
            ("203.0.113.5", "203.0.113.5/32"),
            ("2001:db8::1/32", "2001:db8::/32"),
            ("2001:db8::1", "2001:db8::1/128"),
            ("0.0.0.0/0", "0.0.0.0/0"),
        ];
        for (input, expected) in cases {
            assert_eq!(parse(input).unwrap().to_string(), expected, "{input}");
        }
    }

    #[test]
    fn malformed_networks_are_rejected() {
        for input in [
            "",
            "192.0.2.0/33",
            "192.0.2",
            "256.1.1.1",
            "example.org",
            "2001:db8::/129",
            "192.0.2.0/",
        ] {
            assert_eq!(
                parse(input).unwrap_err().key,
                "error-network-format",
                "{input:?}"
            );
        }
    }

    #[test]
    fn mapped_address_matches_ipv4_network() {
        let network = parse("192.0.2.0/24").unwrap();
        assert!(contains(&network, "::ffff:192.0.2.9".parse().unwrap()));
        assert!(contains(&network, "192.0.2.255".parse().unwrap()));
        assert!(!contains(&network, "192.0.3.0".parse().unwrap()));
    }
}
