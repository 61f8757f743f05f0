//! Reading what a JavaScript host passes in: a query, a category, a list of
//! categories, a profile, options — each checked for its type, with a message
//! that names the argument, what was wrong and what to pass instead.
//!
//! The entry module (`package/leimu.js`) hands every argument over as JSON
//! text, after checking in JavaScript that it is plain data. So nothing of the
//! host's object graph (a cycle, a throwing getter, a Proxy) is ever walked
//! from inside the wasm, where a JavaScript exception or a deep recursion
//! would leave the module unusable; here `serde_json` parses with its
//! recursion limit and every mistake is an `Err`.

use leimu_engine::report::{Holding, ProfileRequest};
use serde_json::{Map, Value};

/// The longest name or query accepted, in characters. Far above any real
/// category or document name; it bounds the work of the edit-distance
/// suggestions for a mistyped name.
pub const MAX_TEXT_CHARS: usize = 1000;

/// The most items a list argument may have (the catalogue has under 400 categories).
pub const MAX_ITEMS: usize = 1000;

/// How `search` is asked: at most `limit` results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchOptions {
    pub limit: usize,
}

/// The CLI's default `--limit`.
pub const DEFAULT_LIMIT: usize = 20;

/// Parses one argument's JSON text (`null` when the host passed `undefined`).
pub fn parse(json: &str, what: &str) -> Result<Value, String> {
    serde_json::from_str(json).map_err(|e| format!("{what} could not be read ({e})"))
}

/// A JavaScript-ish name of a JSON value's type, for messages.
fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A string of at most [`MAX_TEXT_CHARS`] characters.
pub fn text<'a>(value: &'a Value, what: &str, example: &str) -> Result<&'a str, String> {
    let Value::String(text) = value else {
        return Err(format!(
            "{what} must be a string such as `{example}`, not {}",
            type_name(value)
        ));
    };
    let length = text.chars().count();
    if length > MAX_TEXT_CHARS {
        return Err(format!(
            "{what} is {length} characters long; at most {MAX_TEXT_CHARS} are accepted"
        ));
    }
    Ok(text)
}

/// A category name: a non-empty string.
pub fn category<'a>(value: &'a Value, what: &str) -> Result<&'a str, String> {
    let name = text(value, what, "互联网医院")?;
    if name.trim().is_empty() {
        return Err(format!(
            "{what} is empty; give a category's path, id or name, e.g. `医疗服务 > 互联网医院`"
        ));
    }
    Ok(name)
}

/// A non-empty array of categories, each a name or `{ category, way }`
/// (`way`: the `way` of one of its completions, to plan with that way).
pub fn categories(value: &Value) -> Result<Vec<(&str, Option<usize>)>, String> {
    let Value::Array(items) = value else {
        return Err(format!(
            "the categories must be an array such as `['互联网医院', 'medical.clinical-trial']`, not {}",
            type_name(value)
        ));
    };
    if items.is_empty() {
        return Err("the categories are empty; plan at least one category".into());
    }
    if items.len() > MAX_ITEMS {
        return Err(format!(
            "{} categories given; at most {MAX_ITEMS} are accepted",
            items.len()
        ));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let what = format!("categories[{i}]");
            let Value::Object(fields) = item else {
                return Ok((category(item, &what)?, None));
            };
            let mut name = None;
            let mut way = None;
            for (key, value) in fields {
                match key.as_str() {
                    "category" => name = Some(category(value, &format!("{what}.category"))?),
                    "way" => {
                        way = Some(value.as_u64().and_then(|w| usize::try_from(w).ok()).ok_or_else(
                            || format!("{what}.way must be a whole number (a completion's `way`)"),
                        )?)
                    }
                    other => {
                        return Err(format!(
                            "{what} has an unknown field `{other}`; write a name or `{{ category, way }}`"
                        ));
                    }
                }
            }
            let name = name.ok_or_else(|| format!("{what} names no category"))?;
            Ok((name, way))
        })
        .collect()
}

/// `search`'s options: `undefined` or `{ limit?: number }`.
pub fn search_options(value: &Value) -> Result<SearchOptions, String> {
    let mut options = SearchOptions {
        limit: DEFAULT_LIMIT,
    };
    let fields = match value {
        Value::Null => return Ok(options),
        Value::Object(fields) => fields,
        other => {
            return Err(format!(
                "the options must be an object such as `{{ limit: 10 }}`, not {}",
                type_name(other)
            ));
        }
    };
    for (key, value) in fields {
        match key.as_str() {
            "limit" if value.is_null() => {}
            "limit" => {
                options.limit = value
                    .as_u64()
                    .filter(|n| *n >= 1)
                    // More than there are categories is the same as all of them.
                    .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
                    .ok_or_else(|| {
                        format!("options.limit must be a whole number of at least 1, not {value}")
                    })?;
            }
            other => {
                return Err(format!(
                    "unknown option `{other}`; the only option is `limit`"
                ));
            }
        }
    }
    Ok(options)
}

