//! Keeps ReplyTo deliveries out of the server's own network by default:
//! loopback, private, link-local, carrier-grade NAT, unique-local, metadata
//! and other non-public addresses are refused, as literals when a job is
//! submitted and after DNS resolution when it is delivered (the resolver
//! below is the only one the delivery client uses, so a name cannot resolve
//! to one address for the check and another for the connection).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::Url;

/// Why a delivery address was refused.
#[derive(Debug)]
pub struct InternalAddress(pub IpAddr);

impl std::fmt::Display for InternalAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} is an internal address", self.0)
    }
}

impl std::error::Error for InternalAddress {}

/// Whether `ip` is anything but a public unicast address.
pub fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_internal_v4(v4),
        IpAddr::V6(v6) => is_internal_v6(v6),
    }
}

fn is_internal_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    ip.is_unspecified()
        || a == 0 // "this network"
        || ip.is_loopback() // 127/8
        || ip.is_private() // 10/8, 172.16/12, 192.168/16
        || ip.is_link_local() // 169.254/16, cloud metadata (169.254.169.254)
        || (a == 100 && (64..128).contains(&b)) // 100.64/10 carrier-grade NAT (and Alibaba's metadata)
        || (a == 192 && b == 0 && c == 0) // 192.0.0/24 protocol assignments (Oracle's metadata)
        || (a == 198 && (b == 18 || b == 19)) // 198.18/15 benchmarking
        || ip.is_documentation()
        || ip.is_multicast()
        || a >= 240 // reserved and broadcast
}

fn is_internal_v6(ip: Ipv6Addr) -> bool {
    let segments = ip.segments();
    // Addresses that embed an IPv4 address are judged by it.
    if let Some(v4) = embedded_v4(ip) {
        return is_internal_v4(v4);
    }
    ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        || (segments[0] & 0xfe00) == 0xfc00 // fc00::/7 unique local (AWS metadata fd00:ec2::254)
        || (segments[0] & 0xffc0) == 0xfe80 // fe80::/10 link local
        || (segments[0] & 0xffc0) == 0xfec0 // fec0::/10 site local (deprecated)
        || (segments[0] == 0x2001 && segments[1] == 0x0db8) // documentation
        || (segments[0] == 0x0100 && segments[1..4] == [0, 0, 0]) // 100::/64 discard
}

/// The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible
/// (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    let from = |hi: u16, lo: u16| Ipv4Addr::from(((hi as u32) << 16) | lo as u32);
    match s {
        [0, 0, 0, 0, 0, 0xffff, hi, lo] => Some(from(hi, lo)),
        [0, 0, 0, 0, 0, 0, hi, lo] if hi != 0 => Some(from(hi, lo)),
        [0x64, 0xff9b, 0, 0, 0, 0, hi, lo] => Some(from(hi, lo)),
        [0x2002, hi, lo, ..] => Some(from(hi, lo)),
        _ => None,
    }
}

/// Refuses a URL whose host is an internal IP literal. The URL parser has
/// already turned decimal, octal and hex IPv4 forms (`http://2130706433/`,
/// `http://0x7f.1/`) into addresses, so they are caught here too.
pub fn check_literal(url: &Url) -> Result<(), InternalAddress> {
    let ip = match url.host() {
        Some(url::Host::Ipv4(v4)) => IpAddr::V4(v4),
        Some(url::Host::Ipv6(v6)) => IpAddr::V6(v6),
        _ => return Ok(()),
    };
    if is_internal(ip) {
        Err(InternalAddress(ip))
    } else {
        Ok(())
    }
}

/// The delivery client's resolver: the system's, minus internal addresses.
/// A name with any internal address is refused outright rather than
/// filtered, so a receiver cannot steer deliveries inward by DNS.
#[derive(Debug, Clone, Copy)]
pub struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if let Some(bad) = addrs.iter().find(|a| is_internal(a.ip())) {
                return Err(Box::new(InternalAddress(bad.ip())) as _);
            }
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

/// Whether a delivery error was this guard refusing the address.
pub fn refused(e: &reqwest::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if err.is::<InternalAddress>() {
            return true;
        }
        source = err.source();
    }
    false
}

/// The URL without its userinfo (`user:password@`), for showing back to clients.
pub fn without_userinfo(url: &str) -> String {
    match Url::parse(url) {
        Ok(mut u) if !u.username().is_empty() || u.password().is_some() => {
            let _ = u.set_username("");
            let _ = u.set_password(None);
            u.to_string()
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literal(url: &str) -> bool {
        check_literal(&Url::parse(url).unwrap()).is_ok()
    }

    #[test]
    fn internal_literals_are_refused_in_every_spelling() {
        for url in [
            "http://127.0.0.1/",
            "http://2130706433/",
            "http://0x7f000001/",
            "http://017700000001/",
            "http://0x7f.1/",
            "http://127.1/",
            "http://0.0.0.0/",
            "http://10.1.2.3/",
            "http://172.16.0.1/",
            "http://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://100.64.0.1/",
            "http://100.100.100.200/",
            "http://192.0.0.192/",
            "http://[::1]/",
            "http://[::]/",
            "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:a9fe:a9fe]/",
            "http://[64:ff9b::a9fe:a9fe]/",
            "http://[2002:7f00:1::]/",
            "http://[fd00:ec2::254]/",
            "http://[fc00::1]/",
            "http://[fe80::1]/",
            "http://224.0.0.1/",
            "http://255.255.255.255/",
        ] {
            assert!(!literal(url), "{url} must be refused");
        }
        for url in [
            "https://example.com/hook",
            "http://8.8.8.8/",
            "http://[2606:4700::1111]/",
            "http://100.128.0.1/",
            "http://localhost/", // a name: checked after resolution
        ] {
            assert!(literal(url), "{url} must pass");
        }
    }

    #[test]
    fn userinfo_is_not_shown() {
        assert_eq!(
            without_userinfo("https://user:secret@example.com/hook?x=1"),
            "https://example.com/hook?x=1"
        );
        assert_eq!(
            without_userinfo("https://example.com/h"),
            "https://example.com/h"
        );
        assert_eq!(without_userinfo("not a url"), "not a url");
    }

    #[tokio::test]
    async fn the_resolver_refuses_names_of_internal_addresses() {
        let name: Name = "localhost".parse().unwrap();
        let refused = PublicOnly.resolve(name).await;
        assert!(refused.is_err());
    }
}
