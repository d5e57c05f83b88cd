//! Help lines by region: who to call in danger and which domestic abuse lines
//! answer, as checked data in `questions/helplines.json`, and which region a
//! person is in.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The name of the bank file that holds the help lines.
pub const HELPLINES_FILE: &str = "helplines.json";
/// The region used when none matches: names the local emergency number and
/// the US and UK lines.
pub const FALLBACK_REGION: &str = "other";

/// `questions/helplines.json`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HelplinesFile {
    /// Where editors find this file's JSON Schema.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// One entry per region, and one for everyone else (`other`).
    pub helplines: Vec<Region>,
}

/// Where to find help in one region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// ISO 3166-1 alpha-2 code in capitals (`AU`), or `other` for the fallback.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub region: String,
    /// The region's English name.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub name: String,
    /// The number to call in immediate danger (for `other`, a phrase).
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub emergency: String,
    /// The public page the emergency number was checked against.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub emergency_source: String,
    /// Domestic abuse lines, the most widely useful first.
    pub lines: Vec<Helpline>,
}

/// One domestic abuse line and how to reach it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Helpline {
    /// The service's name.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub name: String,
    /// A number to call.
    #[serde(
        default,
        deserialize_with = "crate::text::on_read::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub call: Option<String>,
    /// How to text it: `START to 88788`, or a number.
    #[serde(
        default,
        deserialize_with = "crate::text::on_read::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub text: Option<String>,
    /// A WhatsApp number.
    #[serde(
        default,
        deserialize_with = "crate::text::on_read::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub whatsapp: Option<String>,
    /// A website with live chat, without `https://`.
    #[serde(
        default,
        deserialize_with = "crate::text::on_read::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub chat: Option<String>,
    /// A website that lists or finds services, without `https://`.
    #[serde(
        default,
        deserialize_with = "crate::text::on_read::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub web: Option<String>,
    /// When it answers: "any hour", "daily 9am-11pm".
    #[serde(
        default,
        deserialize_with = "crate::text::on_read::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub hours: Option<String>,
    /// The public page the details were checked against.
    #[serde(deserialize_with = "crate::text::on_read::string")]
    pub source: String,
}

impl Helpline {
    /// The ways to reach it, in words: "call 1800 737 732, text 0458 737 732
    /// or chat at 1800respect.org.au".
    pub fn how(&self) -> String {
        let ways: Vec<String> = [
            self.call.as_ref().map(|n| format!("call {n}")),
            self.text.as_ref().map(|t| format!("text {t}")),
            self.whatsapp.as_ref().map(|n| format!("WhatsApp {n}")),
            self.chat.as_ref().map(|c| format!("chat at {c}")),
            self.web.as_ref().map(|w| format!("see {w}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        match ways.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
        }
    }

    /// The line as a sentence: "1800RESPECT: call 1800 737 732 or chat at
    /// 1800respect.org.au (any hour)."
    pub fn sentence(&self) -> String {
        match &self.hours {
            Some(hours) => format!("{}: {} ({hours}).", self.name, self.how()),
            None => format!("{}: {}.", self.name, self.how()),
        }
    }

    /// The first way to reach it, for one-line mentions.
    fn first_way(&self) -> Option<&str> {
        [
            &self.call,
            &self.text,
            &self.whatsapp,
            &self.chat,
            &self.web,
        ]
        .into_iter()
        .find_map(|w| w.as_deref())
    }
}

impl Region {
    /// "In danger now: call 000."
    pub fn emergency_sentence(&self) -> String {
        format!("In danger now: call {}.", self.emergency)
    }

    /// Every line as a sentence, the emergency number first.
    pub fn sentences(&self) -> Vec<String> {
        std::iter::once(self.emergency_sentence())
            .chain(self.lines.iter().map(Helpline::sentence))
            .collect()
    }

    /// One short line for everyone, at the end of the intro: the emergency
    /// number and the first line.
    pub fn one_line(&self) -> String {
        let first = self
            .lines
            .first()
            .and_then(|l| l.first_way().map(|way| format!("; {}: {way}", l.name)))
            .unwrap_or_default();
        format!(
            "If you are ever afraid of your partner, help is there: in danger call {}{first}.",
            self.emergency
        )
    }
}

/// The region a locale names: `en_AU.UTF-8` is `AU`; `C`, `POSIX` and
/// locales without a territory name none.
pub fn region_of_locale(locale: &str) -> Option<String> {
    let base = locale.split(['.', '@']).next().unwrap_or("");
    let territory = base.split_once(['_', '-'])?.1;
    (territory.len() == 2 && territory.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| territory.to_ascii_uppercase())
}

/// The region from the environment, as the C library chooses a locale for
/// messages: `LC_ALL`, else `LC_MESSAGES`, else `LANG`, the first one set and
/// not empty.
pub fn region_from_env(var: impl Fn(&str) -> Option<String>) -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .find_map(|name| var(name).filter(|v| !v.is_empty()))
        .and_then(|locale| region_of_locale(&locale))
}

/// A region code as people type it: `au` is `AU`, and `UK` is `GB`.
pub fn normalise_region(code: &str) -> String {
    let code = code.trim().to_ascii_uppercase();
    match code.as_str() {
        "UK" => "GB".to_string(),
        "OTHER" => FALLBACK_REGION.to_string(),
        _ => code,
    }
}

/// The entry for `region`, else the fallback, else the first.
pub fn pick<'a>(regions: &'a [Region], region: Option<&str>) -> Option<&'a Region> {
    let wanted = region.map(normalise_region);
    wanted
        .and_then(|code| regions.iter().find(|r| r.region == code))
        .or_else(|| regions.iter().find(|r| r.region == FALLBACK_REGION))
        .or_else(|| regions.first())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locale_names_its_territory() {
        assert_eq!(region_of_locale("en_AU.UTF-8").as_deref(), Some("AU"));
        assert_eq!(region_of_locale("de_DE@euro").as_deref(), Some("DE"));
        assert_eq!(region_of_locale("en-GB").as_deref(), Some("GB"));
        assert_eq!(region_of_locale("C.UTF-8"), None);
        assert_eq!(region_of_locale("POSIX"), None);
        assert_eq!(region_of_locale("en"), None);
    }

    #[test]
    fn lc_all_wins_over_lc_messages_over_lang() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            region_from_env(env(&[("LANG", "en_US.UTF-8"), ("LC_ALL", "en_NZ.UTF-8")])).as_deref(),
            Some("NZ")
        );
        assert_eq!(
            region_from_env(env(&[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "fr_FR")])).as_deref(),
            Some("FR")
        );
        assert_eq!(
            region_from_env(env(&[("LC_ALL", ""), ("LANG", "en_IE.UTF-8")])).as_deref(),
            Some("IE")
        );
        assert_eq!(region_from_env(env(&[])), None);
    }

    #[test]
    fn ways_to_reach_a_line_read_as_a_sentence() {
        let line = Helpline {
            name: "1800RESPECT".into(),
            call: Some("1800 737 732".into()),
            text: Some("0458 737 732".into()),
            whatsapp: None,
            chat: Some("1800respect.org.au".into()),
            web: None,
            hours: Some("any hour".into()),
            source: "https://www.1800respect.org.au/".into(),
        };
        assert_eq!(
            line.sentence(),
            "1800RESPECT: call 1800 737 732, text 0458 737 732 or chat at 1800respect.org.au (any hour)."
        );
    }

    #[test]
    fn uk_means_gb() {
        assert_eq!(normalise_region("uk"), "GB");
        assert_eq!(normalise_region(" au "), "AU");
    }
}
