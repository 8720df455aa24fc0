using System.Globalization;
using System.Security.Cryptography;
using Graph.Api.Common;
using Graph.Api.Data;

namespace Graph.Api.Payments.Providers;

/// <summary>What the simulated customer does, chosen by the last two digits of the wallet number.</summary>
public enum SimulatedOutcome
{
    /// <summary>Any other ending: the customer confirms; the provider calls back SUCCESSFUL.</summary>
    Success,

    /// <summary>Ends in 01: the wallet does not hold the amount; FAILED (INSUFFICIENT_FUNDS), called back.</summary>
    InsufficientFunds,

    /// <summary>Ends in 02: the customer declines; FAILED (REJECTED), called back.</summary>
    Rejected,

    /// <summary>Ends in 03: the customer never answers; EXPIRED once the provider gives up, called back.</summary>
    NeverAnswers,

    /// <summary>Ends in 04: the customer confirms but the provider never calls back; only asking it (reconciliation) tells.</summary>
    SilentSuccess,

    /// <summary>Ends in 05: the number has no wallet; FAILED (INVALID_ACCOUNT) at once, when initiating.</summary>
    InvalidAccount,

    /// <summary>Ends in 06: the provider does not answer the initiation (a timeout) and never heard of the transaction.</summary>
    Unreachable,
}

