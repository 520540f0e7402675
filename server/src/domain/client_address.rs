//! The client's address, as the rate limiters key it: from the connection,
//! or from `X-Forwarded-For` when the connection comes from a trusted proxy.
//! Used only in memory, for the length of a rate-limit window; never stored.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use ipnet::IpNet;

/// The rate limiter's key for a request that came over a connection from
/// `peer` with the `X-Forwarded-For` entries `forwarded` (left to right).
///
/// The header is read only when `peer` is a trusted proxy, and then from the
/// right: each trusted proxy appends the address it got the request from, so
/// the right-most address that is not itself a trusted proxy is the client;
/// anything left of it was written by the client and may be made up. An
/// IPv6 client is keyed by its /64, which one subscriber usually holds whole.
pub fn client_key(peer: IpAddr, forwarded: &[&str], trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    let mut client = peer.to_canonical();
    if is_trusted(&client) {
        for entry in forwarded.iter().rev() {
            // An entry we cannot read was not written by a proxy we trust:
            // the hop that passed it on stands for the client.
            let Some(ip) = parse_forwarded(entry) else {
                break;
            };
            client = ip;
            if !is_trusted(&ip) {
                break;
            }
        }
    }
    match client {
        IpAddr::V4(_) => client,
        IpAddr::V6(v6) => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & !(u128::MAX >> 64))),
    }
}

/// `203.0.113.9`, `2001:db8::1`, `[2001:db8::1]`, `203.0.113.9:4711` or
/// `[2001:db8::1]:4711`.
fn parse_forwarded(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| {
            entry
                .strip_prefix('[')
                .and_then(|e| e.strip_suffix(']'))
                .and_then(|e| e.parse().ok())
        })
        .map(|ip: IpAddr| ip.to_canonical())
}
