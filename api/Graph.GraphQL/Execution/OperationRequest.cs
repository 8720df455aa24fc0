using Graph.GraphQL.Language;

namespace Graph.GraphQL.Execution;

/// <summary>
/// A GraphQL request: the document (source text or a parsed document), the operation name, the variable values as plain
/// CLR trees (null, bool, string, int/long/decimal/double, <c>IReadOnlyList&lt;object?&gt;</c>,
/// <c>IReadOnlyDictionary&lt;string, object?&gt;</c>), extensions, request services, request state and the initial value.
/// Build one with <see cref="OperationRequestBuilder"/> or <see cref="FromSourceText"/>.
/// </summary>
public sealed class OperationRequest
{
    internal OperationRequest(
        string? documentText,
        DocumentNode? document,
        string? documentId,
        string? documentHash,
        string? operationName,
        IReadOnlyDictionary<string, object?>? variableValues,
        IReadOnlyDictionary<string, object?>? extensions,
        IReadOnlyDictionary<string, object?>? contextData,
        IServiceProvider? services,
        object? initialValue,
        bool? allowIntrospection,
        IReadOnlyList<OperationType>? allowedOperationTypes,
        bool isResultWriteOnly)
    {
        DocumentText = documentText;
        Document = document;
        DocumentId = documentId;
        DocumentHash = documentHash;
        OperationName = operationName;
        VariableValues = variableValues;
        Extensions = extensions;
        ContextData = contextData;
        Services = services;
        InitialValue = initialValue;
        AllowIntrospection = allowIntrospection;
        AllowedOperationTypes = allowedOperationTypes;
        IsResultWriteOnly = isResultWriteOnly;
    }

    /// <summary>The GraphQL source text, or null when a parsed <see cref="Document"/> (or only an id) is given.</summary>
    public string? DocumentText { get; }

    /// <summary>The parsed document, or null when the executor is to parse <see cref="DocumentText"/>.</summary>
    public DocumentNode? Document { get; }

    /// <summary>The id of a stored (persisted) document, if any.</summary>
    public string? DocumentId { get; }

    /// <summary>The hash of the document the client computed, if any.</summary>
    public string? DocumentHash { get; }

    /// <summary>The name of the operation to execute; needed when the document has several.</summary>
    public string? OperationName { get; }

    /// <summary>The raw variable values, or null.</summary>
    public IReadOnlyDictionary<string, object?>? VariableValues { get; }

    /// <summary>The request's <c>extensions</c>, or null.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; }

    /// <summary>Initial entries of the request state resolvers see as <c>ContextData</c>.</summary>
    public IReadOnlyDictionary<string, object?>? ContextData { get; }

    /// <summary>The request services; when null the executor creates a scope of its application services.</summary>
    public IServiceProvider? Services { get; }

    /// <summary>The value the root fields see as their parent.</summary>
    public object? InitialValue { get; }

    /// <summary>Overrides the executor's introspection setting for this request, when set.</summary>
    public bool? AllowIntrospection { get; }

    /// <summary>
    /// The operation types the request may execute, or null for all. The transport sets it when it knows less than the
    /// engine: a GET naming a stored document may run queries only, though only the engine reads the document.
    /// Another type gives a request error with the code <c>OPERATION_NOT_ALLOWED</c>.
    /// </summary>
    public IReadOnlyList<OperationType>? AllowedOperationTypes { get; }

    /// <summary>
    /// Whether the caller only writes the result as JSON (<see cref="OperationResult.WriteTo(System.Buffers.IBufferWriter{byte}, bool)"/>)
    /// and never reads <see cref="OperationResult.Data"/>, as a transport does: the executor may then complete the parts
    /// of the result that run synchronously straight into JSON, which <see cref="OperationResult.Data"/> holds as opaque
    /// values. Errors, paths and null propagation are the same either way.
    /// </summary>
    public bool IsResultWriteOnly { get; }

    /// <summary>A request for <paramref name="sourceText"/> with nothing else.</summary>
    public static OperationRequest FromSourceText(string sourceText) => OperationRequestBuilder.New().SetDocument(sourceText).Build();
}

/// <summary>Builds an <see cref="OperationRequest"/>: <c>OperationRequestBuilder.New().SetDocument("{ a }").SetVariableValues(...).Build()</c>.</summary>
public sealed class OperationRequestBuilder
{
    private string? _documentText;
    private DocumentNode? _document;
    private string? _documentId;
    private string? _documentHash;
    private string? _operationName;
    private IReadOnlyDictionary<string, object?>? _variableValues;
    private IReadOnlyDictionary<string, object?>? _extensions;
    private Dictionary<string, object?>? _contextData;
    private IServiceProvider? _services;
    private object? _initialValue;
    private bool? _allowIntrospection;
    private IReadOnlyList<OperationType>? _allowedOperationTypes;
    private bool _isResultWriteOnly;

