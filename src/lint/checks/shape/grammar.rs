//! The OpenAPI object model as data: for each kind of object, its fields and
//! their types, what it requires, and whether it admits other members. One
//! table serves 2.0, 3.0 and 3.1; the version picks the rows.

use crate::model::Version;

/// The kinds of object the specifications define.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum K {
    Root,
    Info,
    Contact,
    License,
    Server,
    ServerVariable,
    Components,
    Paths,
    PathItem,
    Operation,
    ExternalDocs,
    Parameter,
    /// A 2.0 `items` or header: a schema-like object of simple types.
    Items,
    RequestBody,
    MediaType,
    Encoding,
    Responses,
    Response,
    Callback,
    Example,
    Link,
    Header,
    Tag,
    SecurityScheme,
    OAuthFlows,
    OAuthFlow(Flow),
    SecurityRequirement,
    Discriminator,
    Xml,
    Schema,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Flow {
    Implicit,
    Password,
    ClientCredentials,
    AuthorizationCode,
}

/// The type a field's value must have.
#[derive(Clone, Copy, Debug)]
pub enum T {
    Any,
    Str,
    Bool,
    Num,
    /// A non-negative integer.
    Count,
    Email,
    /// Text, one of these.
    Word(&'static [&'static str]),
    Obj(K),
    /// The object, or a `$ref` to one.
    RefOr(K),
    /// Names to values.
    Map(&'static T),
    List(&'static T),
    /// A schema, or in 3.1 also `true` / `false`; `additionalProperties` too.
    SchemaOrBool,
    /// The `type` keyword of a schema.
    SchemaType,
}

pub struct Shape {
    pub fields: &'static [(&'static str, T)],
    /// More fields, in tables shared with other kinds of object.
    pub also: &'static [&'static [(&'static str, T)]],
    pub required: &'static [&'static str],
    /// Other members are allowed (a 3.1 schema is JSON Schema, open-ended).
    pub open: bool,
}

impl K {
    pub fn name(self) -> &'static str {
        match self {
            K::Root => "the document",
            K::Info => "an Info object",
            K::Contact => "a Contact object",
            K::License => "a License object",
            K::Server => "a Server object",
            K::ServerVariable => "a Server Variable object",
            K::Components => "the Components object",
            K::Paths => "the Paths object",
            K::PathItem => "a Path Item",
            K::Operation => "an Operation",
            K::ExternalDocs => "an External Documentation object",
            K::Parameter => "a Parameter",
            K::Items => "an Items object",
            K::RequestBody => "a Request Body",
            K::MediaType => "a Media Type object",
            K::Encoding => "an Encoding object",
            K::Responses => "a Responses object",
            K::Response => "a Response",
            K::Callback => "a Callback",
            K::Example => "an Example object",
            K::Link => "a Link",
            K::Header => "a Header",
            K::Tag => "a Tag",
            K::SecurityScheme => "a Security Scheme",
            K::OAuthFlows => "an OAuth Flows object",
            K::OAuthFlow(_) => "an OAuth Flow",
            K::SecurityRequirement => "a Security Requirement",
            K::Discriminator => "a Discriminator",
            K::Xml => "an XML object",
            K::Schema => "a Schema",
        }
    }
}

const STRINGS: T = T::List(&T::Str);
const ANY_LIST: T = T::List(&T::Any);
const SCHEMA: T = T::RefOr(K::Schema);
const SCHEMAS: T = T::List(&SCHEMA);
const SCHEMA_MAP: T = T::Map(&SCHEMA);
const SERVERS: T = T::List(&T::Obj(K::Server));
const PARAMS: T = T::List(&T::RefOr(K::Parameter));
const SECURITY: T = T::List(&T::Obj(K::SecurityRequirement));
const EXAMPLES: T = T::Map(&T::RefOr(K::Example));
const HEADERS: T = T::Map(&T::RefOr(K::Header));
const CONTENT: T = T::Map(&T::Obj(K::MediaType));
const CALLBACKS: T = T::Map(&T::RefOr(K::Callback));
const LINKS: T = T::Map(&T::RefOr(K::Link));

