using Graph.Api.Common;
using Graph.GraphQL.Types;

namespace Graph.Api.Notifications;

/// <summary>What markNotificationsRead did: how many notifications it marked and how many are still unread, or why
/// nothing changed.</summary>
public sealed class MarkNotificationsReadPayload
{
    private MarkNotificationsReadPayload(int markedCount, int unreadCount, IReadOnlyList<Notification>? notifications, IReadOnlyList<IMarkNotificationsReadError>? errors)
    {
        MarkedCount = markedCount;
        UnreadCount = unreadCount;
        Notifications = notifications;
        Errors = errors;
    }

    /// <summary>How many notifications this call marked read (those that were read already are not counted).</summary>
    public int MarkedCount { get; }

    /// <summary>How many of the caller's notifications are unread now (unchanged when there are errors).</summary>
    public int UnreadCount { get; }

    /// <summary>With <c>ids</c>: the caller's notifications among them, all read now, newest first. Null with
    /// <c>all</c> and when there are errors.</summary>
    public IReadOnlyList<Notification>? Notifications { get; }

    /// <summary>Why nothing was marked, or null.</summary>
    public IReadOnlyList<IMarkNotificationsReadError>? Errors { get; }

    public static MarkNotificationsReadPayload Marked(int markedCount, int unreadCount, IReadOnlyList<Notification>? notifications) =>
        new(markedCount, unreadCount, notifications, null);

    public static MarkNotificationsReadPayload Failed(int unreadCount, IMarkNotificationsReadError error) => new(0, unreadCount, null, [error]);
}

/// <summary>What setNotificationPreference did: the preference now in force, or why nothing changed.</summary>
public sealed class SetNotificationPreferencePayload
{
    private SetNotificationPreferencePayload(NotificationPreference? preference, IReadOnlyList<ISetNotificationPreferenceError>? errors)
    {
        Preference = preference;
        Errors = errors;
    }

    /// <summary>The preference saved, or null when there are errors.</summary>
    public NotificationPreference? Preference { get; }

    /// <summary>What is wrong with the input (every problem found), or null when the preference was saved.</summary>
    public IReadOnlyList<ISetNotificationPreferenceError>? Errors { get; }

    public static SetNotificationPreferencePayload Saved(NotificationPreference preference) => new(preference, null);

    public static SetNotificationPreferencePayload Failed(IReadOnlyList<ISetNotificationPreferenceError> errors) => new(null, errors);
}

/// <summary>What resetNotificationPreference did: the category's default preference, now in force. Resetting cannot fail,
/// so there is no errors field.</summary>
public sealed class ResetNotificationPreferencePayload
{
    private ResetNotificationPreferencePayload(NotificationPreference preference) => Preference = preference;

    /// <summary>The platform's default for the category, which the caller follows from now on.</summary>
    public NotificationPreference Preference { get; }

    public static ResetNotificationPreferencePayload Reset(NotificationPreference preference) => new(preference);
}

/// <summary>What registerPushDevice did: the device registered to the caller, or why not.</summary>
public sealed class RegisterPushDevicePayload
{
    private RegisterPushDevicePayload(PushDevice? device, IReadOnlyList<IRegisterPushDeviceError>? errors)
    {
        Device = device;
        Errors = errors;
    }

    /// <summary>The device, now the caller's, or null when there are errors.</summary>
    public PushDevice? Device { get; }

    /// <summary>Why the device was not registered, or null when it was.</summary>
    public IReadOnlyList<IRegisterPushDeviceError>? Errors { get; }

    public static RegisterPushDevicePayload Registered(PushDevice device) => new(device, null);

    public static RegisterPushDevicePayload Failed(IRegisterPushDeviceError error) => new(null, [error]);
}

/// <summary>What unregisterPushDevice did: the device removed, or why nothing was.</summary>
public sealed class UnregisterPushDevicePayload
{
    private UnregisterPushDevicePayload(PushDevice? device, IReadOnlyList<IUnregisterPushDeviceError>? errors)
    {
        Device = device;
        Errors = errors;
    }

    /// <summary>The device that no longer receives the caller's push notifications, or null when there are errors.</summary>
    public PushDevice? Device { get; }

    /// <summary>Why no device was removed, or null when one was.</summary>
    public IReadOnlyList<IUnregisterPushDeviceError>? Errors { get; }

    public static UnregisterPushDevicePayload Unregistered(PushDevice device) => new(device, null);

    public static UnregisterPushDevicePayload Failed(IUnregisterPushDeviceError error) => new(null, [error]);
}

/// <summary>The domain errors of markNotificationsRead.</summary>
[UnionType("MarkNotificationsReadError")]
public interface IMarkNotificationsReadError;

/// <summary>The domain errors of setNotificationPreference.</summary>
[UnionType("SetNotificationPreferenceError")]
public interface ISetNotificationPreferenceError;

/// <summary>The domain errors of registerPushDevice.</summary>
[UnionType("RegisterPushDeviceError")]
public interface IRegisterPushDeviceError;

/// <summary>The domain errors of unregisterPushDevice.</summary>
[UnionType("UnregisterPushDeviceError")]
public interface IUnregisterPushDeviceError;

/// <summary>The input names no notifications the way markNotificationsRead needs: both or neither of <c>ids</c> and
/// <c>all: true</c>, or more IDs than one call takes.</summary>
public sealed class InvalidNotificationInputError(string field, string message) : IError, IMarkNotificationsReadError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "INVALID_NOTIFICATION_INPUT";

    /// <summary>The offending input field: <c>ids</c> or <c>all</c>.</summary>
    public string Field { get; } = field;
}

/// <summary>A field of the preference breaks a rule: a time that is not <c>HH:mm</c>, an unknown time zone, an empty quiet
/// window, a channel listed twice.</summary>
public sealed class InvalidNotificationPreferenceError(string field, string message) : IError, ISetNotificationPreferenceError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "INVALID_NOTIFICATION_PREFERENCE";

    /// <summary>The offending input field, e.g. <c>channels</c> or <c>quietHours.timeZone</c>.</summary>
    public string Field { get; } = field;
}

/// <summary>The push token cannot be one: empty, longer than 512 characters, or with control characters.</summary>
public sealed class InvalidPushTokenError(string message) : IError, IRegisterPushDeviceError, IUnregisterPushDeviceError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "INVALID_PUSH_TOKEN";

    /// <summary>The offending input field: <c>token</c>.</summary>
    public string Field => "token";
}

/// <summary>None of the caller's devices has this token (said the same way when another account's device has it).</summary>
public sealed class PushDeviceNotFoundError : IError, IUnregisterPushDeviceError
{
    /// <inheritdoc />
    public string Message => "None of your devices is registered with this token.";

    /// <inheritdoc />
    public string Code => "PUSH_DEVICE_NOT_FOUND";
}