/// The fields a profile may have, for messages.
const PROFILE_FIELDS: &str = "`have`, `partner`, `kinds`, `approved`, `scope`, `confirm`, `deny` (or the site's exported `applicant`, `partners`, `kinds`, `not_kinds`, `approved`, `scope`, `answers`, `version`, `catalogue`)";

/// A profile, in either shape a host is likely to hold:
///
/// - like the CLI's flags: `{ have: ['营业执照', '合作协议=2', { document, count }], partner: [...], kinds: ['政府主体'] }`;
/// - as the site stores and exports it: `{ version: 1, applicant: { <document id>: count }, partners: { ... }, kinds: [<kind id>] }`.
///
/// Documents and kinds may be named in any spelling in both (ids are names
/// too), lists may also be `{ name: count }` objects, and `undefined` or
/// `null` is the empty profile. Every problem is reported, not only the first.
pub fn profile(value: &Value) -> Result<ProfileRequest, String> {
    let mut request = ProfileRequest::default();
    let fields = match value {
        Value::Null => return Ok(request),
        Value::Object(fields) => fields,
        other => {
            return Err(format!(
                "the profile must be an object such as `{{ have: ['营业执照'] }}`, not {}",
                type_name(other)
            ));
        }
    };
    let mut problems = Vec::new();
    for (key, value) in fields {
        let result = match key.as_str() {
            "have" | "applicant" => holdings(value, key).map(|h| request.have.extend(h)),
            "partner" | "partners" => holdings(value, key).map(|h| request.partner.extend(h)),
            "kinds" | "kind" => kinds(value, key).map(|k| request.kinds.extend(k)),
            "not_kinds" => kinds(value, key).map(|k| {
                request
                    .kinds
                    .extend(k.into_iter().map(|id| format!("!{id}")))
            }),
            "approved" => kinds(value, key).map(|c| request.approved.extend(c)),
            "confirm" => kinds(value, key).map(|c| request.confirm.extend(c)),
            "deny" => kinds(value, key).map(|c| request.deny.extend(c)),
            "scope" => match value {
                Value::Null => Ok(()),
                Value::String(_) => {
                    text(value, "profile.scope", "商业保理").map(|t| request.scope = t.to_owned())
                }
                other => Err(format!(
                    "profile.scope must be the business scope as text, not {}",
                    type_name(other)
                )),
            },
            "answers" => answers(value).map(|a| request.answers.extend(a)),
            // The catalogue version the site saved the profile with: the
            // profile is read against this catalogue whatever it says.
            "catalogue" => match value {
                Value::String(_) | Value::Null => Ok(()),
                other => Err(format!(
                    "profile.catalogue must be the catalogue version as text, not {}",
                    type_name(other)
                )),
            },
            "version" => match value.as_u64() {
                Some(1 | 2) => Ok(()),
                _ => Err(format!(
                    "profile.version is {value}; this version of leimu reads versions 1 and 2"
                )),
            },
            other => Err(format!(
                "the profile has an unknown field `{other}`; the fields are {PROFILE_FIELDS}"
            )),
        };
        if let Err(problem) = result {
            problems.push(problem);
        }
    }
    if problems.is_empty() {
        Ok(request)
    } else {
        Err(problems.join("\n"))
    }
}

/// `['营业执照', '合作协议=2', { document: '合作协议', count: 2 }]` or `{ '营业执照': 1 }`.
fn holdings(value: &Value, key: &str) -> Result<Vec<Holding>, String> {
    match value {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => {
            if items.len() > MAX_ITEMS {
                return Err(format!(
                    "profile.{key} has {} entries; at most {MAX_ITEMS} are accepted",
                    items.len()
                ));
            }
            items
                .iter()
                .enumerate()
                .map(|(i, item)| holding(item, &format!("profile.{key}[{i}]")))
                .collect()
        }
        Value::Object(map) => holdings_by_name(map, key),
        other => Err(format!(
            "profile.{key} must be an array of document names such as `['营业执照']` or an object such as `{{ '营业执照': 1 }}`, not {}",
            type_name(other)
        )),
    }
}

