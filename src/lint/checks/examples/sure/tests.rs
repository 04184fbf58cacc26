use proptest::prelude::*;
use serde_json::{json, Value as Json};

use super::{Judge, Verdict};

/// What the validator itself says of `value` against `schema`, or `None`
/// when it does not take the schema.
fn validator(schema: &Json, value: &Json, draft4: bool) -> Option<bool> {
    let draft = if draft4 {
        jsonschema::Draft::Draft4
    } else {
        jsonschema::Draft::Draft202012
    };
    let v = jsonschema::options().with_draft(draft).build(schema).ok()?;
    Some(v.is_valid(value))
}

fn judge(schema: &Json, value: &Json, draft4: bool) -> Verdict {
    let defs = [schema.clone()];
    Judge::new(&defs, draft4).definition(0, value)
}

/// A certain answer is the validator's answer.
fn agrees(schema: &Json, value: &Json, draft4: bool) -> Result<(), String> {
    let ours = judge(schema, value, draft4);
    let theirs = validator(schema, value, draft4);
    match (ours, theirs) {
        (Verdict::Unsure, _) | (_, None) => Ok(()),
        (Verdict::Valid, Some(true)) | (Verdict::Invalid, Some(false)) => Ok(()),
        _ => Err(format!(
            "{schema} against {value} (draft 4: {draft4}): we said {ours:?}, the validator {theirs:?}"
        )),
    }
}

#[test]
fn certain_answers_are_the_validators() {
    let cases = [
        (json!({"type": "string", "minLength": 2}), json!("ab")),
        (json!({"type": "string", "minLength": 3}), json!("äb")),
        (json!({"type": "integer"}), json!(1.5)),
        (json!({"type": "integer"}), json!(3)),
        (json!({"type": ["string", "null"]}), json!(null)),
        (json!({"enum": ["a", 1]}), json!(1)),
        (json!({"enum": ["a", 1]}), json!("b")),
        (
            json!({"required": ["a"], "properties": {"a": {"type": "number"}}}),
            json!({"a": 1}),
        ),
        (json!({"required": ["a"]}), json!({"b": 1})),
        (
            json!({"additionalProperties": false, "properties": {"a": {}}}),
            json!({"b": 1}),
        ),
        (
            json!({"items": {"type": "boolean"}, "maxItems": 2}),
            json!([true, false, true]),
        ),
        (json!({"minimum": 1, "exclusiveMinimum": true}), json!(1)),
        (json!({"maximum": 5}), json!(5)),
        (
            json!({"oneOf": [{"type": "string"}, {"type": "number"}]}),
            json!(2),
        ),
        (
            json!({"oneOf": [{"type": "number"}, {"type": "integer"}]}),
            json!(2),
        ),
        (
            json!({"anyOf": [{"type": "string"}, {"type": "number"}]}),
            json!(true),
        ),
        (json!({"not": {"type": "string"}}), json!(2)),
        (json!({"format": "int64", "type": "string"}), json!("x")),
    ];
    for (schema, value) in &cases {
        assert_eq!(agrees(schema, value, true), Ok(()));
        assert_eq!(agrees(schema, value, false), Ok(()));
    }
}

#[test]
fn settles_the_common_cases() {
    let schema = json!({"type": "object", "required": ["id"],
        "properties": {"id": {"type": "string"}, "n": {"type": "integer", "minimum": 0}}});
    assert_eq!(
        judge(&schema, &json!({"id": "x", "n": 2}), true),
        Verdict::Valid
    );
    assert_eq!(judge(&schema, &json!({"n": 2}), true), Verdict::Invalid);
    assert_eq!(
        judge(&schema, &json!({"id": "x", "n": -1}), true),
        Verdict::Invalid
    );
}

