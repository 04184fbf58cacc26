//! Stage 3 (single document): checks that find problems in one spec.

pub mod checks;
pub mod custom;
pub mod hit;

pub use hit::{Hit, RuleRef};

use crate::model::{version, Spec, Version, Workspace};
use crate::rule_id::RuleId;

/// What a check looks at: the workspace alone (it works even when the
/// document is not OpenAPI) or the normalized spec.
pub enum Run {
    Workspace(fn(&Workspace, &mut Vec<Hit>)),
    Spec(fn(&Spec<'_>, &mut Vec<Hit>)),
}

pub struct Check {
    /// Every rule the check can report.
    pub ids: &'static [RuleId],
    pub run: Run,
}

use checks::{
    components, document, examples, info, markdown, metadata, operations, parameters, paths,
    schema_logic, schemas, shape, structure,
};

pub static CHECKS: &[Check] = &[
    Check {
        ids: &[RuleId::DuplicateKey],
        run: Run::Workspace(document::duplicate_keys),
    },
    Check {
        ids: &[
            RuleId::UnresolvedRef,
            RuleId::RefOutsideRoot,
            RuleId::RemoteRefNotAllowed,
        ],
        run: Run::Workspace(document::references),
    },
    Check {
        ids: &[RuleId::Oas2Schema, RuleId::Oas3Schema],
        run: Run::Spec(shape::check),
    },
    Check {
        ids: &[RuleId::OperationOperationId],
        run: Run::Spec(operations::operation_id),
    },
    Check {
        ids: &[RuleId::OperationOperationIdUnique],
        run: Run::Spec(operations::operation_id_unique),
    },
    Check {
        ids: &[RuleId::OperationSuccessResponse],
        run: Run::Spec(operations::success_response),
    },
    Check {
        ids: &[RuleId::PathParams],
        run: Run::Spec(paths::path_params),
    },
    Check {
        ids: &[RuleId::PathKeysNoTrailingSlash],
        run: Run::Spec(paths::trailing_slash),
    },
    Check {
        ids: &[RuleId::PathNotIncludeQuery],
        run: Run::Spec(paths::no_query),
    },
    Check {
        ids: &[RuleId::DuplicatedEntryInEnum],
        run: Run::Spec(schemas::duplicated_enum),
    },
    Check {
        ids: &[RuleId::TypedEnum],
        run: Run::Spec(schemas::typed_enum),
    },
    Check {
        ids: &[RuleId::NoRefSiblings],
        run: Run::Spec(schemas::ref_siblings),
    },
    Check {
        ids: &[RuleId::Oas3UnusedComponent, RuleId::Oas2UnusedDefinition],
        run: Run::Spec(components::unused),
    },
    Check {
        ids: &[RuleId::InfoContact],
        run: Run::Spec(info::contact),
    },
    Check {
        ids: &[
            RuleId::InfoDescription,
            RuleId::InfoLicense,
            RuleId::LicenseUrl,
            RuleId::ContactProperties,
        ],
        run: Run::Spec(metadata::info),
    },
    Check {
        ids: &[
            RuleId::OpenapiTags,
            RuleId::OpenapiTagsAlphabetical,
            RuleId::OpenapiTagsUniqueness,
            RuleId::TagDescription,
        ],
        run: Run::Spec(metadata::tags),
    },
    Check {
        ids: &[
            RuleId::Oas2ApiHost,
            RuleId::Oas2ApiSchemes,
            RuleId::Oas2HostNotExample,
            RuleId::Oas2HostTrailingSlash,
            RuleId::Oas3ApiServers,
            RuleId::Oas3ServerNotExampleCom,
            RuleId::Oas3ServerTrailingSlash,
        ],
        run: Run::Spec(metadata::servers),
    },
    Check {
        ids: &[RuleId::NoEvalInMarkdown, RuleId::NoScriptTagsInMarkdown],
        run: Run::Spec(markdown::unsafe_markdown),
    },
    Check {
        ids: &[RuleId::Oas2AnyOf, RuleId::Oas2OneOf],
        run: Run::Spec(markdown::swagger_compositions),
    },
    Check {
        ids: &[
            RuleId::OperationDescription,
            RuleId::OperationTags,
            RuleId::OperationSingularTag,
            RuleId::OperationTagDefined,
            RuleId::OperationOperationIdValidInUrl,
        ],
        run: Run::Spec(operations::documentation),
    },
    Check {
        ids: &[RuleId::PathDeclarationsMustExist],
        run: Run::Spec(paths::empty_declarations),
    },
    Check {
        ids: &[
            RuleId::Oas2ParameterDescription,
            RuleId::Oas3ParameterDescription,
        ],
        run: Run::Spec(parameters::descriptions),
    },
    Check {
        ids: &[RuleId::OperationParameters],
        run: Run::Spec(parameters::uniqueness),
    },
    Check {
        ids: &[RuleId::Oas2OperationFormDataConsumeCheck],
        run: Run::Spec(parameters::form_media),
    },
    Check {
        ids: &[RuleId::Oas3ExamplesValueOrExternalValue],
        run: Run::Spec(structure::examples),
    },
    Check {
        ids: &[
            RuleId::Oas3CallbacksInCallbacks,
            RuleId::Oas31ServersInWebhook,
            RuleId::Oas31CallbacksInWebhook,
        ],
        run: Run::Spec(structure::callbacks_and_webhooks),
    },
    Check {
        ids: &[RuleId::Oas2Discriminator],
        run: Run::Spec(structure::discriminators),
    },
    Check {
        ids: &[
            RuleId::Oas2OperationSecurityDefined,
            RuleId::Oas3OperationSecurityDefined,
        ],
        run: Run::Spec(structure::security_defined),
    },
    Check {
        ids: &[RuleId::ArrayItems],
        run: Run::Spec(structure::array_items),
    },
    Check {
        ids: &[
            RuleId::Oas2ValidSchemaExample,
            RuleId::Oas2ValidMediaExample,
            RuleId::Oas3ValidSchemaExample,
            RuleId::Oas3ValidMediaExample,
        ],
        run: Run::Spec(examples::check),
    },
    Check {
        ids: &[RuleId::Oas3ServerVariables],
        run: Run::Spec(metadata::server_variables),
    },
    Check {
        ids: &[RuleId::Operation4xxResponse],
        run: Run::Spec(operations::client_error_response),
    },
    Check {
        ids: &[RuleId::OperationSummary],
        run: Run::Spec(operations::summary),
    },
    Check {
        ids: &[RuleId::SecurityDefined],
        run: Run::Spec(operations::security_applied),
    },
    Check {
        ids: &[RuleId::NoAmbiguousPaths],
        run: Run::Spec(paths::ambiguous),
    },
    Check {
        ids: &[RuleId::PathsKebabCase],
        run: Run::Spec(paths::kebab_case),
    },
    Check {
        ids: &[RuleId::NoHttpVerbsInPaths],
        run: Run::Spec(paths::http_verbs),
    },
    Check {
        ids: &[
            RuleId::NullableTypeSibling,
            RuleId::NoRequiredSchemaPropertiesUndefined,
            RuleId::NoIllogicalComposition,
        ],
        run: Run::Spec(schema_logic::check),
    },
];

/// Ids reported outside [`CHECKS`], by [`lint`] itself.
pub const BUILTIN_IDS: &[RuleId] = &[RuleId::UnknownSpecVersion];

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
    let checks: Vec<fn(&Spec<'_>, &mut Vec<Hit>)> = CHECKS
        .iter()
        .filter_map(|check| match check.run {
            Run::Spec(run) => Some(run),
            Run::Workspace(_) => None,
        })
        .collect();
    // Checks only read the spec: each on a free core, hits in check order.
    for found in crate::parallel::map(&checks, 2, |run| {
        let mut found = Vec::new();
        run(&spec, &mut found);
        found
    }) {
        hits.extend(found);
    }
    custom::run(&spec, custom_rules, &mut hits);
    LintResult {
        version: Some(version),
        hits,
    }
}