fn holding(item: &Value, what: &str) -> Result<Holding, String> {
    match item {
        Value::String(_) => {
            let name = text(item, what, "营业执照")?;
            Holding::parse(name).map_err(|e| format!("{what}: {e}"))
        }
        Value::Object(fields) => {
            let mut document = None;
            let mut count = 1;
            for (key, value) in fields {
                match key.as_str() {
                    "document" => {
                        document = Some(text(value, &format!("{what}.document"), "营业执照")?)
                    }
                    "count" => count = positive_count(value, &format!("{what}.count"))?,
                    other => {
                        return Err(format!(
                            "{what} has an unknown field `{other}`; a holding is `{{ document, count }}`"
                        ));
                    }
                }
            }
            let document = document.filter(|d| !d.trim().is_empty()).ok_or_else(|| {
                format!(
                    "{what} names no document; a holding is `{{ document: '营业执照', count: 1 }}`"
                )
            })?;
            Ok(Holding {
                document: document.to_owned(),
                count,
            })
        }
        other => Err(format!(
            "{what} must be a document name or `{{ document, count }}`, not {}",
            type_name(other)
        )),
    }
}

fn holdings_by_name(map: &Map<String, Value>, key: &str) -> Result<Vec<Holding>, String> {
    if map.len() > MAX_ITEMS {
        return Err(format!(
            "profile.{key} has {} entries; at most {MAX_ITEMS} are accepted",
            map.len()
        ));
    }
    map.iter()
        .map(|(document, count)| {
            let what = format!("profile.{key}[`{document}`]");
            if document.trim().is_empty() {
                return Err(format!("{what}: an empty document name"));
            }
            if document.chars().count() > MAX_TEXT_CHARS {
                return Err(format!(
                    "a document name in profile.{key} is longer than {MAX_TEXT_CHARS} characters"
                ));
            }
            Ok(Holding {
                document: document.clone(),
                count: positive_count(count, &what)?,
            })
        })
        .collect()
}

/// A whole number ≥ 1 (a count of 0 means the document is not held: leave it out).
fn positive_count(value: &Value, what: &str) -> Result<u32, String> {
    match value.as_u64().map(u32::try_from) {
        Some(Ok(0)) => Err(format!(
            "{what} is 0; a count of 0 means you do not hold it; leave it out"
        )),
        Some(Ok(count)) => Ok(count),
        _ => Err(format!(
            "{what} must be a whole number of at least 1, not {value}"
        )),
    }
}

/// `['政府主体']`, or one kind as a string.
/// A stored profile's answers: `[{ category?, question, holds }]`.
fn answers(value: &Value) -> Result<Vec<leimu_engine::Answer>, String> {
    let Value::Array(items) = value else {
        return Err(format!(
            "profile.answers must be an array of `{{ category?, question, holds }}`, not {}",
            type_name(value)
        ));
    };
    if items.len() > MAX_ITEMS {
        return Err(format!(
            "profile.answers has {} entries; at most {MAX_ITEMS} are accepted",
            items.len()
        ));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let what = format!("profile.answers[{i}]");
            let Value::Object(fields) = item else {
                return Err(format!("{what} must be `{{ category?, question, holds }}`"));
            };
            let mut answer = leimu_engine::Answer {
                category: None,
                question: String::new(),
                holds: false,
            };
            let mut holds = None;
            for (key, value) in fields {
                match key.as_str() {
                    "category" if value.is_null() => {}
                    "category" => {
                        answer.category = Some(text(value, &format!("{what}.category"), "medical.internet-hospital")?.to_owned())
                    }
                    "question" => {
                        answer.question = text(value, &format!("{what}.question"), "label:bank")?.to_owned()
                    }
                    "holds" => holds = value.as_bool(),
                    other => {
                        return Err(format!(
                            "{what} has an unknown field `{other}`; an answer is `{{ category?, question, holds }}`"
                        ));
                    }
                }
            }
            answer.holds = holds.ok_or_else(|| format!("{what}.holds must be true or false"))?;
            if answer.question.is_empty() {
                return Err(format!("{what}.question is empty"));
            }
            Ok(answer)
        })
        .collect()
}

