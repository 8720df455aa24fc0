namespace Graph.Api.Audit;

/// <summary>The values of <see cref="AuditEntry.Action"/>: the three kinds of change, and the security events known so far.</summary>
public static class AuditActions
{
    /// <summary>An entity was added.</summary>
    public const string Created = "CREATED";

    /// <summary>Fields of an entity changed.</summary>
    public const string Updated = "UPDATED";

    /// <summary>An entity was removed.</summary>
    public const string Deleted = "DELETED";

    /// <summary>Someone failed to sign in.</summary>
    public const string LoginFailed = "LOGIN_FAILED";

    /// <summary>A session was ended before it expired.</summary>
    public const string SessionRevoked = "SESSION_REVOKED";

    /// <summary>A member of staff sent a DEAD notification message again.</summary>
    public const string NotificationRetried = "NOTIFICATION_RETRIED";

    /// <summary>A checker validated a cash payment: it counts from now on.</summary>
    public const string CashPaymentValidated = "CASH_PAYMENT_VALIDATED";

    /// <summary>A checker refused a cash payment.</summary>
    public const string CashPaymentRejected = "CASH_PAYMENT_REJECTED";

    /// <summary>A member of staff marked a mismatch between the platform and a provider resolved.</summary>
    public const string PaymentMismatchResolved = "PAYMENT_MISMATCH_RESOLVED";

    /// <summary>A member of staff ran the payment reconciliation by hand.</summary>
    public const string PaymentsReconciled = "PAYMENTS_RECONCILED";

    /// <summary>The longest action name (the column's length).</summary>
    public const int MaxLength = 64;

    /// <summary>Whether <paramref name="action"/> is a well-formed action: 1 to 64 of A-Z, 0-9 and _, starting with a letter.</summary>
    public static bool IsWellFormed(string? action) =>
        action is { Length: > 0 and <= MaxLength } && char.IsAsciiLetterUpper(action[0]) &&
        action.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_');
}
