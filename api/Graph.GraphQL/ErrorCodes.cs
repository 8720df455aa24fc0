namespace Graph.GraphQL;

/// <summary>
/// The values the engine puts in <c>extensions.code</c>. Clients branch on these, so they are
/// part of the public contract: add new ones, never rename.
/// </summary>
public static class ErrorCodes
{
    public const string ExtensionKey = "code";

    /// <summary>The document is not valid GraphQL syntax, or exceeds a parser limit.</summary>
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";

    /// <summary>The document fails a validation rule of the spec.</summary>
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";

    /// <summary>The variables do not fit the operation's variable definitions.</summary>
    public const string BadUserInput = "BAD_USER_INPUT";

    /// <summary>An unexpected failure inside a resolver; details are masked outside Development.</summary>
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";

    /// <summary>The request exceeded the execution timeout.</summary>
    public const string Timeout = "EXECUTION_TIMEOUT";

    /// <summary>The request was cancelled by the client.</summary>
    public const string Cancelled = "REQUEST_CANCELLED";

    /// <summary>The document has more tokens than the parser allows.</summary>
    public const string MaxTokensExceeded = "MAX_TOKENS_EXCEEDED";

    /// <summary>The document nests selections deeper than the parser allows.</summary>
    public const string MaxDepthExceeded = "MAX_DEPTH_EXCEEDED";

    /// <summary>The document holds more fields than the parser allows.</summary>
    public const string MaxFieldsExceeded = "MAX_FIELDS_EXCEEDED";

    /// <summary>No operation matches the request (missing or ambiguous operation name).</summary>
    public const string OperationNotFound = "OPERATION_RESOLUTION_FAILURE";

    /// <summary>The request asks for <c>__schema</c> or <c>__type</c> while introspection is disabled.</summary>
    public const string IntrospectionDisabled = "INTROSPECTION_DISABLED";

    /// <summary>The request has no document (neither source text nor a known document id).</summary>
    public const string DocumentNotFound = "DOCUMENT_NOT_FOUND";

    /// <summary>The operation selects fields deeper than the allowed execution depth.</summary>
    public const string MaxExecutionDepthExceeded = "MAX_EXECUTION_DEPTH_EXCEEDED";

    /// <summary>The operation's field cost is over the allowed maximum.</summary>
    public const string MaxFieldCostExceeded = "MAX_FIELD_COST_EXCEEDED";

    /// <summary>The operation's type cost (objects returned) is over the allowed maximum.</summary>
    public const string MaxTypeCostExceeded = "MAX_TYPE_COST_EXCEEDED";

    /// <summary>A list field that requires exactly one slicing argument (<c>first</c> or <c>last</c>) got none or several.</summary>
    public const string SlicingArgumentRequired = "SLICING_ARGUMENT_REQUIRED";

    /// <summary>An automatic persisted query's hash is not known yet: send the document with the hash to register it.</summary>
    public const string PersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND";

    /// <summary>The document sent with a persisted query hash does not hash to it.</summary>
    public const string PersistedQueryHashMismatch = "PERSISTED_QUERY_HASH_MISMATCH";

    /// <summary>The server runs persisted operations only, and the request sent a document it does not know.</summary>
    public const string PersistedOperationsOnly = "PERSISTED_OPERATIONS_ONLY";

    /// <summary>The request's <c>extensions.persistedQuery</c> is malformed or of an unsupported version.</summary>
    public const string PersistedQueryInvalid = "PERSISTED_QUERY_INVALID";

    /// <summary>The operation's type is not one the request allows (a mutation named by a GET request).</summary>
    public const string OperationNotAllowed = "OPERATION_NOT_ALLOWED";

    /// <summary>A subscriber fell so far behind that its event buffer overflowed, and its buffer policy ends the subscription.</summary>
    public const string SubscriptionBufferFull = "SUBSCRIPTION_BUFFER_FULL";

    /// <summary>A subscription needs topic events but the server registers no provider for them.</summary>
    public const string SubscriptionsNotConfigured = "SUBSCRIPTIONS_NOT_CONFIGURED";

    /// <summary>A <c>where</c> filter is well-typed but meaningless: null where a value is needed, a value out of range.</summary>
    public const string FilterInvalid = "FILTER_INVALID";

    /// <summary>The subscription provider cannot subscribe right now (its backplane is unreachable); retrying later may succeed.</summary>
    public const string SubscriptionUnavailable = "SUBSCRIPTION_UNAVAILABLE";

    /// <summary>A paging argument is out of range (negative, <c>first</c> with <c>last</c>, none where one is required).</summary>
    public const string PagingArgumentInvalid = "PAGING_ARGUMENT_INVALID";

    /// <summary><c>first</c>, <c>last</c> or <c>take</c> asks for more items than the field's maximum page size.</summary>
    public const string PagingMaxPageSizeExceeded = "PAGING_MAX_PAGE_SIZE_EXCEEDED";

    /// <summary>A cursor is malformed, or was issued by another field or for another order.</summary>
    public const string PagingCursorInvalid = "PAGING_CURSOR_INVALID";

    /// <summary>A sorting argument (<c>order</c>) is malformed: an element sets no field, or sets one to an unusable value.</summary>
    public const string SortInvalid = "SORT_INVALID";

    /// <summary>
    /// A global ID (<c>node(id:)</c>, <c>nodes(ids:)</c>, an <c>[ID]</c> argument or input field) is malformed, names a type
    /// that is not a node type of the schema, belongs to another type than the argument expects, or has a key of the wrong kind.
    /// </summary>
    public const string InvalidNodeId = "INVALID_NODE_ID";

    /// <summary><c>nodes(ids:)</c> was given more IDs than the server fetches at once (50 unless configured).</summary>
    public const string NodeLimitExceeded = "NODE_LIMIT_EXCEEDED";

    /// <summary>A field protected by <c>@authorize</c> was asked for by a request without an authenticated user.</summary>
    public const string AuthNotAuthenticated = "AUTH_NOT_AUTHENTICATED";

    /// <summary>A field protected by <c>@authorize</c> was asked for by a user who lacks the role or fails the policy.</summary>
    public const string AuthNotAuthorized = "AUTH_NOT_AUTHORIZED";

    /// <summary>An <c>@authorize</c> directive names a policy the server does not define (a server configuration error).</summary>
    public const string AuthPolicyNotFound = "AUTH_POLICY_NOT_FOUND";

    /// <summary>An <c>@authorize</c> directive names no policy and the server has no default policy (a server configuration error).</summary>
    public const string AuthNoDefaultPolicy = "AUTH_NO_DEFAULT_POLICY";
}