#[test]
fn leaves_what_it_cannot_judge_to_the_validator() {
    for (schema, value) in [
        (json!({"pattern": "^a"}), json!("b")),
        (json!({"format": "date-time"}), json!("yesterday")),
        (json!({"type": "integer"}), json!(1.0)),
        (json!({"enum": [1]}), json!(1.0)),
        (json!({"someKeyword": 1}), json!(1)),
        (json!({"uniqueItems": true}), json!([1, 1.0])),
    ] {
        assert_eq!(judge(&schema, &value, true), Verdict::Unsure, "{schema}");
    }
}

#[test]
fn follows_references_between_definitions() {
    let defs = [
        json!({"properties": {"next": {"$ref": "urn:vapi-spec:schemas#/d/1"}}}),
        json!({"type": "object", "required": ["v"]}),
    ];
    let mut judge = Judge::new(&defs, true);
    assert_eq!(
        judge.definition(0, &json!({"next": {"v": 1}})),
        Verdict::Valid
    );
    assert_eq!(judge.definition(0, &json!({"next": {}})), Verdict::Invalid);
    let cycle = [json!({"$ref": "urn:vapi-spec:schemas#/d/0"})];
    assert_eq!(
        Judge::new(&cycle, true).definition(0, &json!(1)),
        Verdict::Unsure
    );
}

fn scalar() -> impl Strategy<Value = Json> {
    prop_oneof![
        Just(json!(null)),
        any::<bool>().prop_map(Json::Bool),
        (-3i64..4).prop_map(|n| json!(n)),
        prop_oneof![Just(1.5), Just(2.0), Just(-0.5)].prop_map(|f| json!(f)),
        "[aé]{0,3}".prop_map(Json::String),
    ]
}

fn value() -> impl Strategy<Value = Json> {
    scalar().prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Json::Array),
            prop::collection::btree_map("[abc]", inner, 0..3)
                .prop_map(|m| Json::Object(m.into_iter().collect())),
        ]
    })
}

fn type_name() -> impl Strategy<Value = Json> {
    prop_oneof![
        Just("null"),
        Just("boolean"),
        Just("integer"),
        Just("number"),
        Just("string"),
        Just("array"),
        Just("object")
    ]
    .prop_map(|t| json!(t))
}

fn schema() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        type_name().prop_map(|t| json!({ "type": t })),
        prop::collection::vec(type_name(), 1..3).prop_map(|t| json!({ "type": t })),
        prop::collection::vec(scalar(), 1..3).prop_map(|e| json!({ "enum": e })),
        scalar().prop_map(|c| json!({ "const": c })),
        (0u64..3).prop_map(|n| json!({ "minLength": n, "maxItems": n })),
        (0u64..3).prop_map(|n| json!({ "maxLength": n, "minProperties": n })),
        (-2i64..3, any::<bool>()).prop_map(|(n, x)| json!({ "minimum": n, "exclusiveMinimum": x })),
        (-2i64..3).prop_map(|n| json!({ "maximum": n, "exclusiveMaximum": n })),
        prop::collection::vec("[abc]", 0..3).prop_map(|r| json!({ "required": r })),
        any::<bool>().prop_map(|u| json!({ "uniqueItems": u })),
        Just(json!({ "format": "int32" })),
    ];
    leaf.prop_recursive(3, 16, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..3).prop_map(|b| json!({ "allOf": b })),
            prop::collection::vec(inner.clone(), 1..3).prop_map(|b| json!({ "anyOf": b })),
            prop::collection::vec(inner.clone(), 1..3).prop_map(|b| json!({ "oneOf": b })),
            inner.clone().prop_map(|s| json!({ "not": s })),
            inner.clone().prop_map(|s| json!({ "items": s })),
            (inner.clone(), any::<bool>()).prop_map(|(s, closed)| json!({
                "properties": { "a": s },
                "additionalProperties": !closed
            })),
            (inner.clone(), inner).prop_map(|(s, t)| json!({
                "properties": { "b": s },
                "additionalProperties": t
            })),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn a_certain_answer_is_never_wrong(schema in schema(), value in value(), draft4 in any::<bool>()) {
        prop_assert_eq!(agrees(&schema, &value, draft4), Ok(()));
    }
}
