//! Stage 3 (single document): checks that find problems in one spec.

pub mod checks;
pub mod custom;
pub mod hit;

pub use hit::Hit;

use crate::model::{version, Spec, Version, Workspace};

/// What a check looks at: the workspace alone (it works even when the
/// document is not OpenAPI) or the normalized spec.
pub enum Run {
    Workspace(fn(&Workspace, &mut Vec<Hit>)),
    Spec(fn(&Spec<'_>, &mut Vec<Hit>)),
}

pub struct Check {
    /// Every rule id the check can report.
    pub ids: &'static [&'static str],
    pub run: Run,
}

use checks::{
    components, document, examples, info, markdown, metadata, operations, parameters, paths,
    schema_logic, schemas, shape, structure,
};

pub static CHECKS: &[Check] = &[
    Check {
        ids: &["duplicate-key"],
        run: Run::Workspace(document::duplicate_keys),
    },
    Check {
        ids: &[
            "unresolved-ref",
            "ref-outside-root",
            "remote-ref-not-allowed",
        ],
        run: Run::Workspace(document::references),
    },
    Check {
        ids: &["oas2-schema", "oas3-schema"],
        run: Run::Spec(shape::check),
    },
    Check {
        ids: &["operation-operationId"],
        run: Run::Spec(operations::operation_id),
    },
    Check {
        ids: &["operation-operationId-unique"],
        run: Run::Spec(operations::operation_id_unique),
    },
    Check {
        ids: &["operation-success-response"],
        run: Run::Spec(operations::success_response),
    },
    Check {
        ids: &["path-params"],
        run: Run::Spec(paths::path_params),
    },
    Check {
        ids: &["path-keys-no-trailing-slash"],
        run: Run::Spec(paths::trailing_slash),
    },
    Check {
        ids: &["path-not-include-query"],
        run: Run::Spec(paths::no_query),
    },
    Check {
        ids: &["duplicated-entry-in-enum"],
        run: Run::Spec(schemas::duplicated_enum),
    },
    Check {
        ids: &["typed-enum"],
        run: Run::Spec(schemas::typed_enum),
    },
    Check {
        ids: &["no-$ref-siblings"],
        run: Run::Spec(schemas::ref_siblings),
    },
    Check {
        ids: &["oas3-unused-component", "oas2-unused-definition"],
        run: Run::Spec(components::unused),
    },
    Check {
        ids: &["info-contact"],
        run: Run::Spec(info::contact),
    },
    Check {
        ids: &[
            "info-description",
            "info-license",
            "license-url",
            "contact-properties",
        ],
        run: Run::Spec(metadata::info),
    },
    Check {
        ids: &[
            "openapi-tags",
            "openapi-tags-alphabetical",
            "openapi-tags-uniqueness",
            "tag-description",
        ],
        run: Run::Spec(metadata::tags),
    },
    Check {
        ids: &[
            "oas2-api-host",
            "oas2-api-schemes",
            "oas2-host-not-example",
            "oas2-host-trailing-slash",
            "oas3-api-servers",
            "oas3-server-not-example.com",
            "oas3-server-trailing-slash",
        ],
        run: Run::Spec(metadata::servers),
    },
    Check {
        ids: &["no-eval-in-markdown", "no-script-tags-in-markdown"],
        run: Run::Spec(markdown::unsafe_markdown),
    },
    Check {
        ids: &["oas2-anyOf", "oas2-oneOf"],
        run: Run::Spec(markdown::swagger_compositions),
    },
    Check {
        ids: &[
            "operation-description",
            "operation-tags",
            "operation-singular-tag",
            "operation-tag-defined",
            "operation-operationId-valid-in-url",
        ],
        run: Run::Spec(operations::documentation),
    },
    Check {
        ids: &["path-declarations-must-exist"],
        run: Run::Spec(paths::empty_declarations),
    },
    Check {
        ids: &["oas2-parameter-description", "oas3-parameter-description"],
        run: Run::Spec(parameters::descriptions),
    },
    Check {
        ids: &["operation-parameters"],
        run: Run::Spec(parameters::uniqueness),
    },
    Check {
        ids: &["oas2-operation-formData-consume-check"],
        run: Run::Spec(parameters::form_media),
    },
    Check {
        ids: &["oas3-examples-value-or-externalValue"],
        run: Run::Spec(structure::examples),
    },
    Check {
        ids: &[
            "oas3-callbacks-in-callbacks",
            "oas3_1-servers-in-webhook",
            "oas3_1-callbacks-in-webhook",
        ],
        run: Run::Spec(structure::callbacks_and_webhooks),
    },
    Check {
        ids: &["oas2-discriminator"],
        run: Run::Spec(structure::discriminators),
    },
    Check {
        ids: &[
            "oas2-operation-security-defined",
            "oas3-operation-security-defined",
        ],
        run: Run::Spec(structure::security_defined),
    },
    Check {
        ids: &["array-items"],
        run: Run::Spec(structure::array_items),
    },
    Check {
        ids: &[
            "oas2-valid-schema-example",
            "oas2-valid-media-example",
            "oas3-valid-schema-example",
            "oas3-valid-media-example",
        ],
        run: Run::Spec(examples::check),
    },
    Check {
        ids: &["oas3-server-variables"],
        run: Run::Spec(metadata::server_variables),
    },
    Check {
        ids: &["operation-4xx-response"],
        run: Run::Spec(operations::client_error_response),
    },
    Check {
        ids: &["operation-summary"],
        run: Run::Spec(operations::summary),
    },
    Check {
        ids: &["security-defined"],
        run: Run::Spec(operations::security_applied),
    },
    Check {
        ids: &["no-ambiguous-paths"],
        run: Run::Spec(paths::ambiguous),
    },
    Check {
        ids: &["paths-kebab-case"],
        run: Run::Spec(paths::kebab_case),
    },
    Check {
        ids: &["no-http-verbs-in-paths"],
        run: Run::Spec(paths::http_verbs),
    },
    Check {
        ids: &[
            "nullable-type-sibling",
            "no-required-schema-properties-undefined",
            "no-illogical-composition",
        ],
        run: Run::Spec(schema_logic::check),
    },
];

/// Ids reported outside [`CHECKS`], by [`lint`] itself.
pub const BUILTIN_IDS: &[&str] = &["unknown-spec-version"];

pub struct LintResult {
    /// `None` when the document is not one we can read as OpenAPI.
    pub version: Option<Version>,
    pub hits: Vec<Hit>,
}

pub fn lint(ws: &Workspace) -> LintResult {
    lint_with(ws, &[])
}

/// Lints with the built-in checks and the project's own rules.
pub fn lint_with(ws: &Workspace, custom_rules: &[&custom::CustomRule]) -> LintResult {
    let mut hits = Vec::new();
    for check in CHECKS {
        if let Run::Workspace(run) = check.run {
            run(ws, &mut hits);
        }
    }
    let version = match version::detect(&ws.root().root) {
        Ok(v) => v,
        Err(problem) => {
            document::version(&problem, &mut hits);
            return LintResult {
                version: None,
                hits,
            };
        }
    };
    let spec = Spec::build(ws, version);
    for check in CHECKS {
        if let Run::Spec(run) = check.run {
            run(&spec, &mut hits);
        }
    }
    custom::run(&spec, custom_rules, &mut hits);
    LintResult {
        version: Some(version),
        hits,
    }
}
