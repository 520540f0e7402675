//! A moderator's campaigns as one line of text: `day-2026:DE,AT; other`
//! (a campaign, optionally `:` and its countries; `;` between campaigns).

use shared::Scope;

pub fn parse_scopes(text: &str) -> Vec<Scope> {
    text.split([';', '\n'])
        .filter_map(|part| {
            let (campaign, countries) = part.split_once(':').unwrap_or((part, ""));
            let campaign = campaign.trim();
            (!campaign.is_empty()).then(|| Scope {
                campaign: campaign.to_string(),
                countries: countries
                    .split([',', ' '])
                    .map(|c| c.trim().to_ascii_uppercase())
                    .filter(|c| !c.is_empty())
                    .collect(),
            })
        })
        .collect()
}

pub fn format_scopes(scopes: &[Scope]) -> String {
    scopes
        .iter()
        .map(|s| {
            if s.countries.is_empty() {
                s.campaign.clone()
            } else {
                format!("{}:{}", s.campaign, s.countries.join(","))
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_read_campaigns_and_their_countries() {
        let scopes = parse_scopes(" day-2026 : de, at ;other;; ");
        assert_eq!(
            scopes,
            vec![
                Scope {
                    campaign: "day-2026".into(),
                    countries: vec!["DE".into(), "AT".into()]
                },
                Scope {
                    campaign: "other".into(),
                    countries: vec![]
                },
            ]
        );
        assert_eq!(format_scopes(&scopes), "day-2026:DE,AT; other");
        assert_eq!(parse_scopes(&format_scopes(&scopes)), scopes);
        assert!(parse_scopes("  ").is_empty());
    }
}