/// <summary>
/// A deterministic stand-in for one provider, the default in Development and tests. It keeps no state: where a transaction
/// stands follows from the wallet number (<see cref="OutcomeOf"/>) and the time since the payment was created (the customer
/// answers after <see cref="PaymentsOptions.ProviderOptions.CustomerDelay"/>; a customer who never answers makes the
/// transaction expire after three times that delay), so restarts and several instances agree. Each provider's flavour is
/// kept: Orange Money and Moov ask for a PIN by USSD, MTN MoMo pushes a prompt under our reference, Wave opens a checkout
/// link. Callbacks follow the platform's contract (<see cref="GatewayCallbacks"/>), signed with the provider's first secret;
/// when <see cref="PaymentsOptions.ProviderOptions.SendCallbacks"/> is on and a <paramref name="callbacks"/> sender is given,
/// the simulator calls the platform back itself once the customer has answered, as the provider would.
/// </summary>
public sealed class PaymentSimulator(
    PaymentMethod method,
    PaymentsOptions.ProviderOptions options,
    TimeProvider clock,
    SimulatorCallbackSender? callbacks = null) : IPaymentProvider
{

    /// <inheritdoc />
    public PaymentMethod Method { get; } = method == PaymentMethod.Cash
        ? throw new ArgumentException("Cash has no provider.", nameof(method))
        : method;

    /// <summary>What the customer behind <paramref name="walletNumber"/> does.</summary>
    public static SimulatedOutcome OutcomeOf(string walletNumber) => walletNumber.Length < 2 ? SimulatedOutcome.Success : walletNumber[^2..] switch
    {
        "01" => SimulatedOutcome.InsufficientFunds,
        "02" => SimulatedOutcome.Rejected,
        "03" => SimulatedOutcome.NeverAnswers,
        "04" => SimulatedOutcome.SilentSuccess,
        "05" => SimulatedOutcome.InvalidAccount,
        "06" => SimulatedOutcome.Unreachable,
        _ => SimulatedOutcome.Success,
    };

    /// <summary>The provider's reference for the payment: MTN MoMo uses ours (its X-Reference-Id), the others their own.</summary>
    public string ReferenceOf(Guid paymentId)
    {
        if (Method == PaymentMethod.MtnMomo)
        {
            return paymentId.ToString("D");
        }
        var digits = BitConverter.ToUInt64(SHA256.HashData(paymentId.ToByteArray()), 0) % 10_000_000_000UL;
        var prefix = Method switch
        {
            PaymentMethod.OrangeMoney => "MP",
            PaymentMethod.MoovMoney => "MV",
            PaymentMethod.Wave => "T_",
            PaymentMethod.FreeMoney => "FM",
            _ => "XX",
        };
        return prefix + digits.ToString("D10", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public Task<ProviderUpdate> InitiateAsync(ProviderPaymentRequest request, CancellationToken cancellationToken)
    {
        switch (OutcomeOf(request.WalletNumber))
        {
            case SimulatedOutcome.Unreachable:
                throw new TimeoutException($"{EnumNames<PaymentMethod>.ToName(Method)} did not answer (simulated).");
            case SimulatedOutcome.InvalidAccount:
                return Task.FromResult(new ProviderUpdate(ProviderState.Failed, ReferenceOf(request.PaymentId), PaymentFailureReason.InvalidAccount,
                    $"{request.WalletNumber} has no {EnumNames<PaymentMethod>.ToName(Method)} wallet."));
            default:
                if (options.SendCallbacks && callbacks is not null)
                {
                    callbacks.Schedule(this, request);
                }
                return Task.FromResult(new ProviderUpdate(ProviderState.Pending, ReferenceOf(request.PaymentId), CustomerAction: ActionFor(request)));
        }
    }

    /// <inheritdoc />
    public Task<ProviderUpdate> CheckStatusAsync(ProviderPaymentRequest request, string? providerReference, CancellationToken cancellationToken) =>
        Task.FromResult(StateAt(request, clock.GetUtcNow().UtcDateTime));

    /// <summary>Where the transaction stands at <paramref name="at"/>.</summary>
    public ProviderUpdate StateAt(ProviderPaymentRequest request, DateTime at)
    {
        var reference = ReferenceOf(request.PaymentId);
        var outcome = OutcomeOf(request.WalletNumber);
        var elapsed = at - request.CreatedAt;
        return outcome switch
        {
            SimulatedOutcome.Unreachable => new ProviderUpdate(ProviderState.Unknown, Message: "No transaction under this reference."),
            SimulatedOutcome.InvalidAccount => new ProviderUpdate(ProviderState.Failed, reference, PaymentFailureReason.InvalidAccount, "Unknown wallet."),
            SimulatedOutcome.NeverAnswers when elapsed >= 3 * options.CustomerDelay => new ProviderUpdate(ProviderState.Expired, reference, Message: "The customer did not confirm in time."),
            _ when elapsed < options.CustomerDelay => new ProviderUpdate(ProviderState.Pending, reference),
            SimulatedOutcome.InsufficientFunds => new ProviderUpdate(ProviderState.Failed, reference, PaymentFailureReason.InsufficientFunds, "Insufficient balance."),
            SimulatedOutcome.Rejected => new ProviderUpdate(ProviderState.Failed, reference, PaymentFailureReason.Rejected, "The customer declined."),
            SimulatedOutcome.NeverAnswers => new ProviderUpdate(ProviderState.Pending, reference),
            _ => new ProviderUpdate(ProviderState.Succeeded, reference, Amount: request.Amount),
        };
    }

    /// <summary>The final state the simulated customer leads to, and whether the provider calls back to tell it.</summary>
    public (ProviderUpdate Final, bool CallsBack) FinalState(ProviderPaymentRequest request)
    {
        var outcome = OutcomeOf(request.WalletNumber);
        var final = StateAt(request, request.CreatedAt + 3 * options.CustomerDelay);
        return (final, outcome is not (SimulatedOutcome.SilentSuccess or SimulatedOutcome.Unreachable or SimulatedOutcome.InvalidAccount));
    }

    /// <summary>When the transaction reaches its final state: when the customer answers, or when it expires for a customer
    /// who never answers.</summary>
    public DateTime FinalAt(ProviderPaymentRequest request) =>
        request.CreatedAt + (OutcomeOf(request.WalletNumber) == SimulatedOutcome.NeverAnswers ? 3 : 1) * options.CustomerDelay;

    /// <inheritdoc />
    public Task<ProviderUpdate> RefundAsync(ProviderPaymentRequest original, string providerReference, Guid refundId, CancellationToken cancellationToken) =>
        Task.FromResult(new ProviderUpdate(ProviderState.Succeeded, "R" + ReferenceOf(refundId), Amount: original.Amount));

    /// <summary>The callback the provider sends for <paramref name="update"/>: its raw body and headers, signed at
    /// <paramref name="signedAt"/> with <paramref name="secrets"/> (the provider's first callback secret by default).</summary>
    public (byte[] Body, Dictionary<string, string> Headers) CreateCallback(
        ProviderPaymentRequest request, ProviderUpdate update, string eventId, DateTimeOffset signedAt, params string[] secrets)
    {
        var body = GatewayCallbacks.Serialize(request.PaymentId, update.ProviderReference ?? ReferenceOf(request.PaymentId), eventId, update,
            update.Amount ?? request.Amount, signedAt);
        var signature = CallbackSignature.Sign(body, signedAt, secrets.Length > 0 ? secrets : [options.CallbackSecrets.FirstOrDefault() ?? throw new InvalidOperationException("The simulator has no callback secret.")]);
        return (body, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "application/json",
            [CallbackSignature.Header] = signature,
        });
    }

    /// <inheritdoc />
    public CallbackVerification VerifyCallback(ProviderCallbackRequest request) => GatewayCallbacks.Verify(request, options);

    private string ActionFor(ProviderPaymentRequest request) => Method switch
    {
        PaymentMethod.OrangeMoney => "Dial #144# and confirm the payment with your Orange Money code.",
        PaymentMethod.MtnMomo => "Approve the payment prompt on your phone with your MoMo PIN.",
        PaymentMethod.MoovMoney => "Confirm the payment with your Moov Money PIN.",
        PaymentMethod.Wave => $"https://pay.wave.com/c/cos-{ReferenceOf(request.PaymentId)[2..]}",
        PaymentMethod.FreeMoney => "Confirm the payment with your Free Money PIN.",
        _ => "",
    };
}
