using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Graph.Api.Notifications;

/// <summary>One text of a template in one language: a title (the email's subject, the push's headline) and a body.</summary>
public sealed record TemplateText(string Title, string Body);

/// <summary>
/// What a notification says, per language, with <c>{name}</c> placeholders for its parameters. Parameters listed in
/// <see cref="Secrets"/> are kept apart in the outbox and erased once sent; a parameter with <see cref="Labels"/> is a code
/// (a role, a status) written in the reader's language.
/// </summary>
public sealed partial class NotificationTemplate
{
    public NotificationTemplate(
        string key,
        NotificationCategory category,
        NotificationPriority priority,
        IReadOnlyDictionary<string, TemplateText> texts,
        IReadOnlyCollection<string>? secrets = null,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>>? labels = null)
    {
        if (!texts.ContainsKey(NotificationTemplates.FallbackLanguage))
        {
            throw new ArgumentException($"Template '{key}' has no text in '{NotificationTemplates.FallbackLanguage}', the language every other falls back to.", nameof(texts));
        }
        Key = key;
        Category = category;
        Priority = priority;
        Texts = texts.ToFrozenDictionary(StringComparer.Ordinal);
        Secrets = (secrets ?? []).ToFrozenSet(StringComparer.Ordinal);
        Labels = (labels ?? new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>>()).ToFrozenDictionary(StringComparer.Ordinal);
        Parameters = texts.Values
            .SelectMany(t => Placeholder().Matches(t.Title).Concat(Placeholder().Matches(t.Body)))
            .Select(m => m.Groups[1].Value)
            .ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The stable key, e.g. <c>account.password-reset</c>.</summary>
    public string Key { get; }

    public NotificationCategory Category { get; }

    /// <summary>The priority of its messages unless the sender says otherwise.</summary>
    public NotificationPriority Priority { get; }

    /// <summary>The texts by language code.</summary>
    public IReadOnlyDictionary<string, TemplateText> Texts { get; }

    /// <summary>The parameters that must not be stored where people can read them.</summary>
    public IReadOnlySet<string> Secrets { get; }

    /// <summary>For a parameter holding a code: the code's words per language (parameter, code, language, words).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> Labels { get; }

    /// <summary>Every placeholder of every text: the parameters a notification of this template must give.</summary>
    public IReadOnlySet<string> Parameters { get; }

    /// <summary>The language the text is written in for a reader of <paramref name="language"/>: it, else French, the platform's first language.</summary>
    public string LanguageFor(string language) => Texts.ContainsKey(language) ? language : NotificationTemplates.FallbackLanguage;

    /// <summary>The text in <paramref name="language"/> (see <see cref="LanguageFor"/>) with the placeholders filled in.</summary>
    /// <exception cref="ArgumentException">A placeholder has no value.</exception>
    public TemplateText Render(string language, IReadOnlyDictionary<string, string> values)
    {
        var used = LanguageFor(language);
        var text = Texts[used];
        return new TemplateText(Fill(text.Title, used, values), Fill(text.Body, used, values));
    }

    /// <summary>The parameters the template needs that <paramref name="values"/> lacks, in order.</summary>
    public IReadOnlyList<string> MissingParameters(IReadOnlyDictionary<string, string> values) =>
        [.. Parameters.Where(p => !values.ContainsKey(p)).Order(StringComparer.Ordinal)];

    /// <exception cref="ArgumentException">A placeholder of the template has no value in <paramref name="values"/>.</exception>
    public void CheckParameters(IReadOnlyDictionary<string, string> values)
    {
        var missing = MissingParameters(values);
        if (missing.Count > 0)
        {
            throw new ArgumentException($"Template '{Key}' needs the parameter(s) {string.Join(", ", missing)}.", nameof(values));
        }
    }

    private string Fill(string text, string language, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(text, m =>
        {
            var name = m.Groups[1].Value;
            if (!values.TryGetValue(name, out var value))
            {
                throw new ArgumentException($"Template '{Key}' needs the parameter '{name}'.", nameof(values));
            }
            return Labels.TryGetValue(name, out var codes) && codes.TryGetValue(value, out var words)
                ? words.GetValueOrDefault(language) ?? words.GetValueOrDefault(NotificationTemplates.FallbackLanguage) ?? value
                : value;
        });

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex Placeholder();
}

/// <summary>
/// Every template the platform sends, in French (the platform's first language, and the fallback), English and Arabic.
/// Wolof readers get French until a Wolof text is written and checked by a speaker; the outbox records the language
/// actually used.
/// </summary>
public static class NotificationTemplates
{
    /// <summary>The language a template must have, and the one a missing translation falls back to.</summary>
    public const string FallbackLanguage = "fr";

    public const string PasswordReset = "account.password-reset";
    public const string PasswordChanged = "account.password-changed";
    public const string TontineMemberAdded = "tontine.member-added";
    public const string TontineRoleChanged = "tontine.role-changed";
    public const string TontineContributionDue = "tontine.contribution-due";
    public const string TontineContributionLate = "tontine.contribution-late";
    public const string TontineInvitation = "tontine.invitation";
    public const string TontineStarted = "tontine.started";
    public const string PaymentSucceeded = "payment.succeeded";
    public const string PaymentFailed = "payment.failed";
    public const string PaymentExpired = "payment.expired";
    public const string PaymentRefunded = "payment.refunded";
    public const string InvoiceIssued = "billing.invoice_issued";
    public const string CreditNoteIssued = "billing.credit_note_issued";

    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> TontineRoleWords =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["MEMBER"] = Words("membre", "member", "عضو"),
            ["PRESIDENT"] = Words("président(e)", "president", "رئيس"),
            ["TREASURER"] = Words("trésorier(ère)", "treasurer", "أمين الصندوق"),
        };

    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> FailureWords =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["INSUFFICIENT_FUNDS"] = Words("solde insuffisant", "insufficient balance", "رصيد غير كافٍ"),
            ["REJECTED"] = Words("paiement refusé", "payment declined", "تم رفض الدفع"),
            ["INVALID_ACCOUNT"] = Words("compte mobile money inconnu", "unknown mobile money account", "حساب الأموال المتنقلة غير معروف"),
            ["LIMIT_EXCEEDED"] = Words("plafond dépassé", "limit exceeded", "تم تجاوز الحد"),
            ["PROVIDER_ERROR"] = Words("erreur de l'opérateur", "the provider failed", "خطأ لدى المشغّل"),
            ["CASH_REJECTED"] = Words("paiement en espèces refusé par le vérificateur", "cash payment refused by the checker", "رفض المدقق الدفعة النقدية"),
        };