/// The methods of a 3.x path item: the model's one list.
const METHODS_3: [&str; 8] = crate::model::spec::METHODS;

/// What a schema and a 2.0 parameter, header or items object share.
const CONSTRAINTS: [(&str, T); 12] = [
    ("multipleOf", T::Num),
    ("maximum", T::Num),
    ("minimum", T::Num),
    ("maxLength", T::Count),
    ("minLength", T::Count),
    ("pattern", T::Str),
    ("maxItems", T::Count),
    ("minItems", T::Count),
    ("uniqueItems", T::Bool),
    ("enum", ANY_LIST),
    ("format", T::Str),
    ("default", T::Any),
];

/// The 2.0 simple types (non-body parameters, headers, items).
const SIMPLE_2: [(&str, T); 4] = [
    ("description", T::Str),
    ("items", T::Obj(K::Items)),
    ("exclusiveMaximum", T::Bool),
    ("exclusiveMinimum", T::Bool),
];

pub fn shape(k: K, v: Version) -> Shape {
    let v2 = v == Version::Swagger2;
    let v31 = v == Version::OpenApi31;
    let s = |fields: &'static [(&'static str, T)], required: &'static [&'static str]| Shape {
        fields,
        also: &[],
        required,
        open: false,
    };
    let simple = |fields: &'static [(&'static str, T)], required: &'static [&'static str]| Shape {
        fields,
        also: &[&SIMPLE_2, &CONSTRAINTS],
        required,
        open: false,
    };
    match k {
        K::Root if v2 => s(
            &[
                ("swagger", T::Word(&["2.0"])),
                ("info", T::Obj(K::Info)),
                ("host", T::Str),
                ("basePath", T::Str),
                (
                    "schemes",
                    T::List(&T::Word(&["http", "https", "ws", "wss"])),
                ),
                ("consumes", STRINGS),
                ("produces", STRINGS),
                ("paths", T::Obj(K::Paths)),
                ("definitions", SCHEMA_MAP),
                ("parameters", T::Map(&T::Obj(K::Parameter))),
                ("responses", T::Map(&T::Obj(K::Response))),
                ("securityDefinitions", T::Map(&T::Obj(K::SecurityScheme))),
                ("security", SECURITY),
                ("tags", T::List(&T::Obj(K::Tag))),
                ("externalDocs", T::Obj(K::ExternalDocs)),
            ],
            &["swagger", "info", "paths"],
        ),
        K::Root => s(
            &[
                ("openapi", T::Str),
                ("info", T::Obj(K::Info)),
                ("jsonSchemaDialect", T::Str),
                ("servers", SERVERS),
                ("paths", T::Obj(K::Paths)),
                ("webhooks", T::Map(&T::RefOr(K::PathItem))),
                ("components", T::Obj(K::Components)),
                ("security", SECURITY),
                ("tags", T::List(&T::Obj(K::Tag))),
                ("externalDocs", T::Obj(K::ExternalDocs)),
            ],
            if v31 {
                &["openapi", "info"]
            } else {
                &["openapi", "info", "paths"]
            },
        ),
        K::Info => s(
            &[
                ("title", T::Str),
                ("summary", T::Str),
                ("description", T::Str),
                ("termsOfService", T::Str),
                ("contact", T::Obj(K::Contact)),
                ("license", T::Obj(K::License)),
                ("version", T::Str),
            ],
            &["title", "version"],
        ),
        K::Contact => s(
            &[("name", T::Str), ("url", T::Str), ("email", T::Email)],
            &[],
        ),
        K::License => s(
            &[("name", T::Str), ("identifier", T::Str), ("url", T::Str)],
            &["name"],
        ),
        K::Server => s(
            &[
                ("url", T::Str),
                ("description", T::Str),
                ("variables", T::Map(&T::Obj(K::ServerVariable))),
            ],
            &["url"],
        ),
        K::ServerVariable => s(
            &[
                ("enum", STRINGS),
                ("default", T::Str),
                ("description", T::Str),
            ],
            &["default"],
        ),
        K::Components => s(
            &[
                ("schemas", SCHEMA_MAP),
                ("responses", T::Map(&T::RefOr(K::Response))),
                ("parameters", T::Map(&T::RefOr(K::Parameter))),
                ("examples", EXAMPLES),
                ("requestBodies", T::Map(&T::RefOr(K::RequestBody))),
                ("headers", HEADERS),
                ("securitySchemes", T::Map(&T::RefOr(K::SecurityScheme))),
                ("links", LINKS),
                ("callbacks", CALLBACKS),
                ("pathItems", T::Map(&T::RefOr(K::PathItem))),
            ],
            &[],
        ),
        // Paths, Responses, Callbacks and Security Requirements have patterned
        // keys; the walker handles them.
        K::Paths | K::Responses | K::Callback | K::SecurityRequirement => s(&[], &[]),
        K::PathItem if v2 => s(
            &[
                ("$ref", T::Str),
                ("get", T::Obj(K::Operation)),
                ("put", T::Obj(K::Operation)),
                ("post", T::Obj(K::Operation)),
                ("delete", T::Obj(K::Operation)),
                ("options", T::Obj(K::Operation)),
                ("head", T::Obj(K::Operation)),
                ("patch", T::Obj(K::Operation)),
                ("parameters", PARAMS),
            ],
            &[],
        ),
        K::PathItem => s(
            &[
                ("$ref", T::Str),
                ("summary", T::Str),
                ("description", T::Str),
                (METHODS_3[0], T::Obj(K::Operation)),
                (METHODS_3[1], T::Obj(K::Operation)),
                (METHODS_3[2], T::Obj(K::Operation)),
                (METHODS_3[3], T::Obj(K::Operation)),
                (METHODS_3[4], T::Obj(K::Operation)),
                (METHODS_3[5], T::Obj(K::Operation)),
                (METHODS_3[6], T::Obj(K::Operation)),
                (METHODS_3[7], T::Obj(K::Operation)),
                ("servers", SERVERS),
                ("parameters", PARAMS),
            ],
            &[],
        ),
        K::Operation if v2 => s(
            &[
                ("tags", STRINGS),
                ("summary", T::Str),
                ("description", T::Str),
                ("externalDocs", T::Obj(K::ExternalDocs)),
                ("operationId", T::Str),
                ("consumes", STRINGS),
                ("produces", STRINGS),
                ("parameters", PARAMS),
                ("responses", T::Obj(K::Responses)),
                (
                    "schemes",
                    T::List(&T::Word(&["http", "https", "ws", "wss"])),
                ),
                ("deprecated", T::Bool),
                ("security", SECURITY),
            ],
            &["responses"],
        ),
        K::Operation => s(
            &[
                ("tags", STRINGS),
                ("summary", T::Str),
                ("description", T::Str),
                ("externalDocs", T::Obj(K::ExternalDocs)),
                ("operationId", T::Str),
                ("parameters", PARAMS),
                ("requestBody", T::RefOr(K::RequestBody)),
                ("responses", T::Obj(K::Responses)),
                ("callbacks", CALLBACKS),
                ("deprecated", T::Bool),
                ("security", SECURITY),
                ("servers", SERVERS),
            ],
            if v31 { &[] } else { &["responses"] },
        ),
        K::ExternalDocs => s(&[("description", T::Str), ("url", T::Str)], &["url"]),
        K::Parameter if v2 => simple(
            &[
                ("name", T::Str),
                (
                    "in",
                    T::Word(&["query", "header", "path", "formData", "body"]),
                ),
                ("required", T::Bool),
                ("schema", SCHEMA),
                (
                    "type",
                    T::Word(&["string", "number", "integer", "boolean", "array", "file"]),
                ),
                ("allowEmptyValue", T::Bool),
                (
                    "collectionFormat",
                    T::Word(&["csv", "ssv", "tsv", "pipes", "multi"]),
                ),
            ],
            &["name", "in"],
        ),
        K::Parameter => s(
            &[
                ("name", T::Str),
                ("in", T::Word(&["query", "header", "path", "cookie"])),
                ("description", T::Str),
                ("required", T::Bool),
                ("deprecated", T::Bool),
                ("allowEmptyValue", T::Bool),
                ("style", T::Str),
                ("explode", T::Bool),
                ("allowReserved", T::Bool),
                ("schema", SCHEMA),
                ("example", T::Any),
                ("examples", EXAMPLES),
                ("content", CONTENT),
            ],
            &["name", "in"],
        ),
        K::Items | K::Header if v2 => simple(
            &[
                (
                    "type",
                    T::Word(&["string", "number", "integer", "boolean", "array"]),
                ),
                ("collectionFormat", T::Word(&["csv", "ssv", "tsv", "pipes"])),
            ],
            &["type"],
        ),
        K::Items => s(&[], &[]),
        K::RequestBody => s(
            &[
                ("description", T::Str),
                ("content", CONTENT),
                ("required", T::Bool),
            ],
            &["content"],
        ),
        K::MediaType => s(
            &[
                ("schema", SCHEMA),
                ("example", T::Any),
                ("examples", EXAMPLES),
                ("encoding", T::Map(&T::Obj(K::Encoding))),
            ],
            &[],
        ),
        K::Encoding => s(
            &[
                ("contentType", T::Str),
                ("headers", HEADERS),
                ("style", T::Str),
                ("explode", T::Bool),
                ("allowReserved", T::Bool),
            ],
            &[],
        ),
        K::Response if v2 => s(
            &[
                ("description", T::Str),
                ("schema", SCHEMA),
                ("headers", T::Map(&T::Obj(K::Header))),
                ("examples", T::Map(&T::Any)),
            ],
            &["description"],
        ),
        K::Response => s(
            &[
                ("description", T::Str),
                ("headers", HEADERS),
                ("content", CONTENT),
                ("links", LINKS),
            ],
            &["description"],
        ),
        K::Example => s(
            &[
                ("summary", T::Str),
                ("description", T::Str),
                ("value", T::Any),
                ("externalValue", T::Str),
            ],
            &[],
        ),
        K::Link => s(
            &[
                ("operationRef", T::Str),
                ("operationId", T::Str),
                ("parameters", T::Map(&T::Any)),
                ("requestBody", T::Any),
                ("description", T::Str),
                ("server", T::Obj(K::Server)),
            ],
            &[],
        ),
        K::Header => s(
            &[
                ("description", T::Str),
                ("required", T::Bool),
                ("deprecated", T::Bool),
                ("allowEmptyValue", T::Bool),
                ("style", T::Str),
                ("explode", T::Bool),
                ("allowReserved", T::Bool),
                ("schema", SCHEMA),
                ("example", T::Any),
                ("examples", EXAMPLES),
                ("content", CONTENT),
            ],
            &[],
        ),
        K::Tag => s(
            &[
                ("name", T::Str),
                ("description", T::Str),
                ("externalDocs", T::Obj(K::ExternalDocs)),
            ],
            &["name"],
        ),
        K::SecurityScheme if v2 => s(
            &[
                ("type", T::Word(&["basic", "apiKey", "oauth2"])),
                ("description", T::Str),
                ("name", T::Str),
                ("in", T::Word(&["query", "header"])),
                (
                    "flow",
                    T::Word(&["implicit", "password", "application", "accessCode"]),
                ),
                ("authorizationUrl", T::Str),
                ("tokenUrl", T::Str),
                ("scopes", T::Map(&T::Str)),
            ],
            &["type"],
        ),
        K::SecurityScheme => s(
            &[
                // `mutualTLS` is 3.1 only; the walker checks that.
                (
                    "type",
                    T::Word(&["apiKey", "http", "mutualTLS", "oauth2", "openIdConnect"]),
                ),
                ("description", T::Str),
                ("name", T::Str),
                ("in", T::Word(&["query", "header", "cookie"])),
                ("scheme", T::Str),
                ("bearerFormat", T::Str),
                ("flows", T::Obj(K::OAuthFlows)),
                ("openIdConnectUrl", T::Str),
            ],
            &["type"],
        ),
        K::OAuthFlows => s(
            &[
                ("implicit", T::Obj(K::OAuthFlow(Flow::Implicit))),
                ("password", T::Obj(K::OAuthFlow(Flow::Password))),
                (
                    "clientCredentials",
                    T::Obj(K::OAuthFlow(Flow::ClientCredentials)),
                ),
                (
                    "authorizationCode",
                    T::Obj(K::OAuthFlow(Flow::AuthorizationCode)),
                ),
            ],
            &[],
        ),
        K::OAuthFlow(flow) => s(
            &[
                ("authorizationUrl", T::Str),
                ("tokenUrl", T::Str),
                ("refreshUrl", T::Str),
                ("scopes", T::Map(&T::Str)),
            ],
            match flow {
                Flow::Implicit => &["authorizationUrl", "scopes"],
                Flow::Password | Flow::ClientCredentials => &["tokenUrl", "scopes"],
                Flow::AuthorizationCode => &["authorizationUrl", "tokenUrl", "scopes"],
            },
        ),
        K::Discriminator if v2 => s(&[], &[]),
        K::Discriminator => s(
            &[("propertyName", T::Str), ("mapping", T::Map(&T::Str))],
            &["propertyName"],
        ),
        K::Xml => s(
            &[
                ("name", T::Str),
                ("namespace", T::Str),
                ("prefix", T::Str),
                ("attribute", T::Bool),
                ("wrapped", T::Bool),
            ],
            &[],
        ),
        K::Schema => schema_shape(v),
    }
}