    private OperationRequestBuilder()
    {
    }

    /// <summary>A new, empty builder.</summary>
    public static OperationRequestBuilder New() => new();

    /// <summary>Sets the source text (and clears a parsed document).</summary>
    public OperationRequestBuilder SetDocument(string sourceText)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceText);
        _documentText = sourceText;
        _document = null;
        return this;
    }

    /// <summary>Sets a parsed document (and clears the source text).</summary>
    public OperationRequestBuilder SetDocument(DocumentNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        _document = document;
        _documentText = null;
        return this;
    }

    /// <summary>Sets the id of a stored document.</summary>
    public OperationRequestBuilder SetDocumentId(string? documentId)
    {
        _documentId = documentId;
        return this;
    }

    /// <summary>Sets the client's hash of the document.</summary>
    public OperationRequestBuilder SetDocumentHash(string? documentHash)
    {
        _documentHash = documentHash;
        return this;
    }

    /// <summary>Sets the name of the operation to execute.</summary>
    public OperationRequestBuilder SetOperationName(string? operationName)
    {
        _operationName = operationName;
        return this;
    }

    /// <summary>Sets the raw variable values (plain CLR trees).</summary>
    public OperationRequestBuilder SetVariableValues(IReadOnlyDictionary<string, object?>? variableValues)
    {
        _variableValues = variableValues;
        return this;
    }

    /// <summary>Sets the request's <c>extensions</c>.</summary>
    public OperationRequestBuilder SetExtensions(IReadOnlyDictionary<string, object?>? extensions)
    {
        _extensions = extensions;
        return this;
    }

    /// <summary>Adds or replaces an entry of the request state.</summary>
    public OperationRequestBuilder SetGlobalState(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        (_contextData ??= new Dictionary<string, object?>(StringComparer.Ordinal))[key] = value;
        return this;
    }

    /// <summary>Adds an entry of the request state unless one with this key is set already; true when it added it.</summary>
    public bool TryAddGlobalState(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        return (_contextData ??= new Dictionary<string, object?>(StringComparer.Ordinal)).TryAdd(key, value);
    }

    /// <summary>Whether the request state has an entry <paramref name="key"/>, and its value.</summary>
    public bool TryGetGlobalState(string key, out object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        value = null;
        return _contextData is not null && _contextData.TryGetValue(key, out value);
    }

    /// <summary>Sets the request services (for example the HTTP request's scope).</summary>
    public OperationRequestBuilder SetServices(IServiceProvider? services)
    {
        _services = services;
        return this;
    }

    /// <summary>Sets the initial (root) value.</summary>
    public OperationRequestBuilder SetInitialValue(object? initialValue)
    {
        _initialValue = initialValue;
        return this;
    }

    /// <summary>Allows introspection for this request even when the executor disables it.</summary>
    public OperationRequestBuilder AllowIntrospection(bool allow = true)
    {
        _allowIntrospection = allow;
        return this;
    }

    /// <summary>Restricts the operation types the request may execute (null allows all).</summary>
    public OperationRequestBuilder SetAllowedOperationTypes(params OperationType[]? allowedOperationTypes)
    {
        _allowedOperationTypes = allowedOperationTypes;
        return this;
    }

    /// <summary>Declares that the result will only be written as JSON, never read (see <see cref="OperationRequest.IsResultWriteOnly"/>).</summary>
    public OperationRequestBuilder SetResultWriteOnly(bool writeOnly = true)
    {
        _isResultWriteOnly = writeOnly;
        return this;
    }

    /// <summary>Builds the request.</summary>
    /// <exception cref="InvalidOperationException">Neither a document nor a document id was set.</exception>
    public OperationRequest Build()
    {
        // Without a document nor an id, extensions.persistedQuery may name the document (or be malformed, which the
        // executor reports as PERSISTED_QUERY_INVALID).
        if (_documentText is null && _document is null && _documentId is null
            && Persistence.AutomaticPersistedQuery.ReadHash(_extensions, out var invalid) is null && invalid is null)
        {
            throw new InvalidOperationException("A request needs a document (source text or parsed) or a document id.");
        }
        return new OperationRequest(_documentText, _document, _documentId, _documentHash, _operationName, _variableValues, _extensions,
            _contextData, _services, _initialValue, _allowIntrospection, _allowedOperationTypes, _isResultWriteOnly);
    }
}