    private static readonly FrozenDictionary<string, NotificationTemplate> All = new NotificationTemplate[]
    {
        new(PasswordReset, NotificationCategory.Account, NotificationPriority.Urgent, Texts(
            fr: new("Réinitialisation du mot de passe", "Votre code pour choisir un nouveau mot de passe : {code}. Il expire dans {minutes} minutes. Si vous n'avez rien demandé, ignorez ce message."),
            en: new("Password reset", "Your code to choose a new password: {code}. It expires in {minutes} minutes. If you did not ask for it, ignore this message."),
            ar: new("إعادة تعيين كلمة المرور", "رمزك لاختيار كلمة مرور جديدة: {code}. تنتهي صلاحيته بعد {minutes} دقيقة. إذا لم تطلبه فتجاهل هذه الرسالة.")),
            secrets: ["code"]),
        new(PasswordChanged, NotificationCategory.Account, NotificationPriority.High, Texts(
            fr: new("Mot de passe modifié", "Le mot de passe de votre compte vient d'être changé et vos autres sessions ont été fermées. Si ce n'était pas vous, contactez le support sans attendre."),
            en: new("Password changed", "Your account's password was just changed and your other sessions were ended. If this was not you, contact support right away."),
            ar: new("تم تغيير كلمة المرور", "تم تغيير كلمة مرور حسابك للتو وأُغلقت جلساتك الأخرى. إن لم تكن أنت، فاتصل بالدعم فورًا."))),
        new(TontineMemberAdded, NotificationCategory.Tontines, NotificationPriority.Normal, Texts(
            fr: new("Nouvelle tontine", "Vous faites maintenant partie de la tontine « {tontine} », comme {role}."),
            en: new("New tontine", "You are now a member of the tontine \"{tontine}\", as {role}."),
            ar: new("جمعية ادخار جديدة", "أنت الآن عضو في جمعية الادخار «{tontine}» بصفة {role}.")),
            labels: new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> { ["role"] = TontineRoleWords }),
        new(TontineRoleChanged, NotificationCategory.Tontines, NotificationPriority.Normal, Texts(
            fr: new("Votre rôle a changé", "Dans la tontine « {tontine} », vous êtes maintenant {role}."),
            en: new("Your role changed", "In the tontine \"{tontine}\", you are now {role}."),
            ar: new("تغيّر دورك", "في جمعية الادخار «{tontine}» أصبحت الآن {role}.")),
            labels: new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> { ["role"] = TontineRoleWords }),
        new(TontineContributionDue, NotificationCategory.Tontines, NotificationPriority.Normal, Texts(
            fr: new("Cotisation à payer", "Votre cotisation de {amount} à la tontine « {tontine} » (séance n° {session}) est due le {date}."),
            en: new("Contribution due", "Your contribution of {amount} to the tontine \"{tontine}\" (session {session}) is due on {date}."),
            ar: new("مساهمة مستحقة", "مساهمتك بمبلغ {amount} في جمعية الادخار «{tontine}» (الجلسة رقم {session}) مستحقة في {date}."))),
        new(TontineContributionLate, NotificationCategory.Tontines, NotificationPriority.High, Texts(
            fr: new("Cotisation en retard", "Votre cotisation à la tontine « {tontine} » (séance n° {session}) était due le {date}. À payer aujourd'hui : {amount}, pénalité de retard comprise."),
            en: new("Contribution late", "Your contribution to the tontine \"{tontine}\" (session {session}) was due on {date}. To pay today: {amount}, late fine included."),
            ar: new("مساهمة متأخرة", "كانت مساهمتك في جمعية الادخار «{tontine}» (الجلسة رقم {session}) مستحقة في {date}. المبلغ المطلوب اليوم: {amount}، شاملًا غرامة التأخير."))),
        new(TontineInvitation, NotificationCategory.Tontines, NotificationPriority.Normal, Texts(
            fr: new("Invitation à une tontine", "{inviter} vous invite à rejoindre la tontine « {tontine} » comme {role}. Répondez depuis vos invitations."),
            en: new("Tontine invitation", "{inviter} invites you to join the tontine \"{tontine}\" as {role}. Answer from your invitations."),
            ar: new("دعوة إلى جمعية ادخار", "يدعوك {inviter} للانضمام إلى جمعية الادخار «{tontine}» بصفة {role}. أجب من قائمة دعواتك.")),
            labels: new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> { ["role"] = TontineRoleWords }),
        new(TontineStarted, NotificationCategory.Tontines, NotificationPriority.High, Texts(
            fr: new("La tontine commence", "La tontine « {tontine} » a démarré : {sessions} séances, la première cotisation de {amount} est due le {date}."),
            en: new("The tontine has started", "The tontine \"{tontine}\" has started: {sessions} sessions, the first contribution of {amount} is due on {date}."),
            ar: new("بدأت جمعية الادخار", "بدأت جمعية الادخار «{tontine}»: {sessions} جلسات، والمساهمة الأولى بمبلغ {amount} مستحقة في {date}."))),
        new(PaymentSucceeded, NotificationCategory.Payments, NotificationPriority.High, Texts(
            fr: new("Paiement reçu", "Votre paiement de {amount} ({description}) a réussi. Référence : {reference}."),
            en: new("Payment received", "Your payment of {amount} ({description}) succeeded. Reference: {reference}."),
            ar: new("تم استلام الدفعة", "نجحت دفعتك بمبلغ {amount} ({description}). المرجع: {reference}."))),
        new(PaymentFailed, NotificationCategory.Payments, NotificationPriority.High, Texts(
            fr: new("Paiement échoué", "Votre paiement de {amount} ({description}) a échoué : {reason}. Aucun montant n'a été prélevé."),
            en: new("Payment failed", "Your payment of {amount} ({description}) failed: {reason}. Nothing was taken."),
            ar: new("فشلت الدفعة", "فشلت دفعتك بمبلغ {amount} ({description}): {reason}. لم يُقتطع أي مبلغ.")),
            labels: new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> { ["reason"] = FailureWords }),
        new(PaymentExpired, NotificationCategory.Payments, NotificationPriority.Normal, Texts(
            fr: new("Paiement expiré", "Votre paiement de {amount} ({description}) n'a pas été confirmé à temps. Aucun montant n'a été prélevé ; vous pouvez recommencer."),
            en: new("Payment expired", "Your payment of {amount} ({description}) was not confirmed in time. Nothing was taken; you may try again."),
            ar: new("انتهت صلاحية الدفعة", "لم يتم تأكيد دفعتك بمبلغ {amount} ({description}) في الوقت المحدد. لم يُقتطع أي مبلغ، ويمكنك المحاولة مجددًا."))),
        new(PaymentRefunded, NotificationCategory.Payments, NotificationPriority.High, Texts(
            fr: new("Paiement remboursé", "Votre paiement de {amount} ({description}) vous a été remboursé."),
            en: new("Payment refunded", "Your payment of {amount} ({description}) was refunded to you."),
            ar: new("تم رد الدفعة", "تم رد دفعتك بمبلغ {amount} ({description}) إليك."))),
        new(InvoiceIssued, NotificationCategory.Payments, NotificationPriority.Normal, Texts(
            fr: new("Facture {number}", "Votre facture {number} de {total} (TVA comprise) est disponible dans votre espace."),
            en: new("Invoice {number}", "Your invoice {number} for {total} (VAT included) is available in your account."),
            ar: new("الفاتورة {number}", "فاتورتك {number} بمبلغ {total} (شاملة الضريبة) متاحة في حسابك."))),
        new(CreditNoteIssued, NotificationCategory.Payments, NotificationPriority.Normal, Texts(
            fr: new("Avoir {number}", "L'avoir {number} de {total} annule votre facture {invoice}."),
            en: new("Credit note {number}", "Credit note {number} for {total} cancels your invoice {invoice}."),
            ar: new("إشعار دائن {number}", "الإشعار الدائن {number} بمبلغ {total} يلغي فاتورتك {invoice}."))),
    }.ToFrozenDictionary(t => t.Key, StringComparer.Ordinal);

    /// <summary>Every template, by key.</summary>
    public static IReadOnlyCollection<NotificationTemplate> Templates => All.Values;

    /// <summary>The template with this key.</summary>
    /// <exception cref="ArgumentException">No template has this key.</exception>
    public static NotificationTemplate Get(string key) =>
        Find(key) ?? throw new ArgumentException($"There is no notification template '{key}'.", nameof(key));

    /// <summary>The template with this key, or null (a message written by a version that had it).</summary>
    public static NotificationTemplate? Find(string key) => All.GetValueOrDefault(key);

    private static Dictionary<string, TemplateText> Texts(TemplateText fr, TemplateText en, TemplateText ar) =>
        new(StringComparer.Ordinal) { ["fr"] = fr, ["en"] = en, ["ar"] = ar };

    private static IReadOnlyDictionary<string, string> Words(string fr, string en, string ar) =>
        new Dictionary<string, string>(StringComparer.Ordinal) { ["fr"] = fr, ["en"] = en, ["ar"] = ar };
}