/// Keywords every dialect's schema has.
const SCHEMA_COMMON: [(&str, T); 17] = [
    ("$ref", T::Str),
    ("title", T::Str),
    ("description", T::Str),
    ("type", T::SchemaType),
    ("required", STRINGS),
    ("exclusiveMaximum", T::Any),
    ("exclusiveMinimum", T::Any),
    ("maxProperties", T::Count),
    ("minProperties", T::Count),
    ("allOf", SCHEMAS),
    ("items", T::SchemaOrBool),
    ("properties", SCHEMA_MAP),
    ("additionalProperties", T::SchemaOrBool),
    ("readOnly", T::Bool),
    ("xml", T::Obj(K::Xml)),
    ("externalDocs", T::Obj(K::ExternalDocs)),
    ("example", T::Any),
];

fn schema_shape(v: Version) -> Shape {
    match v {
        Version::Swagger2 => Shape {
            fields: &[("discriminator", T::Str)],
            also: &[&SCHEMA_COMMON, &CONSTRAINTS],
            required: &[],
            open: false,
        },
        Version::OpenApi30 => Shape {
            fields: &[
                ("discriminator", T::Obj(K::Discriminator)),
                ("oneOf", SCHEMAS),
                ("anyOf", SCHEMAS),
                ("not", SCHEMA),
                ("nullable", T::Bool),
                ("writeOnly", T::Bool),
                ("deprecated", T::Bool),
            ],
            also: &[&SCHEMA_COMMON, &CONSTRAINTS],
            required: &[],
            open: false,
        },
        // JSON Schema 2020-12 admits any keyword; only the known ones are typed.
        Version::OpenApi31 => Shape {
            fields: &[
                ("discriminator", T::Obj(K::Discriminator)),
                ("oneOf", SCHEMAS),
                ("anyOf", SCHEMAS),
                ("not", T::SchemaOrBool),
                ("prefixItems", SCHEMAS),
                ("$defs", SCHEMA_MAP),
                ("patternProperties", SCHEMA_MAP),
                ("writeOnly", T::Bool),
                ("deprecated", T::Bool),
                ("examples", ANY_LIST),
            ],
            also: &[&SCHEMA_COMMON, &CONSTRAINTS],
            required: &[],
            open: true,
        },
    }
}