fn kinds(value: &Value, key: &str) -> Result<Vec<String>, String> {
    let items: Vec<&Value> = match value {
        Value::Null => Vec::new(),
        Value::String(_) => vec![value],
        Value::Array(items) if items.len() <= MAX_ITEMS => items.iter().collect(),
        Value::Array(items) => {
            return Err(format!(
                "profile.{key} has {} entries; at most {MAX_ITEMS} are accepted",
                items.len()
            ));
        }
        other => {
            return Err(format!(
                "profile.{key} must be an array of applicant kinds such as `['政府主体']`, not {}",
                type_name(other)
            ));
        }
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| text(item, &format!("profile.{key}[{i}]"), "政府主体").map(str::to_owned))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn holding(document: &str, count: u32) -> Holding {
        Holding {
            document: document.into(),
            count,
        }
    }

    #[test]
    fn profiles_in_both_shapes() {
        let cases = [
            (json!(null), ProfileRequest::default()),
            (
                json!({"have": ["营业执照", "合作协议=2", {"document": "x", "count": 3}], "partner": {"y": 2}, "kinds": "政府主体"}),
                ProfileRequest {
                    have: vec![
                        holding("营业执照", 1),
                        holding("合作协议", 2),
                        holding("x", 3),
                    ],
                    partner: vec![holding("y", 2)],
                    kinds: vec!["政府主体".into()],
                    ..ProfileRequest::default()
                },
            ),
            (
                json!({"version": 1, "applicant": {"business-licence": 1}, "partners": {"b": 2}, "kinds": ["k"]}),
                ProfileRequest {
                    have: vec![holding("business-licence", 1)],
                    partner: vec![holding("b", 2)],
                    kinds: vec!["k".into()],
                    ..ProfileRequest::default()
                },
            ),
            (
                json!({"version": 2, "kinds": ["enterprise"], "not_kinds": ["bank"], "approved": ["ecommerce.platform"], "scope": "商业保理", "answers": [{"category": "finance.factoring", "question": "label:domestic-enterprise", "holds": true}], "confirm": ["自营型"], "deny": ["x"]}),
                ProfileRequest {
                    kinds: vec!["enterprise".into(), "!bank".into()],
                    approved: vec!["ecommerce.platform".into()],
                    scope: "商业保理".into(),
                    confirm: vec!["自营型".into()],
                    deny: vec!["x".into()],
                    answers: vec![leimu_engine::Answer {
                        category: Some("finance.factoring".into()),
                        question: "label:domestic-enterprise".into(),
                        holds: true,
                    }],
                    ..ProfileRequest::default()
                },
            ),
        ];
        for (value, expected) in cases {
            assert_eq!(profile(&value), Ok(expected), "{value}");
        }
    }

    #[test]
    fn profile_mistakes_are_named() {
        let cases = [
            (json!("营业执照"), "the profile must be an object"),
            (json!([1]), "not an array"),
            (json!({"hve": []}), "unknown field `hve`"),
            (json!({"have": "营业执照"}), "profile.have must be an array"),
            (
                json!({"have": [3]}),
                "profile.have[0] must be a document name",
            ),
            (json!({"have": ["x=0"]}), "a count of 0"),
            (json!({"have": {"x": 0}}), "is 0"),
            (json!({"have": {"x": 1.5}}), "whole number"),
            (json!({"have": {"x": -1}}), "whole number"),
            (json!({"have": [{"count": 2}]}), "names no document"),
            (
                json!({"have": [{"document": "x", "n": 2}]}),
                "unknown field `n`",
            ),
            (
                json!({"kinds": [true]}),
                "profile.kinds[0] must be a string",
            ),
            (json!({"version": 3}), "reads versions 1 and 2"),
        ];
        for (value, fragment) in cases {
            let message = profile(&value).expect_err(&value.to_string());
            assert!(message.contains(fragment), "{value}: {message}");
        }
        let both = profile(&json!({"have": 1, "kinds": 2})).expect_err("two problems");
        assert_eq!(both.lines().count(), 2, "{both}");
    }

    #[test]
    fn other_arguments() {
        assert_eq!(
            search_options(&json!(null)),
            Ok(SearchOptions { limit: 20 })
        );
        assert_eq!(
            search_options(&json!({"limit": 3})),
            Ok(SearchOptions { limit: 3 })
        );
        for (value, fragment) in [
            (json!({"limit": 0}), "at least 1"),
            (json!({"limit": "3"}), "whole number"),
            (json!({"limt": 3}), "unknown option `limt`"),
            (json!(5), "must be an object"),
        ] {
            let message = search_options(&value).expect_err(&value.to_string());
            assert!(message.contains(fragment), "{value}: {message}");
        }
        assert!(category(&json!(""), "category").is_err());
        assert!(
            category(&json!(7), "category")
                .expect_err("a number")
                .contains("must be a string")
        );
        let long = "长".repeat(MAX_TEXT_CHARS + 1);
        assert!(text(&json!(long), "query", "x").is_err());
        assert!(categories(&json!([])).is_err());
        assert!(
            categories(&json!(["a", 1]))
                .expect_err("a number")
                .contains("categories[1]")
        );
        assert!(categories(&json!("a")).is_err());
        assert!(parse("{", "the profile").is_err());
    }
}
