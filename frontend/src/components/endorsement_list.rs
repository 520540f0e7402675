//! The endorsements of a campaign grouped by country, then city; each name
//! and its second name in its own element with its own direction (a
//! Persian name right to left beside an English one).

use leptos::prelude::*;
use shared::Endorsement;

use crate::i18n::use_lang;
use crate::time;

#[derive(Debug, Clone, PartialEq)]
pub struct CityGroup {
    /// Empty when the endorsement names no city.
    pub city: String,
    pub endorsements: Vec<Endorsement>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CountryGroup {
    /// Empty when the endorsement names no country.
    pub code: String,
    pub name: String,
    pub cities: Vec<CityGroup>,
}

/// By country (its English name, those without one last), then city (those
/// without one last), then name, as the server also sorts them.
pub fn group(list: &[Endorsement]) -> Vec<CountryGroup> {
    let mut sorted: Vec<&Endorsement> = list.iter().collect();
    let key = |e: &Endorsement| {
        let country = e.country.clone().or(e.country_code.clone());
        (
            country.is_none(),
            country.unwrap_or_default().to_lowercase(),
            e.city.is_none(),
            e.city.clone().unwrap_or_default().to_lowercase(),
            e.name.to_lowercase(),
        )
    };
    sorted.sort_by_key(|e| key(e));
    let mut groups: Vec<CountryGroup> = Vec::new();
    for e in sorted {
        let code = e.country_code.clone().unwrap_or_default();
        let city = e.city.clone().unwrap_or_default();
        if groups.last().is_none_or(|g| g.code != code) {
            groups.push(CountryGroup {
                code: code.clone(),
                name: e.country.clone().unwrap_or_else(|| code.clone()),
                cities: Vec::new(),
            });
        }
        let Some(country) = groups.last_mut() else {
            continue;
        };
        if country.cities.last().is_none_or(|c| c.city != city) {
            country.cities.push(CityGroup {
                city,
                endorsements: Vec::new(),
            });
        }
        if let Some(c) = country.cities.last_mut() {
            c.endorsements.push(e.clone());
        }
    }
    groups
}

/// One organisation: its name, its second name, its website.
#[component]
pub fn EndorsementName(endorsement: Endorsement) -> impl IntoView {
    let e = endorsement;
    view! {
        <span class="endorser-name" dir="auto">{e.name.clone()}</span>
        {e.name_alt.clone().filter(|n| !n.is_empty()).map(|n| view! {
            " " <span class="endorser-name-alt" dir="auto">{n}</span>
        })}
        {e.website.clone().filter(|w| !w.is_empty()).map(|w| view! {
            " " <a class="endorser-site" href=w.clone() rel="noopener noreferrer nofollow" dir="ltr">{w.clone()}</a>
        })}
    }
}

#[component]
pub fn GroupedEndorsements(endorsements: Signal<Vec<Endorsement>>) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    move || {
        let l = lang.get();
        let groups = endorsements.with(|e| group(e));
        if groups.is_empty() {
            return view! { <p id="no-endorsements">{t().no_endorsements}</p> }.into_any();
        }
        view! {
            <div class="endorsements" id="endorsement-list">
                {groups.into_iter().map(|g| {
                    let country = if g.code.is_empty() { t().no_country.to_string() } else { time::country_name(&g.code, &g.name, l) };
                    view! {
                        <section class="country-group" data-country=g.code.clone()>
                            <h2>{country}</h2>
                            {g.cities.into_iter().map(|c| {
                                let city = if c.city.is_empty() { None } else { Some(c.city.clone()) };
                                view! {
                                    <div class="city-group">
                                        {city.map(|c| view! { <h3 dir="auto">{c}</h3> })}
                                        <ul class="endorsers">
                                            {c.endorsements.into_iter().map(|e| view! {
                                                <li class="endorser" data-id=e.id><EndorsementName endorsement=e.clone()/></li>
                                            }).collect_view()}
                                        </ul>
                                    </div>
                                }
                            }).collect_view()}
                        </section>
                    }
                }).collect_view()}
            </div>
        }
        .into_any()
    }
}

#[cfg(test)]
mod tests {
    use shared::EndorsementStatus;

    use super::*;

    fn e(id: i64, name: &str, city: Option<&str>, country: Option<(&str, &str)>) -> Endorsement {
        Endorsement {
            id,
            name: name.into(),
            name_alt: None,
            city: city.map(Into::into),
            country_code: country.map(|c| c.0.into()),
            country: country.map(|c| c.1.into()),
            website: None,
            status: EndorsementStatus::Approved,
            contact_email: None,
        }
    }

    /// A city and the ids of its endorsements.
    type CityIds<'a> = (&'a str, Vec<i64>);

    #[test]
    fn endorsements_group_by_country_then_city() {
        let se = Some(("SE", "Sweden"));
        let de = Some(("DE", "Germany"));
        let list = vec![
            e(1, "Zeta", Some("Malmö"), se),
            e(2, "Alpha", Some("Berlin"), de),
            e(3, "Beta", Some("Malmö"), se),
            e(4, "Gamma", None, se),
            e(5, "Nowhere", None, None),
            e(6, "Delta", Some("Gothenburg"), se),
        ];
        let groups = group(&list);
        let shape: Vec<(&str, Vec<CityIds>)> = groups
            .iter()
            .map(|g| {
                (
                    g.code.as_str(),
                    g.cities
                        .iter()
                        .map(|c| {
                            (
                                c.city.as_str(),
                                c.endorsements.iter().map(|e| e.id).collect(),
                            )
                        })
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            vec![
                ("DE", vec![("Berlin", vec![2])]),
                (
                    "SE",
                    vec![
                        ("Gothenburg", vec![6]),
                        ("Malmö", vec![3, 1]),
                        ("", vec![4])
                    ]
                ),
                ("", vec![("", vec![5])]),
            ]
        );
        assert_eq!(groups[1].name, "Sweden");
        assert!(group(&[]).is_empty());
    }
}
