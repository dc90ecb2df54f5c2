//! What the login journal and the session list show about a client: the browser and
//! system from the user agent, and the network from the address.

use std::net::IpAddr;

use kabinet_shared::model::Place;

/// Browsers in the order they must be tested: several of them also name Chrome or
/// Safari in their user agent.
const BROWSERS: [(&str, &str); 8] = [
    ("YaBrowser/", "Яндекс Браузер"),
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
];

const SYSTEMS: [(&str, &str); 7] = [
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
];

/// Names the browser and system of a user agent, e.g. "Firefox, Linux". Returns an
/// empty string when neither is recognised.
pub(crate) fn describe(user_agent: Option<&str>) -> String {
    let Some(agent) = user_agent else {
        return String::new();
    };
    let browser = BROWSERS
        .iter()
        .find(|(marker, _)| agent.contains(marker))
        .map(|(_, name)| *name);
    let system = SYSTEMS
        .iter()
        .find(|(marker, _)| agent.contains(marker))
        .map(|(_, name)| *name);
    match (browser, system) {
        (Some(browser), Some(system)) => format!("{browser}, {system}"),
        (Some(name), None) | (None, Some(name)) => name.to_string(),
        (None, None) => String::new(),
    }
}

/// The network of an address: its /24 for IPv4 and /48 for IPv6. Two sign-ins from one
/// network count as the same place when deciding whether to announce a new sign-in.
pub(crate) fn network(ip: IpAddr) -> String {
    match canonical(ip) {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            format!("{a}.{b}.{c}.0/24")
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2])
        }
    }
}

/// Where an address is, as far as it tells: a local network or a public prefix.
pub(crate) fn place(ip: Option<&str>) -> Place {
    let Some(ip) = ip.and_then(|text| text.parse::<IpAddr>().ok()) else {
        return Place::Unknown;
    };
    let ip = canonical(ip);
    let local = match ip {
        IpAddr::V4(v4) => v4.is_loopback() || v4.is_private() || v4.is_link_local(),
        IpAddr::V6(v6) => v6.is_loopback() || v6.is_unique_local() || v6.is_unicast_link_local(),
    };
    if local {
        Place::Local
    } else {
        Place::Network(network(ip))
    }
}

fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agents_are_named() {
        let cases = [
            (
                "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
                "Firefox, Linux",
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
                "Edge, Windows",
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
                "Safari, iOS",
            ),
            (
                "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 YaBrowser/24.12 Mobile Safari/537.36",
                "Яндекс Браузер, Android",
            ),
            ("curl/8.5.0", ""),
        ];
        for (agent, expected) in cases {
            assert_eq!(describe(Some(agent)), expected, "{agent}");
        }
        assert_eq!(describe(None), "");
    }

    #[test]
    fn networks_and_places() {
        assert_eq!(network("203.0.113.77".parse().unwrap()), "203.0.113.0/24");
        assert_eq!(
            network("::ffff:203.0.113.77".parse().unwrap()),
            "203.0.113.0/24"
        );
        assert_eq!(
            network("2001:db8:1:2::5".parse().unwrap()),
            "2001:db8:1::/48"
        );
        assert_eq!(place(Some("127.0.0.1")), Place::Local);
        assert_eq!(place(Some("10.1.2.3")), Place::Local);
        assert_eq!(place(Some("fd00::1")), Place::Local);
        assert_eq!(
            place(Some("198.51.100.7")),
            Place::Network("198.51.100.0/24".into())
        );
        assert_eq!(place(Some("not an address")), Place::Unknown);
        assert_eq!(place(None), Place::Unknown);
    }
}
